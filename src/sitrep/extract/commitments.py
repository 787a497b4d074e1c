"""Commitments: what a state committed, pledged, announced or will provide, and when.

Pledges of money, troops, equipment and training: "pledged $X", "committed N troops", "will
deploy / provide / train", "is to send", "offered / agreed to supply", "announced an additional
£N million", "said it would send", "Japan's pledge of $X", "ministers made the following
announcements:" over a list. Goals ("committed to defeating Daesh"), agreements between parties,
hedged ("could send", "would consider sending") and negated provisions are none. The date is
that of the pledging clause, of the verb reporting a "will ...", or of the meeting it was made at;
else the date the sentence or its paragraph gives, else the day of the news an earlier paragraph
gives (within a week of publication).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.extract.clauses import (
    clause_date,
    lemmas,
    mention_actor,
    negated,
    phrase,
    possessor,
    pronoun_antecedent,
    subject_of,
    tense,
    token_actor,
)
from sitrep.extract.context import Context
from sitrep.extract.meetings import capitals
from sitrep.extract.meetings import lexicon as meeting_lexicon
from sitrep.model import Fact

DROP = ("advcl", "relcl", "parataxis", "mark", "nsubj", "nsubjpass", "aux", "auxpass", "neg",
        "punct", "advmod", "npadvmod", "cc", "conj")
PRONOUNS = ("it", "they", "he", "she", "this", "that", "which", "who")
MONEY_SIGNS = ("$", "£", "€", "¥")


@dataclass
class Found:
    """One trigger with the words it commits to and the token or actor it is owed by."""

    content: list[Token]
    subject: Token | None = None  # the clause subject naming the actor, or
    owner: Token | None = None  # the noun whose possessor names it ("the UK's commitment"), or
    in_phrase: bool = False  # a state named inside the content ("Jordanian policy")
    undated: bool = False  # a date in the trigger's own clause is the plan's, not the pledge's
    confidence: float = 0.9


def _words(key: str) -> frozenset[str]:
    return lemmas("commitments", key)


def _kept(head: Token, drop: tuple[str, ...] = DROP) -> list[Token]:
    """A phrase's tokens without its subordinate clauses, subject, auxiliaries and trailing
    punctuation."""
    out = [head]
    for child in head.children:
        if child.dep_ not in drop:
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _after(verb: Token) -> list[Token]:
    """What a verb governs to its right, less its dates: "deploy [up to 600 personnel to
    Latvia] in May"."""
    tokens = [t for c in verb.children if c.i > verb.i and c.dep_ not in DROP
              and not _is_when(c) for t in c.subtree]
    return sorted(tokens, key=lambda t: t.i)


def _is_when(tok: Token) -> bool:
    """A time adjunct: "on Monday", "in May 2017"."""
    return tok.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)


def _is_money(tok: Token) -> bool:
    """"£1.1bn", "$100m", "9 billion euros"."""
    if tok.ent_type_ == "MONEY" or tok.lower_ in _words("currencies"):
        return True
    return any(t.text in MONEY_SIGNS for t in tok.subtree)


def _is_goal(content: list[Token]) -> bool:
    """Aims such as "defeating Daesh" are no commitments."""
    goals = _words("goals")
    for tok in content:
        if tok.pos_ in ("VERB", "NOUN") and tok.dep_ not in ("amod", "compound"):
            return tok.lemma_ in goals
    return False


def _to_content(tok: Token) -> list[Token] | None:
    """The object of "to" after a trigger: "committed to [tripling ...]"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            obj = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
            if obj is not None:
                return _kept(obj)
    return None


def _committed(tok: Token) -> Iterator[Found]:
    """"X committed to <content>", "X is committed to <content>", "committed £1bn", money
    "committed since ..."."""
    if tok.lemma_ not in _words("commit_verbs") or tok.pos_ not in ("VERB", "ADJ"):
        return
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    content = _to_content(tok)
    if obj is not None:  # "committed 200 troops to ...", "having committed £1bn to ..."
        subj = subject_of(tok)
        if subj is None and _is_money(obj):
            subj = subject_of(tok, loose=True)
            yield Found(_after(tok), subj, confidence=0.6)
        else:
            yield Found([tok, *_after(tok)], subj)
    elif content is not None:
        yield Found(content, subject_of(tok.head if tok.dep_ == "acomp" else tok))
    elif tok.tag_ == "VBN" and tok.i > 0 and _is_money(tok.doc[tok.i - 1]):
        money = tok.doc[tok.i - 1]  # "with over 9 billion euros committed since ..."
        yield Found([t for t in money.subtree if t.i <= money.i], subject_of(tok, loose=True),
                    confidence=0.6)


def _provision(verb: Token) -> bool:
    """Whether a verb provides something ("supply", "send", "train")."""
    return verb.lemma_ in _words("future_verbs") | _words("supply_verbs")


def _would(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in
               verb.children)


def _inner_subject(ccomp: Token, outer: Token) -> Token | None:
    """The subject of a reported pledge ("announced that Britain would send"), else the
    reporter: the state named inside wins over the official reporting it."""
    inner = next((c for c in ccomp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if inner is not None and inner.ent_type_ in ("GPE", "NORP", "ORG", "COUNTRY"):
        return inner
    if inner is not None and inner.lower_ in ("it", "they") and subject_of(outer) is not None:
        return subject_of(outer)  # "Sweden said it would send"
    return subject_of(outer) or inner


def _pledged(tok: Token) -> Iterator[Found]:
    """"X pledged/promised <object>", "X pledged to <verb ...>", "X agreed/offered to supply
    ...", "X promised that it would provide ..."."""
    if tok.lemma_ not in _words("pledge_verbs") or tok.pos_ != "VERB":
        return
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    offers = tok.lemma_ in _words("offer_verbs")
    if obj is not None and tok.lemma_ != "agree":
        yield Found(_after(tok), subject_of(tok), confidence=0.8 if offers else 0.9)
    elif xcomp is not None and (not offers or _provision(xcomp)):
        yield Found(_kept(xcomp), subject_of(tok))
    elif ccomp is not None and _would(ccomp) and _provision(ccomp):
        yield Found(_kept(ccomp), _inner_subject(ccomp, tok))


def _announced(tok: Token) -> Iterator[Found]:
    """"X announced <package | money>", "X announced that it would ...", "<policy> was
    announced", "<strategy>, announced earlier this year"."""
    if tok.lemma_ not in _words("announce_verbs") or tense(tok) == "future":
        return
    objects = _words("objects")
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if obj is not None and obj.dep_ == "dobj" and (obj.lemma_ in objects or _is_money(obj)):
        yield Found(_after(tok), subject_of(tok))
    elif ccomp is not None and any(c.lower_ in ("will", "would") for c in ccomp.children):
        yield Found(_kept(ccomp), _inner_subject(ccomp, tok))
    elif obj is not None and obj.dep_ == "nsubjpass" and _names_object(obj):
        by = [p for a in tok.children if a.dep_ == "agent" for p in a.children
              if p.dep_ == "pobj"]  # "a new package was announced by the minister"
        if by:
            yield Found(_kept(obj), by[0], confidence=0.85)
        else:
            yield Found(_kept(obj), in_phrase=True, confidence=0.6)
    elif obj is None and tok.tag_ == "VBN" and not _clause_words(tok):
        yield from _announced_participle(tok)


def _clause_words(verb: Token) -> bool:
    """Whether a participle has a subject or auxiliary of its own (then it is no modifier)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def _names_object(noun: Token) -> bool:
    objects = _words("objects")
    return noun.lemma_ in objects or any(
        p.lemma_ in objects for c in noun.children if c.lower_ == "of" for p in c.children)


def _announced_participle(tok: Token) -> Iterator[Found]:
    """"<owner>'s <strategy>, announced <when>": the noun right before the comma."""
    i = tok.i - 1
    if i < 1 or tok.doc[i].text != ",":
        return
    noun = tok.doc[i - 1]
    if noun.lemma_ in _words("objects"):
        content = [t for t in noun.subtree if t.i <= noun.i]
        yield Found(content, owner=noun)


def _commitment_noun(tok: Token) -> Iterator[Found]:
    """"the UK's commitment to <content>", "reaffirmed its commitment to <content>"."""
    if tok.lemma_ not in _words("nouns") or tok.pos_ != "NOUN":
        return
    content = _to_content(tok)
    if content is None:
        yield from _pledge_of(tok)
        return
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ == "PRON" and tok.dep_ == "dobj":
        yield Found(content, subject_of(tok.head))
    else:
        yield Found(content, owner=tok)


def _pledge_of(tok: Token) -> Iterator[Found]:
    """"Japan's pledge of $300 million", "X made a pledge of 200 troops", "a pledge by X of
    ..."."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    what = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
    if what is None or not (_is_money(what) or any(t.like_num for t in what.subtree)):
        return
    content = [tok, *(t for t in tok.subtree if t.i > tok.i and t.i <= max(
        x.i for x in what.subtree))]
    by = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
          if p.dep_ == "pobj"]
    if by:
        yield Found(content, by[0], confidence=0.8)
    elif any(c.dep_ == "poss" for c in tok.children) and tok.children:
        owner = next(c for c in tok.children if c.dep_ == "poss")
        if owner.pos_ == "PRON":
            yield Found(content, subject_of(tok.head), confidence=0.8)
        else:
            yield Found(content, owner=tok, confidence=0.8)
    elif tok.dep_ == "dobj" and tok.head.lemma_ in _words("light_verbs"):
        yield Found(content, subject_of(tok.head), confidence=0.8)  # "made a pledge of"


def _reported(tok: Token) -> Iterator[Found]:
    """"Sweden said it would send 35 trainers", "the minister confirmed that 250 more troops
    would be sent"."""
    if tok.lemma_ not in _words("report_verbs") or tok.pos_ != "VERB" or negated(tok):
        return
    ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if ccomp is None or not _would(ccomp) or not _provision(ccomp) or negated(ccomp):
        return
    if not any(c.dep_ in ("dobj", "nsubjpass") for c in ccomp.children):
        return
    drop = tuple(d for d in DROP if d != "nsubjpass")  # "250 more troops would be sent"
    yield Found(_kept(ccomp, drop), _inner_subject(ccomp, tok), confidence=0.8)

def _is_future(verb: Token) -> bool:
    """"will send", "will continue to provide", "is to send", "are set to deploy"."""
    tok = verb
    for _ in range(4):
        aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tense(tok) == "future" or any(a in ("will", "shall", "'ll") for a in aux):
            return True
        if tok.dep_ != "xcomp" or "to" not in aux or tok.head.i == tok.i:
            return False
        head = tok.head
        if head.lemma_ == "be" or head.lemma_ == "set" and any(
                c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in head.children):
            return True  # "France is to send", "Italy is set to deploy"
        if head.lemma_ not in _words("continue_verbs"):
            return False
        tok = head
    return False


def _future(tok: Token) -> Iterator[Found]:
    """"X will deploy/provide/... <object>", also "will continue to provide", "is to send"."""
    if tok.lemma_ not in _words("future_verbs") or tok.pos_ != "VERB":
        return
    if not _is_future(tok) or _hedged(tok) or not any(c.dep_ == "dobj" for c in tok.children):
        return
    yield Found([tok, *_after(tok)], subject_of(tok), confidence=0.85, undated=True)


def _increment(tok: Token) -> Iterator[Found]:
    """"X is providing an additional 125 soldiers": an added contribution is a commitment."""
    if tok.lemma_ not in _words("supply_verbs") or tense(tok) == "future" or _hedged(tok):
        return
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    increments = lemmas("deployments", "increments")
    if obj is not None and any(t.lower_ in increments for t in obj.subtree if t.i < obj.i):
        yield Found([tok, *_after(tok)], subject_of(tok), confidence=0.8)


def _hedged(verb: Token) -> bool:
    """"could send", "would consider sending", "may deploy": a possibility, no pledge."""
    tok = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in _words("modals") for c in tok.children):
            return True
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return False
        if tok.head.lemma_ in _words("hedge_verbs"):
            return True
        tok = tok.head
    return False


def _future_passive(tok: Token) -> Iterator[Found]:
    """"A further £20 million will be provided by the UK"."""
    if tok.lemma_ not in _words("future_verbs") or tok.tag_ != "VBN" or not _is_future(tok):
        return
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    by = [p for a in tok.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    if subj is None or not by or not (_is_money(subj) or any(
            t.like_num for t in subj.subtree)):
        return
    content = sorted([*subj.subtree, tok], key=lambda t: t.i)
    yield Found(content, by[0], confidence=0.8, undated=True)


TRIGGERS: tuple[Callable[[Token], Iterator[Found]], ...] = (
    _committed, _pledged, _announced, _commitment_noun, _future, _increment, _reported,
    _future_passive,
)
# The lemma lists the triggers above start by checking: a token with none of them triggers none.
TRIGGER_LISTS = ("commit_verbs", "pledge_verbs", "announce_verbs", "nouns", "future_verbs",
                 "supply_verbs", "report_verbs")


@cache
def _trigger_lemmas() -> frozenset[str]:
    return frozenset().union(*(_words(key) for key in TRIGGER_LISTS))


def _blocked(tok: Token) -> bool:
    """Negated, hoped-for or asked-about triggers ("is expected to announce")."""
    if negated(tok) or any(t.text == "?" for t in tok.sent[-2:]):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return infinitive and tok.dep_ == "xcomp" and tok.head.lemma_ not in (
        _words("pledge_verbs") | _words("commit_verbs") | _words("continue_verbs")) and not (
        _is_future(tok))


def _actor(ctx: Context, found: Found) -> tuple[str | None, float]:
    """The committing actor and the confidence its pattern earns."""
    if found.owner is not None:
        owner = possessor(ctx, found.owner)
        return (mention_actor(ctx, owner, False) if owner else None), found.confidence
    if found.in_phrase:
        codes = [m.code for t in found.content if (m := ctx.mention_at(t.idx)) and m.code
                 and ctx.gaz.country(m.code)]
        return (codes[0] if codes else None), found.confidence
    if found.subject is None:
        return None, 0.0
    if earlier := pronoun_antecedent(found.subject):
        found.subject = earlier  # "The UK ... It will also provide", "X said it would send"
    if found.subject.lower_ in PRONOUNS:
        return None, 0.0
    code = token_actor(ctx, found.subject, states_only=False) or _capital(ctx, found.subject)
    home = found.subject.pos_ == "PRON" or found.subject.ent_type_ == ""
    return code, found.confidence - (0.1 if home else 0.0)


def _capital(ctx: Context, tok: Token) -> str | None:
    """The state a capital stands for as an actor ("Moscow has pledged ...")."""
    m = ctx.mention_at(tok.idx)
    if m is None or m.type != "PLACE":
        return None
    names = {k.split(",")[0]: v for k, v in capitals().items()}  # "washington, d.c."
    return names.get(m.text.lower())


def _fact(ctx: Context, tok: Token, found: Found) -> Fact | None:
    cut = next((i for i, t in enumerate(found.content) if i and "\n" in ctx.text[
        found.content[i - 1].idx:t.idx]), None)
    if cut is not None:  # a sentence the parser ran on into the next paragraph
        found.content = found.content[:cut]
    what = phrase(found.content)
    if not what or _is_goal(found.content):
        return None
    actor, confidence = _actor(ctx, found)
    if not actor:
        return None
    sent: Span = tok.sent
    date = _date(ctx, tok, found)
    if date is None:  # a plan's own dates ("will deploy in the autumn") are not the pledge's
        plan = sorted({tok, *found.content}, key=lambda t: t.i) if found.undated else []
        date = context_date(ctx, sent, (plan[0].idx, plan[-1].idx + len(plan[-1]))
                            if plan else None)
    data = {"actor": actor, "date": date, "what": what}
    return ctx.fact("commitments", data, sent, confidence)


def context_date(ctx: Context, sent: Span, skip: tuple[int, int] | None = None) -> str | None:
    """The date a pledge without one of its own is placed at: the first date of its sentence,
    else the last one of the paragraph before it ("Governments meeting on Tuesday pledged
    ... Kuwait said it would give ..."), else the last date of the paragraphs before, where it
    is within a week of publication (the day of the news); else none."""
    text = ctx.text
    para = text.rfind("\n\n", 0, sent.start_char) + 1
    for lo, hi, last in ((sent.start_char, sent.end_char, False), (para, sent.start_char, True)):
        found = [d for m in ctx.mentions_in(lo, hi, "DATE")
                 if not (skip and skip[0] <= m.start < skip[1]) and (d := ctx.date(m.text))]
        if found:
            return found[-1] if last else found[0]
    published = ctx.document.published
    earlier = [d for m in ctx.mentions_in(0, para, "DATE") if (d := ctx.date(m.text))]
    if published and earlier and _days_apart(earlier[-1], published) <= RECENT_DAYS:
        return earlier[-1]  # the day the story's lead gives ("on Tuesday")
    return None


RECENT_DAYS = 7  # an earlier date this close to publication is the day of the news


def _days_apart(a: str, b: str) -> int:
    """Days between two dates; a large number unless both are full YYYY-MM-DD dates."""
    try:
        return abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)
    except ValueError:
        return 10**6


def _date(ctx: Context, tok: Token, found: Found) -> str | None:
    """The date of the trigger's clause; for "will ..." the date of the verb reporting it."""
    span = list(tok.subtree) if found.undated else found.content
    skip = (span[0].idx, span[-1].idx + len(span[-1]))
    anchor = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if found.undated:
        top = tok
        while top.dep_ in ("xcomp", "conj") and top.head.i != top.i:
            top = top.head  # "France is to send ..., the President said on Friday"
        if top.dep_ != "ccomp":
            return None
        anchor = top.head
    return clause_date(ctx, anchor, skip) or meeting_date(ctx, anchor)


def meeting_date(ctx: Context, verb: Token) -> str | None:
    """The date of the meeting a clause is placed at ("During the summit, X pledged ..."): the
    latest dated meeting found before it."""
    nouns = meeting_lexicon()["nouns"]
    at = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in _words("meeting_preps")
          for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in nouns]
    if not at:
        return None
    dated = [f for f in ctx.facts if f.kind == "meetings" and f.data.get("date")
             and f.start <= verb.idx]
    return dated[-1].data["date"] if dated else None


def _line_items(ctx: Context, colon: Token) -> list[str]:
    """The lines listed after a colon, up to a blank line after them or a full sentence."""
    items: list[str] = []
    pos = ctx.text.find("\n", colon.idx)
    while 0 <= pos < len(ctx.text) and len(items) < 20:
        end = ctx.text.find("\n", pos + 1)
        line = ctx.text[pos + 1:end if end >= 0 else len(ctx.text)].strip(" \t-*•")
        pos = end
        if not line:
            if items:
                break
            continue
        if line.endswith((".", "?", "!", ":")):
            break
        items.append(line)
    return items


def _announcement_list(ctx: Context, noun: Token) -> Fact | None:
    """"Ministers made the following announcements:" and the lines below: one commitment of
    the announcing party, its items as what."""
    if noun.lemma_.lower() not in _words("list_nouns") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    colon = next((t for t in noun.doc[noun.i + 1:min(noun.i + 4, len(noun.doc))]
                  if t.text == ":"), None)
    if colon is None or negated(verb) or verb.lemma_ not in _words("list_verbs"):
        return None
    subj = subject_of(verb)
    actor = token_actor(ctx, subj, states_only=False) if subj is not None else None
    if actor is None and subj is not None and subj.lemma_.lower() in lemmas(
            "clauses", "home_subjects"):
        actor = ctx.home_country  # "ministers made ..."
    items = _line_items(ctx, colon)
    if not actor or not items:
        return None
    date = clause_date(ctx, verb) or meeting_date(ctx, verb)
    data = {"actor": actor, "date": date, "what": "; ".join(items)}
    return ctx.fact("commitments", data, noun.sent, 0.7)


def _co_pledgers(ctx: Context, found: Found, fact: Fact) -> list[Fact]:
    """The same pledge for each state coordinated with the subject ("Saudi Arabia and the
    United Arab Emirates together promised $930 million")."""
    if found.subject is None:
        return []
    out = []
    for conj in found.subject.conjuncts:
        code = token_actor(ctx, conj, states_only=True)
        if code and code != fact.data["actor"]:
            data = {**fact.data, "actor": code}
            out.append(ctx.fact("commitments", data, found.subject.sent, fact.confidence - 0.05))
    return out


def extract(ctx: Context) -> list[Fact]:
    """At most one commitment per actor and sentence: the first trigger that resolves."""
    facts: dict[tuple[str, int], Fact] = {}
    for tok in ctx.words.tokens(LEMMA, _trigger_lemmas()):
        blocked: bool | None = None  # worked out only for tokens that trigger
        for trigger in TRIGGERS:
            for found in trigger(tok):
                if blocked is None:
                    blocked = _blocked(tok)
                if blocked:
                    break
                fact = _fact(ctx, tok, found)
                if fact is not None:
                    facts.setdefault((fact.data["actor"], fact.start), fact)
                    for other in _co_pledgers(ctx, found, fact):
                        facts.setdefault((other.data["actor"], other.start), other)
    for tok in ctx.words.tokens(LEMMA, _words("list_nouns")):
        fact = _announcement_list(ctx, tok)
        if fact is not None:
            facts.setdefault((fact.data["actor"], fact.start), fact)
    return sorted(facts.values(), key=lambda f: f.start)
