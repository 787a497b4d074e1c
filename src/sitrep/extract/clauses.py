"""Clause helpers shared by the figure and commitment extractors: lexicons, subjects, actors,
tense, dates and phrase text."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from sitrep.datafiles import load_yaml
from sitrep.extract.context import Context
from sitrep.model import Mention

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"
SUBJECTS = ("nsubj", "nsubjpass")
CLAUSE_LINKS = ("conj", "xcomp", "advcl")  # a verb sharing the subject of its head
POSSESSIVE = ("'s", "’s", "'", "’")
FUTURE_AUX = ("will", "shall", "'ll", "wo")
PRESENT_AUX = ("has", "have", "is", "are", "am", "'s", "'re", "'ve")


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A word list file under data/lexicon, read once."""
    return load_yaml((LEXICON_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def lemmas(name: str, key: str) -> frozenset[str]:
    """One word list of a lexicon file, as a set built once."""
    return frozenset(lexicon(name)[key])


def subject_of(verb: Token, loose: bool = False) -> Token | None:
    """The subject of a verb, also through the verbs it is coordinated with or governed by.

    `loose` climbs any head up to the root ("aid having committed £1bn" → the clause subject).
    """
    tok = verb
    for _ in range(8 if loose else 4):
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if tok.head.i == tok.i or (not loose and tok.dep_ not in CLAUSE_LINKS):
            return None
        tok = tok.head
    return None


def mention_actor(ctx: Context, m: Mention, states_only: bool) -> str | None:
    """The state (ISO3) a mention stands for, or an IGO code where states_only is False."""
    if m.type == "PERSON":
        return person_state(ctx, m)
    if not m.code or m.type not in ("COUNTRY", "NORP", "ORG"):
        return None
    if ctx.gaz.country(m.code):
        return m.code
    return m.code if not states_only and m.kind == "igo" else None


def person_state(ctx: Context, m: Mention) -> str | None:
    """The state a named person serves, where the role names it or the publisher is that state
    (a country guessed from the document's main country is not trusted)."""
    person = ctx.person_by_surname(m.text.split()[-1])
    if person is None or person.country is None:
        return None
    words = (person.role or "").replace("'s", " ").replace("’s", " ").split()
    named = {ctx.gaz.country_code(" ".join(words[i:i + n]))
             for i in range(len(words)) for n in (1, 2, 3)}
    return person.country if person.country in named | {ctx.home_country} else None


def possessor(ctx: Context, noun: Token) -> Mention | None:
    """The mention owning a noun: "the UK's commitment", "Canada's expanded strategy"."""
    for child in noun.children:
        if child.dep_ == "poss":
            m = ctx.mention_at(child.idx)
            if m is not None:
                return m
    sent_start = noun.sent.start
    for i in range(noun.i - 1, max(sent_start, noun.i - 9) - 1, -1):
        tok = noun.doc[i]
        if tok.text in POSSESSIVE and i > sent_start:
            return ctx.mention_at(noun.doc[i - 1].idx)
        if tok.is_punct and tok.text not in ("-", "–"):
            return None
    return None


def pronoun_antecedent(pronoun: Token) -> Token | None:
    """What "it" or "they" as a subject stands for: the subject of the verb reporting its
    clause ("Germany said it would send ..."), else, opening a sentence, the proper-noun subject
    of the sentence before ("The UK ... It will also provide ...")."""
    if pronoun.lower_ not in ("it", "they"):
        return None
    verb = pronoun.head
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp":
        subj = subject_of(verb.head)
        if subj is not None and subj.pos_ == "PROPN":
            return subj
    sent = pronoun.sent
    if pronoun.i != sent.start or sent.start == 0:
        return None
    before = pronoun.doc[sent.start - 1].sent
    subj = subject_of(before.root)
    return subj if subj is not None and subj.pos_ == "PROPN" else None


def token_actor(ctx: Context, tok: Token, states_only: bool = True) -> str | None:
    """The actor a noun phrase head names: its own mention, an owner or modifier inside it, a
    person's state, or the publishing state for "we" and "the Government"."""
    candidates = [tok, *(c for c in tok.children if c.dep_ in ("poss", "compound", "amod"))]
    for cand in candidates:
        m = ctx.mention_at(cand.idx)
        code = mention_actor(ctx, m, states_only) if m is not None else None
        if code:
            return code
    owner = possessor(ctx, tok)
    if owner is not None:
        return mention_actor(ctx, owner, states_only)
    if tok.lower_ in lemmas("clauses", "home_subjects"):
        return ctx.home_country
    return None


def tense(verb: Token) -> str | None:
    """"future", "present" or "past" from a verb's auxiliaries and tag, climbing through
    "will continue to provide"-like chains."""
    tok = verb
    for _ in range(4):
        aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(a in FUTURE_AUX for a in aux):
            return "future"
        if any(a in PRESENT_AUX for a in aux) or tok.tag_ in ("VBZ", "VBP"):
            return "present"
        if aux or tok.tag_ == "VBD":
            return "past"
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _governs(anchor: Token, tok: Token) -> bool:
    """Whether `tok` hangs from `anchor` with no other verb between ("In May, X deployed")."""
    while tok.i != anchor.i:
        if tok.head.i == tok.i or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux"):
            return False
        tok = tok.head
    return True


def clause_date(ctx: Context, anchor: Token, skip: tuple[int, int] | None = None) -> str | None:
    """The first date that resolves among those of `anchor`'s own clause, leaving out
    mentions inside the character range `skip`."""
    sent = anchor.sent
    for m in ctx.mentions_in(sent.start_char, sent.end_char, "DATE"):
        if skip and skip[0] <= m.start < skip[1]:
            continue
        span = anchor.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not _governs(anchor, span.root):
            continue
        found = ctx.date(m.text)
        if found:
            return found
    return None


def phrase(tokens: list[Token]) -> str:
    """Text of tokens in order, cut at the first dash, semicolon or bracket."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    for tok in doc[start:end]:
        if tok.text in ("—", "–", ";", "(", ":") or tok.text == "-" and tok.whitespace_:
            end = tok.i
            break
    return doc[start:end].text.strip(" ,.;:\"'“”")
