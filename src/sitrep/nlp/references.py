"""Encyclopedia reference marks ("the town.[4]", "in 2008.[1][2]"): the tokenizer splits them
off the word and the full stop before them, so that "territory.[4" is the word "territory"."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

REFERENCE_INFIXES = (r"\.(?=\[\d)", r"\[\d{1,3}\]")
_PIECE = re.compile(r"\[\d{1,3}\]?|\]")


def split_references(nlp: Language) -> Language:
    """Add the reference-mark infixes to the pipeline's tokenizer."""
    infixes = list(nlp.Defaults.infixes or ()) + list(REFERENCE_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def reference_piece(doc: Doc, i: int) -> bool:
    """A piece of a reference mark right after a sentence end ("." then "[1]", "[2", "]")."""
    k = i
    while k > 0 and _PIECE.fullmatch(doc[k].text):
        k -= 1
    return k < i and _PIECE.fullmatch(doc[i].text) is not None and doc[k].text == "." \
        and not doc[k].whitespace_
