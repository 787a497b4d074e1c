"""Checks on the bundled sample corpus (src/sitrep/sample): shape and metadata only."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "sample"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXTS = sorted(SAMPLE_DIR.glob("*.txt"))


def _meta_path(txt: Path) -> Path:
    return txt.with_name(txt.stem + ".meta.json")


def _load_meta(txt: Path) -> dict:
    return json.loads(_meta_path(txt).read_text(encoding="utf-8"))


def test_sample_dir_has_10_to_15_documents():
    assert SAMPLE_DIR.is_dir()
    assert 10 <= len(TEXTS) <= 15, [p.name for p in TEXTS]


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.name)
def test_meta_is_parseable_and_complete(txt):
    assert _meta_path(txt).is_file(), f"missing {_meta_path(txt).name}"
    meta = _load_meta(txt)
    for key in ("id", "title", "published"):
        assert isinstance(meta.get(key), str) and meta[key].strip(), key
    assert DATE_RE.match(meta["published"]), meta["published"]
    # A real calendar date, not just the right shape.
    dt.date.fromisoformat(meta["published"])


def test_ids_are_unique():
    ids = [_load_meta(t)["id"] for t in TEXTS]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.name)
def test_text_is_utf8_and_of_reasonable_length(txt):
    raw = txt.read_bytes()
    text = raw.decode("utf-8")  # raises if not UTF-8 (ASCII is a subset)
    assert text.strip(), "empty document"
    lines = text.splitlines()
    assert lines[0].strip(), "first line must be a headline"
    assert len(lines) > 2 and not lines[1].strip(), "headline must be followed by a blank line"
    words = len(text.split())
    assert 80 <= words <= 600, words


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.name)
def test_title_matches_headline(txt):
    headline = txt.read_text(encoding="utf-8").splitlines()[0].strip()
    assert _load_meta(txt)["title"] == headline


def test_no_orphan_meta_files():
    stems = {t.stem for t in TEXTS}
    for meta in SAMPLE_DIR.glob("*.meta.json"):
        assert meta.name[: -len(".meta.json")] in stems, meta.name
