"""Deployments: stated force figures ("Canada will deploy up to 600 personnel to Latvia")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from sitrep.extract import coref
from sitrep.extract.clauses import (
    clause_date,
    lemmas,
    lexicon,
    negated,
    pronoun_antecedent,
    subject_of,
    tense,
    token_actor,
)
from sitrep.extract.context import Context
from sitrep.extract.numbers import parse_quantity
from sitrep.model import Fact, Mention

LOCATION_PREPS = ("in", "to", "into", "inside", "across", "throughout")
NOT_COUNTS = ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL")


@dataclass
class Figure:
    """One counted force in a sentence, before its actor is resolved."""

    count: Token  # the number's last token
    unit_tok: Token  # the noun heading the unit
    unit: str  # canonical unit
    verb: Token  # the verb stating the figure
    np_head: Token  # the noun phrase's head (the first conjunct)
    subject_is_np: bool  # the force is the verb's subject, not its object


@cache
def _units() -> dict[str, str]:
    """Surface unit noun (one or two words, lower case) → canonical unit."""
    return {word: unit for unit, words in lexicon("deployments")["units"].items()
            for word in words}


@cache
def _unit_ends() -> frozenset[str]:
    """The last word of every unit (a token can end a unit only if it is one of these)."""
    return frozenset(words.split(" ")[-1] for words in _units())


def _words(key: str) -> frozenset[str]:
    return lemmas("deployments", key)


def unit_words(tok: Token) -> str | None:
    """The unit words a noun ends ("jets", "fighter jets", "special forces"), if any."""
    units = _units()
    if tok.i > 0:
        pair = f"{tok.doc[tok.i - 1].lower_} {tok.lower_}"
        if pair in units:
            return pair
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    return tok.lower_ if tok.lower_ in units else None


def unit_of(tok: Token) -> str | None:
    """The canonical unit a noun heads ("jets" → aircraft, "special forces" → special forces)."""
    words = unit_words(tok)
    return _units()[words] if words else None


def _np_head(tok: Token) -> Token:
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _role(unit_tok: Token) -> tuple[Token, bool] | None:
    """The verb stating a figure, and whether the force is its subject, where it reads as one."""
    head = _np_head(unit_tok)
    verb = head.head
    for child in unit_tok.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_ in _words("stationed"):
            return child, False
    if head.dep_ in ("dobj", "nsubjpass") and verb.lemma_ in _words("object_verbs"):
        return verb, head.dep_ == "nsubjpass"
    subject = head.dep_ == "nsubj" or head.dep_ == "dep" and head.i < verb.i  # "dep": a misparse
    if subject and verb.lemma_ in _words("subject_verbs"):
        return verb, True
    if head.dep_ == "attr" and any(c.dep_ == "expl" for c in verb.children):
        return verb, True  # "there are 5,000 troops in ..."
    if head.dep_ == "pobj" and verb.lower_ == "with" and verb.head.pos_ == "VERB":
        return _with_role(verb.head)
    return None


def _with_role(verb: Token) -> tuple[Token, bool] | None:
    """"<force> will deploy with six aircraft", "Canada is sending ... with 12 helicopters"."""
    if verb.lemma_ in _words("object_verbs") | _words("subject_verbs"):
        return verb, False
    return None


def _count_tokens(count: Token) -> list[Token]:
    """The number with its hedges: "about 830", "up to 600", "1.6 million"."""
    return sorted((t for t in count.subtree if t.i <= count.i), key=lambda t: t.i)


def _count(count: Token) -> tuple[str | None, int | None]:
    if count.ent_type_ in NOT_COUNTS or not count.like_num:
        return None, None
    tokens = _count_tokens(count)
    if any(t.ent_type_ in NOT_COUNTS or t.tag_ == "$" for t in tokens):
        return None, None
    text = " ".join(t.text for t in tokens if t.lower_ not in ("an", "the"))
    qualifier, number = parse_quantity(text)
    if number is None:
        qualifier, number = parse_quantity(count.text)
    return qualifier, number


def _number_child(noun: Token) -> Token | None:
    """The number counting a noun, also before a model name ("six CF-18 fighter aircraft")."""
    for child in noun.children:
        if child.dep_ != "nummod":
            continue
        if child.like_num and child.ent_type_ not in ("PLATFORM", "WEAPON"):
            return child
        return next((c for c in child.children if c.dep_ in ("compound", "nummod")
                     and c.like_num and c.i < child.i), None)
    return None


def _figures(ctx: Context, sent) -> list[Figure]:
    """Counted forces of a sentence: "600 personnel" as the object or subject of a force verb."""
    out = []
    for tok in ctx.words.tokens_in(sent, LOWER, _unit_ends()):
        unit = unit_of(tok)
        if unit is None:
            continue
        count = _number_child(tok)
        role = _role(tok) if count is not None else None
        if role is not None:
            out.append(Figure(count, tok, unit, role[0], _np_head(tok), role[1]))
    return out + _totals(ctx, sent)


def _totals(ctx: Context, sent) -> list[Figure]:
    """"The total number of <force> deployed ... has increased to about 830"."""
    out = []
    for tok in ctx.words.tokens_in(sent, LEMMA, _words("total_nouns")):
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = tok.head
        if verb.lemma_ not in _words("total_verbs"):
            continue
        unit_tok = next((p for c in tok.children if c.lower_ == "of" for p in c.children
                         if p.dep_ == "pobj" and unit_of(p)), None)
        count = _total_figure(verb)
        if unit_tok is not None and count is not None:
            out.append(Figure(count, unit_tok, unit_of(unit_tok) or "", verb, tok, True))
    return out


def _total_figure(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("attr", "dobj") and child.like_num:
            return child
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            num = next((p for p in child.children if p.dep_ == "pobj" and p.like_num), None)
            if num is not None:
                return num
    return None


def _np_tokens(fig: Figure) -> list[Token]:
    """The force's own words: modifiers before the unit and an "of <force>" after it."""
    tokens = [t for t in fig.unit_tok.subtree if t.i <= fig.unit_tok.i]
    for prep in fig.unit_tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            tokens.extend(prep.subtree)
    if fig.np_head.i != fig.unit_tok.i and fig.np_head.dep_ in ("nsubj", "nsubjpass"):
        tokens.extend(t for t in fig.np_head.subtree if t.i < fig.unit_tok.i)
    return tokens


def _np_country(ctx: Context, fig: Figure) -> str | None:
    for tok in _np_tokens(fig):
        m = ctx.mention_at(tok.idx)
        code = m.code if m is not None and m.type in ("COUNTRY", "NORP", "ORG") else None
        if code and ctx.gaz.country(code):
            return code
    return None


def _country(ctx: Context, fig: Figure) -> tuple[str | None, float]:
    """The state whose force it is: named in the figure (0.9) or the verb's subject (0.85)."""
    code = _np_country(ctx, fig)
    if code:
        return code, 0.9
    if unit_words(fig.unit_tok) in _words("needs_force") or fig.subject_is_np:
        return None, 0.0
    subj = subject_of(fig.verb)
    if subj is None and fig.verb.dep_ == "acl" and fig.verb.head.dep_ in ("dobj", "attr"):
        subj = subject_of(fig.verb.head.head)  # "Australia has 780 personnel deployed ..."
    if subj is None:
        return None, 0.0
    earlier = pronoun_antecedent(subj)  # "Germany said it would send 350 soldiers"
    if earlier is not None and (m := ctx.mention_at(earlier.idx)) and m.type == "COUNTRY":
        subj = earlier  # a state by name; a body ("the Pentagon said it") is left unread
    code = token_actor(ctx, subj)
    return code, 0.85 if subj.pos_ == "PROPN" else 0.75


def _by_operation(fig: Figure) -> bool:
    """The figure's verb has an operation NP for subject ("The mission will add 120 troops")."""
    subj = subject_of(fig.verb)
    return subj is not None and coref.np_kind(subj) == "operation" and not fig.subject_is_np


def _operation_country(ctx: Context, operation: Mention | None) -> str | None:
    """The state running an operation: the gazetteer's, else the operations fact's."""
    if operation is None:
        return None
    if operation.code and ctx.gaz.country(operation.code):
        return operation.code
    name = operation.canonical or operation.text
    return next((f.data["country"] for f in ctx.facts
                 if f.kind == "operations" and f.data["name"] == name), None)


def _location(ctx: Context, fig: Figure) -> str | None:
    """A state named as where the force is: "in Iraq", "deployed to Latvia"."""
    anchors = {fig.unit_tok.i, fig.verb.i, fig.np_head.i}
    anchors |= {c.i for c in fig.unit_tok.children if c.dep_ in ("acl", "relcl")}
    for m in ctx.mentions_in(fig.verb.sent.start_char, fig.verb.sent.end_char, "COUNTRY"):
        tok = fig.verb.doc.char_span(m.start, m.end, alignment_mode="expand").root
        prep = tok.head
        if (tok.dep_ == "pobj" and prep.lower_ in LOCATION_PREPS and prep.head.i in anchors
                and m.code and ctx.gaz.country(m.code)):
            return m.code
    return None


def _operation(ctx: Context, fig: Figure, country: str | None) -> Mention | None:
    """The operation the figure belongs to: the one its sentence names; else the one a definite
    NP of the figure ("the mission", "the deployment") refers to; else the one the next
    sentence's "The deployment, named Operation X" names."""
    sent = fig.verb.sent
    found = {m.canonical or m.text: m
             for m in ctx.mentions_in(sent.start_char, sent.end_char, "OPERATION")}
    if found:
        return found.popitem()[1] if len(found) == 1 else None
    for tok in _np_tokens(fig) + [t for t in [subject_of(fig.verb)] if t is not None]:
        if coref.np_kind(tok) == "operation":
            return coref.antecedent(ctx, tok, "operation")
    return coref.named_next(ctx, sent, "operation", country)


def _casualty(fig: Figure) -> bool:
    words = _words("casualty")
    near = [fig.verb, *fig.unit_tok.children, *fig.verb.children]
    return any(t.lemma_ in words or t.lower_ in words for t in near)


def _additional(fig: Figure) -> bool:
    words = _words("increments")
    return any(t.lower_ in words for t in fig.unit_tok.subtree if t.i < fig.unit_tok.i)


def _as_of(ctx: Context, fig: Figure) -> str | None:
    explicit = clause_date(ctx, fig.verb)
    if explicit:
        return explicit
    if tense(fig.verb) == "present":
        return ctx.document.published
    return None


def _fact(ctx: Context, fig: Figure) -> Fact | None:
    if negated(fig.verb) or _casualty(fig):
        return None
    qualifier, count = _count(fig.count)
    if count is None or count < 1:
        return None
    country, confidence = _country(ctx, fig)
    operation = _operation(ctx, fig, country)
    if country is None and _by_operation(fig):
        country, confidence = _operation_country(ctx, operation), 0.7
    if country is None:
        return None
    sent = fig.verb.sent
    data = {"country": country,
            "operation": (operation.canonical or operation.text) if operation else None,
            "count": count,
            "qualifier": qualifier or "exactly", "unit": fig.unit, "as_of": _as_of(ctx, fig),
            "location": _location(ctx, fig)}
    if _additional(fig):
        data["additional"] = True
    return ctx.fact("deployments", data, sent, confidence)


def extract(ctx: Context) -> list[Fact]:
    """One fact per stated figure whose state is known."""
    facts: dict[tuple, Fact] = {}
    for sent in ctx.sents:
        for fig in _figures(ctx, sent):
            fact = _fact(ctx, fig)
            if fact is None:
                continue
            key = (fact.data["country"], fact.data["count"], fact.data["unit"], fact.start)
            facts.setdefault(key, fact)
    return list(facts.values())
