"""The word index gives the tokens a walk over the document would give."""

from __future__ import annotations

from spacy.attrs import LEMMA, LIKE_NUM, ORTH

from sitrep.extract.words import WordIndex
from sitrep.nlp.pipeline import load_nlp
from sitrep.sample import sample_dir

WORDS = frozenset({"minister", "meet", "deploy", "coalition", "83", "the"})


def test_same_tokens_as_a_walk_over_the_document() -> None:
    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.txt"))]
    for doc in nlp.pipe(["", "Ministers MET.", *texts]):
        index = WordIndex(doc)
        for _ in range(2):  # the second time from the remembered answers
            assert index.tokens(LEMMA, WORDS) == [t for t in doc if t.lemma_ in WORDS]
            assert index.tokens(LEMMA, WORDS, lower=True) == [
                t for t in doc if t.lemma_.lower() in WORDS]
            assert index.tokens(ORTH, WORDS, lower=True) == [
                t for t in doc if t.text.lower() in WORDS]
            assert index.flagged(LIKE_NUM) == [t for t in doc if t.like_num]
            for sent in doc.sents:
                assert index.tokens_in(sent, LEMMA, WORDS, lower=True) == [
                    t for t in sent if t.lemma_.lower() in WORDS]
    doc = nlp("The Defence Minister met 83 members. THE MINISTER left.")
    assert [t.text for t in WordIndex(doc).tokens(ORTH, WORDS, lower=True)] == [
        "The", "Minister", "83", "THE", "MINISTER"]
