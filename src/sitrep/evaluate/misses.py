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
    greedy_match,
    kind_items,
    normalize,
    perpetrators_match,
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


def kind_misses(kind: str, gold: list[Record], pred: list[Record]) -> Counter[str]:
    """Miss reasons for one kind: attacks in detail, other kinds by whether any was predicted."""
    if kind == "attacks":
        return attack_misses(gold, pred)
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
            out[kind] += kind_misses(kind, kind_items(gold, kind), kind_items(pred, kind))
    return out
