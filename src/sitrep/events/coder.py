"""The PLOVER event coder: one sentence at a time, triggers → frames → modality → actors.

For each sentence the coder finds triggers (triggers.py), folds the act a frame verb governs
into it ("threatened to break relations" is one THREATEN), reads the auxiliary mode
(modality.py), and finds the actor and recipient through the parse (actors.py). A promised
cooperative act becomes AGREE, a promised conflictual one THREATEN, a refused one REJECT, as
PLOVER defines them; the original type stays in `intended`. Guards against the failures of
older coders: no event without a trigger and an actor, no fallback code, no concatenated
codes, at most MAX_PER_SENTENCE events a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from sitrep.events import classifier as type_classifier
from sitrep.events import modality
from sitrep.events.actors import (
    actors_of,
    condition_subject,
    head_actors,
    pick_recipient,
    recipient_heads,
    sector_of,
)
from sitrep.events.triggers import Candidate, TriggerWords, find_candidates
from sitrep.events.vocabulary import (
    COOPERATIVE,
    MATERIAL_CONFLICT,
    Trigger,
    Vocabulary,
    load_vocabulary,
)
from sitrep.extract.attacks import KILLED, WOUNDED, CountPatterns, count_in
from sitrep.extract.context import Context
from sitrep.model import Fact
from sitrep.where import country_place, place_record, resolve_place

MAX_PER_SENTENCE = 3
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "advcl", "dobj", "acomp",
                             "acl"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "into"})
SAY_VERBS = frozenset({"say", "announce", "state", "declare", "conclude", "insist", "tell",
                       "add", "warn", "stress", "argue", "reiterate", "urge"})
OBJECT_CONTROL = frozenset({"urge", "ask", "order", "force", "call", "allow", "permit",
                            "persuade", "tell", "invite", "encourage", "press", "instruct",
                            "request", "require", "compel", "authorize", "authorise"})
ARRESTED = CountPatterns(("arrest", "detain", "rounded up"), (
    re.compile(r"\b(?:arrested|detained|arresting|detaining|rounded up)\s+"
               r"(?:at least\s+|more than\s+|some\s+|about\s+|over\s+)?(\d[\d,]*|[a-z]+)\b"),
    re.compile(r"\b(\d[\d,]*|[a-z]+)\s+(?:[a-z]+\s+){0,3}(?:were|have been|had been|was)?\s*"
               r"(?:arrested|detained)\b"),
))
# Verbs that report no event of their own: copulas, possession, thought and perception.
NO_EVENT_VERBS = frozenset({"be", "have", "remain", "become", "seem", "appear", "include",
                            "know", "think", "believe", "expect", "see", "feel", "mean",
                            "happen", "live", "lie", "stand", "sit", "come", "get", "do"})
NOT_HAPPENED = frozenset({"negated", "hypothetical"})
COPULAS = frozenset({"be", "remain", "become", "seem", "appear"})
# Acts aimed at the state they take place in when no party is named, and acts aimed at the
# actor's own state then (PLOVER codes a protest without a named target against its government).
LOCATED_TYPES = MATERIAL_CONFLICT | {"CONCEDE", "RETREAT", "AID"}
DOMESTIC_TYPES = frozenset({"PROTEST", "CONCEDE"})
RERANK_RATIO = 0.5  # a competing type survives at half the best competitor's probability
FALLBACK_MIN = 0.6  # the classifier's probability a sentence without a trigger needs
DEFAULT_CONTEXT = {"ASSAULT": "military", "MOBILIZE": "military", "CONSULT": "diplomatic",
                   "SUPPORT": "diplomatic", "AGREE": "diplomatic"}


# --- folding frames and nouns ------------------------------------------------------------------


def _governs(head: Token, tok: Token, max_depth: int = 6) -> bool:
    """`tok` lies in a complement of `head` (not in its subject), at most `max_depth` down."""
    node, depth = tok, 0
    while node.head.i != node.i and depth < max_depth:
        if node.head.i == head.i:
            return node.dep_ in COMPLEMENT_DEPS or node.dep_ == "conj"
        node, depth = node.head, depth + 1
    return False


def _purpose(inner: Token, main: Token) -> bool:
    """`inner` heads a purpose clause ("to demand …") of the main event or its light verb."""
    return inner.dep_ == "advcl" and inner.head.i in (main.i, main.head.i) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in inner.children)


def _background(tok: Token) -> bool:
    """Inside a relative or reduced relative clause: "a helicopter that was captured by …"."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            return True
        node = node.head
    return False


def _elaboration(inner: Token, main: Token) -> bool:
    """A participle clause adding to the main event: "demonstrated …, calling for …"."""
    return inner.dep_ in ("advcl", "xcomp") and inner.tag_ == "VBG" and \
        inner.head.i in (main.i, main.head.i) and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in inner.children)


def _fold(cands: list[Candidate], vocab: Vocabulary) -> list[Candidate]:
    """Nouns into the verbs they are objects of; inner acts into frame verbs; background
    clauses away when the main clause has an event."""
    out = list(cands)
    if any(not _background(c.tok) for c in out):
        out = [c for c in out if not _background(c.tok)]
    for c in list(out):
        if c not in out:
            continue
        for d in list(out):
            if d is c or d not in out:
                continue
            if not c.trigger.frame and (_purpose(d.tok, c.tok) or _elaboration(d.tok, c.tok)):
                out.remove(d)  # "staged demonstrations to demand reform": one PROTEST
            elif c.trigger.frame and _governs(c.tok, d.tok, 2) and not d.trigger.frame:
                c.inner.append(d)
                out.remove(d)
            elif not c.is_noun and d.is_noun and _governs(c.tok, d.tok) and \
                    (d.tok.head.i == c.tok.i or d.tok.head.head.i == c.tok.i):
                if d.event == c.event and (c.mode is None or c.cameo.endswith("0")):
                    c.mode, c.cameo = d.mode or c.mode, d.cameo
                    c.tokens = sorted(set(c.tokens + d.tokens), key=lambda t: t.i)
                out.remove(d)
    return out


def _frame_event(c: Candidate, vocab: Vocabulary) -> None:
    """A frame verb's event, given the act it governs."""
    frame, inner = c.trigger.frame, (c.inner[0] if c.inner else None)
    if inner is None:
        return
    c.context = c.context or list(inner.context)
    c.tokens = sorted(set(c.tokens + inner.tokens), key=lambda t: t.i)
    if frame == "intent":
        if inner.event in MATERIAL_CONFLICT:
            c.event, c.cameo = "THREATEN", vocab.threat.get(inner.event, "130")
            c.mode = inner.mode
        elif inner.event in COOPERATIVE:
            c.cameo = vocab.intent.get(inner.event, c.cameo)
        else:
            c.event, c.cameo, c.mode = inner.event, inner.cameo, inner.mode
    elif frame == "threaten":
        c.cameo = vocab.threat.get(inner.event, c.cameo)
        c.mode = c.mode or inner.mode
    elif frame == "refuse":
        c.cameo = vocab.refusal.get(inner.event, c.cameo)
    elif frame == "request" and c.trigger.words[0] == "order" and inner.event in MATERIAL_CONFLICT:
        c.event, c.cameo, c.mode = inner.event, inner.cameo, inner.mode  # an order enacts it
    elif frame == "request":
        c.mode = c.mode or inner.mode


# --- modality --------------------------------------------------------------------------------


def _modality(c: Candidate, vocab: Vocabulary) -> tuple[str, str | None]:
    """(modality, the act's own type where a promise, threat or refusal replaced it)."""
    tok, original = c.tok, c.event
    if c.is_noun and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head  # "prepared to resume shelling": the light verb carries the mode
    neg, fut = modality.negated(tok), modality.future(tok) or modality.intended(tok) or (
        original in MATERIAL_CONFLICT and modality.purpose(tok))
    if c.trigger.frame in ("intent", "refuse") and neg:
        refused = c.inner[0].event if c.inner else c.event
        c.event, c.cameo = "REJECT", vocab.refusal.get(refused, "120")
        return "asserted", refused
    if original in COOPERATIVE and original != "AGREE" and not c.trigger.frame:
        if neg and fut:
            c.event, c.cameo = "REJECT", vocab.refusal.get(original, "120")
            return "asserted", original
        if neg:
            return "negated", None
        if fut and modality.conditional_threat(tok):
            c.event, c.cameo = "THREATEN", vocab.threat.get(original, "131")
            return "future", original
        if fut:
            c.event, c.cameo = "AGREE", vocab.intent.get(original, "030")
            return "future", original
    elif original in MATERIAL_CONFLICT:
        if neg:
            return "negated", None
        if fut:
            c.event, c.cameo = "THREATEN", vocab.threat.get(original, "130")
            return "future", original
    elif neg:
        return "negated", None
    if modality.hypothetical(tok):
        return "hypothetical", None
    return ("future" if fut else "asserted"), None


# --- arguments --------------------------------------------------------------------------------


def _subject_token(tok: Token) -> tuple[Token | None, bool]:
    """(subject, passive) of a clause, climbing through control and coordination."""
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return c, True
        if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl":
            return c, False
    head = tok.head
    if head.i == tok.i:
        return None, False
    if tok.dep_ == "xcomp":
        if head.lemma_ in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubj") and c.i > head.i),
                       None)
            if obj is not None:
                return obj, False
        return _subject_token(head)
    if tok.dep_ in ("conj", "advcl", "ccomp", "pcomp", "acomp") or \
            (tok.dep_ == "prep" and head.pos_ in ("VERB", "ADJ")):
        return _subject_token(head)
    if tok.dep_ == "relcl":
        return head, False
    if tok.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
        return head, False  # a headline: "Colombian rebels disarmed under the accord"
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and head.dep_ in ("dobj", "attr") and \
            head.head.pos_ in ("VERB", "AUX"):
        return _subject_token(head.head)  # "issued a declaration demanding …"
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        return _subject_token(head.head)
    if tok.dep_ in ("dobj", "attr", "acomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return _subject_token(head)
    return None, False


def _agent_token(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            return next((x for x in c.children if x.dep_ == "pobj"), None)
    return None


def _noun_actor(ctx: Context, c: Candidate, vocab: Vocabulary) -> list[dict[str, Any]]:
    tok = c.tok
    agent = _agent_token(tok)
    if agent is not None:
        return actors_of(ctx, agent, vocab)
    for mod in tok.children:
        if tok.pos_ == "PROPN" and mod.dep_ == "compound":
            continue
        if mod.dep_ in ("poss", "amod", "compound", "nmod") and mod.i < tok.i:
            found = actors_of(ctx, mod, vocab)
            if found:
                return found
    if tok.dep_ in ("dobj", "attr") or (tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB"):
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        subj, passive = _subject_token(verb)
        if passive:
            return []  # "were killed in a bomb attack": the victims are not the bombers
        if subj is not None and not passive:
            return actors_of(ctx, subj, vocab)
    return []


def _preceding_actor(ctx: Context, verb: Token, vocab: Vocabulary) -> list[dict[str, Any]]:
    """A root verb the parser left without a subject: the actor named right before it."""
    for tok in reversed(verb.doc[max(verb.sent.start, verb.i - 4): verb.i]):
        if tok.dep_ in ("npadvmod", "advmod", "aux", "neg") or tok.pos_ == "PUNCT":
            continue
        return head_actors(ctx, tok, vocab) if ctx.mention_at(tok.idx) else []
    return []


def _clause_subjects(tok: Token, subj: Token | None) -> list[Token]:
    """Subjects of the clauses a verb governs, other than its own: "demanded that Sudan …"."""
    out = []
    for clause in (x for x in tok.children if x.dep_ in ("ccomp", "xcomp")):
        csubj, _ = _subject_token(clause)
        if csubj is not None and (subj is None or csubj.i != subj.i):
            out.append(csubj)
    return out


def _arguments(ctx: Context, c: Candidate, vocab: Vocabulary
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(actor list, recipient list) of a candidate event."""
    tok = c.tok
    skip = {t.i for t in c.tokens}
    heads: list[Token] = []
    if c.event == "THREATEN" or c.trigger.frame == "threaten":
        cond = condition_subject(tok)
        heads += [cond] if cond is not None else []
    if c.is_noun:
        actor = _noun_actor(ctx, c, vocab)
        heads += recipient_heads(tok, skip)
        if tok.dep_ == "nsubj" and tok.head.lemma_ not in COPULAS:
            heads += recipient_heads(tok.head, skip)
        return actor, pick_recipient(ctx, heads, vocab, actor)
    subj, passive = _subject_token(tok)
    agent = _agent_token(tok)
    actor = []
    if agent is not None:
        actor = actors_of(ctx, agent, vocab)
    if passive and c.trigger.frame == "intent" and agent is None and subj is not None:
        actor = actors_of(ctx, subj, vocab)  # "Vietnam is committed to …"
    elif passive:
        heads = [subj, *heads] if subj is not None else heads
    elif subj is not None and not actor:
        actor = actors_of(ctx, subj, vocab)
    elif subj is None and not actor and tok.dep_ == "ROOT":
        actor = _preceding_actor(ctx, tok, vocab)
    heads += recipient_heads(tok, skip)
    if c.inner:
        inner = c.inner[0].tok
        if inner.dep_ == "ccomp":
            heads += _clause_subjects(tok, subj)[:1]
        heads += recipient_heads(inner, skip | {t.i for t in c.inner[0].tokens})
    if c.trigger.frame == "request":
        heads += _clause_subjects(tok, subj)
    return actor, pick_recipient(ctx, heads, vocab, actor)


# --- place, date, sizes ------------------------------------------------------------------------


def _places(ctx: Context, c: Candidate, sent: Span, within: bool = False
            ) -> tuple[dict[str, Any] | None, bool]:
    """(the event's place, whether the parse ties it to the event's words); `within`: only a
    place inside the phrase of the event's words counts as tied."""
    scope = [c.tok, *(i.tok for i in c.inner)]
    best = None
    for m in ctx.mentions_in(sent.start_char, sent.end_char, "PLACE", "COUNTRY"):
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if not (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS):
            continue
        near = any(t.is_ancestor(root) for t in scope) if within else \
            any(root.is_ancestor(t) or t.is_ancestor(root) for t in scope) or \
            any(t.is_ancestor(root) for s in scope for t in [s.head])
        place = (country_place(m.code) if m.type == "COUNTRY" and m.code
                 else resolve_place(m.text, ctx.countries_in(sent.start_char, sent.end_char)))
        if place is None:
            continue
        if near:
            return place_record(place, m), True
        best = best or place_record(place, m)
    return best, False


def _event_loc(ctx: Context, c: Candidate, sent: Span) -> dict[str, Any] | None:
    return _places(ctx, c, sent)[0]


def _implied_recipient(ctx: Context, c: Candidate, sent: Span, actor: list[dict[str, Any]],
                       intended: str | None) -> list[dict[str, Any]]:
    """No party named: an act done in a place is aimed at the state it lies in ("rioted at a
    jail in northern Israel"); a protest or a concession, at the actor's own state."""
    kinds = {c.event, intended}
    if kinds & LOCATED_TYPES:
        loc, near = _places(ctx, c, sent, within=True)
        if loc is not None and near and loc.get("country"):
            return [{"code": loc["country"], "sector": None, "entity_text": loc["name"],
                     "implied": "place"}]
    if kinds & DOMESTIC_TYPES:
        states = [a for a in actor if ctx.gaz.country(a["code"]) is not None]
        if states:
            return [{"code": states[0]["code"], "sector": "GOV",
                     "entity_text": states[0]["entity_text"], "implied": "domestic"}]
    return []


def _historical(date: str | None, published: str | None) -> bool:
    return bool(date and published and int(date[:4]) < int(published[:4]) - 1)


# --- records -------------------------------------------------------------------------------


def _context(c: Candidate, actor: list[dict[str, Any]], recipient: list[dict[str, Any]]
             ) -> list[str]:
    ctx_list = list(dict.fromkeys(c.context))
    if not ctx_list and c.event in DEFAULT_CONTEXT:
        ctx_list.append(DEFAULT_CONTEXT[c.event])
    if c.event in MATERIAL_CONFLICT | {"THREATEN"} and any(
            a["code"] == "IMG" or a["sector"] == "REB" for a in actor) or \
            c.mode in ("suicide-attack", "explosives"):
        ctx_list.append("terrorism")
    if any(a["sector"] in ("MIL",) for a in actor + recipient) and "military" not in ctx_list:
        ctx_list.append("military")
    return list(dict.fromkeys(ctx_list))


def _reported_demand(tok: Token) -> tuple[Token, Token] | None:
    """"Russia said Sudan must return the helicopter": (speaker, addressee) of a demand."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ != "ccomp" or \
            tok.head.lemma_ not in SAY_VERBS or not modality.obliged(tok):
        return None
    speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    addressee, passive = _subject_token(tok)
    if speaker is None or addressee is None or passive or addressee.pos_ == "PRON":
        return None
    return speaker, addressee


def _merge_same(out: list[tuple[dict[str, Any], float]], record: dict[str, Any]) -> bool:
    """Fold an event into an earlier one of the same type, actors and modality ("killed 12 and
    wounded 30 in an attack" is one ASSAULT); True when folded."""
    key = (record["event"], record["modality"], tuple(sorted(codes_of(record["actor"]))))
    for prev, _ in out:
        if (prev["event"], prev["modality"], tuple(sorted(codes_of(prev["actor"])))) != key:
            continue
        seen = {(r["code"], r["sector"]) for r in prev["recipient"]}
        prev["recipient"] += [r for r in record["recipient"]
                              if (r["code"], r["sector"]) not in seen]
        if prev["mode"] is None and record["mode"]:
            prev["mode"], prev["cameo"] = record["mode"], record["cameo"]
        prev["event_text"] += " … " + record["event_text"]
        prev["event_loc"] = prev["event_loc"] or record["event_loc"]
        return True
    return False


def codes_of(actors: list[dict[str, Any]]) -> set[str]:
    return {a["code"] for a in actors}


def _record(ctx: Context, c: Candidate, sent: Span, vocab: Vocabulary, n: int,
            date: str | None, sizes: dict[str, int | None]
            ) -> tuple[dict[str, Any], float] | None:
    """(PLOVER record, confidence) of one candidate, or None when it has no actor."""
    demanded = _reported_demand(c.tok)
    if demanded is not None:
        intended = c.event if c.event != "REQUEST" else None
        c.event, c.cameo, c.mode, mood = "REQUEST", "100", None, "asserted"
        actor = actors_of(ctx, demanded[0], vocab)
        recipient = actors_of(ctx, demanded[1], vocab)
    else:
        _frame_event(c, vocab)
        mood, intended = _modality(c, vocab)
        actor, recipient = _arguments(ctx, c, vocab)
    if not actor:
        return None  # no event without an actor
    if not recipient:
        recipient = _implied_recipient(ctx, c, sent, actor, intended)
    if intended == "MOBILIZE" and c.event == "THREATEN" and not recipient:
        c.event, c.cameo, intended = "MOBILIZE", c.trigger.cameo, None  # "will deploy"
    if mood == "asserted" and _historical(date, ctx.document.published):
        mood = "historical"
    record: dict[str, Any] = {
        "id": f"{ctx.document.id}-{sent.start_char}-{n}",
        "date": date,
        "event": c.event,
        "mode": c.mode,
        "context": _context(c, actor, recipient),
        "actor": actor,
        "recipient": recipient,
        "event_text": " ".join(t.text for t in c.tokens),
        "event_loc": _event_loc(ctx, c, sent),
        "modality": mood,
        "cameo": c.cameo,
        "quad_class": vocab.quad_class(c.cameo),
        "goldstein": vocab.goldstein(c.cameo),
    }
    if intended:
        record["intended"] = intended
    if c.event in ("ASSAULT", "COERCE", "PROTEST"):
        record.update({k: v for k, v in sizes.items() if v is not None})
    confidence = 0.55 + (0.15 if recipient else 0) + (0.1 if c.tok.dep_ == "ROOT" else 0)
    confidence -= 0.15 if mood in ("hypothetical", "negated") else 0
    return record, round(confidence, 3)


# --- the type classifier: competing types and sentences without a trigger ---------------------


def fallback_anchor(sent: Span) -> Token | None:
    """The verb a sentence without a trigger would report an event with: its main verb (under a
    verb of saying, the clause said), when it has a subject and is no copula or verb of saying."""
    tok = sent.root
    for _ in range(2):
        if tok.lemma_ not in SAY_VERBS:
            break
        tok = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), tok)
    if tok.pos_ != "VERB" or tok.lemma_ in NO_EVENT_VERBS or tok.lemma_ in SAY_VERBS:
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "PRON")
               for c in tok.children):
        return None
    return tok


@cache
def _default_cameo(event: str) -> str:
    """The most general CAMEO code the vocabulary gives a type: its shortest, then lowest."""
    vocab = load_vocabulary()
    trigs = [t for ts in (*vocab.verbs.values(), *vocab.nouns.values()) for t in ts
             if t.event == event]
    codes = {t.cameo for t in trigs if not t.frame and not t.mode} or {t.cameo for t in trigs}
    return min(codes, key=lambda code: (len(code), code))


def _coordinated(a: Token, b: Token) -> bool:
    """Two verbs of one coordination: separate acts ("trains X and supports Y")."""
    return a.i == b.i or any(x.i == b.i for x in a.conjuncts)


def _rerank(out: list[tuple[dict[str, Any], float]], anchors: list[Token],
            scores: dict[str, float]) -> list[tuple[dict[str, Any], float]]:
    """Where events of several types happened, the classifier arbitrates: an event stays when
    the classifier rates its type within RERANK_RATIO of the best rated one, or when it is a
    separate act coordinated with that one; the best rated first."""
    rate = [scores.get(r["event"], 0.0) for r, _ in out]
    happened = [i for i, (r, _) in enumerate(out) if r["modality"] not in NOT_HAPPENED]
    best = max(happened, key=lambda i: (rate[i], -i))
    kept = [i for i in happened if rate[i] >= RERANK_RATIO * rate[best] or
            _coordinated(anchors[best], anchors[i])]
    kept.sort(key=lambda i: (-rate[i], i))
    return [out[i] for i in kept] + [out[i] for i in range(len(out)) if i not in happened]


def _fallback(ctx: Context, sent: Span, anchor: Token, vocab: Vocabulary, date: str | None,
              sizes: dict[str, int | None], scores: dict[str, float]
              ) -> list[tuple[dict[str, Any], float]]:
    """No trigger: the classifier's type for the main verb, when it is sure enough."""
    event = max(scores, key=scores.__getitem__)
    model = type_classifier.active()
    if scores[event] < FALLBACK_MIN or model is None or \
            model.verb_type(anchor) != (event, True):
        return []
    trig = Trigger(event=event, cameo=_default_cameo(event), words=(anchor.lemma_.lower(),),
                   pos="verb")
    found = _record(ctx, Candidate(tok=anchor, trigger=trig, tokens=[anchor]), sent, vocab, 0,
                    date, sizes)
    if found is None:
        return []
    record, confidence = found
    record["typed_by"] = "classifier"
    return [(record, round(min(confidence, 0.3 + 0.4 * scores[event]), 3))]


@dataclass
class RuleEvents:
    """What the rules coded in a sentence, before the classifier arbitrates."""

    sent: Span
    out: list[tuple[dict[str, Any], float]]
    anchors: list[Token]
    date: str | None
    sizes: dict[str, int | None]
    anchor: Token | None = None  # without events: a main verb whose subject names an actor

    def needs_types(self) -> bool:
        """Whether the classifier has a say: types compete, or no trigger coded an event and
        the sentence has a main verb with an actor to anchor one on."""
        if not self.out:
            return self.anchor is not None
        return len({r["event"] for r, _ in self.out if r["modality"] not in NOT_HAPPENED}) > 1


def rule_events(ctx: Context, sent: Span, vocab: Vocabulary,
                words: TriggerWords | None = None) -> RuleEvents:
    """The events the trigger rules code in a sentence."""

    def has_actor(tok: Token) -> bool:
        m = ctx.mention_at(tok.idx)
        return m is not None and m.type in ("COUNTRY", "NORP", "ORG", "PERSON")

    cands = find_candidates(sent, vocab, lambda t: sector_of(t, vocab), has_actor, words)
    demand = next((t for t in vocab.verbs.get("demand", []) if t.frame == "request"), None)
    taken = {c.tok.i for c in cands}
    clauses = sent if words is None else words.complements_within(sent)  # "ccomp" only
    cands += [Candidate(tok=t, trigger=demand, tokens=[t]) for t in clauses
              if demand and t.i not in taken and _reported_demand(t)]
    cands = [c for c in _fold(cands, vocab)
             if not (c.trigger.frame == "refuse" and c.trigger.words[0] == "fail" and not c.inner)]
    cands.sort(key=lambda c: (len(list(c.tok.ancestors)), c.tok.i))
    text = ctx.text_of(sent)
    sizes = {"dead": count_in(KILLED, text), "injured": count_in(WOUNDED, text),
             "arrested": count_in(ARRESTED, text)}
    found = RuleEvents(sent, [], [], ctx.first_date(sent) or ctx.document.published, sizes)
    for c in cands:
        coded = _record(ctx, c, sent, vocab, len(found.out), found.date, sizes)
        if coded is None or _merge_same(found.out, coded[0]):
            continue
        found.out.append(coded)
        found.anchors.append(c.tok)
        if len(found.out) >= MAX_PER_SENTENCE:
            break
    if not found.out:
        anchor = fallback_anchor(sent)
        subj = _subject_token(anchor)[0] if anchor is not None else None
        if subj is not None and actors_of(ctx, subj, vocab):
            found.anchor = anchor
    return found


def arbitrate(ctx: Context, found: RuleEvents, vocab: Vocabulary,
              scores: dict[str, float] | None) -> list[tuple[dict[str, Any], float]]:
    """The sentence's events once the classifier's `scores` (None: no classifier) have had
    their say: competing types reranked, or a sentence without a trigger typed."""
    if scores is None or not found.needs_types():
        return found.out
    if not found.out:
        assert found.anchor is not None
        return _fallback(ctx, found.sent, found.anchor, vocab, found.date, found.sizes, scores)
    out = _rerank(found.out, found.anchors, scores)
    for n, (record, _) in enumerate(out):
        record["id"] = f"{ctx.document.id}-{found.sent.start_char}-{n}"
    return out


def code_sentence(ctx: Context, sent: Span, vocab: Vocabulary | None = None,
                  words: TriggerWords | None = None) -> list[tuple[dict[str, Any], float]]:
    """(PLOVER record, confidence) for each event a sentence states; `words`, the document's
    possible trigger words, spares looking at every token."""
    vocab = vocab or load_vocabulary()
    found = rule_events(ctx, sent, vocab, words)
    model = type_classifier.active() if found.needs_types() else None
    return arbitrate(ctx, found, vocab, model.scores([sent])[0] if model else None)


def extract(ctx: Context) -> list[Fact]:
    """Events of the document as facts of kind "events", with their evidence sentence; the
    classifier is asked about the sentences that need it, in one batch."""
    vocab = load_vocabulary()
    words = TriggerWords.of(ctx.doc, vocab)
    coded = [rule_events(ctx, sent, vocab, words) for sent in ctx.sents]
    model = type_classifier.active()
    asked = [f for f in coded if f.needs_types()] if model is not None else []
    scores = dict(zip((f.sent.start for f in asked), model.scores([f.sent for f in asked]),
                      strict=True)) if asked and model is not None else {}
    facts = []
    for found in coded:
        for record, confidence in arbitrate(ctx, found, vocab, scores.get(found.sent.start)):
            facts.append(ctx.fact("events", record, found.sent, confidence))
    return facts
