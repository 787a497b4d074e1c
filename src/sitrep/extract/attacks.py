"""Attacks: who struck where, with the dead and wounded where the text counts them.

Each sentence holding an attack word (data/lexicon/attacks.yaml: attack nouns and verbs, a
weapon used, an operation launched, ground taken) is read through its parse: the agent comes
from `attack_agents` (subject, "by" phrase, possessor or modifier, light verb, accusation,
attribution, claim, pronoun), the place from `attack_places` (the place nearest the trigger,
else the one a sentence back, else the last attack's, else the document's main country), the
counts from the sentence, given to the trigger nearest them. Attacks only threatened, planned,
negated or conditional are left out; one with no agent counts only when specific and placed,
and takes a strike release's attacker, an attacker named just before without a place, or the
one armed group its sentence names. Mentions of one attack (same agent, country and city, no
two different counts) are merged; "the attack" adds to the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Any

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.extract.attack_agents import Actor, AgentFinder, Memory
from sitrep.extract.attack_places import (
    Place,
    places_in,
    resolve_place,
    tree_distance,
    unresolved_cities,
)
from sitrep.extract.attack_words import lexicon, trigger_lemmas
from sitrep.extract.context import Context
from sitrep.extract.numbers import parse_number
from sitrep.extract.victims import KILLED as VICTIMS_KILLED
from sitrep.extract.victims import WOUNDED as VICTIMS_WOUNDED
from sitrep.extract.victims import listed_victims
from sitrep.model import Fact, Mention

_WORD_NUM = r"[a-z]+(?:-[a-z]+)?"
_NUM = (rf"(\d[\d,]*|(?:a\s+)?{_WORD_NUM}(?:\s+(?:hundred|thousand)(?:\s+and\s+{_WORD_NUM})?)?)")
_WORD = r"[a-z]+(?:-[a-z]+)*"  # "pro-government"
_FILLER = rf"(?:(?!and\b|or\b|but\b|killing\b|killed\b|wounding\b|injuring\b){_WORD}\s+){{0,3}}"
MODALS = {"would", "could", "might", "may", "should", "must", "will", "shall", "can", "'d",
          "'ll", "wo", "ca"}
CONDITIONS = {"if", "unless", "lest"}
EVIDENCE = {"evidence", "proof", "sign", "indication", "basis", "truth"}
TARGETING = {"defeat", "fight", "counter", "degrade", "destroy", "combat", "target", "strike",
             "attack", "tackle", "confront", "battle", "kill", "wound", "injure", "shell", "bomb",
             "hit", "ambush", "besiege", "behead", "execute", "shoot", "massacre", "murder",
             "engage", "damage", "neutralise", "neutralize", "eliminate"}
GENERIC_DETS = {"any", "every", "all", "no", "each"}
ANAPHORS = {"the", "this", "that", "these", "those"}
STRIKES = {"strike", "airstrike", "sortie", "raid"}
STRIKE_ACTIONS = {"destroy", "engage", "hit", "target", "strike", "damage", "kill"}
NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"}
ATTACKED = {"attack", "bomb", "shell", "bombard", "storm", "raid", "ambush", "besiege", "strike",
            "target", "massacre", "behead"}  # passive verbs that state an attack by someone
ENDING = {"stop", "end", "cease", "halt"}  # "attacks must stop": stated, and to end
CLOSING_MARKS = ".!?\"'”"  # a line ending in none of these is a title
ARMED_WORDS = {"armed", "masked", "unidentified", "unknown", "hooded", "heavily-armed"}
KILLING = {"kill", "shoot", "murder", "assassinate", "behead", "execute", "gun"}
PERCEIVE = {"hear", "learn", "see", "read", "discover", "find"}  # "saddened to hear of"
RECALLED = {"remember", "recall", "commemorate", "mourn", "forget", "recollect"}  # a past
# attack remembered, whatever the tense of the remembering
SEPARATE = {"separate", "separately", "elsewhere", "unrelated"}
BORROWED = 0.7  # the confidence of an attack placed by the sentence before its own
LOOKBACK = 3  # sentences an anaphoric attack or a strike count may reach back
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
OCCUR = {"begin", "start", "happen", "occur", "take", "end", "unfold", "come"}  # an event's time
MEMBERS = {"militant", "insurgent", "fighter", "jihadist", "rebel", "terrorist"}
SAME_TIME = re.compile(r"\b(that (night|day|morning|afternoon|evening)|the same (day|night)|"
                       r"hours later|later that (day|night))\b")


@dataclass(frozen=True)
class CountPatterns:
    """Patterns that capture a count, and the words one of which every pattern needs: text
    without any of them is not searched."""

    cues: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


_PLAIN = rf"(?:(?!and\b|or\b|but\b|kill|dead\b|died\b|wound|injur|hurt\b){_WORD}\s+){{0,3}}"
_AND = rf"\s+{_PLAIN}and\s+(an?|one|{_NUM})\s+{_PLAIN}"  # "120 soldiers and a general"
_ASIDE = r"(?:[a-z]+,[^,.]{1,40},\s+)?"  # "30 people, including five children, were killed"
KILLED = CountPatterns(("kill", "dead", "died", "murder", "execut", "death", "lives", "massacr",
                        "fatal"), (
    re.compile(rf"\b(?:killing|killed|kills)\s+(him|her)\s+and\s+{_NUM}\s+others\b"),
    re.compile(rf"\b{_NUM}{_AND}(?:were|have been|had been|was|are)?\s*"
               r"(?:killed|dead|died|murdered|executed)\b"),
    re.compile(rf"\b(?:deaths? of|death toll (?:of|at|rose to|to)|the lives of|"
               rf"death toll(?: [a-z'-]+){{0,6}}? (?:has |had )?(?:risen|rose|climbed|reached|"
               rf"stands|stood)(?: to| at)?|(?:massacre|killing|murder|execution)s? of)\s+"
               rf"(?:at least\s+|more than\s+|some\s+|about\s+|over\s+)?{_NUM}\b"),
    re.compile(rf"\b{_NUM}\s+(?:[a-z]+\s+)?(?:deaths|fatalities)\b"),
    re.compile(rf"\bclaim(?:ed|ing)\s+(?:at least\s+|more than\s+|some\s+)?{_NUM}\s+lives\b"),
    re.compile(rf"\b(?:killing|killed|kills|murdered|murdering|murders|executed|executing|"
               rf"executes|shot dead|shooting dead)\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?"
               rf"(?:at least\s+|more than\s+|some\s+|about\s+|over\s+)?{_NUM}\b"),
    re.compile(rf"\b{_NUM}\s+{_FILLER}{_ASIDE}(?:were|have been|had been|was|are)?\s*"
               r"(?:killed|dead|died|murdered|executed)\b"),
    re.compile(rf"\b{_NUM}\s+{_FILLER}(?:have |had )?lost their lives\b"),
    re.compile(rf"\b{_NUM}\s+{_FILLER}(?:are|were|is|was) (?:reported|said|believed|thought|"
               r"feared|confirmed) to have (?:been killed|died)\b"),  # "are reported to have"
))
WOUNDED = CountPatterns(("wound", "injur", "hurt"), (
    re.compile(rf"\b{_NUM}{_AND}(?:were|have been|had been|was|are)?\s*"
               r"(?:wounded|injured|hurt)\b"),
    re.compile(rf"\b(?:wounding|injuring|wounded|injured|wounds|injures)\s+(?:all\s+)?"
               rf"(?:the\s+|its\s+|their\s+)?"
               rf"(?:at least\s+|more than\s+|some\s+|about\s+|over\s+)?{_NUM}\b"),
    re.compile(rf"\b{_NUM}\s+{_FILLER}{_ASIDE}(?:were|have been|had been|was|are)?\s*"
               r"(?:wounded|injured|hurt)\b"),
))
NO_CASUALTIES = re.compile(r"\b(?:no|without) (?:casualties|victims)\b")
_WAS = r"(?:was|were|had been|has been|have been)"
NO_DEAD = re.compile(rf"\b(?:(?:no one|nobody|no-one|none) (?:{_WAS} (?:killed|hurt)|died)"
                     r"|no (?:deaths|fatalities))\b")
NO_HURT = re.compile(rf"\b(?:(?:no one|nobody|no-one|none) {_WAS} (?:injured|wounded|hurt)|"
                     r"no (?:injuries|one injured))\b")


def count_at(counts: CountPatterns, text: str) -> tuple[int | None, int]:
    """The first number one of the patterns captures in the text, and where it stands."""
    low = text.lower()
    if not any(cue in low for cue in counts.cues):
        return None, -1
    for pattern in counts.patterns:
        pos = 0
        while (m := pattern.search(low, pos)) is not None:  # overlapping: "at least ten"
            value = 1 if m.group(1) in ("him", "her") else parse_number(m.group(1))
            if value is not None and pattern.groups > 1:  # two groups counted: their sum
                more = parse_number(m.group(2)) if m.group(2) not in ("a", "an") else 1
                value = value + more if more is not None else None
            if value is not None and not _year(low, m.start(1), value) \
                    and not low[:m.start(1)].endswith(("no ", "no-")):  # "no one was hurt"
                return value, m.start(1)
            pos = m.start() + 1
    return None, -1


YEAR_PREPS = re.compile(r"\b(?:in|since|by|until|of|from|during|before|after|early|late|mid)\s+$")


def _year(low: str, at: int, value: int) -> bool:
    """A year, not a count: "in 2019 its leader was killed"."""
    return 1900 <= value <= 2100 and YEAR_PREPS.search(low, max(0, at - 12), at) is not None


def count_in(counts: CountPatterns, text: str) -> int | None:
    """The first number one of the patterns captures in the text ("killing 12" → 12)."""
    return count_at(counts, text)[0]


@dataclass(frozen=True)
class Casualties:
    """The dead and wounded a sentence counts, and the character offsets of the counts in it."""

    killed: int | None = None
    wounded: int | None = None
    at: tuple[int, ...] = ()

    @property
    def any(self) -> bool:
        return self.killed is not None or self.wounded is not None


NONE = Casualties()


def _listed(found: int | None, at: int, sent: Span, lemmas: set[str]) -> tuple[int | None, int]:
    """A count, or the sum of the victims a sentence lists where the count is one of theirs
    or none was found ("killing a mother, a father and their three children")."""
    total, start, end = listed_victims(sent, lemmas)
    if total is not None and (found is None or start <= at < end):
        return total, start
    return found, at


def sentence_casualties(text: str, sent: Span) -> Casualties:
    """The counts of a parsed sentence: its count patterns, and the victims it lists."""
    counts = casualties(text)
    k, k_at = _listed(counts.killed, counts.at[0] if counts.killed is not None else -1, sent,
                      VICTIMS_KILLED)
    w, w_at = _listed(counts.wounded, counts.at[-1] if counts.wounded is not None else -1,
                      sent, VICTIMS_WOUNDED)
    if (k, w) == (counts.killed, counts.wounded):
        return counts
    return Casualties(k, w, tuple(sorted(x for x in (k_at, w_at) if x >= 0)))


def casualties(text: str) -> Casualties:
    """The counts of a sentence; "no casualties" is 0 killed and 0 wounded."""
    low = text.lower()
    (killed, k_at), (wounded, w_at) = count_at(KILLED, text), count_at(WOUNDED, text)
    at = tuple(x for x in (k_at, w_at) if x >= 0)
    if (m := NO_CASUALTIES.search(low)) is not None:
        return Casualties(0 if killed is None else killed, 0 if wounded is None else wounded,
                          at + (m.start(),))
    if killed is None and (m := NO_DEAD.search(low)) is not None:
        killed, at = 0, at + (m.start(),)
    if wounded is None and (m := NO_HURT.search(low)) is not None:
        wounded, at = 0, at + (m.start(),)
    return Casualties(killed, wounded, at)


# --- which words state an attack ---------------------------------------------------------------


def _triggers(ctx: Context, sent: Span) -> list[Token]:
    """The words of a sentence that state an attack: an attack noun or verb, a weapon used
    ("used chemical weapons", "the use of barrel bombs") or an operation launched."""
    lex = lexicon()
    nouns = lex.nouns | lex.generic_nouns
    verbs = lex.verbs | lex.offensive_verbs
    out = []
    lemmas = trigger_lemmas() | {"fire", "support", "blow", "fall", "send"}
    for t in ctx.words.tokens_in(sent, LEMMA, lemmas, lower=True):
        lemma = t.lemma_.lower()
        named = (_nominal(t) and (lemma in nouns or t.lower_ in nouns)  # "Houthi shelling
                 or t.pos_ == "VERB" and lemma in verbs and not _nominal(t))  # of the market
        # killed 18": a gerund tagged a verb is the noun
        named = named or lemma in lex.harm_verbs and t.tag_ in ("VBD", "VBZ", "VBP") and any(
            c.dep_ == "nsubj" for c in t.children)  # "gunmen wounded three policemen"
        armed = t.pos_ == "VERB" and lemma in lex.weapon_verbs | lex.light_verbs and any(
            _weapon(ctx, o) or _operation(ctx, o) for o in _objects(t))
        armed = armed or t.pos_ == "VERB" and lemma in lex.weapon_verbs | {"send"} and any(
            (_craft(o, lex.craft) or _aircraft(ctx, o) or _weapon(ctx, o)) and _aimed(t, o)
            for o in _objects(t))  # "launched a drone towards X", "sent rockets into Y"
        air = _nominal(t) and lemma == "support" and any(  # "provided air support"
            c.lower_ == "air" for c in t.children if c.dep_ in ("amod", "compound"))
        used = t.pos_ == "NOUN" and lemma == "use" and any(
            _weapon(ctx, g) for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj")
        fire = t.pos_ == "VERB" and lemma == "open" and any(
            o.lower_ == "fire" for o in _objects(t))  # "gunmen opened fire on worshippers"
        fire = fire or (lemma == "fire" and (  # "fired on protesters", "mortar fire"
            t.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("on", "at", "into")
                                     for c in t.children)
            or _nominal(t) and any(_weapon(ctx, c) or c.lemma_.lower() in lex.attackers
                                   for c in t.children if c.dep_ == "compound")))
        struck = t.pos_ == "VERB" and lemma in lex.impact_verbs and (
            lemma != "bring" or any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children)
        ) and any(_weapon(ctx, s) or _craft(s, lex.craft) or _aircraft(ctx, s)
                  for s in _doers(t))  # "missiles
        # brought down a tower", "shells landed in the market"
        blown = t.pos_ == "VERB" and lemma == "blow" and any(  # "a bomber blew himself up"
            c.dep_ == "prt" and c.lower_ == "up" for c in t.children)
        fallen = t.pos_ == "VERB" and lemma == "fall" and bool(_fallen_to(t)) and any(
            c.dep_ == "nsubj" and _placeish(ctx, c) for c in t.children)  # "Mosul fell to X"
        if (named or armed or used or fire or air or blown or fallen or struck) \
                and not _defence(ctx, t) and not _disarmed(t) and not _craft_kind(t):
            out.append(t)
    return out


DISARMING = {"destroy", "defuse", "disable", "dismantle", "seize", "capture", "find",
             "discover", "recover", "neutralise", "neutralize", "intercept"}


def _disarmed(tok: Token) -> bool:
    """A bomb or rocket that was itself the target: "two strikes destroyed a vehicle bomb",
    "police defused a car bomb"; not an attack."""
    return _nominal(tok) and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.lemma_.lower() in DISARMING and tok.lemma_.lower() in lexicon().weapons \
        | {"bomb", "rocket", "missile", "mine", "ied", "device", "explosive"}


def _craft_kind(tok: Token) -> bool:
    """"Attack and fighter aircraft", "attack helicopters": a kind of aircraft, not an attack."""
    craft = lexicon().craft
    near = [tok.head] if tok.dep_ in ("nmod", "compound", "amod", "conj") else []
    near += [c for c in tok.children if c.dep_ == "conj"]
    return _nominal(tok) and any(_craft(t, craft) for t in near)


def _doers(verb: Token) -> list[Token]:
    """A verb's subjects; for a verb coordinated or adjoined without its own ("a rocket fired
    from Gaza hit a house", "a bomber drove into the checkpoint, killing nine", "Typhoons used
    bombs to destroy"), its head's."""
    for _ in range(3):  # up a chain of such verbs ("used bombs guided to destroy")
        own = [c for c in verb.children if c.dep_ == "nsubj"]
        if own or not (verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and verb.tag_ in (
                "VBG", "VB")) or verb.head.i == verb.i:  # "..., killing nine", "used bombs
            return own  # to destroy"
        verb = verb.head
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _continued(trig: Token) -> bool:
    """An attack said to go on ("have continued to strike Daesh targets"): a summary."""
    return trig.dep_ == "xcomp" and trig.head.lemma_.lower() in ("continue", "keep")


def _tally(trig: Token) -> bool:
    """A count of strikes done ("conducted 14 strikes in Iraq"): a summary of those told
    one by one after it."""
    return _nominal(trig) and trig.lemma_.lower() in STRIKES and trig.dep_ == "dobj" \
        and trig.head.lemma_.lower() in lexicon().light_verbs \
        and any(c.dep_ == "nummod" and c.like_num for c in trig.children)


LATER = re.compile(r"\b(?:(a|an|one|two|three|four|five|six|seven|\d+) (day|week)s? later|"
                   r"the (?:next|following) (day|week)|the day after)\b")


def _days_later(text: str) -> int | None:
    """The days a sentence says it comes after the attack before ("two days later", "the
    next day"); None if it says none."""
    m = LATER.search(text)
    if m is None:
        return None
    if m.group(1):
        n = 1 if m.group(1) in ("a", "an") else parse_number(m.group(1))
        return None if n is None else n * (7 if m.group(2) == "week" else 1)
    return 7 if m.group(3) == "week" else 1


def _add_days(date: str | None, days: int) -> str | None:
    """A full date moved on by some days; None for a date less precise than a day."""
    if not date or len(date) != 10:
        return None
    return (Date.fromisoformat(date) + timedelta(days=days)).isoformat()


def _headline(ctx: Context, sent: Span) -> bool:
    """A title line: a first line with no closing mark, before a line break."""
    text = ctx.text_of(sent)
    return "\n" in text[len(text.rstrip()):] + ctx.text[sent.end_char:sent.end_char + 1] \
        and text.rstrip()[-1:] not in CLOSING_MARKS


def _aside(tok: Token, trig: Token) -> bool:
    """A word in a clause beside the attack's: a relative clause or a "since" phrase that
    does not hold the trigger ("Sanaa, which the Houthis have held since 2014")."""
    for t in [tok, *tok.ancestors]:
        if t.i == trig.i or trig in t.subtree and t.dep_ not in ("relcl", "prep"):
            return False
        if t.dep_ == "relcl" and t.lemma_.lower() in OCCUR:
            return False  # "the attack on the town that began on 4 May": when it was
        if t.dep_ == "relcl" or t.dep_ == "prep" and t.lower_ in ("since", "until"):
            return trig not in t.subtree
    return False


def _fallen_to(verb: Token) -> list[Token]:
    """Whom a place fell to: the objects of "to" on "fell"."""
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children if g.dep_ == "pobj"]


def _defence(ctx: Context, tok: Token) -> bool:
    """Not an attack: a weapon shot down ("shot down 18 drones"), or "attack" naming a kind of
    weapon ("attack drones", "attack helicopters")."""
    craft = lexicon().craft
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and (
            _weapon(ctx, tok.head) or _craft(tok.head, craft)):
        return True
    return tok.pos_ == "VERB" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "down"
                                      for c in tok.children) and any(
        _weapon(ctx, o) or _craft(o, craft)
        or any(_weapon(ctx, g) or _craft(g, craft) for g in o.subtree)
        for o in _objects(tok))


def _craft(tok: Token, craft: frozenset[str]) -> bool:
    """A machine that flies or sails: "jets", and "a warplane" (the list holds plurals)."""
    return tok.lower_ in craft or tok.lower_ + "s" in craft or tok.lemma_.lower() + "s" in craft


AIMED = {"at", "towards", "toward", "against", "into"}


def _aimed(verb: Token, obj: Token) -> bool:
    """A craft sent at a target ("launched a drone towards Khamis Mushait"), not deployed."""
    return any(c.dep_ == "prep" and c.lower_ in AIMED for c in (*verb.children, *obj.children))


def _nominal(tok: Token) -> bool:
    """A noun, or a word the tagger called a verb where the parse has it as a noun
    ("regime airstrikes have killed": nsubj)."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "VERB" and tok.dep_ in NOMINAL)


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


def _weapon(ctx: Context, tok: Token) -> bool:
    """A weapon named as such, not as an attack noun ("chemical weapons", "rockets")."""
    if tok.lemma_.lower() in lexicon().nouns:
        return False
    m = ctx.mention_at(tok.idx)
    return (m is not None and m.type == "WEAPON") or tok.lemma_.lower() in lexicon().weapons


def _unnamed_attacker(ctx: Context, tok: Token) -> bool:
    """A doer the text does not name: "a suicide bomber attacked", "a missile hit",
    "warplanes bombed", "a group of guerrillas"."""
    lex = lexicon()
    low = tok.lower_
    singular = {tok.lemma_.lower(), low, low[:-1] if low.endswith("s") else low}
    if _aircraft(ctx, tok):  # "a Reaper attacked", "Typhoons struck"
        return True
    if singular & lex.attackers or _weapon(ctx, tok) or _craft(tok, lex.craft) \
            or low in lex.actor_heads and tok.pos_ == "NOUN":  # "troops shot two rebels"
        return True
    if tok.lemma_.lower() in ("man", "people", "individual", "assailant", "person") and any(
            c.dep_ == "amod" and c.lower_ in ARMED_WORDS for c in tok.children):
        return True  # "unidentified armed men", "masked men"
    return tok.lemma_.lower() in ("group", "band", "team", "squad") and any(
        g.lemma_.lower() in lex.attackers for c in tok.children if c.dep_ == "prep"
        and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")


def _aircraft(ctx: Context, tok: Token) -> bool:
    """An aircraft or missile named as such: a platform, or a name like "Typhoons", "Reaper"."""
    m = ctx.mention_at(tok.idx)
    return m is not None and m.type == "PLATFORM" or tok.text in lexicon().aircraft_names


def _flown(ctx: Context, tok: Token) -> bool:
    """Aircraft with no owner named: "a Reaper", "jets", "a pair of Typhoons"."""
    if tok.lemma_.lower() in ("pair", "flight", "formation", "couple"):
        tok = next((g for c in tok.children if c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"), tok)
    if tok.lemma_.lower() == "bomber":
        return False  # "a suicide bomber"
    return _aircraft(ctx, tok) or _craft(tok, lexicon().craft) \
        or tok.lemma_.lower() in ("crew", "aircrew", "pilot")  # "their crews struck"


def _operation(ctx: Context, tok: Token) -> bool:
    """A named military operation ("launched Operation X")."""
    m = ctx.mention_at(tok.idx)
    return m is not None and m.type == "OPERATION"


def _used_to(verb: Token) -> bool:
    """The purpose of weapons used ("Typhoons used bombs to destroy two strongpoints"): what
    was done with them, not only planned."""
    lex = lexicon()
    head = verb.head.head if verb.head.dep_ == "xcomp" else verb.head  # "used ... guided to"
    return verb.lemma_.lower() in lex.verbs | lex.impact_verbs \
        and head.lemma_.lower() in lex.weapon_verbs and head.tag_ in ("VBD", "VBN")


def _irrealis(trig: Token) -> bool:
    """Threatened, planned, feared, prevented, negated, modal or conditional: not a stated
    attack ("would attack", "the threat of attacks", "did not strike", "no attacks")."""
    lex = lexicon()
    if any(c.lower_ in lex.irrealis_modifiers or (c.dep_ == "det" and c.lower_ == "no")
           for c in trig.children) or any(  # "no RAF strikes": "no" on the modifier
            g.dep_ == "det" and g.lower_ == "no" for c in trig.children
            if c.dep_ == "compound" and c.i < trig.i for g in c.children):
        return True
    prev = tok = trig
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ENDING and prev.dep_ in (
                "nsubj", "nsubjpass"):
            return False  # "the bombing of civilians must stop": it goes on
        if tok is not trig and tok.lemma_.lower() in lex.irrealis_heads:
            return True
        if tok is not trig and tok.lemma_.lower() in RECALLED:
            return False  # "Kenyans will remember the attack on Westgate in 2013": it was
        if tok.dep_ in ("ccomp", "acl") and any(
                c.dep_ in ("attr", "dobj", "nsubj") and c.lemma_.lower() in EVIDENCE and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                for c in (*tok.head.children, tok.head)):
            return True  # "there is no evidence for the claim that X fired shells"
        if tok.pos_ in ("VERB", "AUX"):
            for c in tok.children:
                if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) \
                        or (c.dep_ == "mark" and c.lower_ in CONDITIONS):
                    return True
            head = tok.head.lemma_.lower()
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                    and tok.lemma_.lower() not in PERCEIVE \
                    and tok.head is not tok and head not in lex.aspect_verbs \
                    | lex.reporting_verbs | lex.accuse_verbs | lex.support_verbs \
                    and not (tok.head.pos_ == "NOUN" and head in lex.nouns | lex.attempt_nouns) \
                    and not (tok.i == trig.i and _used_to(tok)):
                return True  # "to help them plan and conduct strikes"; not "an offensive to"
            if tok.dep_ not in ("xcomp", "conj", "pcomp", "prep", "pobj", "ccomp") or (
                    tok.dep_ == "ccomp" and head not in lex.support_verbs):
                return False
        if tok.head is tok:
            return False
        prev, tok = tok, tok.head
    return False


def _placeish(ctx: Context, tok: Token) -> bool:
    """A place an offensive takes: a named place or ground ("the town", "control of X")."""
    m = ctx.mention_at(tok.idx)
    if m is not None and m.type == "PERSON":  # "recaptured Tal Abyad, Syria": a town
        return resolve_place(m.text)[1] is not None or any(
            c.dep_ == "appos" and c.ent_type_ == "GPE" for c in tok.children)
    if m is not None:
        return m.type in ("PLACE", "COUNTRY")
    if tok.lemma_.lower() == "control":  # "control of (parts of) the town", not "of the building"
        held = [t for t in tok.subtree if t.i != tok.i and t.pos_ in ("NOUN", "PROPN")]
        return not held or any(t.pos_ == "PROPN" or _placeish(ctx, t) for t in held)
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in lexicon().territory \
        or (tok.pos_ == "PROPN" and (tok.ent_type_ not in ("PERSON", "ORG", "NORP")
                                     or resolve_place(tok.text)[1] is not None))


def _offensive_ok(ctx: Context, verb: Token) -> bool:
    """"retook the town", "seized control of X", "was captured by X": a place was taken."""
    if verb.lemma_.lower() == "take" and not any(
            c.dep_ == "prt" and c.lower_ in ("back", "over") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    lemma = verb.lemma_.lower()
    if lemma in ("drive", "push") and any(c.lower_ in ("out", "back")
                                          for c in verb.children):  # "drove ISIL out of"
        return any(t.ent_type_ in ("GPE", "LOC", "FAC") or _placeish(ctx, t)
                   for t in verb.subtree if t.pos_ in ("PROPN", "NOUN")) \
            or ctx.first_date(verb.sent) is not None  # not "help them push Daesh back"
    if lemma in ("clear", "expel", "oust", "drive"):  # "cleared the town of Daesh"
        objects = [c for c in verb.children if c.dep_ == "dobj"] + [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
            for g in c.children if g.dep_ == "pobj"]
        return any(_placeish(ctx, o) for o in objects)
    if lemma in ("advance", "push", "sweep"):  # "advanced on the town", "swept into the city"
        objects = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in (
            "on", "into", "towards", "toward", "through") for g in c.children if g.dep_ == "pobj"]
    return any(_placeish(ctx, o) for o in objects)


def _taken(verb: Token) -> list[Place]:
    """The place an offensive took, named only by the parse ("retook Tikrit")."""
    for obj in _objects(verb):
        if obj.pos_ == "PROPN":
            start = obj.i
            while start > obj.left_edge.i and obj.doc[start - 1].pos_ == "PROPN":
                start -= 1
            city, country = resolve_place(obj.doc[start:obj.i + 1].text)
            if country:
                return [Place(city, country, 1.0)]
    return []


def _type(trigger: Token) -> str | None:
    lex = lexicon()
    heads = [trigger, *(o for o in trigger.children if o.dep_ in ("dobj", "nsubjpass", "prep"))]
    heads += [g for h in heads if h.dep_ == "prep" for g in h.children if g.dep_ == "pobj"]
    for head in heads:
        for child in head.children:
            if child.lower_ in lex.modifiers:
                return lex.modifiers[child.lower_]
    lemma = trigger.lemma_.lower()
    named = lex.verbs | lex.nouns | lex.offensive_verbs
    if lemma not in named and (trigger.pos_ == "VERB" or lemma == "use"):
        objects = _objects(trigger) + [g for c in trigger.children if c.dep_ == "prep"
                                       for g in c.children if g.dep_ == "pobj"]
        words = {w.lemma_.lower() for o in objects for w in o.subtree}
        if words & lex.chemicals:
            return "chemical attack"
        if any(w.lower_ == "operation" for o in objects for w in o.subtree):
            return "offensive"  # "launched Operation X"
        return None
    return lex.types.get(lemma, "airstrike" if lemma == "support" else None)


def _targeted(tok: Token) -> bool:
    """A group named as the one fought or struck: "against ISIL", "defeat Daesh", "tracked a
    Daesh sniper team"."""
    for anc in [tok, *tok.ancestors][:4]:
        if anc.dep_ == "pobj" and anc.head.lower_ in ("against", "on", "with", "from"):
            return True
        if anc.dep_ in ("dobj", "pobj") and anc.head.lemma_.lower() in TARGETING:
            return True
        if anc.dep_ == "dobj" and any(c.dep_ == "nsubj" and (
                _craft(c, lexicon().craft) or c.text in lexicon().aircraft_names)
                for c in anc.head.children):
            return True  # "a Reaper tracked a Daesh sniper team"
    return False


def _specific(trig: Token, killed: int | None) -> bool:
    """One attack, not attacks in general: singular, determined, counted or dated ("any
    attack on civilians" is not one)."""
    if any(c.dep_ == "det" and c.lower_ in GENERIC_DETS for c in trig.children):
        return False
    if killed is not None or trig.tag_ in ("NN", "VBN", "VBD"):
        return True
    return any(c.dep_ in ("det", "nummod", "poss", "compound") for c in trig.children)


def _anaphoric(trig: Token) -> bool:
    """"the attack", "this was an indefensible attack": an attack named before."""
    if any(c.dep_ == "det" and c.lower_ in ANAPHORS for c in trig.children):
        return True
    return trig.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ in ("this", "it", "that")
                                       for c in trig.head.children)


def _strike_count(trig: Token) -> bool:
    """"four strikes destroyed two positions": a release's count of strikes, whose attacker
    the release named before."""
    return _nominal(trig) and trig.lemma_.lower() in STRIKES and (
        any(c.dep_ == "nummod" for c in trig.children)
        or (trig.dep_ == "nsubj" and trig.head.lemma_.lower() in STRIKE_ACTIONS))


def _extras(trig: Token) -> dict[str, Any]:
    """"strikes": N for a counted strike noun; "targets": what a strike hit or aimed at."""
    out: dict[str, Any] = {}
    for c in trig.children:
        if c.dep_ == "nummod" and _nominal(trig) and c.ent_type_ != "DATE":
            value = parse_number(c.text)
            if value is not None:
                out["strikes"] = value
    verb = trig.head if trig.dep_ == "nsubj" else trig
    targets = [c for c in verb.children if c.dep_ == "dobj" and c is not trig]
    for c in trig.children:
        if c.dep_ == "prep" and c.lower_ in ("against", "on"):
            targets += [g for g in c.children if g.dep_ == "pobj"]
    targets = [t for t in targets if t.ent_type_ not in ("DATE", "TIME")]
    if targets:
        out["targets"] = [trig.doc[t.left_edge.i:t.i + 1].text for t in targets]
    return out


# --- one document ------------------------------------------------------------------------------


Pending = tuple[dict[str, Any], str, float]  # record, merge key, confidence


@dataclass
class Found:
    """An attack record being built, with the sentence it was first stated in."""

    fact: Fact
    key: str
    sent: int
    first: int = -1  # the sentence it was first stated in
    own_place: bool = True  # placed by its own sentence, not one before it
    headline: bool = False  # named so far only by the document's headline
    summary: bool = False  # "have continued to strike Daesh in Iraq": strikes told one by one
    band: bool = False  # done by unnamed members of some group ("insurgents ambushed ...")


@dataclass
class State:
    """The document so far: records, the last attack, the last places named."""

    records: list[Found] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # merge key -> first name
    last: Found | None = None
    last_places: list[Place] = field(default_factory=list)
    prev_sent: Span | None = None
    unplaced: tuple[int, list[Actor]] | None = None  # the last attacker named with no place
    air: Actor | None = None  # the last state or coalition named striking from the air


def _other_counts(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Two different counts of the dead (or wounded), or two dates that disagree ("in 2014",
    "in January 2016"): two attacks, not one told twice."""
    a, b = old.get("date"), new.get("date")
    if a and b and not (a.startswith(b) or b.startswith(a)):
        return True
    return any(old.get(k) is not None and new.get(k) is not None and old[k] != new[k]
               for k in ("killed", "wounded"))


def core_key(key: str) -> str:
    """An attacker's merge key without its trailing force words: "coalition military forces",
    "coalition forces" and "coalition" are one attacker."""
    heads = lexicon().actor_heads
    words = key.split()
    while len(words) > 1 and words[-1] in heads:
        words.pop()
    return " ".join(words)


PARENTHESIS = re.compile(r"\s*\([^)]*\)")
BAND = {"fighters", "militants", "gunmen", "insurgents", "rebels", "jihadists", "members"}


def short_name(name: str) -> str:
    """An attacker's name with one force word at most: "Coalition military forces" is named
    "Coalition forces", which shares half its words with "Coalition" and with the long name."""
    heads = lexicon().actor_heads - lexicon().actor_words  # not "coalition", "regime"
    words = PARENTHESIS.sub(" ", name).split()  # "Hayat Tahrir al-Sham (HTS) fighters":
    if words != name.split() and len(words) > 1 and words[-1].lower() in BAND:
        del words[-1]  # a group named with its acronym, its fighters the group
    while len(words) > 2 and words[-1].lower() in heads and words[-2].lower() in heads:
        del words[-2]
    return " ".join(words)


def _other_towns(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Two different towns: two attacks."""
    return bool(old.get("city") and new.get("city") and old["city"] != new["city"])


def _fuller(old: str | None, new: str | None) -> str | None:
    """Of two names of one attacker, "Coalition forces" rather than "Coalition": the bare name
    with its force word shares half its words with either."""
    if not old or not new:
        return old or new
    a, b = old.split(), new.split()
    if len(b) == len(a) + 1 and b[:-1] == a and b[-1].lower() in lexicon().actor_heads:
        return new
    return old


def _merge(old: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if old.get(key) is None and value is not None:
            old[key] = value


def _settle_borrowed(records: list[Found]) -> list[Found]:
    """An attack placed only by the sentences before it, told again a few sentences on by the
    same attacker with a place of its own in another country ("killed in a raid by X" ...
    "killed in a raid by X inside Syrian territory"): one attack, where its own words put it."""
    out = []
    for r in records:
        actor = r.key.split("|")[0]
        later = [o for o in records if not r.own_place and actor and o.own_place
                 and o.key.split("|")[0] == actor and o.key != r.key
                 and 0 < o.first - r.first <= LOOKBACK + 1
                 and not _other_counts(o.fact.data, r.fact.data)]
        if len(later) == 1:
            data = later[0].fact.data
            data["perpetrator"] = r.fact.data["perpetrator"]  # the name the text used first
            for k in ("killed", "wounded", "date"):
                if data.get(k) is None:
                    data[k] = r.fact.data.get(k)
        else:
            out.append(r)
    return out


def _words(name: str | None) -> set[str]:
    """The words of a name, a possessive dropped ("Ukraine's military": ukraine, military)."""
    return {re.sub(r"['’]s$", "", w.lower()) for w in re.findall(r"[\w'’-]+", name or "")}


def _possessive(name: str | None) -> bool:
    """A name in the possessive ("Ukraine's military"): the bare name is the better one."""
    return bool(name and re.search(r"['’]s\b", name))


def _fold_names(facts: list[Fact]) -> list[Fact]:
    """An attacker named short and in full in one country ("Coalition" in the headline, "the
    Saudi-led coalition" in the story): one attack, when towns and counts agree."""
    out: list[Fact] = []
    for fact in facts:
        short = _words(fact.data["perpetrator"])
        fuller = [o for o in facts if o is not fact and short
                  and o.data["location_country"] == fact.data["location_country"]
                  and short < _words(o.data["perpetrator"])
                  and not _other_towns(o.data, fact.data) and not _other_counts(o.data, fact.data)]
        if len(fuller) == 1:
            if _possessive(fuller[0].data["perpetrator"]):
                fuller[0].data["perpetrator"] = fact.data["perpetrator"]  # "Ukraine", not
                # "Ukraine's military"
            _merge(fuller[0].data, fact.data)
        else:
            out.append(fact)
    return out


class Reader:
    """Reads a document's sentences in order, building its attack records."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.memory = Memory()
        self.agents = AgentFinder(ctx, self.memory)
        self.state = State()
        self._now = 0
        line = ctx.text.split("\n", 1)[0].rstrip()  # a title restates its story's attack
        self._title_end = len(line) if "\n" in ctx.text and line[-1:] not in CLOSING_MARKS \
            else 0

    def run(self) -> list[Fact]:
        for i, sent in enumerate(self.ctx.sents):
            self.agents.define(sent)
            self._sentence(i, sent)
            self.memory.last_sent = sent
            self.state.prev_sent = sent
        records = _settle_borrowed([r for r in self.state.records if not r.summary or not any(
            o is not r and o.key == r.key for o in self.state.records)])  # summed up
        perpetrated: dict[str, list[Found]] = {}
        for r in records:
            if r.fact.data["perpetrator"]:
                perpetrated.setdefault(r.fact.data["location_country"], []).append(r)
        out = []
        only = self._only_group() if any(r.band for r in records) else None
        for r in records:
            same = perpetrated.get(r.fact.data["location_country"], [])
            if r.fact.data["perpetrator"] or not same or all(
                    _other_towns(s.fact.data, r.fact.data)
                    or _other_counts(s.fact.data, r.fact.data) for s in same):
                out.append(r.fact)  # named, or another town and another toll: another attack
                if not r.fact.data["perpetrator"] and r.band and only is not None:
                    r.fact.data["perpetrator"] = only.name  # "insurgents ambushed a convoy"
                    # in a story of one armed group: the group's
            elif len(same) == 1 and not _other_counts(same[0].fact.data, r.fact.data) \
                    and not _other_towns(same[0].fact.data, r.fact.data):
                _merge(same[0].fact.data, r.fact.data)  # the attack whose agent was named
            elif not any(s.fact.data["city"] == r.fact.data["city"]
                         and not _other_counts(s.fact.data, r.fact.data) for s in same):
                out.append(r.fact)  # none of them told again: an attack of its own
        return _fold_names(out)

    def _recent(self, i: int) -> Found | None:
        last = self.state.last
        return last if last is not None and i - last.sent <= LOOKBACK else None

    def _sentence(self, i: int, sent: Span) -> None:
        ctx = self.ctx
        self._now = i
        triggers = [t for t in _triggers(ctx, sent) if not _irrealis(t)]
        if not triggers and self._recent(i) is None:
            return  # nothing stated here, nothing before to add to
        counts = sentence_casualties(ctx.text_of(sent), sent)
        claimant = self.agents.claimant(sent)
        nouns = {t.i for t in triggers if _nominal(t)}
        pending: list[tuple[Token, list[Pending]]] = []
        for trig in triggers:
            made = self._trigger(i, sent, trig, claimant, nouns, counts)
            if made:
                pending.append((trig, made))
        if pending:
            owner = self._owner(sent, counts, [t for t, _ in pending])
            nearest = self._owner(sent, counts, triggers)
            if nearest is not None and nearest.i not in {t.i for t, _ in pending}:
                when = {"date": self._date(sent, nearest)}  # "killed 50 in raids": the raids'
                same = [t for t, _ in pending
                        if not _other_counts(when, {"date": self._date(sent, t)})]
                owner = min(same, key=lambda t: tree_distance(t, nearest)) if same else None
            clauses = {t.i: self._clause_counts(t, pending) for t, _ in pending}
            for trig, made in pending:
                for k, (record, key, confidence) in enumerate(made):
                    own = clauses[trig.i]
                    if own is not None and k == 0:  # "killed 67 at X, and in 2015 the
                        record.update(killed=own.killed, wounded=own.wounded)  # group murdered 148"
                    elif trig is owner and k == 0 and not any(clauses.values()):
                        record.update(killed=counts.killed, wounded=counts.wounded)
                    self._add(i, sent, key, record, confidence)
            return
        recent = self._recent(i)
        if recent is None:
            return
        if claimant is not None and recent.fact.data["perpetrator"] is None:
            self._rekey(recent, claimant)
        owner = self._owner(sent, counts, [t for t in triggers if _nominal(t)])
        if _other_counts(recent.fact.data, {"date": ctx.first_date(sent)}):
            return  # "in November they killed 50": another attack than August's
        if counts.any and (owner is None and i - recent.sent <= LOOKBACK
                           or owner is not None and _anaphoric(owner)):
            _merge(recent.fact.data, {"killed": counts.killed, "wounded": counts.wounded,
                                      "date": ctx.first_date(sent)})
            recent.sent = i  # told again here: a later "the raid" may still reach it

    def _clause_counts(self, trig: Token, pending: list) -> Casualties | None:
        """The counts of a verb's own clause, where a sentence joins clauses of attacks with
        tolls of their own; None when the sentence tells one attack or the clause counts none."""
        verbs = [t for t, _ in pending if not _nominal(t) and t.dep_ in ("ROOT", "conj")]
        if len(verbs) < 2 or trig not in verbs:
            return None
        later = [t.i for t in verbs if t.i > trig.i]
        start = min(t.i for t in trig.subtree)
        end = min(later) if later else trig.sent.end
        inner = [t for t in trig.subtree if start <= t.i < end]
        if not inner:
            return None
        doc = trig.doc
        found = casualties(doc[inner[0].i:inner[-1].i + 1].text)
        return found if found.any else None

    def _owner(self, sent: Span, counts: Casualties, triggers: list[Token]) -> Token | None:
        """The trigger whose attack the sentence's counts belong to: the nearest in the tree."""
        if not triggers:
            return None
        if not counts.any or len(triggers) == 1:
            return triggers[0]
        span = self.ctx.doc.char_span(sent.start_char + counts.at[0],
                                      sent.start_char + counts.at[0] + 1,
                                      alignment_mode="expand")
        if span is None:
            return triggers[0]
        return min(triggers, key=lambda t: tree_distance(t, span.root))

    def _trigger(self, i: int, sent: Span, trig: Token, claimant: Actor | None,
                 nouns: set[int], counts: Casualties) -> list[Pending]:
        ctx, lex = self.ctx, lexicon()
        lemma = trig.lemma_.lower()
        verb = not _nominal(trig)
        if verb and any(c.i in nouns for c in trig.children if c.dep_ in ("nsubj", "nsubjpass")
                        or c.dep_ == "pobj" and c.head.lower_ in ("in", "during")) \
                or verb and any(g.i in nouns for c in trig.children if c.dep_ == "prep"
                                and c.lower_ in ("in", "during") for g in c.children):
            return []  # "a car bomb killed 43", "43 were killed in the bombing": the noun
        if verb and lemma in lex.offensive_verbs and not _offensive_ok(ctx, trig):
            return []
        if verb and lemma == "fall":
            actors = self.agents.actors(_fallen_to(trig))  # "the town fell to X": X took it
            if not actors:
                return []
        else:
            actors = self.agents.of_verb(trig) if verb else self.agents.of_noun(trig)
        if not actors and verb:  # "a missile fired by the Houthis slammed into ...": the
            actors = self.agents.actors([  # weapon's own agent
                g for d in _doers(trig) if _weapon(ctx, d) for c in d.children
                if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                for g in a.children if g.dep_ == "pobj"])
        if not actors and verb and lemma in lex.weapon_verbs | {"fire"}:
            actors = self.agents.actors([  # "shells were fired from Houthi positions"
                m for c in trig.children if c.dep_ == "prep" and c.lower_ == "from"
                for g in c.children if g.dep_ == "pobj" for m in g.children
                if m.dep_ in ("compound", "amod", "poss")])
        if not actors and not verb and claimant is not None:
            actors = [claimant]
        if self.state.air is not None and actors and all(
                a.name in lex.aircraft_names for a in actors):
            actors = [self.state.air]  # "Typhoons destroyed ...": the release's air attacker
        if lemma in lex.generic_nouns:
            if not actors:
                return []
            end = trig.right_edge.i
            if trig.dep_ == "dobj":  # "condemn the barbarity of Daesh in Mosul": the place
                end = max([end] + [c.right_edge.i for c in trig.head.children  # the verb's
                                   if c.dep_ == "prep" and c.i == end + 1])
            subtree = ctx.doc[trig.left_edge.i:end + 1]
            places = places_in(ctx, sent, trig, actors, within=subtree)
            return self._records(sent, trig, actors, places, 0.8)
        places = places_in(ctx, sent, trig, actors)
        if not places and verb:
            places = _taken(trig)
        recent = self._recent(i)
        if not actors:
            if lemma in lex.needs_agent | {"support"}:
                return []
            return self._unagented(sent, trig, places, recent, counts)
        told = self._told_before(trig, places, recent) if not verb else None
        if verb and not places and recent is not None and recent.fact.data["perpetrator"] is None \
                and any(_weapon(ctx, o) and _anaphoric(o) for o in _objects(trig)):
            told = recent  # "the shelling of a hospital ... the shells were fired from Houthi
            # positions": the attack told before, its attacker named now
        if told is not None:  # "its fighters carried out the raid", "claimed the Baghdad
            self._rekey(told, actors[0])  # bombings": the attack told before, unnamed till now
            self.memory.actors.append(actors[0])
            told.sent = i
            return []
        confidence = 0.9
        if not places:
            own = {a.code for a in actors if a.state}
            before = self.state.prev_sent
            back = [p for p in (places_in(ctx, before, None, []) if before is not None else [])
                    if p.country not in own]
            last = [p for p in self.state.last_places if p.country not in own]
            places, confidence = (back[:1] or last[:1]), BORROWED
            cities = unresolved_cities(ctx, sent, trig, actors)
            if places and cities:
                places = [Place(c, places[0].country, places[0].dist) for c in cities]
        home = ctx.main_country
        if not places and home and home not in {a.code for a in actors if a.state}:
            places, confidence = [Place(None, home)], 0.5
        if not places:
            self.state.unplaced = (i, actors)  # a later placed attack may be this one
        return self._records(sent, trig, actors, places, confidence)

    def _told_before(self, trig: Token, places: list[Place], recent: Found | None
                     ) -> Found | None:
        """The unnamed attack an anaphoric attack noun refers back to: the one just told, in
        its country; else the last one told in the town or country the noun names."""
        if not _anaphoric(trig):
            return None
        if recent is not None and recent.fact.data["perpetrator"] is None and (
                not places or places[0].country == recent.fact.data["location_country"]):
            return recent
        if not places:
            return None
        place = places[0]
        return next((r for r in reversed(self.state.records) if r.fact.data["perpetrator"] is None
                     and r.fact.data["location_country"] == place.country
                     and r.fact.data["city"] == place.city), None)  # not "the air strike
        # on a market in Saada province" for the shelling of a hospital in Taiz

    def _unagented(self, sent: Span, trig: Token, places: list[Place], recent: Found | None,
                   counts: Casualties) -> list[Pending]:
        """An attack with no agent: a count of strikes continues the release's attacker; "the
        attack" is the one stated before; else it counts when specific and placed."""
        verb = not _nominal(trig)
        if not verb and recent is not None and recent.fact.data["perpetrator"] \
                and _strike_count(trig):
            actor = Actor(recent.fact.data["perpetrator"], recent.key.split("|")[0], None)
            places = places or [Place(recent.fact.data["city"],
                                      recent.fact.data["location_country"])]
            made = self._records(sent, trig, [actor], places, 0.6)
            for record, _, _ in made:  # "attacked ISIL yesterday ... Near Mosul, eight
                record["date"] = record["date"] or recent.fact.data["date"]  # strikes": that
            return made  # day's
        if recent is not None and not verb and _anaphoric(trig) and (
                not places or places[0].country == recent.fact.data["location_country"]
                or places[0].dist > 3) and not (
                    places and places[0].city and places[0].dist <= 4
                    and recent.fact.data["city"] is None and self._date(sent, trig)):
            _merge(recent.fact.data, {"date": self._date(sent, trig)})
            if recent.fact.data["perpetrator"] is None:  # told again here: the next
                recent.sent = self._now  # sentences may add to it, or name its attacker
            return []  # "the explosion": the attack stated before (not "the attack on the
            # town of Palma that began on 24 March", told after attacks in the province)
        if not places and not verb and recent is None and self.ctx.main_country \
                and _specific(trig, counts.killed) and trig.tag_ == "NN" \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trig.children):
            places = [Place(None, self.ctx.main_country)]  # "was damaged in an arson attack"
        if not places and not verb and self.ctx.main_country:  # "a car bomb went off
            places = [Place(c, self.ctx.main_country)  # outside the police headquarters in
                      for c in unresolved_cities(self.ctx, sent, trig, [])]  # Firozkoh"
        if not places:
            return []
        if verb:
            doers = _doers(trig) + [
                g for c in trig.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]  # "were attacked by gunmen"
            attacker = any(_unnamed_attacker(self.ctx, c) for c in doers)
            if self.state.air is not None and any(_flown(self.ctx, c) for c in doers):
                return self._records(sent, trig, [self.state.air], places, 0.6)  # "a Reaper
                # struck" in a release on the RAF's strikes: the RAF's
            passive = trig.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass")
                                                 for c in trig.children)
            if not attacker and not (trig.tag_ == "VBN" and counts.killed is not None and
                                     trig.lemma_.lower() in ("kill", "murder", "execute")) \
                    and not (passive and counts.any and trig.lemma_.lower() in ATTACKED) \
                    and not (passive and self._named_victim(trig)):
                return []  # "its offices were bombed, killing two": an attack, by someone
        elif not _specific(trig, counts.killed):
            return []
        own_subject = verb and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")
                                   for c in trig.children)  # "militants fired": not another's
        if self.state.unplaced is not None and self._now - self.state.unplaced[0] <= 2 \
                and not own_subject:
            actors = self.state.unplaced[1]  # "X's use of barrel bombs. Bombs dropped on Y ..."
            self.state.unplaced = None
            return self._records(sent, trig, actors, places, 0.55)
        group = self._group_near(sent, trig)
        separate = any(t.lower_ in SEPARATE for t in sent)  # "in a separate incident"
        dated = self.ctx.first_date(sent) is not None or SAME_TIME.search(
            self.ctx.text_of(sent).lower()) is not None  # "Last month, a bomber ...",
        # "The same day, shells landed ...": another attack
        if group is None and self.state.prev_sent is not None and not separate and not dated:
            group = self._group_near(self.state.prev_sent, None)
        told = [] if own_subject else self._told_by(sent, trig, places)
        if told:  # "the siege began when X attacked the city": one attack, X's
            return self._records(sent, trig, told, places, 0.6)
        if group is not None:  # "condemns the attack in Z ... Daesh ..."
            return self._records(sent, trig, [group], places, 0.55)
        made = self._records(sent, trig, [], places, 0.6)
        for record, _, _ in made:  # "insurgents ambushed a convoy": a band of some group's
            record["_band"] = any(d.lemma_.lower() in MEMBERS for d in _doers(trig))
        return made

    def _named_victim(self, verb: Token) -> bool:
        """"X was shot dead in Y", "X was assassinated": a named person killed or shot."""
        lemma = verb.lemma_.lower()
        if lemma not in KILLING:
            return False
        for c in verb.children:
            if c.dep_ != "nsubjpass":
                continue
            m = self.ctx.mention_at(c.idx)
            if m is not None and m.type == "PERSON" or lemma != "kill" and (
                    c.pos_ == "PROPN" and c.ent_type_ in ("", "PERSON")
                    or c.pos_ == "NOUN" and c.lemma_.lower() not in lexicon().territory):
                return True  # "X was killed in Y"; "a cousin was shot dead", not "Y was hit"
        return False

    def _told_by(self, sent: Span, trig: Token, places: list[Place]) -> list[Actor]:
        """The agent of the one other attack verb of the sentence that names one: an attack
        told twice in a sentence ("the siege of X began when Y attacked the city"), unless
        that verb's attack is in another country ("a strike kills seven in Dnipro as Ukraine
        hits a Russian refinery")."""
        found: dict[str, list[Actor]] = {}
        here = {p.country for p in places}
        for other in _triggers(self.ctx, sent):
            if other is trig or _nominal(other) or _irrealis(other):
                continue
            actors = self.agents.of_verb(other)
            if not actors:
                continue
            there = {p.country for p in places_in(self.ctx, sent, other, actors)} if here \
                else set()
            if not (there and not here & there):
                found[actors[0].key] = actors
        return next(iter(found.values())) if len(found) == 1 else []

    def _only_group(self) -> Actor | None:
        """The one armed group the document names."""
        found: dict[str, Actor] = {}
        for m in self.ctx.mentions:
            if m.type == "ORG" and m.kind == "armed_group":
                span = self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                actor = self.agents.actor(span.root) if span is not None else None
                if actor is not None:
                    found[core_key(actor.key)] = actor
        return next(iter(found.values())) if len(found) == 1 else None

    def _group_near(self, sent: Span, trig: Token | None) -> Actor | None:
        """The one armed group a sentence names outside the attack's own phrase, not as a
        target ("against ISIL", "the fight against Daesh"): the attacker of an attack that
        names none."""
        inside = range(trig.left_edge.i, trig.right_edge.i + 1) if trig is not None else ()
        found: dict[str, Actor] = {}
        for m in self.ctx.mentions_in(sent.start_char, sent.end_char, "ORG"):
            if m.kind != "armed_group":
                continue
            span = self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.root.i in inside or _targeted(span.root):
                continue
            actor = self.agents.actor(span.root)
            if actor is not None:
                found[actor.key] = actor
        return next(iter(found.values())) if len(found) == 1 else None

    def _date(self, sent: Span, trig: Token) -> str | None:
        """When the attack was: the date of its sentence nearest the trigger, outside a clause
        that is not the attack's ("Sanaa, which the Houthis have held since 2014"); else a
        timeline line's label ("March 2015: ..."); else, for "that night", the attack just
        told; else the date its paragraph opens with."""
        found = self._own_date(sent, trig)
        if found is not None:
            return found
        ctx = self.ctx
        before = self.state.prev_sent
        if before is not None and before.text.rstrip().endswith(":") \
                and before.end == sent.start and "\n" not in ctx.text_of(before).strip():
            dates = ctx.mentions_in(before.start_char, before.end_char, "DATE")
            if len(dates) == 1 and len(before.text.strip()) - len(dates[0].text) <= 2:
                return ctx.date(dates[0].text)
        recent = self._recent(self._now)
        if recent is not None and SAME_TIME.search(ctx.text_of(sent).lower()):
            return recent.fact.data["date"]
        if recent is not None and (later := _days_later(ctx.text_of(sent).lower())):
            return _add_days(recent.fact.data["date"], later)  # "two days later": from the
            # attack just told
        return self._paragraph_date(sent)

    def _own_date(self, sent: Span, trig: Token) -> str | None:
        """The date the attack's own sentence gives it, if any."""
        ctx = self.ctx
        dated = []
        for m in ctx.mentions_in(sent.start_char, sent.end_char, "DATE"):
            span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _aside(span.root, trig):
                continue
            if found := ctx.date(m.text):
                dated.append((tree_distance(trig, span.root) if span is not None else 99.0,
                              self._narrative_year(m, found)))
        if not dated:
            return None  # the nearest: "seized X in August, and in November killed 50"; of
        best = min(dated, key=lambda d: d[0])[1]  # two that agree, the more precise
        return max((d for _, d in dated if d.startswith(best)), key=len, default=best)

    def _narrative_year(self, m: Mention, found: str) -> str:
        """A month, or a day and month, with no year ("On the night of 24 July", "in
        February") in a paragraph that has named a year before it ("collapsed in July 2015")
        is in that year."""
        low = m.text.lower()
        if YEAR.search(low) or len(found) < 7 or not re.search(rf"\b{_MONTHS}", low) \
                or re.search(r"\b(last|next|this)\b", low):
            return found
        text = self.ctx.text
        start = text.rfind("\n", 0, m.start) + 1
        years = [y for d in self.ctx.mentions_in(start, m.start, "DATE")
                 for y in YEAR.findall(d.text)]
        return years[-1] + found[4:] if years else found

    def _paragraph_date(self, sent: Span) -> str | None:
        """The date a paragraph opens with ("On Saturday 26 August, Typhoons ... Over Raqqa, a
        Reaper ..."), for its later sentences that give none."""
        text = self.ctx.text
        start = text.rfind("\n", 0, sent.start_char) + 1
        opening = self.ctx.mentions_in(start, min(start + 16, sent.start_char) + 40, "DATE")
        if not opening or opening[0].start - start > 4 or opening[0].start >= sent.start_char:
            return None
        return self.ctx.date(opening[0].text)

    def _records(self, sent: Span, trig: Token, actors: list[Actor], places: list[Place],
                 confidence: float) -> list[Pending]:
        out: list[Pending] = []
        extras = _extras(trig)
        for actor in actors or [None]:
            if actor is not None:
                self.memory.actors.append(actor)
                if _type(trig) in ("airstrike", "bombing", "missile strike", "drone strike") and (
                        actor.code and len(actor.code) == 3 or "coalition" in actor.key):
                    self.state.air = actor
            for place in places:
                name = None
                if actor is not None:
                    name = short_name(actor.name)
                record = {"perpetrator": name, "location_country": place.country,
                          "city": place.city, "date": self._date(sent, trig),
                          "_summary": _continued(trig) or _tally(trig),
                          "_fresh": not _anaphoric(trig),  # not "the attack"
                          "killed": None, "wounded": None, "type": _type(trig), **extras}
                out.append((record, (core_key(actor.key) if actor else "") + "|" + place.country,
                            confidence))
        if places:
            self.state.last_places = places
        return out

    def _add(self, i: int, sent: Span, key: str, record: dict[str, Any],
             confidence: float) -> None:
        summary = record.pop("_summary", False)
        band = record.pop("_band", False)
        fresh = record.pop("_fresh", False)
        for found in self.state.records:
            city = found.fact.data["city"]
            if found.summary and (len(record["date"] or "") == 10 or record["city"]):
                continue  # "On 12 March, a Reaper ...", "Near Manbij, two strikes ...": one
                # of the strikes summed up before
            if fresh and i != found.sent and city is not None and city == record["city"] \
                    and confidence > BORROWED and found.fact.start >= self._title_end:
                continue  # "Israel struck Mezzeh ... In December, an Israeli strike hit
                # Mezzeh": another attack on the town, not "the strike" told again
            if found.key == key and (city is None or record["city"] is None
                                     or city == record["city"]) \
                    and not _other_counts(found.fact.data, record) \
                    and (city is not None and city == record["city"]
                         or i - found.sent <= LOOKBACK):  # told again, or another attack
                found.fact.data["perpetrator"] = record["perpetrator"] if (
                    found.headline and record["perpetrator"]
                    and not _possessive(record["perpetrator"])) else _fuller(
                    found.fact.data["perpetrator"], record["perpetrator"])  # a headline
                # shortens names ("RAF Tornados" for "Royal Air Force Tornado GR4s")
                found.headline = False
                _merge(found.fact.data, record)
                found.sent = i
                found.own_place = found.own_place or confidence > BORROWED
                self.state.last = found
                return
        found = Found(self.ctx.fact("attacks", record, sent, confidence), key, i, i,
                      confidence > BORROWED, headline=i == 0 and _headline(self.ctx, sent),
                      summary=summary and record["city"] is None, band=band)
        self.state.records.append(found)
        self.state.last = found

    def _rekey(self, found: Found, actor: Actor) -> None:
        """A later claim of responsibility names the attacker of an attack stated before."""
        name = self.state.names.setdefault(actor.key, actor.name)
        found.fact.data["perpetrator"] = name
        found.key = core_key(actor.key) + "|" + found.fact.data["location_country"]


def extract(ctx: Context) -> list[Fact]:
    """Attacks of the document, one per attacker, country and city."""
    return Reader(ctx).run()
