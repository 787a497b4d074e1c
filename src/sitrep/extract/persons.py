"""Persons: named people with role and country, merged within a document by surname."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Span

from sitrep.extract.context import Context, Person
from sitrep.model import Fact, Mention

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "titles.yaml"
CONNECTORS = {"of", "for", "the", "and", "to", "on", "'s", "’s", "-"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "hon", "mr.", "mrs.",
              "ms.", "dr."}


@cache
def _titles() -> tuple[frozenset[str], frozenset[str]]:
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    heads = frozenset(w.lower() for h in data["heads"] for w in h.split())
    return heads, frozenset(w.lower() for w in data["modifiers"]) | heads


def _role_before(ctx: Context, span: Span) -> Span | None:
    """The title words right before a name ("Defence Minister" Harjit S. Sajjan)."""
    heads, words = _titles()
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":  # "the Iraqi Foreign Minister, Ibrahim al-Jaafari"
        i -= 1
    end = i + 1
    while i >= 0 and i >= span.sent.start:
        tok = doc[i]
        low = tok.text.lower()
        in_actor = ctx.mention_at(tok.idx) is not None and tok.ent_type_ in ("COUNTRY", "NORP",
                                                                            "ORG")
        if low in words or in_actor or (low in CONNECTORS and i < end - 1):
            i -= 1
            continue
        break
    start = i + 1
    while start < end and doc[start].text.lower() in CONNECTORS:
        start += 1
    if start >= end or not any(t.text.lower() in heads for t in doc[start:end]):
        return None
    return doc[start:end]


def _role_after(span: Span) -> Span | None:
    """An appositive role after a name ("Ibrahim al-Jaafari, the Iraqi Foreign Minister,")."""
    heads, words = _titles()
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in ("the", "a"):
        i += 1
    start = i
    while i < len(doc) and i < span.sent.end and (
        doc[i].text.lower() in words | CONNECTORS or doc[i].ent_type_ in ("COUNTRY", "NORP", "ORG")
    ):
        i += 1
    while i > start and doc[i - 1].text.lower() in CONNECTORS:
        i -= 1
    if i > start and any(t.text.lower() in heads for t in doc[start:i]):
        return doc[start:i]
    return None


def _clean_name(text: str) -> str:
    words = text.replace("\n", " ").split()
    while words and words[0].lower().strip(".") in HONORIFICS:
        words.pop(0)
    name = " ".join(words)
    name = re.sub(r"\s*-\s+", "-", name)  # "al- Jaafari" → "al-Jaafari"
    return name.strip(" ,.;:'’\"")


def _country_of(ctx: Context, role: Span | None, span: Span) -> str | None:
    if role is not None:
        codes = ctx.countries_in(role.start_char, role.end_char)
        orgs = ctx.mentions_in(role.start_char, role.end_char, "ORG")
        if codes:
            return codes[0]
        if orgs:
            return orgs[0].code if orgs[0].kind in ("government", "military") else None
    after = span.doc[span.end:min(span.end + 4, span.sent.end)]
    if len(after) >= 2 and after[0].lower_ in ("of", "from", "("):
        codes = ctx.countries_in(after.start_char, after.end_char)
        if codes:
            return codes[0]
    if role is not None:
        return ctx.home_country or ctx.main_country
    return ctx.main_country


def _title_mention(role: Span | None) -> list[Mention]:
    if role is None:
        return []
    return [Mention(text=role.text, start=role.start_char, end=role.end_char, type="TITLE")]


def resolve_persons(ctx: Context) -> list[Person]:
    """Persons of the document, one per surname, full names first."""
    doc = ctx.doc
    found: list[tuple[Span, Mention]] = []
    for m in ctx.mentions:
        if m.type != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and any(c.isupper() for c in m.text):
            found.append((span, m))
    persons: list[Person] = []
    for span, m in sorted(found, key=lambda sm: -len(_clean_name(sm[1].text).split())):
        name = _clean_name(m.text)
        if not name or not name[0].isupper():
            continue
        role = _role_before(ctx, span) or _role_after(span)
        title = _title_mention(role)
        existing = next((p for p in persons if p.surname.lower() == name.split()[-1].lower()),
                        None)
        if existing is not None:
            existing.mentions.append(m)
            existing.titles.extend(title)
            if existing.role is None and role is not None:
                existing.role = role.text
                existing.country = _country_of(ctx, role, span) or existing.country
            continue
        if len(name.split()) == 1 and role is None:
            continue  # a lone surname with no title is too weak to stand as a person
        persons.append(Person(name=name, role=role.text if role is not None else None,
                              country=_country_of(ctx, role, span), mentions=[m],
                              titles=title))
    return persons


def extract(ctx: Context) -> list[Fact]:
    """One fact per person; the evidence is the sentence of the first mention."""
    facts = []
    for p in ctx.persons:
        first = min(p.mentions, key=lambda m: m.start)
        sent = ctx.doc.char_span(first.start, first.end, alignment_mode="expand").sent
        confidence = 0.6 + (0.2 if p.role else 0) + (0.1 if p.country else 0)
        facts.append(ctx.fact("persons", {"name": p.name, "role": p.role, "country": p.country},
                              sent, confidence))
    return facts
