"""Every entry of the trigger vocabulary, one by one: its own example sentence must code to it."""

from __future__ import annotations

import pytest
import yaml

from sitrep.events.vocabulary import DATA_DIR
from sitrep.extract.pipeline import extract_documents
from sitrep.ingest import make_document

ENTRIES = yaml.safe_load((DATA_DIR / "triggers.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def coded() -> list[list[dict]]:
    docs = [make_document(e["example"], id=f"entry-{i}", published="2024-06-01")
            for i, e in enumerate(ENTRIES)]
    return [[f.data for f in r.facts if f.kind == "events"] for r in extract_documents(docs)]


@pytest.mark.parametrize("index", range(len(ENTRIES)),
                         ids=[f"{i}-{e['event']}-{e['cameo']}" for i, e in enumerate(ENTRIES)])
def test_entry_codes_its_example(coded, index):
    entry = ENTRIES[index]
    found = [(e["event"], e["cameo"], e["mode"]) for e in coded[index]]
    assert any(ev == entry["event"] and cameo == entry["cameo"] for ev, cameo, _ in found), \
        f"{entry['example']!r} coded as {found}"
    if entry.get("mode"):
        assert any(mode == entry["mode"] for ev, _, mode in found if ev == entry["event"])
