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


def test_trigger_words_leave_out_no_trigger() -> None:
    """Looking only at the words that could trigger finds what looking at every token finds:
    on every vocabulary example and the sample documents."""
    from sitrep.actors.gazetteer import load_gazetteer
    from sitrep.events.actors import sector_of
    from sitrep.events.coder import code_sentence
    from sitrep.events.triggers import TriggerWords, find_candidates
    from sitrep.events.vocabulary import load_vocabulary
    from sitrep.extract.context import Context
    from sitrep.nlp.mentions import doc_mentions
    from sitrep.nlp.pipeline import load_nlp
    from sitrep.sample import sample_dir

    vocab, gaz, nlp = load_vocabulary(), load_gazetteer(), load_nlp()
    texts = [e["example"] for e in ENTRIES]
    texts += [p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.txt"))]
    found = 0
    for i, doc in enumerate(nlp.pipe(texts)):
        words = TriggerWords.of(doc, vocab)
        assert len(words.positions) < len(doc)
        ctx = Context(document=make_document(texts[i], id=f"t{i}", published="2024-06-01"),
                      doc=doc, gaz=gaz, mentions=doc_mentions(doc, gaz))
        for sent in doc.sents:
            every = find_candidates(sent, vocab, lambda t: sector_of(t, vocab), lambda t: True)
            some = find_candidates(sent, vocab, lambda t: sector_of(t, vocab), lambda t: True,
                                   words)
            assert [(c.tok.i, c.trigger) for c in some] == [(c.tok.i, c.trigger) for c in every]
            assert code_sentence(ctx, sent, vocab, words) == code_sentence(ctx, sent, vocab)
            found += len(every)
    assert found > len(ENTRIES)
