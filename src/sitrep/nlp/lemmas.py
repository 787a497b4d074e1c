"""The model's rule lemmatizer, asked once per distinct word, part of speech and morphology.

spaCy's `lemmatizer` visits every token in Python (a Token object, a cache lookup, a string
set) though the lemma it gives a token depends only on the token's word (ORTH), POS and
morphology. `MemoLemmatizer` reads those three as integer columns, asks the model's own
lemmatizer for each combination not seen before, and writes all lemmas back with one
`Doc.from_array`. Tokens that already have a lemma (set by the attribute rules) keep it, as
in the lemmatizer (unless it is set to overwrite). `tests/test_lemmas.py` compares the two.

The lemmatizer's word index (the known lemmas of each part of speech) comes from the model as
lists, up to 57,528 words for nouns, and each candidate form of a word not seen before is
looked up in it: a scan of the list, most of the lemmatizer's time on new text. The lists
are turned into sets once, which answers the same membership questions at once.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from sitrep.nlp.swap import swap_in

NAME = "sitrep_lemmatizer"


class MemoLemmatizer:
    """A pipeline component giving the same lemmas as a model's rule `Lemmatizer`."""

    MEMO_SIZE = 500_000  # distinct (word, POS, morphology) remembered before starting afresh

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, words in list(index.items()):  # the rules ask only `form in index[pos]`
            if isinstance(words, list):
                index[pos] = frozenset(words)
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        memo = self._memo
        if len(memo) > self.MEMO_SIZE:
            memo.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64))
        return doc


@Language.factory(NAME)
def make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    """Built from the pipeline's own `lemmatizer`, which must be present."""
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"))


def memo_lemmas(nlp: Language) -> Language:
    """Put `MemoLemmatizer` in the place of a rule-mode lemmatizer (others are left alone)."""
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", "") != "rule":
        return nlp
    return swap_in(nlp, "lemmatizer", NAME)
