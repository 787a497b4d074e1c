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


# Prepositions that open a sentence capitalised and that the small model reads as the first
# word of a name ("Near Haditha, a strike ..." tagged a person).
LEADING_PREPS = frozenset(("Near", "Outside", "Around"))
COMPASS = frozenset(("east", "west", "north", "south"))  # "Near East" is no place after "Near"
_MONTH_WORDS = frozenset(_MONTHS.split("|")) | {"monday", "tuesday", "wednesday", "thursday",
                                                 "friday", "saturday", "sunday"}


def _leading_place(span: Span) -> Span | None:
    """"Near Haditha" read as one name, or "Manbij" of "Near Manbij, ..." read as a date:
    the place after a preposition that opens the sentence."""
    if len(span) > 1 and span[0].text in LEADING_PREPS and span[1].text[:1].isupper() \
            and span[1].lower_ not in COMPASS:  # not "Near East"
        return span[1:]
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text in LEADING_PREPS and before.is_sent_start \
            and span[0].pos_ == "PROPN" and span[0].lower_ not in COMPASS \
            and not any(t.like_num or t.lower_ in _MONTH_WORDS for t in span):
        return span
    return None


def _unread_places(doc: Doc) -> list[Mention]:
    """"Near Manbij, ..." opening a sentence with no entity read in it: the name after the
    preposition, as a place."""
    out = []
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None or first.text not in LEADING_PREPS or first.i + 1 >= len(doc):
            continue
        end = first.i + 1
        while end < sent.end and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
            end += 1
        if end > first.i + 1 and doc[first.i + 1].lower_ not in COMPASS:
            span = doc[first.i + 1:end]
            out.append(Mention(text=span.text, start=span.start_char, end=span.end_char,
                               type="PLACE"))
    return out


def mention_for(ent: Span, gaz: Gazetteer) -> Mention | None:
    """The mention for one entity span, resolved against the gazetteer where it can be."""
    span = strip_determiner(ent)
    label = ent.label_
    if (place := _leading_place(span)) is not None:
        span, label = place, "GPE"
    text = span.text.strip()
    if not text:
        return None
    actor = gaz.actors.get(ent.ent_id_) if ent.ent_id_ else gaz.by_name(text, label)
    if actor is not None and label in RULER_TYPES:
        return Mention(text=text, start=span.start_char, end=span.start_char + len(text),
                       type=label, code=actor.code, sector=actor.sector,
                       canonical=actor.name, kind=actor.kind)
    kind = NER_TYPES.get(label) or (label if label in RULER_TYPES else None)
    if label in MISREAD_DATE_LABELS and DAY_MONTH.fullmatch(text):
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
    out += _unread_places(doc)
    out.sort(key=lambda m: m.start)
    _defined_acronyms(doc.text, out)
    return out


ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")  # "the Allied Democratic Forces (ADF)"


def _defined_acronyms(text: str, mentions: list[Mention]) -> None:
    """An acronym the document defines ("the Allied Democratic Forces (ADF)") names what its
    definition names wherever the document uses it, not the gazetteer's other bearer of the
    letters (the Australian Defence Force)."""
    defined: dict[str, Mention] = {}
    for m in mentions:
        found = ACRONYM.match(text, m.end)
        if m.type == "ORG" and m.canonical and found and found.group(1) not in defined:
            defined[found.group(1)] = m
    for m in mentions:
        full = defined.get(m.text)
        if full is not None and m.type == "ORG" and m.canonical != full.canonical:
            m.code, m.sector, m.canonical, m.kind = (full.code, full.sector, full.canonical,
                                                    full.kind)
