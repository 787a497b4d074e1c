"""Who carried out an attack, read from the parse around its trigger word.

A verb's agent is its subject, its "by" phrase, the accused of "A accused B of shelling", or the
subject inherited from the verb it hangs from ("stormed the town, killing 12"). A noun's agent is
its "by" phrase, possessor or modifier ("Russian airstrikes", "Daesh's campaign"), the "by" phrase
of a participle on it ("a raid conducted by X"), or the subject of the light verb that takes it
("X launched 8,000 strikes", "the strike was carried out by X"). Pronouns and bare "the regime"
go back to the actor named before them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.extract.attack_words import lexicon
from sitrep.extract.context import Context
from sitrep.model import Mention
from sitrep.where import resolve_place

ACTOR_KINDS = {"armed_group", "military", "government", "coalition"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "latest", "its", "their",
               "other"}
PRONOUNS = {"it", "they", "its", "their", "them", "itself", "themselves"}
RELATIVES = {"which", "who", "that", "whose"}
QUANTIFIERS = {"one", "some", "two", "three", "several", "many", "most", "all"}
CLAIM = frozenset({"claim"})
WITNESS = {"see", "leave", "witness", "watch"}
EXAMPLE_PREPS = {"like", "including", "as"}  # "militias like X", "groups such as X"
PARTS = {"faction", "wing", "branch", "affiliate", "offshoot", "cell", "splinter", "unit",
         "elements", "members", "remnants"}  # "a faction of the Pakistani Taliban" is it
# "armed opposition groups", "Islamist armed groups": attackers described, not named
DESCRIPTORS = {"armed", "opposition", "rebel", "islamist", "jihadist", "militant", "separatist",
               "insurgent", "extremist", "paramilitary", "pro-government", "tribal"}
GROUP_NOUNS = {"group", "militia", "organisation", "organization", "movement", "network",
               "faction", "insurgency", "coalition", "alliance"}


VAGUE = {"unknown", "unidentified", "suspected", "other", "more", "several", "many", "some",
         "few", "same", "such", "masked", "alleged", "unnamed", "military", "ground", "combat",
         "special", "regular", "suicide", "armed", "lone", "would-be", "female", "male",
         "teenage", "young", "heavily", "gun", "fighter", "bomber", "attack", "strike",
         "reconnaissance", "surveillance", "unmanned", "remotely", "piloted", "patrol"}  # kinds
# of attacker, not whose: "suicide bombers", "fighter aircraft"


def _mention_actor_in(ctx: Context, phrase: Span) -> bool:
    """A phrase holding an attacker the gazetteer knows."""
    at = ctx.mention_at(phrase.root.idx)  # a name the phrase ends ("Boko Haram")
    return any(_mention_actor(m) is not None for m in [
        *ctx.mentions_in(phrase.start_char, phrase.end_char), *([at] if at else [])])


# Heads of bodies that report, judge or trade, never attack ("the Syrian Observatory for Human
# Rights", "Reuters news agency"): an organization no gazetteer knows is an attacker only
# without one.
AFFILIATION = {"act", "loyal", "link", "linked", "affiliate", "affiliated", "ally", "allied",
               "align", "aligned", "belong", "tie", "connect", "associate", "associated",
               "fight", "work"}  # "gunmen acting for X", "fighters loyal to X"
INSTITUTIONS = {"agency", "news", "ministry", "council", "commission", "committee", "court",
                "office", "department", "university", "company", "consortium", "bank", "times",
                "post", "television", "tv", "radio", "observatory", "watch", "international",
                "institute", "foundation", "union", "association", "service", "services",
                "programme", "program", "fund", "centre", "center", "mission", "red", "cross",
                "crescent", "media", "press", "channel", "intelligence", "group", "parliament"}


def _unknown_body(m: Mention, tok: Token) -> bool:
    """A named organization the gazetteer does not know, headed by the token, that is not a
    reporting or judging body: in an attacker's place, the attacker."""
    words = {w.lower().strip(".,'’") for w in m.text.split()}
    if m.type == "NORP" and not m.code and tok.tag_ == "NNPS" and len(words) == 1:
        return all(c.dep_ == "det" for c in tok.children)  # "the Maoists bombed": a
        # movement named by its followers (not "United States Marines")
    return m.type == "ORG" and m.kind is None and not m.code and tok.pos_ == "PROPN" \
        and m.start <= tok.idx < m.end and tok.idx + len(tok) == m.end \
        and not words & INSTITUTIONS and resolve_place(m.text) is None  # not "Abu Dhabi"


def _describes(tok: Token) -> bool:
    """A word that says whose a force is ("security forces", "Northern warplanes"), not
    "unidentified gunmen" or "more troops"."""
    return tok.dep_ in ("amod", "compound") and tok.pos_ in ("ADJ", "NOUN", "PROPN") \
        and tok.lower_ not in VAGUE and tok.ent_type_ not in ("DATE", "CARDINAL", "ORDINAL")


@dataclass
class Actor:
    """An attacker: its surface name, merge key, state, and whether it is a state named as such
    (a state's strikes are placed outside it; a regime's or army's may be at home)."""

    name: str
    key: str
    code: str | None
    state: bool = False
    chars: tuple[int, int] = (0, 0)  # character range of the phrase, to keep places out of it


@dataclass
class Memory:
    """What earlier sentences said: the actors named, for pronouns and "the regime"."""

    actors: list[Actor] = field(default_factory=list)
    last_sent: Span | None = None  # the sentence before, whose subject a pronoun may be
    defined: Actor | None = None  # "X is an armed group ...": the group an article is about

    def recent(self, head: str) -> Actor | None:
        """The last actor whose name ends in `head` and names more than it ("Asad regime")."""
        for a in reversed(self.actors):
            words = a.name.lower().split()
            if len(words) > 1 and head in words:
                return a
        return None


def _phrase(tok: Token) -> Span:
    """The noun phrase a head token ends, without leading determiners."""
    doc = tok.doc
    start = tok.left_edge.i
    for t in doc[start:tok.i]:  # "October 24, 2016 - U.S. forces": not the dateline
        if t.ent_type_ == "DATE" or t.text in ("–", "—") or (t.text == "-" and t.whitespace_):
            start = t.i + 1
    while start < tok.i and doc[start].lower_ in DETERMINERS | {"either", "both"}:
        start += 1
    return doc[start:tok.i + 1]


def _plural_name(name: str, canonical: str | None) -> str:
    """A group named by its members' adjective alone ("a Houthi strike") goes by its plural
    name ("Houthis")."""
    return canonical if canonical and canonical.lower() == name.lower() + "s" else name


def _mention_actor(m: Mention) -> Actor | None:
    span = (m.start, m.end)
    if m.type == "ORG" and m.kind in ACTOR_KINDS:
        key = (m.canonical or m.text) if m.kind == "armed_group" else m.text
        words = m.text.split()
        lex = lexicon()
        if m.kind == "armed_group" and len(words) > 1 and words[-1].lower() in lex.actor_heads \
                | lex.group_words | lex.attackers | {"terrorists", "fighters"}:
            return Actor(" ".join(words[:-1]), key.lower(), m.code, chars=span)  # "X fighters"
        if m.kind in ("government", "military") and m.code and len(m.code) == 3:
            key = m.code  # a state's organs are the state, for merging
        name = _plural_name(m.text, m.canonical) if m.kind == "armed_group" else m.text
        return Actor(name, key.lower(), m.code, chars=span)
    if m.type == "PLATFORM" and m.code and len(m.code) == 3:  # "RAF Tornados"
        return Actor(m.text, m.code.lower(), m.code, chars=span)
    if m.type == "PLATFORM" and len(m.text.split()) > 1 and m.text.split()[0].isupper():
        return Actor(m.text, m.text.split()[0].lower(), None, chars=span)  # "RAF Typhoons"
    if m.type in ("COUNTRY", "NORP") and m.code:
        name = m.canonical or m.text
        return Actor(name, m.code.lower(), m.code, state=True, chars=span)
    return None


class AgentFinder:
    """Actor resolution for one document: mentions, coreference memory."""

    def __init__(self, ctx: Context, memory: Memory) -> None:
        self.ctx = ctx
        self.memory = memory

    # --- one phrase ------------------------------------------------------------------------

    def actor(self, tok: Token) -> Actor | None:
        """The attacker a token heads: an armed group, a force, a state or a regime."""
        lex = lexicon()
        low = tok.lower_
        if _label(tok):
            return None
        if low in PRONOUNS and tok.pos_ == "PRON" or (tok.tag_ == "PRP$" and low in PRONOUNS):
            return self._pronoun(tok)
        if low in QUANTIFIERS and tok.pos_ in ("NUM", "PRON", "DET", "NOUN"):
            for child in tok.children:  # "one of its fighters", "some of the militants"
                if child.dep_ == "prep" and child.lower_ == "of":
                    inner = self.actors(c for c in child.children if c.dep_ == "pobj")
                    return inner[0] if inner else None
        m = self.ctx.mention_at(tok.idx)
        if m is None and _bare_is(tok):
            return Actor("IS", "islamic state", "ISIL", chars=(tok.idx, tok.idx + 2))
        if m is not None and m.type == "PLATFORM" and (force := self._platform_force(tok)):
            return force  # "Royal Air Force Tornado GR4s": the air force
        if m is not None and (found := _mention_actor(m)) is not None:
            if low in lex.actor_heads and tok.i > tok.left_edge.i and m.kind != "armed_group":
                return self._head_phrase(tok, found)
            return found
        if m is not None and _unknown_body(m, tok):  # "the Kurdistan Freedom Falcons claimed"
            return Actor(m.text, m.text.lower(), None, chars=(m.start, m.end))
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if low in lex.group_words and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                          for c in tok.children) and all(
                t.lower_ == "same" for t in _phrase(tok)[:-1]):
            return self._last_group(tok)  # "the group", "the same group": the armed group
            # named before
        if low in PARTS or tok.lemma_.lower() in lex.attackers:  # "members of X",
            # "a faction of the Pakistani Taliban", "extremists of the Islamic State"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    inner = self.actors(c for c in child.children if c.dep_ == "pobj")
                    if inner:
                        return inner[0]
        if (tok.lemma_.lower() in lex.attackers or low in lex.actor_heads) \
                and (patron := self._patron(tok)) is not None:
            return patron  # "gunmen acting for Islamic State", "fighters loyal to X"
        if low in GROUP_NOUNS and tok.pos_ == "NOUN" and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
            phrase = _phrase(tok)  # "the Maute group": a named group no gazetteer knows
            return Actor(phrase.text, phrase.text.lower(), None,
                         chars=(phrase.start_char, phrase.end_char))
        if tok.pos_ == "PROPN" and low in lex.actor_heads | GROUP_NOUNS and tok.ent_type_ == "ORG":
            phrase = _phrase(tok)  # "the Allied Democratic Forces": a name no gazetteer knows
            if len(phrase) > 1 and all(t.text[:1].isupper() for t in phrase) \
                    and not self.ctx.mentions_in(phrase.start_char, phrase.end_char):
                return Actor(phrase.text, phrase.text.lower(), None,
                             chars=(phrase.start_char, phrase.end_char))
        if tok.i > tok.sent.start and _bare_is(tok.doc[tok.i - 1]) \
                and low in lex.actor_heads | lex.attackers:  # "IS fighters", IS tagged a verb
            return Actor("IS", "islamic state", "ISIL", chars=(tok.idx - 3, tok.idx + len(tok)))
        owner = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS]
        if owner and tok.lemma_.lower() in lex.attackers and (found := self._pronoun(
                owner[0]) or (self._last_group(tok) if owner[0].lower_ == "its" else None)):
            return found  # "its militants ambushed a convoy": the group named before
        if low not in lex.actor_heads | lex.actor_words:
            weapon = tok.lemma_.lower() in lex.weapons or (m is not None and m.type == "WEAPON")
            for child in tok.children:  # "RAF Tornados", "ISIL's suicide squads", "US missiles"
                if child.i > tok.i or child.dep_ not in ("compound", "nmod", "poss", "amod"):
                    continue
                m = self.ctx.mention_at(child.idx)
                if m is None:
                    continue
                if weapon and child.dep_ != "nmod" and m.type in ("COUNTRY", "NORP") and m.code:
                    return _mention_actor(m)
                if child.dep_ != "amod" and m.type == "ORG" and (found := _mention_actor(m)):
                    return found
            return None
        for child in tok.children:  # "militants from al-Shabab": the group they come from
            if child.dep_ == "prep" and child.lower_ == "from":
                for g in child.children:
                    m = self.ctx.mention_at(g.idx) if g.dep_ == "pobj" else None
                    if m is not None and m.type == "ORG" and m.kind == "armed_group":
                        return _mention_actor(m)
        for child in tok.children:  # "militias like Hezbollah", "forces of the regime"
            if child.lower_ in EXAMPLE_PREPS and self._names_itself(tok):
                continue  # "Coalition aircraft, including RAF Tornados": the Coalition's
            if child.dep_ == "prep" and (child.lower_ in EXAMPLE_PREPS or child.lower_ == "of"):
                inner = self.actors(c for c in child.children if c.dep_ == "pobj")
                if inner:
                    return _joined(inner) if child.lower_ == "of" else inner[0]
        owner = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS]
        if owner and (found := self._pronoun(owner[0])) is not None:
            return found  # "its aircraft": the aircraft of the actor named before
        phrase = _phrase(tok)
        inner = self.ctx.mentions_in(phrase.start_char, phrase.end_char, "COUNTRY", "NORP", "ORG",
                                     "PERSON")
        words = {t.lower_ for t in phrase}
        if not inner and any(_bare_is(t) for t in phrase):
            return Actor("IS", "islamic state", "ISIL", chars=(phrase.start_char, phrase.end_char))
        if not inner and len(phrase) > 1 and low in lex.actor_heads and any(
                t.lower_ in DESCRIPTORS or _describes(t) for t in phrase[:-1]) and not any(
                t.dep_ == "cc" or t.text == "," for t in phrase):  # not "fighter or drone aircraft"
            return Actor(phrase.text, phrase.text.lower(), None,
                         chars=(phrase.start_char, phrase.end_char))  # described, unnamed
        if inner or words & lex.actor_words:
            if not inner and len(phrase) == 1:
                earlier = self.memory.recent(low)
                if earlier is not None:
                    return earlier
            if len(inner) == 1 and (named := _mention_actor(inner[0])) is not None and (
                    inner[0].kind == "armed_group" or low in lex.craft
                    or low + "s" in lex.craft):
                return named  # "Hezbollah fighters" is Hezbollah, "an Israeli jet" Israel
            code = next((x.code for x in inner if x.code), None)
            state = [x for x in inner if x.type in ("COUNTRY", "NORP") and x.code]
            key = state[0].code.lower() if state and len(inner) == 1 else phrase.text.lower()
            return Actor(phrase.text, key, code, chars=(phrase.start_char, phrase.end_char))
        return None

    def _patron(self, tok: Token) -> Actor | None:
        """The group a band of attackers acts for: "gunmen acting for X", "fighters loyal to
        X", "militants linked to X", "acting on behalf of X"."""
        for mod in tok.children:
            if mod.dep_ not in ("acl", "amod", "relcl") or mod.lemma_.lower() not in AFFILIATION:
                continue
            for prep in (c for c in mod.children if c.dep_ == "prep"):
                heads = [c for c in prep.children if c.dep_ == "pobj"]
                if prep.lower_ == "on":  # "on behalf of X"
                    heads = [g for h in heads if h.lower_ == "behalf" for p in h.children
                             if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
                elif prep.lower_ not in ("for", "to", "with"):
                    continue
                inner = self.actors(heads)
                if inner:
                    return inner[0]
        return None

    def _names_itself(self, tok: Token) -> bool:
        """A force's own phrase names whose it is ("Coalition aircraft", "Syrian jets")."""
        before = tok.doc[tok.left_edge.i:tok.i]
        return bool(self.ctx.mentions_in(tok.left_edge.idx, tok.idx, "ORG", "COUNTRY", "NORP")) \
            or any(t.lower_ in lexicon().actor_words for t in before)

    def _platform_force(self, tok: Token) -> Actor | None:
        """The armed force named before a platform in its phrase ("RAF" of "RAF Reaper")."""
        for child in tok.children:
            if child.dep_ == "compound" and child.i < tok.i:
                m = self.ctx.mention_at(child.idx)
                if m is not None and m.type == "ORG" and m.kind == "military":
                    return _mention_actor(m)
        m = self.ctx.mention_at(tok.idx)
        first = m.text.split()[0] if m is not None else ""
        force = self.ctx.gaz.by_name(first, "ORG") if first.isupper() and len(first) > 1 else None
        if m is not None and force is not None and force.kind == "military" and force.country:
            return Actor(m.text, force.country.lower(), force.country, chars=(m.start, m.end))
        return None  # "RAF Typhoons": the RAF's, one attacker with the Royal Air Force

    def _head_phrase(self, tok: Token, found: Actor) -> Actor:
        phrase = _phrase(tok)
        return Actor(phrase.text, found.key, found.code, found.state,
                     (phrase.start_char, phrase.end_char))

    def _last_group(self, tok: Token) -> Actor | None:
        """The armed group last named before a token (or the one an article defines)."""
        last: Actor | None = None
        for m in reversed(self.ctx.mentions_in(0, tok.idx, "ORG")):
            if m.kind == "armed_group":
                last = _mention_actor(m)
                break
        defined = self.memory.defined
        if defined is not None and defined.chars[0] < tok.idx and (
                last is None or last.chars[0] < defined.chars[0]
                or last.chars[0] < (self.ctx.sent_before(tok.i) or tok.sent).start_char):
            return defined  # the group an entry is about, unless one named just before
        for t in reversed(tok.doc[:tok.i]):  # bare "IS" is no mention
            if last is not None and t.idx < last.chars[0]:
                break
            if _bare_is(t):
                return Actor("IS", "islamic state", "ISIL", chars=(t.idx, t.idx + 2))
        return last

    def _pronoun(self, tok: Token) -> Actor | None:
        """The actor a pronoun stands for: the subject of a verb above it, else the last
        sentence's subject."""
        for anc in tok.ancestors:
            for child in anc.children:
                if child.dep_ == "nsubj" and child.i < tok.i and child.lower_ not in PRONOUNS \
                        and not child.left_edge.i <= tok.i <= child.right_edge.i:
                    found = self.actor(child)
                    if found is not None:
                        return found
        for prev in reversed(tok.sent[:tok.i - tok.sent.start]):  # "commend X for their ..."
            if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("dobj", "nsubj", "pobj"):
                found = self.actor(prev)
                if found is not None:
                    return found
        before = self.memory.last_sent
        if before is not None and before.end <= tok.i:
            return self.sentence_subject(before)
        return None

    def actors(self, tokens) -> list[Actor]:
        """The actors a list of phrase heads names, conjuncts included ("X and Y"); "X or Y"
        is one actor."""
        out: list[Actor] = []
        for tok in tokens:
            group = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
            found = [a for a in (self.actor(t) for t in group) if a is not None]
            if not found:
                continue
            others = [t for t in group if any(c.dep_ == "amod" and c.lower_ == "other"
                                              for c in t.children)]
            if others and (whole := self.actor(others[0])) is not None:
                out.append(whole)  # "the RAF and other Coalition forces": the Coalition
            elif any(c.lower_ == "or" for t in group for c in t.children if c.dep_ == "cc"):
                out.append(_joined(found))
            else:
                out.extend(found)
            for t in group:  # "US forces along with the Iraqi army", "alongside Kurdish forces"
                out.extend(a for a in self._partners(t) if a.key not in {x.key for x in out})
        return out

    def _partners(self, tok: Token) -> list[Actor]:
        found = []
        for prep in tok.children:
            if prep.dep_ != "prep":
                continue
            heads = [prep] if prep.lower_ == "alongside" or (prep.lower_ == "with" and any(
                c.lower_ in ("along", "together") for c in prep.children)) else []
            if prep.lower_ in ("along", "together"):
                heads = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"]
            for head in heads:
                found += [a for a in (self.actor(c) for c in head.children if c.dep_ == "pobj")
                          if a is not None]
        return found

    # --- a trigger's agent -----------------------------------------------------------------

    def of_verb(self, verb: Token, depth: int = 0) -> list[Actor]:
        """"X has killed 70", "struck by X", "A accused X of shelling", "..., killing 12"."""
        lex = lexicon()
        for child in verb.children:
            if child.dep_ == "agent":
                return self.actors(c for c in child.children if c.dep_ == "pobj") \
                    + self._partners(verb)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
                         or verb.dep_ == "ccomp" and verb.head.lemma_.lower() in WITNESS):
            return []  # "saw 120 soldiers killed": the subject of a bare participle is the victim
        if subjects:
            if subjects[0].lower_ in RELATIVES and verb.dep_ == "relcl":
                return self.actors([verb.head])
            for subj in subjects:  # a dateline may be parsed as one more subject
                found = self.actors([subj])
                if found:
                    return found
            return []
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive and depth and verb.lemma_.lower() in lex.reporting_verbs:
            return self.actors(passive)  # "X were reported to have fired ..., striking Y"
        if passive or depth > 3:
            return []
        head = verb.head
        if verb.dep_ == "pcomp" and head.lower_ in ("of", "for"):
            return self._accused_of(head)
        if verb.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ == "VERB":
            return self.of_verb(head.head, depth + 1)  # "responded by firing rockets"
        if verb.dep_ == "acl" and head.pos_ == "NOUN":
            # "the offensive to retake X", "their efforts to reclaim it": the noun's agent
            return self.of_noun(head) if head.lemma_.lower() in lex.nouns \
                | lex.attempt_nouns else []
        if verb.dep_ in ("xcomp", "advcl", "conj", "acl") and head is not verb \
                and head.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "xcomp" and head.lemma_.lower() in lex.reporting_verbs:
                passive = [c for c in head.children if c.dep_ == "nsubjpass"]
                if passive:
                    return self.actors(passive)
            return self.of_verb(head, depth + 1)
        return []

    def _accused_of(self, prep: Token) -> list[Actor]:
        """"accused B of shelling" with "of" on the verb or on B."""
        lex = lexicon()
        above = prep.head
        if above.lemma_.lower() in lex.accuse_verbs:
            return self._accused(above)
        if above.dep_ in ("dobj", "nsubjpass") and above.head.lemma_.lower() in lex.accuse_verbs:
            return self.actors([above])
        for _ in range(3):  # "accused soldiers of X's army of executing": "of" on the army
            if above.dep_ != "pobj" or above.head.dep_ != "prep":
                break
            above = above.head.head
            if above.dep_ in ("dobj", "nsubjpass") \
                    and above.head.lemma_.lower() in lex.accuse_verbs:
                return self.actors([above])
        return []

    def _accused(self, verb: Token) -> list[Actor]:
        """The accused of "A accused B of ...", "B was accused of ...", "A blamed B for ..."."""
        for dep in ("dobj", "nsubjpass"):
            found = self.actors(c for c in verb.children if c.dep_ == dep)
            if found:
                return found
        return []

    def of_noun(self, noun: Token) -> list[Actor]:
        """"attack by X", "X's attack", "Russian airstrikes", "a raid conducted by X",
        "X launched strikes", "the strike was carried out by X", "blamed X for the attack"."""
        lex = lexicon()
        for child in noun.children:
            if (child.dep_ == "prep" and child.lower_ == "by") or child.dep_ == "agent":
                found = self.actors(c for c in child.children if c.dep_ == "pobj")
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of" \
                    and noun.lemma_.lower() in lex.generic_nouns:  # "the barbarity of Daesh"
                found = self.actors(c for c in child.children if c.dep_ == "pobj")
                if found:
                    return found
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                for grand in child.children:
                    if grand.dep_ == "agent":
                        found = self.actors(c for c in grand.children if c.dep_ == "pobj")
                        if found:
                            return found + self._partners(child)
        mods = _modifiers(noun)
        found = self.actors(sorted(mods, key=lambda t: t.i))
        if found:
            return found[:1] if len({a.key for a in found}) > 1 and not _conjoined(mods) \
                else found
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and (
                head.head.pos_ == "NOUN" or head.head.pos_ == "NUM" and head.head.dep_ in (
                    "dobj", "nsubj", "nsubjpass")) and head.head is not noun:
            return self.of_noun(head.head)  # "X's campaign of violence", "X's use of bombs"
        if noun.dep_ == "pobj" and head.lower_ in ("of", "for") and self._accused_of(head):
            return self._accused_of(head)
        if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.light_verbs \
                | lex.weapon_verbs | {"send"}:  # "X launched strikes", "X sent car bombs"
            return self.of_verb(head)
        if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in (
                "respond", "retaliate", "reply", "react", "hit", "answer"):
            return self.actors(c for c in head.head.children if c.dep_ == "nsubj")  # "Turkey
            # responded with air strikes"
        for verb in (noun.head, noun.head.head):  # "attributed the attacks to X"
            if verb.lemma_.lower() in ("attribute", "attributable", "ascribe", "blame") \
                    and noun.dep_ in ("dobj", "nsubjpass", "nsubj"):
                found = self.actors(g for c in verb.children if c.dep_ == "prep"
                                    and c.lower_ in ("on", "to")
                                    for g in c.children if g.dep_ == "pobj")
                if found:
                    return found
        if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ == "responsibility":
            claim = head.head.head
            if claim.lemma_.lower() == "claim":
                return self.of_verb(claim)
        if noun.dep_ == "pobj" and (head.lower_ == "behind" or (
                head.lower_ == "for" and head.head.lower_ == "responsible")):
            verb = head.head if head.lower_ == "behind" else head.head.head
            if verb.lemma_ == "be" and not _denied(verb):  # "X was behind the bombing"
                return self.of_verb(verb)
        return []

    def claimant(self, sent: Span) -> Actor | None:
        """"… for which X has claimed responsibility", "X claimed the attack", "officials
        blamed X"."""
        lex = lexicon()
        for tok in self.ctx.words.tokens_in(sent, LEMMA,
                                            CLAIM | {"responsible", "blame", "belong"}):
            if _denied(tok):
                continue
            if tok.lemma_ == "belong" and tok.pos_ == "VERB":  # "the bombers belonged to X"
                if any(c.dep_ == "nsubj" and c.lemma_.lower() in lex.attackers
                       for c in tok.children):
                    found = self.actors([g for c in tok.children if c.dep_ == "prep"
                                         and c.lower_ == "to" for g in c.children
                                         if g.dep_ == "pobj"])
                    if found:
                        return found[0]
                continue
            if tok.lemma_ == "blame" and tok.pos_ == "VERB":  # "officials blamed X"
                found = self.actors([c for c in tok.children if c.dep_ == "dobj"])
                if found:
                    return found[0]
                continue
            if tok.lower_ == "responsible" and tok.head.lemma_ == "be":
                verb = tok.head  # "The Taliban said they were responsible"
            elif tok.pos_ == "VERB" and tok.lemma_ == "claim" and (any(
                    c.lower_ == "responsibility" or c.dep_ == "dobj" and c.lemma_.lower()
                    in lex.nouns for c in tok.children) or tok.dep_ in ("relcl", "conj") and any(
                    t.lemma_.lower() in lex.nouns and t.pos_ == "NOUN"
                    for t in list(tok.ancestors)[:4])):
                verb = tok  # "X claimed responsibility", "X claimed the bombings", "the
                # attack, which X has claimed"
            else:
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"] + [
                g for c in verb.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]  # "responsibility has been claimed by X"
            found = self.actors(subjects)
            if found:
                return found[0]
        return None

    def define(self, sent: Span) -> None:
        """"X is an armed group active in ...": X, named as a group, is remembered as the
        group later "the group", "its fighters" stand for."""
        root = sent.root
        if root.lemma_ != "be":
            return
        subj = [c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        attr = [c for c in root.children if c.dep_ == "attr" and c.lemma_.lower() in GROUP_NOUNS]
        if not subj or not attr or self.memory.defined is not None:
            return
        if not any(w.lower_ in ("armed", "militant", "jihadist", "islamist", "rebel",
                                "insurgent", "terrorist", "paramilitary")
                   for w in attr[0].subtree):
            return
        phrase = _phrase(subj[0])
        known = self.actor(subj[0]) if _mention_actor_in(self.ctx, phrase) else None
        self.memory.defined = known or Actor(phrase.text, phrase.text.lower(), None,
                                             chars=(phrase.start_char, phrase.end_char))

    def sentence_subject(self, sent: Span) -> Actor | None:
        """The actor subject of the sentence's main verb, for later pronouns."""
        root = sent.root
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in PRONOUNS:
                return self.actor(child)
        return None


MODIFIERS = ("poss", "compound", "amod", "nmod")


def _modifiers(noun: Token) -> list[Token]:
    """The noun's modifiers and theirs ("US drone strikes": drone, and US on it)."""
    out = []
    for c in noun.children:
        if c.dep_ in MODIFIERS or c.dep_ == "nsubj" and noun.pos_ == "VERB" and c.i < noun.i:
            # "Houthi shelling of the market killed 18", the gerund parsed with a subject
            out.append(c)
            out += [g for g in c.children if g.dep_ in ("compound", "amod", "nmod")
                    and g.i < c.i]
    return sorted(out, key=lambda t: t.i)


def _no_one(subject: Token) -> bool:
    """"no group", "nobody", "none of them": a subject that names no one."""
    return subject.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _denied(tok: Token) -> bool:
    """Negated or denied: "no group has claimed", "X denied it was responsible", "no group
    said it was behind the blast"."""
    for t in [tok, *tok.ancestors][:4]:
        if t.lemma_.lower() in ("deny", "reject", "dismiss") or any(
                c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no"
                or c.dep_ == "nsubj" and _no_one(c) for c in t.children):
            return True
    return False


def _label(tok: Token) -> bool:
    """A headline's opening label ("Somalia: Car bomb kills 15"): the story's place."""
    doc = tok.doc
    return tok.i == tok.sent.start and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" \
        and doc[tok.i + 1].whitespace_ != ""


def _bare_is(tok: Token) -> bool:
    """"IS" for Islamic State, in running text (in an all-capitals sentence it is the verb)."""
    if tok.text != "IS":
        return False
    words = [t for t in tok.sent if t.is_alpha]
    return sum(t.is_upper for t in words) * 2 < len(words)


def _conjoined(mods: list[Token]) -> bool:
    return any(t.dep_ == "conj" or t.conjuncts for t in mods)


def _joined(actors: list[Actor]) -> Actor:
    """"forces of either the Asad regime or Russia": one actor of both names."""
    if len(actors) == 1:
        return actors[0]
    name = " or ".join(a.name for a in actors)
    start = min(a.chars[0] for a in actors)
    end = max(a.chars[1] for a in actors)
    return Actor(name, name.lower(), actors[0].code, chars=(start, end))
