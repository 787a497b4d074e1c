"""Turn a parsed spaCy Doc into resolved mentions."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from sitrep.actors.gazetteer import Gazetteer
from sitrep.model import Mention

# spaCy NER labels mapped onto sitrep mention types; labels not listed are dropped.
NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "NORP",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "DATE": "DATE",
    "TIME": "DATE",
    "CARDINAL": "QUANTITY",
    "QUANTITY": "QUANTITY",
    "MONEY": "QUANTITY",
    "PERCENT": "QUANTITY",
}
RULER_TYPES = {"COUNTRY", "NORP", "ORG", "OPERATION", "WEAPON", "PLATFORM"}
# Labels the small model gives some dates to, and the dates it gives them to: a day and a
# month, in either order, with or without a year ("9 September", "March 3, 2017").
MISREAD_DATE_LABELS = frozenset(("EVENT", "CARDINAL", "ORG", "PRODUCT", "WORK_OF_ART"))
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
DAY_MONTH = re.compile(rf"(?i)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?"
                       rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?")


def strip_determiner(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end]


def mention_for(ent: Span, gaz: Gazetteer) -> Mention | None:
    """The mention for one entity span, resolved against the gazetteer where it can be."""
    span = strip_determiner(ent)
    text = span.text.strip()
    if not text:
        return None
    actor = gaz.actors.get(ent.ent_id_) if ent.ent_id_ else gaz.by_name(text, ent.label_)
    if actor is not None and ent.label_ in RULER_TYPES:
        return Mention(text=text, start=span.start_char, end=span.start_char + len(text),
                       type=ent.label_, code=actor.code, sector=actor.sector,
                       canonical=actor.name, kind=actor.kind)
    kind = NER_TYPES.get(ent.label_) or (ent.label_ if ent.label_ in RULER_TYPES else None)
    if ent.label_ in MISREAD_DATE_LABELS and DAY_MONTH.fullmatch(text):
        kind = "DATE"  # "9 September" read as an event
    if kind is None:
        return None
    code = None
    if kind in ("PLACE", "NORP"):
        code = gaz.country_code(text)
        if kind == "PLACE" and code:
            kind = "COUNTRY"
    return Mention(text=text, start=span.start_char, end=span.start_char + len(text), type=kind,
                   code=code, sector="GOV" if code else None)


def doc_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every entity mention of the document, in text order."""
    out = []
    for ent in doc.ents:
        m = mention_for(ent, gaz)
        if m is not None:
            out.append(m)
    return out
