"""The memoised lemmatizer gives the same lemmas as the model's own rule lemmatizer."""

from __future__ import annotations

import pytest
import spacy
from model_support import parsed_before

from sitrep.nlp.lemmas import MemoLemmatizer
from sitrep.nlp.pipeline import MODEL, load_nlp

# Words whose lemma depends on part of speech and morphology ("saw", "left", "meeting"), word
# exceptions, a proper noun, numbers and whitespace tokens.
LEMMA_TEXT = (
    "She saw the saw. They left on the left. The meeting was meeting expectations; ministers "
    "met and are meeting again. Better forces were better armed than the best.\n\n  \t"
    "Canada's 830 troops, the Forces' bases and NATO's allies went; he goes, we've gone."
)


@pytest.fixture(scope="module")
def before_lemmas():
    """Docs parsed by the model up to (not including) its lemmatizer."""
    return parsed_before("lemmatizer", LEMMA_TEXT, exclude=["ner"])


def test_same_lemmas_as_the_lemmatizer(before_lemmas) -> None:
    nlp, docs = before_lemmas
    lemmatizer = spacy.load(MODEL, exclude=["ner"]).get_pipe("lemmatizer")  # left as loaded
    memo = MemoLemmatizer(nlp.get_pipe("lemmatizer"))
    assert isinstance(next(iter(lemmatizer.lookups.get_table("lemma_index").values())), list)
    assert sum(len(d) for d in docs) > 2_000
    for doc in docs:
        expected = lemmatizer(doc.copy())
        got = memo(doc.copy())
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]
    assert memo._memo  # it did remember words


def test_the_word_index_holds_the_same_words_as_sets(before_lemmas) -> None:
    nlp, _docs = before_lemmas
    loaded = spacy.load(MODEL, exclude=["ner"]).get_pipe("lemmatizer")
    MemoLemmatizer(nlp.get_pipe("lemmatizer"))
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    want = loaded.lookups.get_table("lemma_index")
    assert sorted(index) == sorted(want) and len(index) >= 4
    for pos, words in want.items():
        assert isinstance(index[pos], frozenset) and index[pos] == set(words)


def test_a_lemma_already_set_is_kept(before_lemmas) -> None:
    nlp, docs = before_lemmas
    doc = docs[0].copy()
    doc[1].lemma_ = "kept"
    got = MemoLemmatizer(nlp.get_pipe("lemmatizer"))(doc)
    assert got[1].lemma_ == "kept" and got[0].lemma_ == "she"


def test_the_shared_pipeline_uses_the_memoised_lemmatizer() -> None:
    nlp = load_nlp()
    assert "sitrep_lemmatizer" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert [t.lemma_ for t in nlp("Ministers met in Paris.")][:2] == ["minister", "meet"]
