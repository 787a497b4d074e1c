"""Tests for the ingest stage: normalization, hashing and reading every input format."""

from __future__ import annotations

import io
import json
import os
import random
import sys
from pathlib import Path

import pytest

from sitrep.ingest import Limits, make_document, normalize_text, read_inputs, text_hash
from sitrep.model import Document, IngestError

ARTICLE = (
    "The ministry said on Tuesday that 300 soldiers would deploy to the eastern border "
    "as part of Operation Northern Shield. The deployment follows a meeting of defence "
    "ministers in Brussels last week, where allies pledged further air defence systems."
)


def read(*paths: object, **kwargs: object) -> tuple[list[Document], list[IngestError]]:
    results = list(read_inputs([str(p) for p in paths], **kwargs))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert len(docs) + len(errors) == len(results)
    for error in errors:
        assert "\n" not in error.reason and "Traceback" not in error.reason
    return docs, errors


def only_doc(*paths: object, **kwargs: object) -> Document:
    docs, errors = read(*paths, **kwargs)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


def only_error(*paths: object, **kwargs: object) -> IngestError:
    docs, errors = read(*paths, **kwargs)
    assert docs == []
    assert len(errors) == 1
    return errors[0]


# ---------------------------------------------------------------- normalization


def test_normalize_text() -> None:
    raw = "\ufeffCafe\u0301 \x00x\x07  \r\nline two\t \rthree\n\n\n\n\n\nend  \n"
    assert normalize_text(raw) == "Café x\nline two\nthree\n\n\nend"


def test_same_text_same_hash_and_crlf_equals_lf() -> None:
    assert text_hash(ARTICLE) == text_hash(ARTICLE)
    assert text_hash("one\r\ntwo\r\n") == text_hash("one\ntwo\n")
    assert text_hash("one\ntwo") != text_hash("one two")
    assert len(text_hash(ARTICLE)) == 64


def test_make_document_defaults_and_dates() -> None:
    doc = make_document("  Some text.\r\n", title="  A   title ")
    assert doc.id == doc.hash == text_hash("Some text.")
    assert doc.text == "Some text."
    assert doc.title == "A title"
    assert make_document("x", published="2024-03-05").published == "2024-03-05"
    assert make_document("x", published="2024-03-05T23:10:00+02:00").published == "2024-03-05"
    assert make_document("x", published="2024-03-05 10:00Z").published == "2024-03-05"
    for bad in ("yesterday", "2024-13-45", "05/03/2024", ""):
        assert make_document("x", published=bad).published is None


def test_limits_from_env() -> None:
    assert Limits.from_env({}) == Limits()
    limits = Limits.from_env({"SITREP_MAX_BYTES": "60_000_000", "SITREP_MAX_CHARS": "5"})
    assert limits == Limits(max_bytes=60_000_000, max_chars=5)
    with pytest.raises(ValueError, match="SITREP_MAX_BYTES"):
        Limits.from_env({"SITREP_MAX_BYTES": "lots"})


# ---------------------------------------------------------------- text files


def test_txt_with_meta_json(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    meta = {
        "id": "dn-42",
        "url": "https://example.com/a",
        "title": "Troops deploy",
        "published": "2024-03-05T08:00:00Z",
        "publisher": "Defense News",
    }
    (tmp_path / "report.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    doc = only_doc(path)
    assert doc.text == ARTICLE
    assert (doc.id, doc.url, doc.title, doc.publisher) == (
        "dn-42",
        "https://example.com/a",
        "Troops deploy",
        "Defense News",
    )
    assert doc.published == "2024-03-05"
    assert doc.source == str(path)
    assert doc.hash == text_hash(ARTICLE)


def test_txt_without_meta_uses_stem_and_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    doc = only_doc(path)
    assert doc.id == "brief"
    assert doc.text == ARTICLE
    assert doc.title is None and doc.published is None


def test_crlf_and_lf_files_same_hash(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"line one\r\nline two\r\n")
    (tmp_path / "b.txt").write_bytes(b"line one\nline two\n")
    a, b = read(tmp_path / "a.txt", tmp_path / "b.txt")[0]
    assert a.hash == b.hash
    assert a.id == "a" and b.id == "b"


def test_latin1_file_decodes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café du ministère à Paris.".encode("latin-1"))
    assert only_doc(path).text == "Le café du ministère à Paris."


def test_cp1252_quotes_decode(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes("He said \u201cno\u201d \u2013 twice.".encode("cp1252"))
    assert only_doc(path).text == "He said \u201cno\u201d \u2013 twice."


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\r\n ")
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "empty.html").write_bytes(b"")
    docs, errors = read(*(tmp_path / n for n in ("empty.txt", "blank.txt", "empty.jsonl")))
    assert docs == []
    assert [e.reason for e in errors] == ["empty document"] * 3
    assert only_error(tmp_path / "empty.html").reason == "empty document"


def test_binary_file(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    for name in ("blob.txt", "blob.html", "blob.jsonl", "blob.csv"):
        (tmp_path / name).write_bytes(data)
        error = only_error(tmp_path / name)
        assert error.reason == "binary content, not text"
        assert error.source == str(tmp_path / name)


def test_control_heavy_file_without_nul_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 65]) * 100)
    assert only_error(path).reason == "binary content, not text"


def test_large_file_rejected_by_default_and_read_with_raised_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    sentence = b"The brigade moved north along the river at dawn.\n"
    path.write_bytes(sentence * (50_000_000 // len(sentence) + 1))
    size = path.stat().st_size
    assert size > 50_000_000
    error = only_error(path)
    assert error.reason == f"too large: {size} bytes > limit 20000000"
    limits = Limits(max_bytes=60_000_000, max_chars=60_000_000)
    doc = only_doc(path, limits=limits)
    assert doc.text.startswith("The brigade moved north") and len(doc.text) == size - 1
    too_long = only_error(path, limits=Limits(max_bytes=60_000_000))
    assert too_long.reason.startswith("too long: ")


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nope.txt").reason == "no such file or directory"
    (tmp_path / "data.bin").write_bytes(b"hello")
    error = only_error(tmp_path / "data.bin")
    assert (error.source, error.reason) == (str(tmp_path / "data.bin"), "unsupported file type")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        assert only_error(path).reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_directory_with_broken_symlink_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "zz.txt").write_text("Last file.")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "does-not-exist.txt")
    docs, errors = read(tmp_path)
    assert [d.id for d in docs] == ["good", "zz"]
    assert [(e.source, e.reason) for e in errors] == [
        (str(tmp_path / "dangling.txt"), "broken symlink")
    ]


# ---------------------------------------------------------------- directories and stdin


def test_directory_recursion_skips_hidden_and_meta(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "b.meta.json").write_text(json.dumps({"title": "B"}))
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("In hidden dir.")
    sub = tmp_path / "sub" / "deeper"
    sub.mkdir(parents=True)
    (sub / "c.md").write_text("Third.")
    (tmp_path / "sub" / "d.jsonl").write_text(json.dumps({"text": "Fourth.", "id": "d1"}))
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    docs, errors = read(tmp_path)
    assert errors == []
    # name order at each level: "d.jsonl" sorts before "deeper/"
    assert [d.text for d in docs] == ["First.", "Second.", "Fourth.", "Third."]
    assert docs[1].title == "B"
    assert docs[2].id == "d1"
    assert docs[2].source == str(tmp_path / "sub" / "d.jsonl") + ":1"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("Caf\u00e9 report from stdin.\r\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    doc = only_doc("-", published="2024-01-02")
    assert doc.text == "Café report from stdin."
    assert doc.source == "-"
    assert doc.id == doc.hash
    assert doc.published == "2024-01-02"


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    html = f"<!DOCTYPE html><html><body><p>{ARTICLE}</p><script>var x=1;</script></body></html>"
    stdin = io.TextIOWrapper(io.BytesIO(html.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    doc = only_doc("-")
    assert "Operation Northern Shield" in doc.text and "var x" not in doc.text


def test_published_fallback_only_when_missing(tmp_path: Path) -> None:
    (tmp_path / "own.txt").write_text("Dated.")
    (tmp_path / "own.meta.json").write_text(json.dumps({"published": "2023-06-01"}))
    (tmp_path / "bare.txt").write_text("Undated.")
    docs, errors = read(tmp_path / "own.txt", tmp_path / "bare.txt", published="2024-02-29")
    assert errors == []
    assert [d.published for d in docs] == ["2023-06-01", "2024-02-29"]
    assert only_doc(tmp_path / "bare.txt").published is None


def test_invalid_meta_json_reported_document_still_read(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Body.")
    (tmp_path / "x.meta.json").write_text("{not json")
    docs, errors = read(tmp_path / "x.txt")
    assert [d.id for d in docs] == ["x"]
    assert errors[0].source == str(tmp_path / "x.meta.json")
    assert errors[0].reason.startswith("invalid JSON")


# ---------------------------------------------------------------- HTML

PAGE = f"""<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Troops deploy to border | Defense Daily</title>
<meta property="og:site_name" content="Defense Daily">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://example.com/news/troops-deploy">
<style>body {{ color: red; }}</style>
<script>window.trackingSecret = "do-not-extract";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav>
<article>
<h1>Troops deploy to border</h1>
<p>{ARTICLE}</p>
<p>Officials said a second battalion could follow within weeks if the situation worsens.</p>
<script>console.log("inline secret");</script>
</article>
<footer>Copyright 2024 Defense Daily</footer>
</body></html>
"""


def test_html_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_doc(path)
    assert "Operation Northern Shield" in doc.text
    assert "second battalion" in doc.text
    assert "do-not-extract" not in doc.text and "inline secret" not in doc.text
    assert "color: red" not in doc.text
    assert doc.title and "Troops deploy" in doc.title
    assert doc.url == "https://example.com/news/troops-deploy"
    assert doc.published == "2024-03-05"
    assert doc.id == "page"


def test_html_fallback_for_tiny_page(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text(
        "<html><head><title>T</title><script>bad()</script></head>"
        "<body><p>Short.</p><p>Two.</p></body></html>"
    )
    doc = only_doc(path)
    assert "Short." in doc.text and "Two." in doc.text and "bad()" not in doc.text


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.8, 0.95])
def test_truncated_html_never_raises(tmp_path: Path, cut: float) -> None:
    text = PAGE[: int(len(PAGE) * cut)]
    path = tmp_path / "cut.html"
    path.write_text(text.rsplit("<", 1)[0] + "<p clas")  # cut mid-tag
    docs, errors = read(path)
    assert len(docs) + len(errors) == 1
    if errors:
        assert errors[0].reason and errors[0].source == str(path)
    else:
        assert "do-not-extract" not in docs[0].text


def test_html_garbage_gives_clear_result(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_text("<")
    docs, errors = read(path)
    assert len(docs) + len(errors) == 1


def test_html_meta_charset_and_sibling_meta(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1251"></head><body><p>Москва заявила.</p></body></html>'
    )
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    (tmp_path / "ru.meta.json").write_text(json.dumps({"id": "ru-1", "published": "2022-02-24"}))
    doc = only_doc(path)
    assert "Москва заявила." in doc.text
    assert (doc.id, doc.published) == ("ru-1", "2022-02-24")


# ---------------------------------------------------------------- JSON, JSONL, CSV


def test_jsonl_with_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Alpha.", "published": "2024-01-01"}),
        json.dumps({"id": "b", "text": "Bravo.", "title": "B", "url": "https://x/b"}),
        '{"id": "c", "text": "Charlie.',
        "",
        json.dumps({"text": "Delta.", "publisher": "Wire"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    docs, errors = read(path)
    assert [d.text for d in docs] == ["Alpha.", "Bravo.", "Delta."]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:5"]
    assert docs[0].published == "2024-01-01"
    assert (docs[1].title, docs[1].url) == ("B", "https://x/b")
    assert docs[2].id == docs[2].hash and docs[2].publisher == "Wire"
    assert len(errors) == 1
    assert errors[0].source == f"{path}:3"
    assert errors[0].reason.startswith("invalid JSON: ")


def test_jsonl_records_without_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.ndjson"
    path.write_text('{"id": "x"}\n{"text": 5}\n[1, 2]\n{"text": "Fine."}\n{"text": "  "}\n')
    docs, errors = read(path)
    assert [d.text for d in docs] == ["Fine."]
    assert [(e.source, e.reason) for e in errors] == [
        (f"{path}:1", "missing or non-string 'text'"),
        (f"{path}:2", "missing or non-string 'text'"),
        (f"{path}:3", "record is not a JSON object"),
        (f"{path}:5", "empty document"),
    ]


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": "Solo.", "title": "S"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "A.", "id": 7}, {"nope": 1}]))
    (tmp_path / "broken.json").write_text("[{")
    solo = only_doc(tmp_path / "one.json")
    assert (solo.id, solo.title) == ("one", "S")
    docs, errors = read(tmp_path / "many.json")
    assert [(d.id, d.source) for d in docs] == [("7", f"{tmp_path / 'many.json'}:1")]
    assert [e.source for e in errors] == [f"{tmp_path / 'many.json'}:2"]
    assert only_error(tmp_path / "broken.json").reason.startswith("invalid JSON: ")


def test_csv_with_text_column(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    long_text = "Long. " * 40_000  # beyond the csv module's default field size limit
    path.write_text(
        "id,Title,text,published,extra\r\n"
        'r1,First,"Alpha, with comma.",2024-05-06,x\r\n'
        'r2,Second,"Multi\nline",,y\r\n'
        ",,,,\r\n"
        "r3,Third,,2024-05-07,z\r\n"
        f'r4,Fourth,"{long_text}",,\r\n',
        encoding="utf-8",
    )
    docs, errors = read(path, published="2020-01-01")
    assert [d.id for d in docs] == ["r1", "r2", "r4"]
    assert docs[0].text == "Alpha, with comma." and docs[0].title == "First"
    assert [d.published for d in docs] == ["2024-05-06", "2020-01-01", "2020-01-01"]
    assert docs[1].text == "Multi\nline"
    assert [d.source for d in docs] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert [(e.source, e.reason) for e in errors] == [(f"{path}:5", "empty document")]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    path.write_text("id,body\n1,hello\n2,world\n")
    error = only_error(path)
    assert (error.source, error.reason) == (str(path), "CSV has no 'text' column")


def test_mixed_inputs_continue_after_errors(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.")
    docs, errors = read(tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert [d.text for d in docs] == ["Fine."]
    assert [e.reason for e in errors] == ["no such file or directory"]


def test_permission_error_while_reading_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Works as root too: the read itself fails with EACCES."""
    from sitrep.ingest import files

    (tmp_path / "a.txt").write_text("Readable.")
    (tmp_path / "b.txt").write_text("Locked.")
    real_open = open

    def fake_open(path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(path).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open", fake_open, raising=False)
    docs, errors = read(tmp_path)
    assert [d.text for d in docs] == ["Readable."]
    assert [(e.source, e.reason) for e in errors] == [
        (str(tmp_path / "b.txt"), "permission denied")
    ]
