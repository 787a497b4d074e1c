"""Bounds on pathological text, so that work stays linear in the length of a document.

Two inputs make spaCy and the extractors slow down quadratically: a long run of characters
without whitespace that the tokenizer peels one affix at a time (10,000 quotation marks), and
a "sentence" of thousands of tokens with no full stop (the extractors walk subtrees of each
sentence). `BoundedTokenizer` tokenizes such runs in slices of `MAX_RUN` characters, and the
`sitrep_sentence_cap` component starts a new sentence after `MAX_SENTENCE` tokens without a
sentence end or line break. Ordinary text is tokenized and parsed exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.references import reference_piece

MAX_RUN = 300  # characters of a whitespace-free run tokenized at once
MAX_SENTENCE = 200  # tokens between sentence ends or line breaks before a forced break
CAP = "sitrep_sentence_cap"
_ENDS = frozenset({".", "!", "?", ";", "…"})


class BoundedTokenizer:
    """Wraps a spaCy tokenizer: text with runs longer than `max_run` characters is tokenized
    piece by piece and the pieces joined, keeping every character and offset."""

    def __init__(self, tokenizer: Callable[[str], Doc], max_run: int = MAX_RUN) -> None:
        self.tokenizer = tokenizer
        self.max_run = max_run
        self._long = re.compile(rf"\S{{{max_run + 1},}}")

    def __call__(self, text: str) -> Doc:
        if self._long.search(text) is None:
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in self.pieces(text)]
        return Doc.from_docs([d for d in docs if len(d)], ensure_whitespace=False)

    def pieces(self, text: str) -> Iterator[str]:
        """Consecutive slices of `text`: the text between long runs, and each long run cut
        into slices of at most `max_run` characters."""
        pos = 0
        for run in self._long.finditer(text):
            if run.start() > pos:
                yield text[pos:run.start()]
            for i in range(run.start(), run.end(), self.max_run):
                yield text[i:min(i + self.max_run, run.end())]
            pos = run.end()
        if pos < len(text):
            yield text[pos:]

    def __getattr__(self, name: str):  # vocab, rules ... of the wrapped tokenizer
        if name == "tokenizer":  # not set yet (e.g. while unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@Language.component(CAP)
def cap_sentences(doc: Doc) -> Doc:
    """Mark a sentence start after `MAX_SENTENCE` tokens with no sentence end or newline, after
    a blank line, and after a dateline ("RIYADH (Wire) - ", "BRUSSELS — "); the parser keeps
    the marks, so no sentence it builds is longer, and a dateline is not parsed into the
    story's first clause."""
    run = 0
    for token in doc:
        opens = token.i == 0 or "\n" in doc[token.i - 1].text or "\n" in doc[
            token.i - 1].whitespace_
        if reference_piece(doc, token.i):
            token.is_sent_start = False  # "the town.[4]": the mark ends the sentence
        elif run >= MAX_SENTENCE or (token.i and "\n\n" in doc[token.i - 1].text
                                     and not token.is_space) or _after_reference(doc, token.i) \
                or opens and (_after_heading(doc, token.i) or _list_item(doc, token.i)):
            token.is_sent_start = True  # a blank line ends a title or a paragraph
            run = 0
        if opens and token.text in BULLETS and token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = False  # the bullet and its item: one sentence
        if opens and not token.is_space and (end := dateline_end(doc, token.i)) is not None:
            doc[end].is_sent_start = True
            for tok in doc[end + 1:end + 1 + DATELINE_HOLD]:  # the story's first words stay
                if tok.text in _ENDS or "\n" in tok.text:  # one sentence
                    break
                tok.is_sent_start = False
        run += 1
        if token.text in _ENDS or "\n" in token.text:
            run = 0
    return doc


DATELINE_DASHES = frozenset(("-", "—", "–", "--"))
MAX_DATELINE = 12  # tokens of a dateline: place, date, agency
DATELINE_HOLD = 6  # tokens after a dateline the parser may not start a sentence at


def dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the first token of the story after a dateline that opens a line at
    `start`: capitalised place words ("SAN DIEGO"), perhaps a comma and more words or a date,
    perhaps an agency in brackets, then a dash; else None."""
    i = start
    while i < len(doc) and doc[i].is_alpha and doc[i].is_upper and len(doc[i]) > 1:
        i += 1
    if i == start:
        return None
    limit = min(len(doc), start + MAX_DATELINE)
    bracket = False
    while i < limit and doc[i].text not in DATELINE_DASHES:
        tok = doc[i]
        bracket = tok.text == "(" or bracket and tok.text != ")"
        if not (bracket or tok.text in ",()/." or tok.is_digit or tok.text[:1].isupper()):
            return None  # "US forces - mostly ...": no dateline; an agency in brackets may
        i += 1  # be in lower case ("(dpa)")
    if i >= limit - 1 or doc[i].text not in DATELINE_DASHES or not doc[i + 1].text[:1].isupper():
        return None
    return i + 1


MAX_HEADING = 8  # tokens of a line read as a heading


def _after_heading(doc: Doc, i: int) -> bool:
    """A line opened after a short line with no closing mark: a heading ("Decline\nIn October
    2016 ..."), not a sentence wrapped across lines."""
    if i == 0 or doc[i].is_space or not doc[i].text[:1].isupper():
        return False
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text in _ENDS or doc[j].text in (",", ":", ";", "-", "—", "(") \
            or not doc[j].text[:1].isalnum() and doc[j].text not in (")",):
        return False
    start = j
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    return j - start + 1 <= MAX_HEADING


BULLETS = frozenset(("-", "--", "–", "—", "•", "*", "·", "▪"))


def _list_item(doc: Doc, i: int) -> bool:
    """A line opened by a bullet ("-- Near Raqqa, four strikes ..."), or after a line that
    ends in a colon ("... conducted seven strikes in Syria:"): an item of a list."""
    if doc[i].is_space:
        return False
    if doc[i].text in BULLETS:
        return True
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and doc[j].text == ":"


def _after_reference(doc: Doc, i: int) -> bool:
    """A line opened after a sentence that ends in a reference mark ("... in 2008.[1]")."""
    if i < 2 or doc[i].is_space:
        return False
    if doc[i - 1].is_space:
        return "\n" in doc[i - 1].text and reference_piece(doc, i - 2)
    return reference_piece(doc, i - 1) and doc[i].is_title  # "... 2008.[1] He was"


def bound_pipeline(nlp: Language) -> Language:
    """Install the tokenizer wrapper and the sentence cap (before the parser) on `nlp`."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if CAP not in nlp.pipe_names:
        first = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(CAP, before=first) if first else nlp.add_pipe(CAP, first=True)
    return nlp
