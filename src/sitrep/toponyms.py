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
- a dateline: capitals opening the text, a line or (before a comma or bracket) a sentence,
  before a dash, comma or bracket ("SAN DIEGO —"), looked up in title case;
- a name read as a person or organization anywhere that the gazetteer knows as a large place
  (``sitrep.where`` decides: a capital, a city of a million, a region of a million) and that
  is no person's name in the document ("Harare", "Tamil Nadu");
- a place named inside a longer name: the first words of an organization, facility, event or
  title ("Beverly Hills Police Department", "the Lagos Chamber of Commerce", "Harare's Third
  Street"), or the words after "of" or "for" in one ("the University of Alberta", "the
  government of Ukraine"), where the gazetteer knows them as a place.

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
# Entities whose first words, or words after "of", may name the place they belong to.
EMBEDDING_LABELS = frozenset(("ORG", "PERSON", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT",
                              "NORP"))
EMBEDDING_PREPS = frozenset(("of", "for"))
# Single words that open the names of institutions and are no place of their own there ("the
# Supreme Court", "the Union Ministry", "the Central Bank").
INSTITUTION_OPENERS = frozenset((
    "supreme", "union", "central", "national", "federal", "general", "united", "royal", "state",
    "high", "grand", "great", "free", "democratic", "republican", "popular", "people", "new",
    "west", "east", "north", "south", "first", "second", "third", "international", "global",
    "world", "joint", "special", "independent", "liberty", "victoria", "mary", "city", "county",
    "eastern", "western", "northern", "southern", "upper", "lower", "middle", "old", "young",
    "holy", "saint", "st", "no", "all", "civil", "common", "commonwealth", "capital", "home"))
MAX_NAME_WORDS = 3
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


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper()


def _known_run(toks: list[Token], known_place: Callable[[str], bool]) -> tuple[int, int] | None:
    """Token range of the longest run of capitalised words opening ``toks`` (at most three)
    that the gazetteer knows as a place."""
    n = 0
    while n < min(len(toks), MAX_NAME_WORDS) and _capitalised(toks[n]):
        n += 1
    for k in range(n, 0, -1):
        text = " ".join(t.text for t in toks[:k])
        if len(text) < 3:
            continue
        if known_place(text) or (text.isupper() and known_place(text.title())):
            return toks[0].i, toks[k - 1].i + 1
    return None


def _embedded(doc: Any, known_place: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Token ranges of places named inside longer names: an entity's first words (when more
    words follow, or a possessive), and the words after "of" / "for" inside it."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in EMBEDDING_LABELS or len(ent) < 2:
            continue
        toks = [t for t in ent if not (t.i == ent.start and t.pos_ == "DET")]
        head = None if ent.label_ == "PERSON" else _known_run(toks, known_place)
        if head is not None and (head[1] < ent.end or doc[head[1] - 1].whitespace_ == "") \
                and (head[1] - head[0] > 1 or doc[head[0]].lower_ not in INSTITUTION_OPENERS):
            out.append(head)  # not a person's given name: "Mary Pitman" is no town
        for t in toks[1:-1]:
            if t.lower_ in EMBEDDING_PREPS:
                found = _known_run([x for x in ent if x.i > t.i], known_place)
                if found is not None:
                    out.append(found)
    return out


def candidates(ctx: Any, large_place: Callable[[str], bool] = lambda name: False,
               known_place: Callable[[str], bool] = lambda name: False) -> list[Candidate]:
    """Toponym candidates of a Context that are not PLACE or COUNTRY mentions already."""
    doc = ctx.doc
    if not doc.has_annotation("DEP"):
        return []
    taken = [(m.start, m.end) for m in ctx.mentions if m.type == "COUNTRY" or (
        m.type == "PLACE" and (known_place(m.text) or " and " in m.text or "," in m.text))]
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
    for start, end in _embedded(doc, known_place):
        found.setdefault(end - 1, (start, end))
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
SENTENCE_ENDS = frozenset((".", "!", "?", "”", '"'))


def _datelines(doc: Any) -> set[tuple[int, int]]:
    """Token ranges of capitalised words opening the text or a line before a dash, comma or
    bracket ("WASHINGTON —", "SAN DIEGO (Reuters)")."""
    out = set()
    prev = None
    for tok in doc:
        opens_line = prev is None or "\n" in prev.text or "\n" in prev.whitespace_
        after_sentence = prev is not None and prev.text in SENTENCE_ENDS
        prev = tok
        if not (opens_line or after_sentence):
            continue
        end = tok.i
        while end < len(doc) and doc[end].is_alpha and doc[end].is_upper and len(doc[end]) > 1:
            end += 1
        if end == tok.i or end >= len(doc) or doc[end].text not in DATELINE_ENDS:
            continue
        if opens_line or (min(len(t) for t in doc[tok.i:end]) >= 3
                          and doc[end].text in ("(", ",")):
            out.add((tok.i, end))  # mid-text: "... statements. SAN DIEGO (AP) - The ..."
    return out
