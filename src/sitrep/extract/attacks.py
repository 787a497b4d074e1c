"""Attacks: who struck where, with the dead and wounded where the text counts them.

Each sentence holding an attack word (data/lexicon/attacks.yaml) is read through its parse: the
agent is the "by" phrase, the possessor or modifier of the attack noun ("Russian airstrikes",
"Daesh's campaign of violence"), or the subject of an attack verb ("ISIL has killed 70"). The place
is the sentence's city or country. Mentions of one attack (same agent and country) are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.datafiles import load_yaml
from sitrep.extract.context import Context
from sitrep.extract.numbers import parse_number
from sitrep.model import Fact, Mention

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "attacks.yaml"
ACTOR_KINDS = {"armed_group", "military", "government", "coalition"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "latest", "its", "their"}
CLAIM = frozenset({"claim"})  # "... has claimed responsibility"
_NUM = r"(\d[\d,]*|[a-z]+(?:[- ][a-z]+)?)"
@dataclass(frozen=True)
class CountPatterns:
    """Patterns that capture a count, and the words one of which every pattern needs: text
    without any of them is not searched."""

    cues: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


KILLED = CountPatterns(("kill", "dead", "died", "murder", "execut"), (
    re.compile(rf"\b(?:killing|killed|murdered|murdering|executed|executing)\s+"
               rf"(?:at least\s+|more than\s+|some\s+|about\s+|over\s+)?{_NUM}\b"),
    re.compile(rf"\b{_NUM}\s+(?:[a-z]+\s+){{0,3}}(?:were|have been|had been|was|are)?\s*"
               r"(?:killed|dead|died|murdered|executed)\b"),
))
WOUNDED = CountPatterns(("wound", "injur"), (
    re.compile(rf"\b(?:wounding|injuring|wounded|injured)\s+"
               rf"(?:at least\s+|more than\s+|some\s+|about\s+|over\s+)?{_NUM}\b"),
    re.compile(rf"\b{_NUM}\s+(?:[a-z]+\s+){{0,3}}(?:were|have been|had been|was|are)?\s*"
               r"(?:wounded|injured)\b"),
))


@dataclass(frozen=True)
class Lexicon:
    nouns: frozenset[str]
    verbs: frozenset[str]
    types: dict[str, str]
    modifiers: dict[str, str]
    actor_heads: frozenset[str]


@dataclass
class Actor:
    """An attacker: its surface name, merge key, state, and whether it is a state named as such
    (a state's strikes are placed outside it; a regime's or army's may be at home)."""

    name: str
    key: str
    code: str | None
    state: bool = False


@cache
def lexicon() -> Lexicon:
    data = load_yaml(LEXICON.read_text(encoding="utf-8"))
    return Lexicon(frozenset(data["nouns"]), frozenset(data["verbs"]), dict(data["types"]),
                   dict(data["modifiers"]), frozenset(data["actor_heads"]))


# --- agents -----------------------------------------------------------------------------------


def _phrase(tok: Token) -> Span:
    """The noun phrase a head token ends, without leading determiners."""
    doc = tok.doc
    start = tok.left_edge.i
    while start < tok.i and doc[start].lower_ in DETERMINERS:
        start += 1
    return doc[start:tok.i + 1]


def _actor(ctx: Context, tok: Token) -> Actor | None:
    """The attacker a token heads: an armed group, a force, a state or a regime."""
    m: Mention | None = ctx.mention_at(tok.idx)
    if m is not None and m.type == "ORG" and m.kind in ACTOR_KINDS:
        key = (m.canonical or m.text) if m.kind == "armed_group" else m.text
        return Actor(m.text, key.lower(), m.code)
    if m is not None and m.type in ("COUNTRY", "NORP") and m.code:
        name = m.canonical or m.text
        return Actor(name, name.lower(), m.code, state=True)
    if tok.lower_ in lexicon().actor_heads and tok.pos_ in ("NOUN", "PROPN"):
        phrase = _phrase(tok)
        inner = ctx.mentions_in(phrase.start_char, phrase.end_char, "COUNTRY", "NORP", "ORG",
                                "PERSON")
        if inner or tok.lower_ == "regime":
            code = next((x.code for x in inner if x.code), None)
            return Actor(phrase.text, phrase.text.lower(), code)
    return None


def _first_actor(ctx: Context, tokens: list[Token]) -> Actor | None:
    for tok in tokens:
        found = _actor(ctx, tok)
        if found is not None:
            return found
    return None


def _noun_agent(ctx: Context, noun: Token) -> Actor | None:
    """"attack by X", "X's attack", "Russian airstrikes", "X's campaign of violence"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            found = _first_actor(ctx, [c for c in child.children if c.dep_ == "pobj"])
            if found:
                return found
        if child.dep_ == "agent":
            found = _first_actor(ctx, [c for c in child.children if c.dep_ == "pobj"])
            if found:
                return found
    mods = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    found = _first_actor(ctx, mods)
    if found is None and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
            and noun.head.head.pos_ == "NOUN":
        return _noun_agent(ctx, noun.head.head)  # "X's campaign of violence"
    return found


def _verb_agent(ctx: Context, verb: Token) -> Actor | None:
    """"X has killed 70", "struck by X"."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _first_actor(ctx, [child])
        if child.dep_ == "agent":
            return _first_actor(ctx, [c for c in child.children if c.dep_ == "pobj"])
    return None


def _claimant(ctx: Context, sent: Span) -> Actor | None:
    """"… for which X has claimed responsibility"."""
    for tok in ctx.words.tokens_in(sent, LEMMA, CLAIM):
        if any(c.lower_ == "responsibility" for c in tok.children):
            return _first_actor(ctx, [c for c in tok.children if c.dep_ == "nsubj"])
    return None


# --- places, counts, dates --------------------------------------------------------------------


def _resolve_place(name: str, near: list[str]) -> tuple[str | None, str | None]:
    """(city, country) of a place name; (None, None) when unknown."""
    try:
        from sitrep.where import resolve_place
    except ImportError:  # the place index is optional
        return None, None
    place = resolve_place(name, near)
    if place is None:
        return None, None
    return (place.name if place.kind == "city" else None), place.country


def _location(ctx: Context, span: Span, actor: Actor | None) -> tuple[str | None, str | None]:
    """(city, country) named in a span, leaving out the attacker's own state."""
    own = actor.code if actor and actor.state else None
    countries = [c for c in ctx.countries_in(span.start_char, span.end_char) if c != own]
    codes = [m.code for m in ctx.mentions_in(span.start_char, span.end_char, "COUNTRY")
             if m.code and m.code != own]
    for m in ctx.mentions_in(span.start_char, span.end_char, "PLACE"):
        city, country = _resolve_place(m.text, countries)
        if country and country != own:
            return (m.text if city else None), country
    return None, (codes[0] if codes else None)


def count_in(counts: CountPatterns, text: str) -> int | None:
    """The first number one of the patterns captures in the text ("killing 12" → 12)."""
    low = text.lower()
    if not any(cue in low for cue in counts.cues):
        return None
    for pattern in counts.patterns:
        for m in pattern.finditer(low):
            value = parse_number(m.group(1))
            if value is not None:
                return value
    return None


# --- sentences --------------------------------------------------------------------------------


def _type(trigger: Token) -> str | None:
    lex = lexicon()
    for child in trigger.children:
        if child.lower_ in lex.modifiers:
            return lex.modifiers[child.lower_]
    return lex.types.get(trigger.lemma_.lower())


@cache
def _trigger_lemmas() -> frozenset[str]:
    lex = lexicon()
    return lex.nouns | lex.verbs


def _triggers(ctx: Context, sent: Span) -> list[Token]:
    lex = lexicon()
    return [t for t in ctx.words.tokens_in(sent, LEMMA, _trigger_lemmas(), lower=True)
            if (t.pos_ == "NOUN" and t.lemma_.lower() in lex.nouns)
            or (t.pos_ == "VERB" and t.lemma_.lower() in lex.verbs)]


def _placed(trigger: Token) -> bool:
    """The attack noun is placed: "attack(s) in/on/at X"."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at") for c in trigger.children)


def _sentence(ctx: Context, sent: Span, last: tuple[str | None, str | None]
              ) -> list[tuple[dict[str, Any], float, str]]:
    """(record, confidence, merge key) for each attack a sentence states; `last` is the place of
    the attack stated before, which an attack with a named agent but no place takes."""
    out = []
    claimant = _claimant(ctx, sent)
    text = ctx.text_of(sent)
    killed, wounded = count_in(KILLED, text), count_in(WOUNDED, text)
    for trig in _triggers(ctx, sent):
        verb = trig.pos_ == "VERB"
        actor = _verb_agent(ctx, trig) if verb else _noun_agent(ctx, trig)
        actor = actor or (claimant if not verb else None)
        city, country = _location(ctx, sent, actor)
        confidence = 0.9 if actor is not None else 0.6
        if country is None and actor is not None and last[1] \
                and not (actor.state and last[1] == actor.code):
            (city, country), confidence = last, 0.7
        if country is None:
            continue
        if actor is None and (verb or not (_placed(trig) or killed is not None)
                              or trig.lemma_.lower() == "violence"
                              or (city is None and killed is None)):
            continue
        record = {"perpetrator": actor.name if actor else None, "location_country": country,
                  "city": city, "date": ctx.first_date(sent), "killed": killed,
                  "wounded": wounded, "type": _type(trig)}
        out.append((record, confidence, (actor.key if actor else "") + "|" + country))
    return out


def _merge(old: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if old.get(key) is None and value is not None:
            old[key] = value


def extract(ctx: Context) -> list[Fact]:
    """Attacks of the document, one per attacker and country."""
    found: dict[str, Fact] = {}
    last: tuple[str | None, str | None] = (None, None)
    for sent in ctx.sents:
        for record, confidence, key in _sentence(ctx, sent, last):
            last = (record["city"], record["location_country"])
            if key in found:
                _merge(found[key].data, record)
                continue
            found[key] = ctx.fact("attacks", record, sent, confidence)
    perpetrated = {f.data["location_country"] for f in found.values() if f.data["perpetrator"]}
    return [f for f in found.values()
            if f.data["perpetrator"] or f.data["location_country"] not in perpetrated]
