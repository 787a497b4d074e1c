"""Entities decoded in batches are the model's own: the same as spaCy's `ner` component."""

from __future__ import annotations

import pytest
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Span

from sitrep.nlp import entities
from sitrep.nlp.entities import BatchEntityRecognizer
from sitrep.nlp.pipeline import RULER, load_nlp
from sitrep.sample import sample_dir

COLUMNS = [ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]
TEXTS = [
    "Canada's Minister of National Defence met Iraqi officials in Baghdad on 25 October 2016.",
    "NATO. NATO\n\n  The United States sent 450 troops.\tThey arrived on Monday.",
    "",
    "   ",
    "Operation IMPACT continues.\nThe Global Coalition against Daesh has 83 members.",
    "Mr. Smith", "a", "Iraq",
]


def _before_entities(texts: list[str]):
    """Docs run through the shared pipeline up to the entity recognizer (ruler included)."""
    nlp = load_nlp()
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[:names.index(RULER) + 1]):
        return list(nlp.pipe(texts, batch_size=4))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return TEXTS + [p.read_text() for p in sorted(sample_dir().glob("*.txt"))]


def _assert_same(expected, got) -> None:
    for want, have in zip(expected, got, strict=True):
        assert [(e.start, e.end, e.label_) for e in have.ents] == [
            (e.start, e.end, e.label_) for e in want.ents]
        if len(want):
            assert (want.to_array(COLUMNS) == have.to_array(COLUMNS)).all()


@pytest.mark.parametrize("batch_tokens", [1, 50, 5_000])
def test_same_entities_as_spacy(texts, batch_tokens, monkeypatch) -> None:
    monkeypatch.setattr(entities, "BATCH_TOKENS", batch_tokens)
    docs = _before_entities(texts)
    ner = load_nlp().get_pipe("ner")
    expected = list(ner.pipe([d.copy() for d in docs], batch_size=4))
    got = list(BatchEntityRecognizer(ner).pipe([d.copy() for d in docs]))
    _assert_same(expected, got)
    assert sum(len(d.ents) for d in got) > 100


def test_preset_entities_are_kept_across_a_sentence_start() -> None:
    """A preset entity that runs over a sentence boundary stays whole, as in spaCy."""
    text = "They met the Counter Group. Alpha Bravo said so in Paris. Then they left."
    doc = _before_entities([text])[0]
    start = [t.i for t in doc if t.text == "Group"][0]
    doc.set_ents([Span(doc, start, start + 3, label="ORG")], default="unmodified")
    assert doc[start + 2].is_sent_start
    ner = load_nlp().get_pipe("ner")
    expected = list(ner.pipe([doc.copy()]))
    got = list(BatchEntityRecognizer(ner).pipe([doc.copy()]))
    _assert_same(expected, got)
    assert any(e.start == start and e.end == start + 3 for e in got[0].ents)


def test_the_shared_pipeline_decodes_in_batches() -> None:
    nlp = load_nlp()
    assert entities.NAME in nlp.pipe_names and "ner" not in nlp.pipe_names
    doc = nlp("Harjit Sajjan visited Iraq with NATO officials.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert "PERSON" in labels.values()
    assert labels.get("Iraq") == "COUNTRY"  # the gazetteer's preset label, an unseen class
