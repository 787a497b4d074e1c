"""Why gold items went unmatched: counts of miss reasons, per kind, without any document text.

A score says how much is missed; these counts say which part of an extractor misses it (nothing
found, or found with the wrong perpetrator, country or figure), so that work on a held-out part
can be aimed by its numbers alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sitrep.actors.gazetteer import load_gazetteer
from sitrep.evaluate.gold import (
    CASUALTIES,
    SCORERS,
    Record,
    as_number,
    attack_matches,
    attack_preference,
    dates_agree,
    greedy_match,
    kind_items,
    meeting_matches,
    normalize,
    organization_matches,
    organization_names,
    perpetrators_match,
    person_matches,
    quote_matches,
    surname,
    words_overlap,
)
from sitrep.model import GOLD_KINDS


def state_of(name: str) -> str | None:
    """The state a perpetrator's name stands for: a country, a demonym in it ("Russian jets"),
    or a state's force or body the gazetteer knows ("RAF"); else None."""
    gaz = load_gazetteer()
    code = gaz.country_code(name)
    if code:
        return code
    actor = gaz.by_name(name, "ORG")
    if actor is not None and actor.country and actor.kind in ("military", "government"):
        return actor.country
    words = (gaz.country_code(w) for w in name.replace("-", " ").split())
    return next((c for c in words if c), None)


def _perpetrator_reason(g: Record, p: Record) -> str:
    gp, pp = str(g.get("perpetrator") or ""), str(p.get("perpetrator") or "")
    if not normalize(gp):
        return "gold perpetrator null, predicted named"
    if not normalize(pp):
        return "gold perpetrator named, predicted null"
    gs, ps = state_of(gp), state_of(pp)
    if gs and gs == ps:
        kinds = tuple("a state" if gaz_is_country(x) else "a phrase" for x in (gp, pp))
        return f"perpetrators: the same state, gold names {kinds[0]}, predicted {kinds[1]}"
    if gs or ps:
        return ("perpetrators: gold a state's, predicted another's or none" if gs else
                "perpetrators: predicted a state's, gold not")
    shared = set(normalize(gp).split()) & set(normalize(pp).split())
    return "perpetrators: some words shared" if shared else "perpetrators: no word shared"


def gaz_is_country(name: str) -> bool:
    """Whether a name is itself a country name (not a phrase around one)."""
    return load_gazetteer().by_name(name.strip().removeprefix("the "), "COUNTRY") is not None


def _nearest_reason(g: Record, preds: list[Record]) -> str:
    """The reason against the closest unmatched prediction of the same document."""
    same_country = [p for p in preds if g.get("location_country") == p.get("location_country")]
    if same_country:
        return "country right, " + _perpetrator_reason(g, same_country[0])
    if any(perpetrators_match(g.get("perpetrator"), p.get("perpetrator")) for p in preds):
        return "perpetrator right, country " + (
            "null" if not any(p.get("location_country") for p in preds) else "differs")
    return "country and perpetrator both differ"


def attack_misses(gold: list[Record], pred: list[Record]) -> Counter[str]:
    """Reasons for each unmatched gold attack item (the attack and its killed/wounded figures)."""
    reasons: Counter[str] = Counter()
    pairs = greedy_match(gold, pred, attack_matches, attack_preference)
    matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    for gi, pi in pairs:
        for k in CASUALTIES:
            gv, pv = as_number(gold[gi].get(k)), as_number(pred[pi].get(k))
            if gv is not None and gv != pv:
                reasons[f"{k}: figure " + ("missing" if pv is None else "differs")] += 1
    rest = [p for i, p in enumerate(pred) if i not in matched_p]
    for gi, g in enumerate(gold):
        if gi in matched_g:
            continue
        if any(attack_matches(g, pred[pi]) for pi in matched_p):
            reason = "its attacker and country matched another gold event (told as one?)"
        else:
            reason = _nearest_reason(g, rest) if rest else "no attack left in the document"
        reasons["attack: " + reason] += 1
        lost = sum(as_number(g.get(k)) is not None for k in CASUALTIES)
        if lost:
            reasons["killed/wounded: lost with the attack"] += lost
    return reasons


def _unmatched(gold: list[Record], pred: list[Record], matches) -> tuple[list[Record],
                                                                         list[Record]]:
    """The gold and predicted records left over by the one-to-one matching."""
    pairs = greedy_match(gold, pred, matches)
    mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
    return ([g for i, g in enumerate(gold) if i not in mg],
            [p for i, p in enumerate(pred) if i not in mp])


def _mentioned(names: list[str], mentions: list[Record], types: tuple[str, ...]) -> bool:
    """Whether a recognised mention of these types shares half its words with a name."""
    return any(m.get("type") in types and words_overlap(m.get("text"), n)
               for m in mentions for n in names)


def person_misses(gold: list[Record], pred: list[Record],
                  mentions: list[Record] = ()) -> Counter[str]:
    """A missed person: the surname predicted with another country, or not predicted (and
    then whether a PERSON mention of the document bears the surname)."""
    reasons: Counter[str] = Counter()
    missed, rest = _unmatched(gold, pred, person_matches)
    for g in missed:
        same = [p for p in rest if surname(p.get("name")) == surname(g.get("name"))]
        if any(person_matches(g, p) for p in pred):
            reasons["its prediction matched another gold person (same surname)"] += 1
        elif same:
            reasons["surname found, country " + (
                "null" if not same[0].get("country") else "differs")] += 1
        elif any(set(normalize(g.get("name")).split()) & set(normalize(p.get("name")).split())
                 for p in rest):
            reasons["a predicted name shares a word, not the surname"] += 1
        else:
            found = [m for m in mentions if m.get("type") == "PERSON"
                     and surname(m.get("text")) == surname(g.get("name"))]
            full = any(len(normalize(m.get("text")).split()) > 1 for m in found)
            reasons["not predicted, " + (
                "no PERSON mention bears it" if not found else
                "a PERSON mention bears the surname" + (" (a full name)" if full else
                                                        " (one word only)"))] += 1
    return reasons


def _org_words(org: Record) -> set[str]:
    return {w for n in organization_names(org) for w in normalize(n).split()}


def organization_misses(gold: list[Record], pred: list[Record],
                        mentions: list[Record] = ()) -> Counter[str]:
    """A missed organization: a leftover prediction shares a word with it, or none does (and
    then whether an ORG mention of the document names it); its gold name an acronym or not."""
    reasons: Counter[str] = Counter()
    missed, rest = _unmatched(gold, pred, organization_matches)
    for g in missed:
        name = (g.get("name") or "").strip()
        form = "acronym" if name.replace(".", "").isupper() and " " not in name else "name"
        names = organization_names(g)
        if any(organization_matches(g, p) for p in pred):
            reason = "its prediction matched another gold organization (told as one?)"
        elif any(_org_words(g) & _org_words(p) for p in rest):
            reason = "a predicted name shares a word (under half)"
        elif _mentioned(names, mentions, ("ORG",)):
            reason = "not predicted, an ORG mention names it"
        elif _mentioned(names, mentions, ("COUNTRY", "NORP", "PLACE", "PERSON")):
            reason = "not predicted, named by a mention of another type"
        else:
            reason = "not predicted, no mention names it"
        reasons[f"{form}: {reason}"] += 1
    return reasons


def quote_misses(gold: list[Record], pred: list[Record], mentions: list[Record] = ()
                 ) -> Counter[str]:
    """A missed quote: its speaker's surname predicted with other opening words, or not."""
    reasons: Counter[str] = Counter()
    missed, rest = _unmatched(gold, pred, quote_matches)
    for g in missed:
        speaker = surname(g.get("speaker"))
        same = any(surname(p.get("speaker")) == speaker for p in rest)
        opening = set(normalize(g.get("starts_with")).split()[:3])
        said = any(opening and opening <= set(normalize(p.get("starts_with")).split()[:3])
                   for p in rest)
        reasons["speaker found, opening differs" if same else
                "opening found, speaker differs" if said else "not predicted"] += 1
    return reasons


def meeting_misses(gold: list[Record], pred: list[Record], mentions: list[Record] = ()
                   ) -> Counter[str]:
    """A missed meeting: one predicted at its place on another date, on its date at another
    place, or none; a chair or participant of a matched meeting: missed there."""
    reasons: Counter[str] = Counter()
    missed_count = SCORERS["meetings"](gold, pred).fn
    missed, rest = _unmatched(gold, pred, meeting_matches)
    for g in missed:
        here = {normalize(g.get("city")), normalize(g.get("country"))} - {""}
        place = [p for p in rest if here & {normalize(p.get("city")), normalize(p.get("country"))}]
        dated = [p for p in rest if dates_agree(g.get("date"), p.get("date"))]
        reasons["meeting: " + ("place right, date differs" if place else
                               "date right, place differs" if dated else
                               "none left in the document")] += 1
        roles = sum(len(g.get(k) or []) for k in ("chairs", "participants"))
        if roles:
            reasons["chairs/participants: lost with the meeting"] += roles
    left = missed_count - sum(reasons.values())
    if left > 0:
        reasons["chairs/participants: missed in a matched meeting"] += left
    return reasons


DETAILED = {"attacks": lambda g, p, _: attack_misses(g, p), "persons": person_misses,
            "organizations": organization_misses, "quotes": quote_misses,
            "meetings": meeting_misses}


def kind_misses(kind: str, gold: list[Record], pred: list[Record],
                mentions: list[Record] = ()) -> Counter[str]:
    """Miss reasons for one kind: in detail for attacks, persons, organizations, quotes and
    meetings (with the document's recognised `mentions`, where given); for the others by
    whether any was predicted."""
    if kind in DETAILED:
        return DETAILED[kind](gold, pred, list(mentions))
    missed = SCORERS[kind](gold, pred).fn
    if not missed:
        return Counter()
    return Counter({"none predicted in the document" if not pred else "predicted, unmatched":
                    missed})


def corpus_misses(pairs: Iterable[tuple[Record, Record]]) -> dict[str, Counter[str]]:
    """Summed miss reasons per kind over (gold, pred) document pairs."""
    out: dict[str, Counter[str]] = {kind: Counter() for kind in GOLD_KINDS}
    for gold, pred in pairs:
        for kind in GOLD_KINDS:
            out[kind] += kind_misses(kind, kind_items(gold, kind), kind_items(pred, kind),
                                     kind_items(pred, "mentions"))
    return out
