"""Names in the places of a parse that the entity recognizer did not label as places.

The small English model reads many town names it has not seen as persons or organizations
("officers from Sherman", "a drone struck Erbil") or as nothing at all. A proper name is a
toponym candidate here when the parse puts it where places go:

- the object of a preposition of place ("in", "near", "from", "toward", ...), not "according
  to";
- the object of "of" after a word for a place or its officials ("the port of Misrata", "the
  governor of Nineveh", "the capital of Khyber Pakhtunkhwa");
- a proper noun before an administrative word ("Aleppo governorate", "Anbar province");
- coordinated with a place name or another candidate ("Kharkiv and Odesa");
- a dateline: capitals opening the text or a line, before a dash, comma or bracket ("SAN
  DIEGO —"), looked up in title case;
- a name read as a person or organization anywhere that the gazetteer knows as a large place
  (``sitrep.where`` decides: a capital, a city of a million, a region of a million) and that
  is no person's name in the document ("Harare", "Tamil Nadu").

A candidate is only a name to look up: ``sitrep.where.places_for`` keeps it when the
gazetteer knows it and the document supports the reading (see ``_in_document``). Names the
gazetteer ruler knows as actors, and the names of persons of the document, are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

PLACE_PREPS = frozenset((
    "in", "at", "near", "from", "to", "into", "around", "outside", "inside", "toward",
    "towards", "across", "through", "throughout", "off", "via", "within", "beyond", "between",
    "onto", "past"))
PLACE_HEADS = frozenset((
    "city", "town", "village", "port", "capital", "province", "governorate", "state", "region",
    "district", "county", "outskirts", "suburbs", "suburb", "centre", "center", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "heart",
    "streets", "people", "residents", "governor", "mayor", "municipality", "area", "territory",
    "border", "coast", "countryside", "desert", "island", "neighbourhood", "neighborhood"))
ADMIN_NOUNS = frozenset(("province", "governorate", "state", "region", "county", "district",
                         "oblast", "prefecture", "department"))
NOT_AFTER = frozenset(("according", "due", "thanks", "prior", "owing"))
ACTOR_LABELS = frozenset(("ORG", "WEAPON", "PLATFORM", "OPERATION", "COUNTRY"))
NOT_PLACE_LABELS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                              "QUANTITY", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART"))


@dataclass(frozen=True)
class Candidate:
    """A proper name in a place position: its text and character offsets."""

    text: str
    start: int
    end: int


def _name_span(tok: Token) -> tuple[int, int] | None:
    """Token range of the proper name headed by ``tok`` (its compound proper nouns)."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    start = tok.i
    for left in reversed(list(tok.lefts)):
        if left.i == start - 1 and left.dep_ == "compound" and left.pos_ == "PROPN" \
                and left.text[:1].isupper():
            start = left.i
        else:
            break
    return start, tok.i + 1


def _placed(tok: Token) -> bool:
    """Whether the parse puts a proper noun where a place goes."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        return not (head.i > 0 and tok.doc[head.i - 1].lower_ in NOT_AFTER)
    if tok.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in PLACE_HEADS or head.head.lower_ in PLACE_HEADS
    return tok.dep_ in ("compound", "nmod") and head.lower_ in ADMIN_NOUNS


def candidates(ctx: Any, large_place: Callable[[str], bool] = lambda name: False
               ) -> list[Candidate]:
    """Toponym candidates of a Context that are not PLACE or COUNTRY mentions already."""
    doc = ctx.doc
    if not doc.has_annotation("DEP"):
        return []
    taken = [(m.start, m.end) for m in ctx.mentions if m.type in ("PLACE", "COUNTRY")]
    persons = {p.name.lower() for p in getattr(ctx, "persons", ()) if " " in p.name}
    surnames = {p.surname.lower() for p in getattr(ctx, "persons", ()) if " " in p.name}
    place_toks = {i for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC", "COUNTRY")
                  for i in range(ent.start, ent.end)}
    proper = [tok for tok in doc if tok.pos_ == "PROPN"]
    found: dict[int, tuple[int, int]] = {}
    for tok in proper:
        if _placed(tok):
            span = _name_span(tok)
            if span:
                found[tok.i] = span
    # Names coordinated with a place or a candidate ("Hazard and Pikeville").
    conjoined = [tok for tok in proper if tok.dep_ == "conj"]
    changed = True
    while changed:
        changed = False
        for tok in conjoined:
            if tok.i in found:
                continue
            if tok.head.i in found or tok.head.i in place_toks:
                span = _name_span(tok)
                if span:
                    found[tok.i] = span
                    changed = True
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG") and not ent.ent_id_ and ent.root.i not in found \
                and all(t.text[:1].isupper() for t in ent) \
                and large_place(ent.text):
            found[ent.root.i] = (ent.start, ent.end)
    datelines = _datelines(doc)
    for start, end in datelines:
        found.setdefault(end - 1, (start, end))
    out: list[Candidate] = []
    for start, end in sorted(set(found.values())):
        if end < len(doc) and doc[end].lower_ in ADMIN_NOUNS and doc[end - 1].head.i == end:
            end += 1  # "Aleppo governorate": the region
        span = doc[start:end]
        a, b = span.start_char, span.end_char
        if any(s < b and a < e for s, e in taken):
            continue
        if any(t.ent_type_ in ACTOR_LABELS and t.ent_id_ for t in span):
            continue  # a name the gazetteer ruler knows as an actor
        if any(t.ent_type_ in NOT_PLACE_LABELS for t in span):
            continue  # "in March", "at 10 Downing"
        text = span.text.title() if (start, end) in datelines else span.text
        if text.lower() in persons or text.lower() in surnames:
            continue
        out.append(Candidate(text, a, b))
    return out


DATELINE_ENDS = frozenset(("—", "–", "-", "--", "(", ",", ":"))


def _datelines(doc: Any) -> set[tuple[int, int]]:
    """Token ranges of capitalised words opening the text or a line before a dash, comma or
    bracket ("WASHINGTON —", "SAN DIEGO (Reuters)")."""
    out = set()
    prev = None
    for tok in doc:
        opens_line = prev is None or "\n" in prev.text or "\n" in prev.whitespace_
        prev = tok
        if not opens_line:
            continue
        end = tok.i
        while end < len(doc) and doc[end].is_alpha and doc[end].is_upper and len(doc[end]) > 1:
            end += 1
        if end > tok.i and end < len(doc) and doc[end].text in DATELINE_ENDS:
            out.add((tok.i, end))
    return out
