"""Which tokens of a document carry a given word: found from the document's attribute columns.

Extractors start from the few tokens whose lemma or form is in their word lists. Walking the
document for them makes a spaCy Token object per token and reads its string; `WordIndex` reads
a column (LEMMA, ORTH, ...) of the whole document once as integers, tests each distinct value
once (and remembers the answer across documents) and makes Tokens only for the hits, in
document order. The tokens are those the walk would give.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.tokens import Doc, Span, Token

MEMO_SIZE = 200_000  # answers remembered per word list before starting afresh
_memos: dict[tuple[int, frozenset[str], bool], dict[int, bool]] = {}


class WordIndex:
    """Token positions of one document by word, its columns read once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._unique: dict[int, tuple[numpy.ndarray, numpy.ndarray]] = {}
        self._found: dict[tuple[int, frozenset[str], bool], list[int]] = {}

    def _values(self, attr: int) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The distinct values of a column and, per token, the index of its value."""
        if attr not in self._unique:
            column = self.doc.to_array([attr]).reshape(-1)
            values, inverse = numpy.unique(column, return_inverse=True)
            self._unique[attr] = (values, inverse.reshape(-1))
        return self._unique[attr]

    def tokens(self, attr: int, words: frozenset[str], lower: bool = False) -> list[Token]:
        """The tokens whose `attr` string (lowercased if `lower`) is one of `words`."""
        return [self.doc[i] for i in self._positions(attr, words, lower)]

    def tokens_in(self, span: Span, attr: int, words: frozenset[str], lower: bool = False
                  ) -> list[Token]:
        """`tokens(attr, words, lower)` within `span` (a sentence, say)."""
        found = self._positions(attr, words, lower)
        lo, hi = bisect.bisect_left(found, span.start), bisect.bisect_left(found, span.end)
        return [self.doc[i] for i in found[lo:hi]]

    def _positions(self, attr: int, words: frozenset[str], lower: bool) -> list[int]:
        key = (attr, words, lower)
        if key not in self._found:
            self._found[key] = self._search(attr, words, lower)
        return self._found[key]

    def _search(self, attr: int, words: frozenset[str], lower: bool) -> list[int]:
        if not len(self.doc):
            return []
        values, inverse = self._values(attr)
        memo = _memos.setdefault((attr, words, lower), {})
        if len(memo) > MEMO_SIZE:
            memo.clear()
        strings = self.doc.vocab.strings
        hits = numpy.zeros(len(values), dtype=bool)
        for k, value in enumerate(values.tolist()):
            hit = memo.get(value)
            if hit is None:
                text = strings[value] if value else ""
                hit = memo[value] = (text.lower() if lower else text) in words
            hits[k] = hit
        return numpy.flatnonzero(hits[inverse]).tolist()

    def flagged(self, attr: int) -> list[Token]:
        """The tokens with a true boolean attribute (e.g. LIKE_NUM)."""
        if not len(self.doc):
            return []
        column = self.doc.to_array([attr]).reshape(-1)
        return [self.doc[i] for i in numpy.flatnonzero(column).tolist()]
