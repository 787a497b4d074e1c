"""Mention predictions in the shape the re3d scorer reads.

re3d annotates more than names: a state acting in a sentence ("Syria has accused…") is an
Organisation, groups of people ("Syrians") are Organisations, and pronouns are Persons or
Organisations. This adapter maps sitrep's mentions onto that scheme using the parse: a country
that is the subject or possessor of a clause counts as an actor, else as a location.
"""

from __future__ import annotations

from collections.abc import Callable

from sitrep.evaluate.re3d import OUR_TO_RE3D
from sitrep.extract.pipeline import extract_parsed
from sitrep.ingest import text_hash
from sitrep.model import Document
from sitrep.nlp.pipeline import load_nlp

Prediction = tuple[int, int, str]

PERSON_PRONOUNS = {"i", "me", "my", "myself", "he", "him", "his", "she", "her", "herself",
                   "himself"}
GROUP_PRONOUNS = {"we", "us", "our", "they", "them", "their"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}


def _type(m, doc) -> str | None:
    label = OUR_TO_RE3D.get(m.type)
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return label
    if m.type == "COUNTRY" and span.root.dep_ in ACTOR_DEPS:
        return "Organisation"
    if m.type == "NORP" and span.root.tag_ in ("NNS", "NNPS"):
        return "Organisation"  # "Syrians", "Iraqis": a group of people
    if m.type == "QUANTITY" and (any(c in m.text for c in "$£€") or "dollar" in m.text):
        return None  # money is a type re3d scores apart
    return label


def re3d_predictor() -> Callable[[str], list[Prediction]]:
    """A function from raw text to (start, end, re3d type) spans, offsets in that text."""
    nlp = load_nlp()

    def predict(text: str) -> list[Prediction]:
        doc = nlp(text)
        result = extract_parsed(Document(id="re3d", text=text, hash=text_hash(text)), doc)
        spans = []
        for m in result.mentions:
            label = _type(m, doc)
            if label:
                spans.append((m.start, m.end, label))
        for tok in doc:
            if tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS:
                spans.append((tok.idx, tok.idx + len(tok), "Person"))
            elif tok.pos_ == "PRON" and tok.lower_ in GROUP_PRONOUNS:
                spans.append((tok.idx, tok.idx + len(tok), "Organisation"))
        return spans

    return predict
