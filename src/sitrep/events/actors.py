"""Event actors: the states, forces, groups and people an argument of a trigger names.

An argument is read from its head token: a mention the gazetteer resolved ("Canada", "NATO",
"Iraqi security forces"), a person whose country is known, a capital standing for its
government ("Moscow said"), or a common noun whose modifiers name the state ("Israeli soldiers",
"Senior Hungarian and Romanian officials", "rebels in the Ivory Coast"). The head noun gives
the PLOVER sector (soldiers MIL, rebels REB, refugees REF …). Conjoined heads give a compound
actor, one list, never a concatenated code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Token

from sitrep.datafiles import load_yaml
from sitrep.events.vocabulary import Vocabulary
from sitrep.extract.context import Context
from sitrep.model import Mention

GROUP_HEADS = frozenset({"group", "number", "team", "batch", "patch", "contingent", "band",
                         "couple", "dozen", "hundred", "hundreds", "thousand", "thousands",
                         "score", "scores", "delegation", "unit", "member", "members", "some",
                         "many", "most", "all", "part", "majority"})
PLACE_PREPS = frozenset({"in", "from", "throughout", "across", "inside"})
SAY_VERBS = frozenset({"say", "announce", "state", "declare", "claim", "report", "tell", "add",
                       "insist", "confirm", "warn", "stress", "assert", "conclude", "reveal",
                       "indicate", "vow", "pledge", "promise", "threaten", "decide", "agree"})
REPORTING_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
THIRD_PERSON = frozenset({"he", "him", "his", "she", "her"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "nummod"})


@cache
def capitals() -> dict[str, str]:
    """Capital city name (lower case) → ISO3, from the countries data file."""
    from sitrep.actors.gazetteer import DATA_DIR

    entries = load_yaml((DATA_DIR / "countries.yaml").read_text(encoding="utf-8")) or []
    out = {}
    for e in entries:
        if e.get("capital"):
            out[e["capital"].lower()] = e["code"]
            out.setdefault(e["capital"].split(",")[0].lower(), e["code"])
    return out


def sector_of(tok: Token, vocab: Vocabulary) -> str | None:
    """The sector a head noun names ("soldiers" MIL), trying "security forces" before "forces"."""
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i == tok.i - 1:
            found = vocab.sectors.get(f"{c.lemma_.lower()} {tok.lemma_.lower()}")
            if found:
                return found
    return vocab.sectors.get(tok.lemma_.lower()) or vocab.sectors.get(tok.lower_)


def _code(ctx: Context, m: Mention) -> str | None:
    """The PLOVER actor code of a mention: ISO3, IGO, IMG (transnational armed group), NGO."""
    state = ctx.gaz.country(m.code) is not None
    if state:
        return m.code
    if m.sector == "IGO" or m.kind in ("igo", "coalition"):
        return "IGO"
    if m.kind == "armed_group" or m.sector == "REB":
        return "IMG"
    if m.sector == "NGO":
        return "NGO"
    return m.code


def _record(code: str, sector: str | None, text: str, m: Mention | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "sector": sector, "entity_text": text}
    if m is not None and m.code and m.code != code:
        out["actor_id"] = m.code  # sitrep's own id for IGO/IMG actors ("NATO", "ISIL")
    if m is not None and m.canonical:
        out["name"] = m.canonical
    return out


def _person_country(ctx: Context, m: Mention) -> tuple[str | None, str | None]:
    for person in ctx.persons:
        if any(pm.start == m.start for pm in person.mentions):
            role = (person.role or "").lower()
            sector = "MIL" if any(w in role for w in ("general", "commander", "admiral",
                                                      "colonel", "officer")) else "GOV"
            return person.country, sector if person.role else None
    return m.code, None


def _speaker_country(ctx: Context, tok: Token) -> str | None:
    """"we" inside a quotation is the speaker's state; elsewhere the publisher's."""
    for fact in ctx.facts:
        if fact.kind == "quotes" and fact.start <= tok.idx < fact.end and fact.data.get("country"):
            return fact.data["country"]
    return ctx.home_country


def _reported_speaker(tok: Token) -> Token | None:
    """"Syria says it is willing…": the subject of the verb of saying a pronoun reports for."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ == "ccomp" and node.head.lemma_ in SAY_VERBS:
            return next((c for c in node.head.children if c.dep_ == "nsubj" and c.i != tok.i),
                        None)
        if node.dep_ in ("relcl", "advcl", "acl"):
            return None
        node = node.head
    return None


def _last_person_before(ctx: Context, char: int) -> Mention | None:
    found = None
    for m in ctx.mentions:
        if m.start >= char:
            break
        if m.type == "PERSON":
            found = m
    return found


def _from_mention(ctx: Context, m: Mention, head: Token, vocab: Vocabulary,
                  as_arg: bool) -> dict[str, Any] | None:
    if m.type == "PERSON":
        code, sector = _person_country(ctx, m)
        return _record(code, sector, m.text) if code else None
    if m.type == "PLACE":
        code = capitals().get(m.text.lower())
        if code:
            return _record(code, "GOV" if as_arg else "CVL", m.text)
        return None
    if m.type not in ("COUNTRY", "NORP", "ORG") or not m.code:
        return None
    code = _code(ctx, m)
    if code is None:
        return None
    sector = m.sector
    if m.type == "NORP" and head.tag_ in ("NNS", "NNPS"):
        sector = None  # "Palestinians": a people, not a government
    return _record(code, sector, m.text, m)


def _modifier_actors(ctx: Context, tok: Token, vocab: Vocabulary) -> list[dict[str, Any]]:
    """States named by a common noun's modifiers: "Israeli soldiers", "Israel's high court"."""
    sector = sector_of(tok, vocab)
    out = []
    mods = [c for c in tok.children if c.dep_ in MODIFIER_DEPS]
    mods += [x for c in mods for x in c.conjuncts]
    for mod in sorted(set(mods), key=lambda t: t.i):
        if tok.pos_ == "PROPN" and mod.dep_ == "compound":
            continue  # a word inside a name ("Counter-ISIL Small Group …") is no actor
        if mod.pos_ == "PRON" and mod.dep_ == "poss":
            speaker = _reported_speaker(mod)
            if speaker is not None and mod.lower_ in ("its", "their", "his", "her", "our"):
                found_p = actors_of(ctx, speaker, vocab, 3)
                for a in found_p:
                    a["sector"] = sector or a["sector"]
                out += found_p
            continue
        m = ctx.mention_at(mod.idx)
        if m is None:
            continue
        found = _from_mention(ctx, m, mod, vocab, as_arg=False)
        if found is not None:
            if sector and m.type != "ORG":
                found["sector"] = sector
            found["entity_text"] = _phrase(tok)
            out.append(found)
    return out


def _title_actors(ctx: Context, tok: Token, person: Mention, vocab: Vocabulary
                  ) -> list[dict[str, Any]]:
    """A person of unknown country named with a body or state: "U.N. mediator Diego Cordovez",
    "Nigerian junior foreign minister Dubem Oniya"."""
    for left in reversed(tok.doc[tok.left_edge.i: tok.i]):
        if left.idx >= person.start:
            continue
        m = ctx.mention_at(left.idx)
        if m is not None and m.type in ("COUNTRY", "NORP", "ORG") and m.code:
            found = _from_mention(ctx, m, left, vocab, as_arg=False)
            if found is not None:
                found["sector"] = "IGO" if found["code"] == "IGO" else "GOV"
                found["entity_text"] = tok.doc[tok.left_edge.i: tok.i + 1].text
                return [found]
    return []


def _phrase(tok: Token) -> str:
    """The noun phrase up to its head: "Senior Hungarian and Romanian officials"."""
    return tok.doc[tok.left_edge.i: tok.i + 1].text


def head_actors(ctx: Context, tok: Token, vocab: Vocabulary, depth: int = 0
                ) -> list[dict[str, Any]]:
    """Actors an argument headed by `tok` names (one token, without its conjuncts)."""
    m = ctx.mention_at(tok.idx)
    if m is not None:
        found = _from_mention(ctx, m, tok, vocab, as_arg=True)
        if found is not None:
            own = sector_of(tok, vocab) if m.type == "NORP" else None
            if own:
                found["sector"] = own
            return [found]
        if m.type == "PERSON":
            return _title_actors(ctx, tok, m, vocab)
    low = tok.lower_
    if tok.pos_ == "PRON":
        speaker = _reported_speaker(tok)
        if speaker is not None and low in REPORTING_PRONOUNS:
            return actors_of(ctx, speaker, vocab, depth + 1)
        if low in FIRST_PERSON:
            code = _speaker_country(ctx, tok)
            return [_record(code, "GOV", tok.text)] if code else []
        if low in THIRD_PERSON:
            person = _last_person_before(ctx, tok.idx)
            if person is not None:
                code, sector = _person_country(ctx, person)
                return [_record(code, sector, tok.text)] if code else []
        return []
    if tok.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ") or depth > 3:
        return []
    found = _modifier_actors(ctx, tok, vocab)
    if found:
        return found
    sector = sector_of(tok, vocab)
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        word = prep.lower_
        if word == "of" or (word in PLACE_PREPS and sector):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = actors_of(ctx, pobj, vocab, depth + 1)
                if inner and sector and low not in GROUP_HEADS:
                    for a in inner:
                        a["sector"] = sector
                        a["entity_text"] = _phrase(tok) + " " + prep.text + " " + a["entity_text"]
                if inner:
                    return inner
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        inner = head_actors(ctx, appos, vocab, depth + 1)
        if inner:
            return inner
    return []


def actors_of(ctx: Context, tok: Token, vocab: Vocabulary, depth: int = 0
              ) -> list[dict[str, Any]]:
    """Actors of an argument and of every head conjoined with it, without duplicates."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None]] = set()
    for head in (tok, *tok.conjuncts):
        for actor in head_actors(ctx, head, vocab, depth):
            key = (actor["code"], actor["sector"])
            if key not in seen:
                seen.add(key)
                out.append(actor)
    return out


# --- recipients ----------------------------------------------------------------------------------

# Prepositions that introduce the party an act is aimed at, the most telling first.
RECIPIENT_PREPS = ("against", "toward", "towards", "with", "to", "on", "into", "at", "upon",
                   "between", "for", "from", "over")
# Prepositions whose object's own prepositions may still name the recipient: "reneged on its
# commitment to the people", "an offensive in its war with Iraq" (not "alongside partners to …").
NESTING_PREPS = frozenset(RECIPIENT_PREPS) | {"in", "of"}
OBJECT_DEPS = frozenset({"dative", "iobj", "dobj", "attr", "oprd"})
CONDITION_MARKS = frozenset({"if", "unless"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
PEOPLE_SECTORS = frozenset({"CVL", "OPP", "REF", "LAB", "EDU", "REL", "JRN", "AGR", "BUS"})


def _pobjs(prep: Token) -> list[Token]:
    return [x for x in prep.children if x.dep_ == "pobj"]


def _objects(tok: Token, skip: set[int]) -> list[Token]:
    found = [c for c in tok.children
             if c.dep_ in OBJECT_DEPS and c.i not in skip and c.pos_ != "ADP"]
    return found + [x for o in found for x in o.conjuncts]


def recipient_heads(tok: Token, skip: set[int], depth: int = 0) -> list[Token]:
    """Heads that may name the recipient of an act anchored at `tok`, most direct first:
    its objects; the agent ("calls by Belarus") of an object noun; the objects of its
    prepositions, of its objects' prepositions and of theirs ("reneged on its commitment to
    the people"), by preposition; then the same in the act it governs or aims at ("offered to
    hand them over to Britain", "opened fire to disperse demonstrators")."""
    objects = _objects(tok, skip)
    out = list(objects)
    out += [p for o in objects for c in o.children if c.dep_ in ("prep", "agent")
            and c.lower_ == "by" for p in _pobjs(c)]
    holders = [tok, *objects]
    preps = [c for h in holders for c in h.children
             if c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")]
    preps += [c for p in list(preps) if p.lower_ in NESTING_PREPS
              for x in _pobjs(p) for c in x.children if c.dep_ == "prep"]
    for word in RECIPIENT_PREPS:
        out += [x for p in preps if p.lower_ == word for x in _pobjs(p) if x.i not in skip]
    if depth < 2:
        for c in tok.children:
            purpose = c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                for a in c.children)
            if (c.dep_ in ("xcomp", "ccomp") or purpose) and c.pos_ in ("VERB", "AUX"):
                if c.dep_ == "ccomp":  # "demanded that Hamas renounce …": Hamas first
                    out += [x for x in c.children if x.dep_ == "nsubj"]
                out += recipient_heads(c, skip, depth + 1)
    return out


def condition_subject(tok: Token) -> Token | None:
    """The subject of an "if" or "unless" clause on an act or the act it governs: the party a
    threat is aimed at ("will withdraw unless the government accepts …")."""
    for verb in (tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp"))):
        for clause in (c for c in verb.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
                subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")),
                            None)
                if subj is not None:
                    return subj
    return None


def pick_recipient(ctx: Context, heads: list[Token], vocab: Vocabulary,
                   actor: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first head that names someone other than the actor; else the first that names the
    actor itself (a domestic act: "lifted its own curfew")."""
    own = {a["code"] for a in actor}
    first_own: list[dict[str, Any]] = []
    seen: set[int] = set()
    for head in heads:
        if head.i in seen:
            continue
        seen.add(head.i)
        found = actors_of(ctx, head, vocab) or _local_institution(ctx, head, vocab, actor)
        other = [r for r in found if r["code"] not in own]
        if other:
            return other
        first_own = first_own or found
    if len(own) > 1 and {r["code"] for r in first_own} <= own:
        return []  # "Japan and Korea agreed that their countries …": a joint act
    return first_own


def _local_institution(ctx: Context, head: Token, vocab: Vocabulary,
                       actor: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A body or people named without a state, taken as the actor's own state's: "the army",
    "the government" ("Colombian rebels accused the army of …"); the people a state's police,
    army or government acts on ("police dispersed demonstrators")."""
    if head.lower_ in GROUP_HEADS or head.lemma_.lower() in GROUP_HEADS:  # "dozens of …"
        head = next((x for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                     for x in _pobjs(p)), head)
    sector = sector_of(head, vocab)
    states = [a for a in actor if ctx.gaz.country(a["code"]) is not None]
    if sector is None or not states:
        return []
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    by_state = any(a["sector"] in STATE_SECTORS for a in states)
    if not ((sector in STATE_SECTORS and definite) or (sector in PEOPLE_SECTORS and by_state)):
        return []
    return [{"code": states[0]["code"], "sector": sector, "entity_text": _phrase(head),
             "implied": "domestic"}]
