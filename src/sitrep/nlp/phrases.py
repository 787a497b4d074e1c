"""Common-noun entity phrases: "the town", "Syrian refugees", "a spokesman", "Israeli jets".

A noun whose lemma is listed in data/lexicon/mention_nouns.yaml heads a phrase. The phrase
reaches left over the noun's modifiers (determiners, adjectives, compounds, numbers,
possessors) and, for people and places, right over an "of" complement ("the people of Mosul",
"the city of Hit"); a number or quantifier whose "of" complement is such a noun starts it
("thousands of fighters", "one of the soldiers"). Coordinated nouns stay apart: re3d mostly
marks "hospitals and schools" as two places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from sitrep.datafiles import load_yaml

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "mention_nouns.yaml"
# Noun classes and the re3d type of their phrases; person and group_plural depend on number.
CLASSES = {"person": "Person", "group": "Organisation", "group_plural": "Organisation",
           "location": "Location", "weapon": "Weapon", "platform": "MilitaryPlatform"}
LEFT_DEPS = {"det", "predet", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "case"}
PLURAL_TAGS = {"NNS", "NNPS"}
SINGULAR_QUANTIFIERS = {"one", "each", "either", "neither"}
# Classes whose phrase takes in an "of" complement.
OF_CLASSES = {"person", "group", "group_plural", "location"}

Phrase = tuple[int, int, str, int]  # token start, end (exclusive), re3d type, head token


@dataclass(frozen=True)
class Nouns:
    """The lexicon: head lemma -> [(words required right before it, class)], longest first."""

    heads: dict[str, list[tuple[tuple[str, ...], str]]]
    place_adverbs: frozenset[str]
    quantifiers: frozenset[str]


def parse_nouns(data: dict) -> Nouns:
    """Validate and index the lexicon: every class present, lower-case words, no repeats."""
    heads: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    seen: dict[str, str] = {}
    for cls in CLASSES:
        words = data.get(cls)
        if not isinstance(words, list) or not words:
            raise ValueError(f"{LEXICON.name}: '{cls}' must be a non-empty list")
        for entry in words:
            if not isinstance(entry, str) or entry != entry.lower().strip() or not entry:
                raise ValueError(f"{LEXICON.name}: bad entry {entry!r} in '{cls}'")
            if entry in seen:
                raise ValueError(f"{LEXICON.name}: {entry!r} in both '{seen[entry]}' and '{cls}'")
            seen[entry] = cls
            *before, head = entry.split()
            heads.setdefault(head, []).append((tuple(before), cls))
    for options in heads.values():
        options.sort(key=lambda o: -len(o[0]))
    extra = {key: data.get(key, []) for key in ("place_adverbs", "quantifiers")}
    for key, words in extra.items():
        if not isinstance(words, list) or any(not isinstance(w, str) or w != w.lower()
                                              for w in words):
            raise ValueError(f"{LEXICON.name}: '{key}' must be a list of lower-case words")
    return Nouns(heads=heads, place_adverbs=frozenset(extra["place_adverbs"]),
                 quantifiers=frozenset(extra["quantifiers"]))


@cache
def nouns() -> Nouns:
    """The lexicon of mention_nouns.yaml, read once."""
    return parse_nouns(load_yaml(LEXICON.read_text(encoding="utf-8")))


def noun_class(tok: Token, lex: Nouns | None = None) -> str | None:
    """The lexicon class of a common noun, matched on its lemma (or form) and prefix words."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lex = lex or nouns()
    doc = tok.doc
    for key in dict.fromkeys((tok.lemma_.lower(), tok.lower_)):
        for before, cls in lex.heads.get(key, ()):
            start = tok.i - len(before)
            if start >= 0 and tuple(t.lower_ for t in doc[start:tok.i]) == before:
                return cls
    return None


def class_type(cls: str, tok: Token, singular: bool | None = None) -> str | None:
    """The re3d type of a phrase headed by `tok` of lexicon class `cls`."""
    plural = tok.tag_ in PLURAL_TAGS if singular is None else not singular
    if cls == "person":
        return "Organisation" if plural else "Person"
    if cls == "group_plural" and not plural:
        return None
    return CLASSES[cls]


def _breaks(tok: Token) -> bool:
    return "\n" in tok.text or tok.text in ("[", "]")


def left_start(tok: Token) -> int:
    """The first token of `tok` with its left modifiers, not across a line break."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in LEFT_DEPS:
            start = min(start, child.left_edge.i)
    while start < tok.i and any(_breaks(t) for t in tok.doc[start:tok.i]):
        start += 1
    return start


def extent(tok: Token, cls: str) -> tuple[int, int]:
    """Token range of the phrase headed by `tok`: its modifiers and "of" complement."""
    start, end = left_start(tok), tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and cls in OF_CLASSES:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                end = max(end, pobj.i + 1)
    while end > tok.i + 1 and any(_breaks(t) for t in tok.doc[tok.i + 1:end]):
        end -= 1
    return start, end


def _quantifier(tok: Token, lex: Nouns) -> Token | None:
    """The number or quantifier governing `tok` through "of" ("thousands of fighters")."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i >= prep.i:
        return None
    head = prep.head
    if head.like_num or head.tag_ == "CD" or head.lower_ in lex.quantifiers:
        return head
    return None


def noun_phrases(doc: Doc, lex: Nouns | None = None) -> list[Phrase]:
    """Every common-noun phrase the lexicon types, and place adverbs ("here")."""
    lex = lex or nouns()
    out: list[Phrase] = []
    for tok in doc:
        if tok.pos_ == "ADV" and tok.lower_ in lex.place_adverbs and tok.dep_ != "expl":
            out.append((tok.i, tok.i + 1, "Location", tok.i))
            continue
        cls = noun_class(tok, lex)
        if cls is None:
            continue
        quant = _quantifier(tok, lex)
        singular = quant.lower_ in SINGULAR_QUANTIFIERS if quant is not None else None
        label = class_type(cls, tok, singular)
        if label is None:
            continue
        start, end = extent(tok, cls)
        if quant is not None:
            start = left_start(quant)
        out.append((start, end, label, tok.i))
    return out
