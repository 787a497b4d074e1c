"""Memberships: the states (or organizations) a named group is made of.

Rules over the parse (word lists in data/lexicon/groups.yaml), each finding a group and a list:
- listing verbs: "G comprises / consists of / is made up of / includes A, B ... and C",
  "members of G are: A, B", "G nations which ... include A", "Its members include A" (the group
  named in the same or the sentence before), with the list inline, after a colon or one per line
- membership nouns: "A and B are members of G", "A, a member of G", "A, as part of G",
  "as members of G, A and B ..."
- joining and belonging: "A joined G", "G, joined by A and B", "A belongs to / participates
  in G", "the UK's membership of NATO", "G is led by A", "A and other Coalition forces"
- forming: "A, B and C form G", "G was founded by A, B and C"
- the group with its list: "the coalition of A, B and C", "G partners, including A and B",
  "G allies A and B", "G has eight member states: A, ...", "G, comprising A and B"
- headings over lists and tables: "Members of the coalition:" and one member per line
Lists are read from the text (extract/lists.py), so a long list the parser splits stays whole.
Members are ISO3 codes; a member that is not a state is the organization's code or name.
Negated, future ("will join") and outside ("non-member", "countries outside G") cases are none.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.datafiles import load_yaml
from sitrep.extract import lists
from sitrep.extract.context import Context
from sitrep.extract.meeting_parties import conjuncts, own_span, party_code, subjects
from sitrep.model import Fact, Mention

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "groups.yaml"
GROUP_KINDS = ("coalition", "igo")
PRONOUNS = ("it", "its", "their", "they", "which", "that")
Hit = tuple[str, list[str], float]


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """The group lexicon: each list as a set of lower-case words."""
    data = load_yaml(LEXICON.read_text(encoding="utf-8"))
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


# --- groups ---------------------------------------------------------------------------------------


def group_org(ctx: Context, tok: Token, kinds: tuple[str, ...] = GROUP_KINDS) -> str | None:
    """The name of a coalition or IGO mention covering a token (any organization with
    `kinds` empty)."""
    m = ctx.mention_at(tok.idx)
    if m is not None and m.type == "ORG" and (not kinds or m.kind in kinds):
        return m.text
    return None


def group_name(ctx: Context, tok: Token, named_only: bool = False) -> str | None:
    """The name of the group a noun phrase names, else None.

    A coalition or IGO mention gives its name; otherwise the phrase must be headed by a group
    word ("alliance", "group"); with `named_only` it must also hold a capitalised word.
    """
    if name := group_org(ctx, tok):
        return name
    if _lemma(tok) not in lexicon()["heads"]:
        return None
    if tok.pos_ == "NOUN" and (name := _named_as(ctx, tok) or _definite_antecedent(ctx, tok)):
        return name  # "the Saudi-led coalition is a military alliance", "G, a forum of ..."
    for t in own_span(tok):
        if t.i < tok.i and (name := group_org(ctx, t)):
            return name
    span = own_span(tok)
    named_by = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" and all(
        p.text[:1].isupper() and not p.like_num and _lemma(p) not in lexicon()["units"]
        and ctx.mention_at(p.idx) is None for p in c.children if p.dep_ == "pobj")]
    last = max([tok.i] + [t.i for c in named_by for t in own_span(c)])  # "core group of X"
    words = [t for t in span if t.i == tok.i or t.i <= last and (
        t.dep_ not in ("det", "poss", "case", "amod")
        or t.dep_ == "amod" and t.text[:1].isupper() and t.i > span.start)]
    words = [t for t in words if not t.like_num and _lemma(t) not in lexicon()["units"]]
    start = next((i for i, t in enumerate(words) if not t.is_punct), len(words))
    words = words[start:]
    if named_only and not any(t.text[:1].isupper() and t.i != span.start for t in words):
        return None
    return "".join(t.text_with_ws for t in words).strip() or None


def _named_as(ctx: Context, tok: Token) -> str | None:
    """The named organization that a common group noun describes: the subject of its copula
    ("The Saudi-led coalition is a military alliance") or the name it is in apposition to
    ("the Ukraine Defense Contact Group, a forum of 50 countries")."""
    head = tok.head
    if tok.dep_ == "attr" and _lemma(head) == "be":
        for subj in (c for c in head.children if c.dep_ == "nsubj"):
            if name := group_org(ctx, subj) or _proper_name(subj):
                return name
    if tok.dep_ == "appos" and head.i < tok.i:
        return group_org(ctx, head) or _proper_name(head)
    return None


GENERIC_HEADS = frozenset(("organisation", "organization", "bloc", "body", "grouping"))
ANTECEDENT_SENTENCES = 3  # how far back "the council" looks for the council it stands for


def _definite_antecedent(ctx: Context, tok: Token) -> str | None:
    """The named group a bare definite group noun stands for ("The council, which groups
    ..." after "the Gulf Cooperation Council"): the latest coalition or IGO named in the last
    sentences whose name holds the noun, or any for a generic noun ("the organisation"); else
    the only such group the document named before."""
    if not tok.text.islower() or not any(c.dep_ == "det" and c.lower_ == "the"
                                         for c in tok.children):
        return None
    if any(t.text[:1].isupper() for t in own_span(tok) if t.i != tok.i and t.dep_ != "det"):
        return None
    sent = tok.sent
    first = sent.start
    for _ in range(ANTECEDENT_SENTENCES - 1):
        if first == 0:
            break
        first = tok.doc[first - 1].sent.start
    lemma = _lemma(tok)
    fits = [m for m in ctx.mentions_in(0, tok.idx, "ORG") if m.kind in GROUP_KINDS and (
        lemma in GENERIC_HEADS or lemma in m.text.lower().split())]
    near = [m for m in fits if m.start >= tok.doc[first].idx]
    if near:
        return near[-1].text
    names = {m.canonical or m.text for m in fits}
    return fits[-1].text if len(names) == 1 else None  # the one such group named before


def _proper_name(tok: Token) -> str | None:
    """The text of a capitalised proper-noun phrase headed by a token ("G5 Sahel Joint Force"),
    that names no state or person."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    start = tok.i
    while start > 0 and tok.doc[start - 1].dep_ in ("compound", "nmod", "amod") and (
            tok.doc[start - 1].text[:1].isupper() or tok.doc[start - 1].like_num) and (
            tok.i >= tok.doc[start - 1].head.i >= start - 1):
        start -= 1
    span = tok.doc[start:tok.i + 1]
    return span.text if len(span) > 1 else None


def _relative_owner(ctx: Context, whose: Token) -> str | None:
    """The group of "whose" in "G, whose members are A and B": the noun the clause is on."""
    clause = next((t for t in whose.ancestors if t.dep_ == "relcl"), None)
    if clause is None:
        return None
    noun = clause.head
    return group_name(ctx, noun) or group_org(ctx, noun, ()) or _proper_name(noun)


def _antecedent(ctx: Context, tok: Token) -> str | None:
    """The group a pronoun or bare "the members" refers to: the nearest group named before it
    in its sentence or the sentence before."""
    sent = tok.sent
    first = sent.start
    if sent.start > 0:
        first = tok.doc[sent.start - 1].sent.start
    for i in range(tok.i - 1, first - 1, -1):
        t = tok.doc[i]
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound" and (
                name := group_name(ctx, t) or group_org(ctx, t, ())):
            return name
    return None


def _modifier_group(ctx: Context, tok: Token, lower: bool = False) -> str | None:
    """A group named as a noun's modifier: "Coalition nations", "NATO allies", "EU members";
    with `lower` also an uncapitalised group word ("Canada, a coalition partner")."""
    for c in tok.lefts:
        if c.dep_ not in ("compound", "nmod", "amod", "poss"):
            continue
        if name := group_org(ctx, c):
            return name
        if (lower or c.text[:1].isupper()) and _lemma(c) in lexicon()["heads"]:
            return group_name(ctx, c) or c.text
        if c.dep_ == "poss" and (name := group_name(ctx, c)):
            return name
        if c.dep_ == "poss" and c.lower_ == "whose":
            return _relative_owner(ctx, c)
        if c.dep_ == "poss" and c.lower_ in PRONOUNS:
            return _antecedent(ctx, tok)
        if c.dep_ == "compound" and tok.tag_ == "NNS" and _lemma(tok) in lexicon()["units"] \
                and c.i == tok.i - 1 and (name := _group_modifier(ctx, c)):
            return name  # "the G5 Sahel countries", "ASEAN members"
    return None


def _group_modifier(ctx: Context, c: Token) -> str | None:
    """A capitalised proper noun before a plural member noun that names no state, place or
    person of the document: the name of a group."""
    if c.pos_ != "PROPN" or not c.text[:1].isupper():
        return None
    m = ctx.mention_at(c.idx)
    if m is not None and m.type in ("COUNTRY", "NORP", "QUANTITY", "DATE"):
        return None
    start = c.i
    while start > 0 and c.doc[start - 1].dep_ == "compound" and c.doc[start - 1].head.i in (
            c.i, start) and (c.doc[start - 1].text[:1].isupper() or c.doc[start - 1].like_num):
        start -= 1
    if m is not None and m.type == "PERSON" and any(
            p.name.lower() == m.text.lower() for p in getattr(ctx, "persons", ())):
        return None
    return c.doc[start:c.i + 1].text


def _negative(tok: Token) -> bool:
    """"non-member states", "countries outside the coalition", "not members"."""
    words = lexicon()["outside"]
    return any(t.lower_ in words or t.lower_.startswith("non") and t.i < tok.i
               or t.dep_ == "neg" for t in own_span(tok))


def _clause_group(ctx: Context, clause: Token) -> str | None:
    """The group of a clause on a member noun: "that are part of G", "taking part in G",
    "which have joined G", "contributing to G"."""
    lex = lexicon()
    if any(c.dep_ == "neg" for c in clause.children):
        return None
    if _lemma(clause) in lex["join_verbs"] | lex["belong_verbs"] | {"be", "take"}:
        for t in clause.subtree:
            if t.dep_ in ("dobj", "pobj", "attr") and t.i > clause.i:
                if _lemma(t) in lex["member_nouns"]:
                    continue
                if name := group_name(ctx, t):
                    return name
    return None


def member_group(ctx: Context, noun: Token) -> str | None:
    """The group whose members a noun phrase names ("members of G", "G's members", "Coalition
    nations", "countries in the coalition", "its members"), else None."""
    lex = lexicon()
    if _lemma(noun) not in lex["units"] | lex["member_nouns"] or _negative(noun):
        return None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "within"):
            for p in c.children:
                if p.dep_ == "pobj" and (name := group_name(ctx, p) or _modifier_group(ctx, p)):
                    return name
        if c.dep_ in ("relcl", "acl") and (name := _clause_group(ctx, c)):
            return name
    if name := _modifier_group(ctx, noun):
        return name
    if _lemma(noun) == "member" and any(c.dep_ == "det" and c.lower_ == "the"
                                        for c in noun.children) and not any(
            c.dep_ == "prep" for c in noun.children):
        return _antecedent(ctx, noun)  # "The group was formed in 2014. The members are ..."
    return None


def subject_group(ctx: Context, subj: Token, strong: bool) -> str | None:
    """The group a listing verb's subject names: the group itself, its members, or a pronoun
    for a group just named; `strong` verbs ("comprise") also take any organization."""
    if subj.lower_ in PRONOUNS:
        return _antecedent(ctx, subj) if strong else None
    if _negative(subj):
        return None
    if name := group_name(ctx, subj):
        return name
    if strong and (name := group_org(ctx, subj, ())):
        return name
    return member_group(ctx, subj)


# --- members --------------------------------------------------------------------------------------


def values(mentions: list[Mention], group: str) -> list[str]:
    """Member values of list items, without the group itself."""
    out = []
    for m in mentions:
        value = lists.member_value(m)
        if value and m.text.lower() != group.lower() and value.lower() != group.lower():
            out.append(value)
    return list(dict.fromkeys(out))


def _list_start(obj: Token) -> Token:
    """Where the list an object heads begins in the text."""
    return obj.left_edge


def list_after(ctx: Context, tok: Token, strong: bool = False) -> list[Mention]:
    """The list a verb or preposition introduces: its object's list, else the list right after
    it (a colon list, a list the parser left unattached); after a `strong` verb also a list
    inside the object ("comprised of ministers from A, B and C")."""
    doc = tok.doc
    colon = lists.colon_list(ctx, tok)
    if colon is not None:
        return colon
    for obj in (c for c in tok.rights if c.dep_ in ("dobj", "attr", "pobj", "oprd", "appos")):
        found = lists.listed(ctx, _list_start(obj))
        if found:
            return found
        if _lemma(obj) in lexicon()["units"] and (found := _examples(ctx, obj)):
            return found  # "brings together 60 countries, including A and B"
        for inner in _inner_objects(obj) if strong else ():  # "ministers from A and B"
            if found := lists.listed(ctx, _list_start(inner)):
                return found
    i = tok.i + 1
    while i < len(doc) and (doc[i].dep_ in ("prt", "prep") and doc[i].lower_ in ("up", "of")
                            or doc[i].text in (":", "-", "–") or doc[i].is_space
                            or doc[i].lower_ in ("the", "following", "these")):
        i += 1
    if i < len(doc) and _lemma(doc[i]) in lexicon()["units"] | {"member", "following"}:
        i += 1
        while i < len(doc) and (doc[i].text in (":", "-", "–") or doc[i].is_space):
            i += 1
    return lists.listed(ctx, doc[min(i, len(doc) - 1)]) if i <= len(doc) else []


def _inner_objects(obj: Token) -> list[Token]:
    out = []
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(p)
                    out.extend(_inner_objects(p))
    return out


def member_codes(ctx: Context, heads: list[Token]) -> list[str]:
    """Codes of member phrases and the phrases coordinated with them ("Canada and Norway",
    "We" for the publisher's state)."""
    codes: list[str | None] = []
    for h in heads:
        for c in conjuncts(h):
            codes.append(_member_code(ctx, c))
        head = ctx.mention_at(h.idx)
        found = lists.inline(ctx, h.left_edge)[0] if head is not None else []
        if found and found[0] == head:  # a list the parse split
            codes += [lists.member_value(m) for m in found]
    return list(dict.fromkeys(c for c in codes if c))


def _member_code(ctx: Context, tok: Token) -> str | None:
    """The member a phrase head names: a state or organization mention heading it, "we" for
    the publisher's state, or a state's forces or government ("British forces"); a phrase
    that only mentions a state somewhere inside ("members of the Syrian society") is none."""
    m = ctx.mention_at(tok.idx)
    if m is not None and m.type in lists.ITEM_TYPES:
        return lists.member_value(m)
    if tok.lower_ in ("we", "us"):
        return party_code(ctx, tok)
    if _lemma(tok) in lexicon()["contingents"] | {"government", "minister", "ministry"}:
        for c in tok.lefts:
            owner = ctx.mention_at(c.idx) if c.dep_ in ("compound", "amod", "poss") else None
            if owner is not None and owner.type in ("COUNTRY", "NORP") and owner.code:
                return owner.code
    return None


def listed_states(ctx: Context, span: Span) -> list[str]:
    """States named in a span, in order."""
    return ctx.countries_in(span.start_char, span.end_char)


# --- patterns -------------------------------------------------------------------------------------


def _listing(ctx: Context, verb: Token) -> Hit | None:
    """"G comprises A, B and C", "members of G include A", "G is made up of: A; B; C",
    "G nations which ... include A", "Its members are A and B"."""
    lex = lexicon()
    lemma = _lemma(verb)
    if lemma not in lex["composed_verbs"] or verb.pos_ not in ("VERB", "AUX"):
        return _mistagged_listing(ctx, verb)
    if lemma == "make" and not any(c.lower_ == "up" for c in verb.children):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    strong = lemma in lex["strong_verbs"]
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("relcl", "acl") and (not subj or subj[0].lower_ in ("which", "that")):
        subj = [verb.head]  # "G, which comprises A and B", "G, comprising A and B"
    elif not subj and verb.dep_ == "conj":
        subj = subjects(verb)  # "G is led by A and includes B and C"
    if not subj:
        return None
    if lemma == "be" and not member_group(ctx, subj[0]):
        return _among(ctx, verb) or _described(ctx, verb, subj[0])
    group = member_group(ctx, subj[0]) if lemma == "be" else subject_group(ctx, subj[0], strong)
    if group is None:
        return None
    if lemma == "be" and not any(c.dep_ in ("attr", "acomp") or c.text == ":"
                                 for c in verb.children):
        return None
    members = values(list_after(ctx, verb, strong), group)
    if not members and strong:  # a list the parse and the text scan both miss
        rest = [t for t in verb.subtree if t.i > verb.i]
        if rest:
            members = listed_states(ctx, verb.doc[rest[0].i:rest[-1].i + 1])
        members = members if len(members) >= 2 else []
    return (group, members, 0.9) if members else None


def _mistagged_listing(ctx: Context, tok: Token) -> Hit | None:
    """"G comprises A, B" where the tagger took "comprises" for a noun: the group phrase right
    before the word, the list right after it."""
    if tok.lower_ not in lexicon()["listing_forms"] or tok.i == 0:
        return None
    before = tok.doc[tok.i - 1]
    m = ctx.mention_at(before.idx)
    group = group_name(ctx, before) or (m.text if m is not None and m.type == "ORG" else None)
    nxt = tok.i + 1
    while nxt < len(tok.doc) and tok.doc[nxt].lower_ in ("of", "up"):
        nxt += 1
    if group is None or nxt >= len(tok.doc):
        return None
    members = values(lists.listed(ctx, tok.doc[nxt]), group)
    return (group, members, 0.8) if len(members) >= 2 else None


def _described(ctx: Context, verb: Token, subj: Token) -> Hit | None:
    """"G is an alliance of A, B and C", "G is a combined formation of military units from A,
    B and C": a named subject described as a group made of the states listed."""
    name = group_org(ctx, subj, ()) or _proper_name(subj)
    attrs = [c for c in verb.children if c.dep_ == "attr"
             and _lemma(c) in lexicon()["heads"] | lexicon()["formations"]]
    if name is None or not attrs or any(c.dep_ == "neg" for c in verb.children):
        return None
    for inner in _inner_objects(attrs[0]):
        members = values(lists.listed(ctx, _list_start(inner)), name)
        if len(members) >= 2:
            return name, members, 0.8
    return None


def _among(ctx: Context, verb: Token) -> Hit | None:
    """"Among the members of G are A, B and C"."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"):
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            group = member_group(ctx, noun)
            if group:
                heads = [c for c in verb.children if c.dep_ in ("nsubj", "attr")]
                members = member_codes(ctx, heads)
                return (group, members, 0.85) if members else None
    return None


def _has_members(ctx: Context, verb: Token) -> Hit | None:
    """"G has eight member states: A, B ...", "G has 29 members, including A and B", "G brings
    together 60 countries, including A"."""
    lex = lexicon()
    if _lemma(verb) not in lex["have_verbs"] or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and (not subj or subj[0].lower_ in ("which", "that")):
        subj = [verb.head]
    group = subject_group(ctx, subj[0], strong=False) if subj else None
    if group is None:
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if _lemma(obj) not in lex["units"] | lex["member_nouns"]:
            continue
        found = lists.colon_list(ctx, obj) or _examples(ctx, obj)
        members = values(found or [], group)
        if members:
            return group, members, 0.85
    return None


def _examples(ctx: Context, noun: Token) -> list[Mention]:
    """The list after "including" or "such as" on a noun."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in lexicon()["example_preps"] or (
                prep.lower_ == "such" and any(c.lower_ == "as" for c in prep.children)):
            heads = [p for p in prep.subtree if p.dep_ == "pobj" and p.head.i in (
                prep.i, *(c.i for c in prep.children if c.lower_ == "as"))]
            first = heads[0].left_edge if heads else None
            while first is not None and first.lower_ in ("the", "both") and first.i < heads[0].i:
                first = first.nbor()
            if first is not None and lists.member_value_at(ctx, first) is not None:
                return lists.listed(ctx, first)
    return []


def _led_by(ctx: Context, verb: Token) -> Hit | None:
    """"The coalition is led by the United States", "A leads the coalition"."""
    if _lemma(verb) != "lead" or verb.pos_ != "VERB" or _future_or_negated(verb):
        return None
    by = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    if by:
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl":
            subj = [verb.head]
        group = group_name(ctx, subj[0], named_only=False) if subj else None
        members = member_codes(ctx, by) if group else []
        return (group, members, 0.8) if group and members else None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    group = next((g for o in objs if (g := object_group(ctx, o))), None)
    members = member_codes(ctx, [s for s in subjects(verb) if s.dep_ == "nsubj"]) if group else []
    return (group, members, 0.8) if group and members else None


def _and_other(ctx: Context, noun: Token) -> Hit | None:
    """"A and other Coalition forces", "Denmark, along with other NATO allies": the named one
    is one of the group's members."""
    if noun.pos_ not in ("NOUN", "PROPN") or not any(
            c.dep_ == "amod" and c.lower_ == "other" for c in noun.children):
        return None
    group = _modifier_group(ctx, noun)
    if group is None:
        return None
    heads = []
    if noun.dep_ == "conj":
        heads = [t for t in conjuncts(noun.head) if t.i != noun.i]
    elif noun.dep_ == "pobj" and noun.head.lower_ in ("with", "alongside"):
        owner = noun.head.head  # "Denmark, along with other NATO allies, ..."
        while owner.dep_ in ("prep", "advmod") and owner.head.i != owner.i:
            owner = owner.head
        heads = [owner] if owner.pos_ in ("PROPN", "NOUN") else subjects(owner)
    members = [m for m in member_codes(ctx, heads) if m.lower() != group.lower()]
    return (group, members, 0.8) if members else None


def _member_of(ctx: Context, noun: Token) -> Hit | None:
    """"A is a member of G", "A and B, both members of G, ...", "A, as part of G, ...",
    "As members of G, A and B ..."."""
    lex = lexicon()
    if _lemma(noun) not in lex["member_nouns"] or _negative(noun):
        return None
    loose = _lemma(noun) == "member"
    group = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in (
        "of", "to", "in", "for") for p in c.children if p.dep_ == "pobj" and (
            g := _group_in(ctx, p, loose))), None)
    one = _one_of(noun)  # "A is one of the framework nations of G"
    if group is None:
        group = _modifier_group(ctx, noun, lower=True)  # "A is a NATO member"
        if group is None or noun.dep_ not in ("attr", "appos") and one is None:
            return None
    if one is not None:
        noun = one
    head = noun.head
    if noun.dep_ == "attr" and _lemma(head) in ("be", "become", "remain"):
        if any(c.dep_ == "neg" for c in head.children):
            return None
        subj = subjects(head)
        if any(t.lower_ in ("following", "these") for s in subj for t in own_span(s)):
            found = lists.colon_list(ctx, noun, reach=30) or lists.heading_list(ctx, noun)
            members = values(found or [], group)  # "The following states are members of G:"
        else:
            members = member_codes(ctx, subj)
    elif noun.i > noun.sent.start and noun.left_edge.i > 0 and noun.doc[
            noun.left_edge.i - 1].text == ",":  # "A and B, both members of G, ..."
        members = values(lists.before(ctx, noun.left_edge), group)
    elif noun.dep_ == "appos" and head.pos_ in ("PROPN", "NOUN"):
        members = member_codes(ctx, [head])
    elif noun.dep_ == "pobj" and head.lower_ == "as":
        owner = head.head
        members = member_codes(ctx, [owner] if owner.pos_ in ("PROPN", "NOUN", "PRON")
                               else subjects(owner))
    else:
        return None
    if members:
        members += _alongside(ctx, noun)
    members = [m for m in dict.fromkeys(members) if m.lower() != group.lower()]
    return (group, members, 0.85) if members else None


def _membership(ctx: Context, noun: Token) -> Hit | None:
    """"The UK's membership of NATO", "our membership of the European Union"."""
    if _lemma(noun) not in lexicon()["membership_nouns"] or _negative(noun):
        return None
    group = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                  for p in c.children if p.dep_ == "pobj" and (g := _group_in(ctx, p, True))),
                 None)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if group is None or owner is None:
        return None
    if owner.lower_ in ("our", "my"):
        members = [ctx.home_country] if ctx.home_country else []
    else:
        members = member_codes(ctx, [owner])
    members = [m for m in members if m.lower() != group.lower()]
    return (group, members, 0.8) if members else None


def _one_of(noun: Token) -> Token | None:
    """The "one" of "one of the members of G", where the member noun hangs on it."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "one":
        return head.head
    return None


def _alongside(ctx: Context, tok: Token) -> list[str]:
    """Members named beside the first: "A is a member of G, alongside B and C"."""
    for c in [*tok.children, *tok.head.children]:
        if c.dep_ == "prep" and c.lower_ in ("alongside", "with") and c.i > tok.i:
            pobj = [p for p in c.children if p.dep_ == "pobj"]
            if pobj and lists.member_value_at(ctx, pobj[0].left_edge):
                return values(lists.listed(ctx, pobj[0].left_edge), "")
    return []


def _group_in(ctx: Context, tok: Token, loose: bool = False) -> str | None:
    """The group a phrase names, or a coalition named as its modifier ("Coalition activities");
    `loose` takes any organization ("a member of the Arab League")."""
    found = _modifier_group(ctx, tok) or group_name(ctx, tok)
    return found or (group_org(ctx, tok, ()) if loose else None)


def _future_or_negated(verb: Token) -> bool:
    """"will join", "plans to join", "did not join": no membership (yet)."""
    words = lexicon()["unreal_aux"]
    if any(c.dep_ in ("neg",) or c.dep_ == "aux" and c.lower_ in words for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.lower_ == "to" for c in verb.children)


def _joins(ctx: Context, verb: Token) -> Hit | None:
    """"A joined the coalition", "A acceded to G", "G, joined by A and B"."""
    lex = lexicon()
    if _lemma(verb) not in lex["join_verbs"] or verb.pos_ != "VERB" or _future_or_negated(verb):
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the coalition, joined by A and B"
        group = group_name(ctx, verb.head)
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children
                  if p.dep_ == "pobj"]
        members = member_codes(ctx, agents) if group else []
        return (group, members, 0.8) if group and members else None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
             for p in c.children if p.dep_ == "pobj"]
    group = next((g for o in objs if (g := object_group(ctx, o))), None)
    members = member_codes(ctx, subjects(verb)) if group else []
    return (group, members, 0.85) if group and members else None


def _belongs(ctx: Context, verb: Token) -> Hit | None:
    """"A and B belong to the alliance", "Canada participates in the coalition"."""
    if _lemma(verb) not in lexicon()["belong_verbs"] or verb.pos_ != "VERB" or (
            _future_or_negated(verb)):
        return None
    groups = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in")
              for p in c.children if p.dep_ == "pobj"]
    group = next((g for p in groups if (g := object_group(ctx, p))), None)
    members = member_codes(ctx, [s for s in subjects(verb) if s.dep_ == "nsubj"]) if group else []
    return (group, members, 0.8) if group and members else None


def object_group(ctx: Context, tok: Token) -> str | None:
    """A group named as an object: a named group, or a word that is only ever a group of states
    ("the coalition", "the alliance"); not a bare "group" or "council"."""
    if name := group_name(ctx, tok, named_only=True):
        return name
    return group_name(ctx, tok) if _lemma(tok) in lexicon()["state_groups"] else None


def _forms(ctx: Context, verb: Token) -> Hit | None:
    """"A, B and C form the Quad", "A and B founded the group"."""
    lex = lexicon()
    if _lemma(verb) not in lex["form_verbs"] or verb.pos_ != "VERB" or _future_or_negated(verb):
        return None
    if _lemma(verb) == "make" and not any(c.lower_ == "up" for c in verb.children):
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    by = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    if by and not objs:  # "the alliance was founded in 1949 by A, B and C"
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"] or (
            [verb.head] if verb.dep_ == "acl" else [])
        group = group_name(ctx, subj[0]) if subj else None
        members = values(lists.listed(ctx, by[0].left_edge), group) if group else []
        return (group, members, 0.8) if group and len(members) >= 2 else None
    group = next((g for o in objs if (g := object_group(ctx, o))), None)
    if group is None:
        return None
    members = member_codes(ctx, [s for s in subjects(verb) if s.dep_ == "nsubj"])
    return (group, members, 0.8) if len(members) >= 2 else None


def _group_with_list(ctx: Context, noun: Token) -> Hit | None:
    """"the coalition of A, B and C", "Coalition partners, including A and B", "NATO allies A
    and B", "member states such as A"."""
    lex = lexicon()
    lemma = _lemma(noun)
    if noun.pos_ not in ("NOUN", "PROPN") or _negative(noun):
        return None
    if lemma in lex["heads"]:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            pobj = [p for p in prep.children if p.dep_ == "pobj"]
            states = member_codes(ctx, pobj)
            items = [c for p in pobj for c in conjuncts(p)]
            if len(states) >= 2 and len(states) == len(items):
                name = group_name(ctx, noun)
                return (name, states, 0.8) if name else None
            units = [p for p in pobj if _lemma(p) in lex["units"]]
            found = _examples(ctx, units[0]) if units else []  # "of nine states, including A"
            name = group_name(ctx, noun) if found else None
            if name and (members := values(found, name)):
                return name, members, 0.8
    group = group_name(ctx, noun, named_only=True) if lemma in lex["heads"] else None
    group = group or member_group(ctx, noun)
    if group is None:
        return None
    if found := values(_examples(ctx, noun), group):  # not "the group, including in Iraq"
        return group, found, 0.8
    if lemma in lex["units"] | lex["member_nouns"]:  # "NATO allies Poland and Romania"
        if noun.i + 1 < len(noun.doc) and (found := values(
                lists.inline(ctx, noun.nbor())[0], group)):
            return group, found, 0.75
        if noun.i + 2 < len(noun.doc) and noun.nbor().text == "," and noun.tag_ == "NNS" and \
                len(found := values(lists.inline(ctx, noun.nbor(2))[0], group)) >= 2:
            return group, found, 0.75  # "the Visegrad countries, Czechia, Hungary, ..."
        named = [c for c in noun.children if c.dep_ == "appos"]
        if noun.dep_ == "compound" and ctx.mention_at(noun.head.idx) is not None:
            named = [noun.head]
        found = member_codes(ctx, named)
        if named and lists.member_value_at(ctx, named[0].left_edge):
            found = values(lists.listed(ctx, named[0].left_edge), group) or found
        if found:
            return group, found, 0.75
    return None


def _heading(ctx: Context, noun: Token) -> Hit | None:
    """A heading over a list one item per line: "Members of the coalition:", "Coalition
    members" over a table of "Country | Joined" rows."""
    lex = lexicon()
    if noun.pos_ not in ("NOUN", "PROPN") or _lemma(noun) not in lex["units"] | lex[
            "member_nouns"] | lex["heads"]:
        return None
    group = member_group(ctx, noun)
    alone = noun.i + 1 < len(noun.doc) and noun.nbor().text == ":" and noun.i == noun.sent.start
    if group is None and _lemma(noun) in lex["heads"]:
        group = group_name(ctx, noun, named_only=not (alone and noun.text[:1].isupper()))
    if group is None:
        return None
    found = values(lists.heading_list(ctx, noun), group)
    end = noun.right_edge.i + 1  # "Coalition members that have flown sorties: A, B and C"
    if len(found) < 2 and end < len(noun.doc) and noun.doc[end].text == ":" and (
            noun.dep_ == "ROOT" or noun.head.i == noun.i):
        found = values(lists.colon_list(ctx, noun.doc[end - 1], reach=2) or [], group)
    return (group, found, 0.8) if len(found) >= 2 else None


PATTERNS = ((_listing, "composed_verbs"), (_listing, "listing_forms"),
            (_has_members, "have_verbs"), (_led_by, "lead_verbs"), (_member_of, "member_nouns"),
            (_joins, "join_verbs"), (_membership, "membership_nouns"), (_belongs, "belong_verbs"),
            (_forms, "form_verbs"), (_group_with_list, "heads"), (_group_with_list, "units"),
            (_heading, "units"), (_heading, "member_nouns"), (_heading, "heads"),
            (_and_other, "contingents"))


@cache
def _pattern_lemmas() -> frozenset[str]:
    return frozenset().union(*(lexicon()[key] for _, key in PATTERNS))


def extract(ctx: Context) -> list[Fact]:
    """One membership fact per group, members merged across the document."""
    found: dict[str, Fact] = {}
    for tok in ctx.words.tokens(LEMMA, _pattern_lemmas(), lower=True):
        for pattern, key in PATTERNS:
            if _lemma(tok) not in lexicon()[key]:
                continue
            hit = pattern(ctx, tok)
            if hit is None:
                continue
            group, members, confidence = hit
            name = group.lower()
            if name in found:
                old = found[name].data["members"]
                old.extend(m for m in members if m not in old)
            else:
                found[name] = ctx.fact("memberships", {"group": group, "members": members},
                                      tok.sent, confidence)
    return list(found.values())
