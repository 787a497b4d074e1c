"""Long documents go through in chunks, with the same facts and offsets as in one piece."""

from __future__ import annotations

from sitrep.extract.chunks import chunk_spans, extract_chunked
from sitrep.extract.pipeline import extract_document, extract_parsed
from sitrep.ingest import make_document
from sitrep.nlp.pipeline import load_nlp

PARAGRAPHS = [
    "Canada will deploy 200 soldiers to Latvia, Defence Minister Harjit Sajjan said on Monday.",
    "Russian forces shelled Kharkiv on Tuesday, killing 12 civilians.",
    "The Global Coalition against Daesh has 83 members, the foreign ministers said in Rome.",
    "NATO defence ministers met in Brussels on Thursday to discuss support for Ukraine.",
]


def test_chunk_spans_cover_the_text_and_cut_at_paragraphs():
    text = "\n\n".join(PARAGRAPHS * 20)
    spans = chunk_spans(text, size=500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(e - s <= 500 for s, e in spans)
    assert all(text[e - 2:e] == "\n\n" for _, e in spans[:-1])
    assert chunk_spans("word " * 300, size=100)[-1][1] == 1500  # no paragraphs: at spaces


def test_chunked_extraction_keeps_what_the_whole_extraction_finds():
    text = "\n\n".join(PARAGRAPHS * 3)
    doc = make_document(text, id="long", published="2023-03-06")
    nlp = load_nlp()
    whole = extract_parsed(doc, nlp(text))
    chunked = extract_chunked(doc, nlp, extract_parsed, size=200)
    assert len(chunk_spans(text, 200)) > 3
    key = lambda f: (f.kind, f.start, f.end, f.evidence)  # noqa: E731
    events = lambda r: sorted(key(f) + (f.data["event"],) for f in r.facts  # noqa: E731
                              if f.kind == "events")
    assert events(chunked) == events(whole)  # coded sentence by sentence: the same
    # Kinds merged over a whole document keep their first statement, which a chunk sees too.
    assert {key(f) for f in whole.facts} <= {key(f) for f in chunked.facts}
    for fact in chunked.facts:
        assert text[fact.start:fact.end].strip() == fact.evidence
    for m in chunked.mentions:
        assert text[m.start:m.end] == m.text
    ids = [f.data["id"] for f in chunked.facts if f.kind == "events"]
    assert len(ids) == len(set(ids)) > 0


def test_a_document_past_the_chunk_size_is_extracted_in_chunks():
    text = "\n\n".join(PARAGRAPHS * 400)  # about 130,000 characters: several chunks
    result = extract_document(make_document(text, id="big", published="2023-03-06"))
    assert result.document.text == text
    assert sum(f.kind == "events" for f in result.facts) >= 1000
    assert max(m.end for m in result.mentions) > 120_000
