"""Finding triggers in a parsed sentence: verbs with their objects, event nouns, frames."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import DEP, LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from sitrep.events.vocabulary import Trigger, Vocabulary

OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "nsubjpass", "acomp"})
LIGHT_VERBS = frozenset({
    "hold", "have", "launch", "stage", "carry", "conduct", "mount", "make", "begin", "continue",
    "start", "resume", "open", "attend", "join", "host", "lead", "wage", "step", "intensify",
    "order", "announce", "organize", "organise", "call", "go", "undertake", "perpetrate",
    "commit", "claim", "plan", "unleash", "escalate", "execute", "initiate", "pursue", "end",
    "complete", "finish", "impose", "lodge", "file", "issue", "deliver", "give", "express",
    "reiterate", "renew", "participate", "take", "stop", "halt", "suspend", "break", "hit",
    "use", "die",
})
# Prepositions whose object says where or how an event happened: "killed in a bomb attack".
EVENT_PREPS = frozenset({"in", "by", "with", "through", "for"})
# Generic heads an event noun can modify: "a mediation effort", "a bombing campaign".
GENERIC_HEADS = frozenset({"effort", "campaign", "mission", "bid", "process", "drive",
                           "operation", "programme", "program", "initiative", "wave"})
COPULAS = frozenset({"be", "remain", "become", "seem", "appear"})
INTENT_ADJECTIVES = frozenset({"willing", "prepared", "ready", "committed", "determined",
                               "eager", "keen", "open"})


@dataclass(eq=False)
class Candidate:
    """A trigger found in a sentence, before modality and actors are read."""

    tok: Token  # the anchor: the verb, or the syntactic head of the event noun phrase
    trigger: Trigger
    tokens: list[Token]  # the words that matched, for event_text
    event: str = ""
    cameo: str = ""
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    inner: list[Candidate] = field(default_factory=list)  # acts a frame verb governs

    def __post_init__(self) -> None:
        self.event = self.event or self.trigger.event
        self.cameo = self.cameo or self.trigger.cameo
        self.mode = self.mode or self.trigger.mode
        self.context = self.context or list(self.trigger.context)

    @property
    def is_noun(self) -> bool:
        return self.trigger.pos == "noun"


def _terms(tok: Token, depth: int = 0) -> set[str]:
    """Lemmas a noun phrase offers to an `objects` list: head, "mod head", "head of x"."""
    head = tok.lemma_.lower()
    out = {head, tok.lower_}
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i < tok.i:
            out.add(f"{c.lemma_.lower()} {head}")
            out.add(f"{c.lower_} {tok.lower_}")
            if head in GENERIC_HEADS:  # "mediation efforts" stands for mediation
                out.add(c.lemma_.lower())
        if c.dep_ == "prep" and c.lower_ == "of" and depth < 2:
            for pobj in (x for x in c.children if x.dep_ == "pobj"):
                out.add(f"{head} of {pobj.lemma_.lower()}")
                out |= _terms(pobj, depth + 1)
    return out


def object_terms(verb: Token) -> set[str]:
    """Everything that can satisfy a trigger's `objects`: objects and prepositional objects."""
    heads: list[Token] = []
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS:
            heads.append(c)
        elif c.dep_ in ("prep", "agent", "prt") or (c.dep_ == "dative" and c.pos_ == "ADP"):
            heads += [x for x in c.children if x.dep_ == "pobj"]
        elif c.dep_ == "xcomp" and c.pos_ in ("NOUN", "ADJ"):
            heads.append(c)
        elif c.dep_ in ("ccomp", "xcomp"):  # "allowed inspectors to enter"
            heads += [x for x in c.children if x.dep_ == "nsubj" and x.i > verb.i]
    heads += [x for h in heads for x in h.conjuncts]
    out: set[str] = set()
    for h in heads:
        out |= _terms(h)
        for c in h.children:  # "provided training … to X": objects of the object's prepositions
            if c.dep_ == "prep":
                out |= {x.lemma_.lower() for x in c.children if x.dep_ == "pobj"}
    return out


def _neighbours(verb: Token) -> dict[str, Token]:
    """Words a phrasal trigger may need: particles, objects, prepositions and their objects."""
    out: dict[str, Token] = {}
    for c in verb.children:
        if c.i > verb.i or c.dep_ in ("neg", "advmod", "aux"):
            out.setdefault(c.lemma_.lower(), c)
            out.setdefault(c.lower_, c)
            for g in c.children:
                if g.dep_ in ("pobj", "dobj", "compound", "prt"):
                    out.setdefault(g.lemma_.lower(), g)
                    out.setdefault(g.lower_, g)
    for t in verb.doc[verb.i + 1: verb.i + 4]:
        out.setdefault(t.lemma_.lower(), t)
        out.setdefault(t.lower_, t)
    return out


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def match_verb(tok: Token, vocab: Vocabulary, sector_of) -> Candidate | None:
    """The first trigger whose words, objects and subject sector the verb satisfies."""
    trigs = vocab.verb_triggers(tok.lemma_.lower(), tok.lower_)
    if not trigs:
        return None
    near = terms = None
    for trig in trigs:
        used = [tok]
        if len(trig.words) > 1:
            near = near if near is not None else _neighbours(tok)
            extra = [near.get(w) for w in trig.words[1:]]
            if any(x is None for x in extra):
                continue
            used += [x for x in extra if x is not None]
        if trig.objects:
            terms = terms if terms is not None else object_terms(tok)
            if not trig.objects & terms:
                continue
        if trig.sectors:
            subj = _subject(tok)
            if subj is None or (sector_of(subj) or "CVL") not in trig.sectors:
                continue
        return Candidate(tok=tok, trigger=trig, tokens=sorted(set(used), key=lambda t: t.i))
    return None


def _phrase_at(tok: Token, trig: Trigger) -> list[Token] | None:
    """Tokens of a multiword noun trigger ending at `tok`, or None when the words differ."""
    n = len(trig.words)
    if tok.i - n + 1 < tok.sent.start:
        return None
    toks = [tok.doc[j] for j in range(tok.i - n + 1, tok.i + 1)]
    for t, w in zip(toks[:-1], trig.words[:-1], strict=True):
        if w not in (t.lower_, t.lemma_.lower()) and w.replace("-", "") != t.lower_:
            return None
    return toks


def licensed(anchor: Token, ctx_has_actor, is_trigger_verb=lambda t: False) -> bool:
    """An event noun reports an event when something in the sentence makes it one."""
    if anchor.dep_ == "conj" or (anchor.dep_ == "compound" and
                                 anchor.head.lemma_.lower() in GENERIC_HEADS):
        return licensed(anchor.head, ctx_has_actor, is_trigger_verb)
    head = anchor.head
    if anchor.dep_ == "ROOT":
        return True
    if anchor.dep_ in ("nsubj", "nsubjpass") and head.lemma_ not in COPULAS:
        return True
    if anchor.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS:
        return True
    if anchor.dep_ == "pobj" and head.lower_ in EVENT_PREPS and head.head.pos_ in ("VERB", "AUX") \
            and (head.head.lemma_.lower() in LIGHT_VERBS or is_trigger_verb(head.head)):
        return True
    if anchor.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ in ("take", "part"):
        return True
    for c in anchor.children:
        if (c.dep_ == "poss" and c.pos_ != "PRON") or c.dep_ == "agent" or \
                (c.dep_ == "prep" and c.lower_ == "by"):
            return True
        if c.dep_ in ("amod", "compound") and anchor.pos_ != "PROPN" and ctx_has_actor(c):
            return True
    return False


def match_noun(tok: Token, vocab: Vocabulary, ctx_has_actor) -> Candidate | None:
    """An event noun ("airstrike", "hunger strike", "campaign of violence") that is licensed."""
    trigs = vocab.noun_triggers(tok.lemma_.lower(), tok.lower_)
    if not trigs:
        return None
    for trig in trigs:
        toks = _phrase_at(tok, trig)
        if toks is None:
            continue
        inside = {t.i for t in toks}
        anchor = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), tok)
        if licensed(anchor, ctx_has_actor,
                    lambda t: bool(vocab.verb_triggers(t.lemma_.lower(), t.lower_))):
            return Candidate(tok=anchor, trigger=trig, tokens=toks)
        return None
    return None


def match_intent_adjective(tok: Token, vocab: Vocabulary) -> Candidate | None:
    """"is willing to withdraw", "is committed to opening up": an AGREE frame."""
    if tok.lower_ not in INTENT_ADJECTIVES or tok.dep_ not in ("acomp", "amod", "xcomp", "ROOT"):
        return None
    if not any(c.dep_ in ("xcomp", "prep") for c in tok.children):
        return None
    base = next((t for t in vocab.verbs.get("agree", []) if t.frame == "intent"), None)
    return Candidate(tok=tok, trigger=base, tokens=[tok]) if base else None


def _may_trigger(lemma: str, form: str, vocab: Vocabulary) -> bool:
    """Whether a word could be any trigger `find_candidates` looks for, whatever its parse: a
    verb or noun trigger by lemma or form, or an intent adjective."""
    return bool(vocab.verb_triggers(lemma, form) or vocab.noun_triggers(lemma, form)
                or form in INTENT_ADJECTIVES)


@dataclass
class TriggerWords:
    """Positions of a document's tokens that could trigger (the rest cannot), found from the
    LEMMA and LOWER columns with one test per distinct pair, and of its clausal complements
    (DEP "ccomp", where a reported demand can be)."""

    positions: list[int]
    complements: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc, vocab: Vocabulary) -> TriggerWords:
        memo, strings = vocab.word_memo, doc.vocab.strings
        if len(memo) > 500_000:
            memo.clear()
        out, ccomp = [], strings.add("ccomp")
        rows = doc.to_array([LEMMA, LOWER, DEP])
        for i, (lemma, lower) in enumerate(rows[:, :2].tolist()):
            hit = memo.get((lemma, lower))
            if hit is None:
                hit = memo[(lemma, lower)] = _may_trigger(
                    strings[lemma].lower(), strings[lower], vocab)
            if hit:
                out.append(i)
        return cls(out, (rows[:, 2] == ccomp).nonzero()[0].tolist())

    def within(self, sent: Span) -> list[Token]:
        return _within(self.positions, sent)

    def complements_within(self, sent: Span) -> list[Token]:
        return _within(self.complements, sent)


def _within(positions: list[int], sent: Span) -> list[Token]:
    lo = bisect.bisect_left(positions, sent.start)
    hi = bisect.bisect_left(positions, sent.end)
    return [sent.doc[i] for i in positions[lo:hi]]


def find_candidates(sent: Span, vocab: Vocabulary, sector_of, ctx_has_actor,
                    words: TriggerWords | None = None) -> list[Candidate]:
    """Every trigger of a sentence, verbs first, in text order; `words` (the document's
    possible trigger words) spares looking at every token."""
    out: list[Candidate] = []
    for tok in (sent if words is None else words.within(sent)):
        found = None
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ == "have" and
                                  any(c.dep_ == "dobj" for c in tok.children)):
            found = match_verb(tok, vocab, sector_of)
        elif tok.pos_ in ("NOUN", "PROPN"):
            found = match_noun(tok, vocab, ctx_has_actor)
            if found is None and tok.tag_ in ("VBD", "VBN"):
                found = match_verb(tok, vocab, sector_of)
        elif tok.pos_ == "ADJ":
            found = match_intent_adjective(tok, vocab)
            if found is None and tok.tag_ == "VBN":
                found = match_verb(tok, vocab, sector_of)
        if found is not None:
            out.append(found)
    return out
