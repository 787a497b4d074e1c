"""Group sizes: how many members a named group has.

Patterns (lexicon in data/lexicon/groups.yaml):
- "G, which has 67 member nations", "G counts 30 allies"
- "a coalition of 79 members", "an alliance with 30 members"
- "the 83-member coalition", "a 63 nation coalition"
- "NATO's 29 allies", "the 30 members of NATO"
"""

from __future__ import annotations

from spacy.attrs import LIKE_NUM
from spacy.tokens import Token

from sitrep.extract.context import Context
from sitrep.extract.memberships import group_name, group_org, lexicon
from sitrep.extract.numbers import parse_number
from sitrep.model import Fact

RELATIVES = {"which", "that", "who"}


def count_of(num: Token) -> int | None:
    """The count a number token states, digits or words ("67", "thirty")."""
    words = [t.text for t in num.lefts if t.dep_ in ("compound", "quantmod") and t.like_num]
    value = parse_number(" ".join([*words, num.text]))
    return value if value is not None and value >= 2 else None


def _unit_after(num: Token) -> Token | None:
    """The unit word right after a number, across a hyphen ("83-member", "67 member nations")."""
    doc, i = num.doc, num.i + 1
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    if i < len(doc) and doc[i].lemma_.lower() in lexicon()["units"]:
        return doc[i]
    return None


def _group_of_unit(ctx: Context, unit: Token) -> str | None:
    """The group that has the counted members, read from around the unit noun."""
    head = unit.head
    for c in unit.children:  # "NATO's 29 allies", "the 30 members of NATO"
        if c.dep_ == "poss" and (g := group_name(ctx, c) or group_org(ctx, c)):
            return g
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if g := group_name(ctx, p):
                    return g
    if unit.dep_ == "pobj" and head.lower_ in ("of", "with"):  # "a coalition of 79 members"
        return group_name(ctx, head.head)
    if unit.dep_ == "dobj" and head.lemma_.lower() in lexicon()["have_verbs"]:
        subj = [c for c in head.children if c.dep_ == "nsubj"]
        if subj and subj[0].lower_ in RELATIVES and head.dep_ == "relcl":
            return group_name(ctx, head.head)  # "G, which has 67 member nations"
        if subj:
            return group_name(ctx, subj[0])
    return None


def _size(ctx: Context, num: Token) -> tuple[str, int, str] | None:
    """(group, count, unit) for a number counting a group's members, else None."""
    if not num.like_num or num.pos_ not in ("NUM", "ADJ", "NOUN"):
        return None
    count = count_of(num)
    unit = _unit_after(num)
    if count is None or unit is None:
        return None
    modified = unit.head
    if modified.i > unit.i and (modified.lemma_.lower() in lexicon()["heads"]
                                or group_org(ctx, modified)):
        group = group_name(ctx, modified)  # "the 83-member coalition"
        return (group, count, unit.lemma_.lower() + "s") if group else None
    head = unit if unit.dep_ not in ("compound", "amod") else unit.head
    if head.lemma_.lower() not in lexicon()["units"]:
        return None
    group = _group_of_unit(ctx, head)
    if group is None:
        return None
    return group, count, num.doc[unit.i:head.i + 1].text


def extract(ctx: Context) -> list[Fact]:
    """One fact per (group, count) the document states."""
    found: dict[tuple[str, int], Fact] = {}
    for tok in ctx.words.flagged(LIKE_NUM):  # _size looks at numbers only
        hit = _size(ctx, tok)
        if hit is None:
            continue
        group, count, unit = hit
        key = (group.lower(), count)
        if key not in found:
            found[key] = ctx.fact("group_sizes", {"group": group, "count": count, "unit": unit},
                                  tok.sent, 0.9 if group[:1].isupper() else 0.75)
    return list(found.values())
