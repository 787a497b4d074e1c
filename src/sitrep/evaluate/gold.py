"""Score extracted document facts against hand-made gold (shared/corpus/GOLD.md).

Each gold fact is one item, and so is each chair/participant of a meeting, each (group, member)
of a membership and each non-null killed/wounded figure of an attack. Items are matched greedily
and one-to-one: gold items in order, each taking the first unmatched prediction that matches;
where several match, the one with the best preference score wins (ties: the first).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitrep.evaluate.metrics import Counts, Report
from sitrep.model import GOLD_KINDS

__all__ = [
    "Counts",
    "Report",
    "dates_agree",
    "load_gold_dir",
    "normalize",
    "pair_documents",
    "score_corpus",
    "score_document",
    "surname",
    "words_overlap",
]

Record = dict[str, Any]
Matcher = Callable[[Record, Record], bool]
Preference = Callable[[Record, Record], float]
Scorer = Callable[[list[Record], list[Record]], Counts]

# Punctuation read as a word break; every other Unicode punctuation character is deleted, so
# "Counter-ISIL" -> "counterisil", "U.S." -> "us", "Assad’s" -> "assads".
_BREAKS = frozenset("/\\|—―…")
_DELETED = frozenset("`´")

# GOLD.md: "ISIL, ISIS, Daesh and Islamic State are one group".
_IS_NAMES = (
    "ISIL",
    "ISIS",
    "Daesh",
    "Da'esh",
    "Islamic State",
    "IS",
    "so-called Islamic State",
    "Islamic State of Iraq and the Levant",
    "Islamic State of Iraq and Syria",
)


def normalize(s: str | None) -> str:
    """Case-fold, drop punctuation and a leading "the", collapse whitespace."""
    if not s:
        return ""
    chars = []
    for ch in str(s).casefold():
        if ch in _BREAKS:
            chars.append(" ")
        elif ch not in _DELETED and not unicodedata.category(ch).startswith("P"):
            chars.append(ch)
    text = " ".join("".join(chars).split())
    return text[4:] if text.startswith("the ") else text


def _words(s: str | None) -> set[str]:
    return set(normalize(s).split())


def words_overlap(a: str | None, b: str | None) -> bool:
    """Whether two names share at least half their words.

    Read strictly: on the sets A, B of normalized words, |A ∩ B| * 2 >= max(|A|, |B|), i.e. the
    shared words are at least half of the longer name. Empty names never overlap.
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) * 2 >= max(len(wa), len(wb))


def surname(name: str | None) -> str:
    """The last token of the normalized name ("" for none)."""
    tokens = normalize(name).split()
    return tokens[-1] if tokens else ""


def dates_agree(gold: str | None, pred: str | None) -> bool:
    """A null gold date agrees with anything; else the less precise date is a prefix of the other.

    Compared by YYYY / MM / DD components, so "2016-10" agrees with "2016-10-25" but not "2016-1".
    """
    if not gold:
        return True
    if not pred:
        return False
    g, p = str(gold).split("-"), str(pred).split("-")
    n = min(len(g), len(p))
    return g[:n] == p[:n]


def _same(a: Any, b: Any) -> bool:
    """Equal after normalize (two nulls are the same)."""
    return normalize(a) == normalize(b)


def as_number(x: Any) -> float | None:
    if isinstance(x, bool) or x is None:
        return None
    try:
        return float(str(x).replace(",", "")) if isinstance(x, str) else float(x)
    except ValueError:
        return None


def _same_number(a: Any, b: Any) -> bool:
    na, nb = as_number(a), as_number(b)
    return na is not None and na == nb


def organization_names(org: Record) -> list[str]:
    """An organization record's name and aliases."""
    return [n for n in [org.get("name"), *(org.get("aliases") or [])] if isinstance(n, str) and n]


def greedy_match(
    gold: list[Record], pred: list[Record], matches: Matcher, prefer: Preference | None = None
) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs: each gold item in order takes the matching
    unmatched prediction with the highest `prefer` score (ties and no `prefer`: the first)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        best, best_score = None, 0.0
        for pi, p in enumerate(pred):
            if pi in used or not matches(g, p):
                continue
            score = prefer(g, p) if prefer else 0.0
            if best is None or score > best_score:
                best, best_score = pi, score
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _flat_counts(gold: list[Record], pred: list[Record], matches: Matcher,
                 prefer: Preference | None = None) -> Counts:
    tp = len(greedy_match(gold, pred, matches, prefer))
    return Counts(tp, len(pred) - tp, len(gold) - tp)


# --- per-kind match rules (GOLD.md table) -----------------------------------------------------


def person_matches(g: Record, p: Record) -> bool:
    """Same surname, and same country where the gold names one."""
    sn = surname(g.get("name"))
    if not sn or sn != surname(p.get("name")):
        return False
    return not g.get("country") or _same(g.get("country"), p.get("country"))


def organization_matches(g: Record, p: Record) -> bool:
    """The name or an alias (either side) equals or shares half its words with the other's."""
    return any(words_overlap(a, b) for a in organization_names(g) for b in organization_names(p))


def _organization_preference(g: Record, p: Record) -> float:
    return float(any(normalize(a) == normalize(b) for a in organization_names(g)
                     for b in organization_names(p)))


def operation_matches(g: Record, p: Record) -> bool:
    """Same name and same country (a null gold country needs a null predicted one)."""
    name = normalize(g.get("name"))
    return bool(name) and name == normalize(p.get("name")) and _same(g.get("country"),
                                                                      p.get("country"))


def _group_matches(g: Record, p: Record) -> bool:
    return words_overlap(g.get("group"), p.get("group"))


def _group_preference(g: Record, p: Record) -> float:
    return float(_same(g.get("group"), p.get("group")))


def membership_matches(g: Record, p: Record) -> bool:
    """Groups share half their words and the member is the same (both flat pairs)."""
    return _group_matches(g, p) and _same(g.get("member"), p.get("member"))


def group_size_matches(g: Record, p: Record) -> bool:
    """Same count and groups sharing half their words."""
    return _same_number(g.get("count"), p.get("count")) and _group_matches(g, p)


def deployment_matches(g: Record, p: Record) -> bool:
    """Same country and count."""
    return _same(g.get("country"), p.get("country")) and _same_number(g.get("count"),
                                                                      p.get("count"))


def commitment_matches(g: Record, p: Record) -> bool:
    """Same actor and agreeing dates."""
    return _same(g.get("actor"), p.get("actor")) and dates_agree(g.get("date"), p.get("date"))


def _commitment_preference(g: Record, p: Record) -> float:
    return float(_same(g.get("date"), p.get("date")))


def quote_matches(g: Record, p: Record) -> bool:
    """Same speaker surname and same first three words of `starts_with`.

    A gold opening shorter than three words must be the prediction's opening words.
    """
    sn = surname(g.get("speaker"))
    if not sn or sn != surname(p.get("speaker")):
        return False
    gw, pw = normalize(g.get("starts_with")).split()[:3], normalize(p.get("starts_with")).split()
    return pw[: len(gw)] == gw


def _location_agrees(g: Record, p: Record) -> bool:
    """Same city or same country; a gold meeting with neither needs a prediction with neither."""
    if not g.get("city") and not g.get("country"):
        return not p.get("city") and not p.get("country")
    return any(g.get(k) and _same(g.get(k), p.get(k)) for k in ("city", "country"))


def meeting_matches(g: Record, p: Record) -> bool:
    """Same city or country, and agreeing dates."""
    return _location_agrees(g, p) and dates_agree(g.get("date"), p.get("date"))


def _roles(meeting: Record, key: str) -> Counter[str]:
    return Counter(normalize(x) for x in meeting.get(key) or [] if normalize(x))


def _shared_roles(g: Record, p: Record) -> int:
    return sum(sum((_roles(g, k) & _roles(p, k)).values()) for k in ("chairs", "participants"))


def _role_count(m: Record) -> int:
    return sum(sum(_roles(m, k).values()) for k in ("chairs", "participants"))


_IS_KEY = "islamic state"
_GROUP_KEYS = {normalize(n): _IS_KEY for n in _IS_NAMES}


def group_key(name: str | None) -> str:
    """The normalized name, with every name of Islamic State mapped to one key."""
    n = normalize(name)
    return _GROUP_KEYS.get(n, n)


def perpetrators_match(g: str | None, p: str | None) -> bool:
    """Both null; or normalized equal, the same armed group, or sharing half their words."""
    if not normalize(g) or not normalize(p):
        return not normalize(g) and not normalize(p)
    return group_key(g) == group_key(p) or words_overlap(g, p)


def attack_matches(g: Record, p: Record) -> bool:
    """Same location country and perpetrator."""
    return _same(g.get("location_country"), p.get("location_country")) and perpetrators_match(
        g.get("perpetrator"), p.get("perpetrator")
    )


CASUALTIES = ("killed", "wounded")


def attack_preference(g: Record, p: Record) -> float:
    agree = sum(
        _same_number(g.get(k), p.get(k)) or (g.get(k) is None and p.get(k) is None)
        for k in CASUALTIES
    )
    return agree + 0.5 * _same(g.get("city"), p.get("city")) + 0.25 * _same(g.get("date"),
                                                                             p.get("date"))


def _casualty_counts(g: Record, p: Record) -> Counts:
    """killed / wounded: an item on each side where non-null, matched when the values equal."""
    c = Counts()
    for k in CASUALTIES:
        gv, pv = as_number(g.get(k)), as_number(p.get(k))
        if gv is not None and gv == pv:
            c.tp += 1
            continue
        c.fn += gv is not None
        c.fp += pv is not None
    return c


# --- per-kind scorers -------------------------------------------------------------------------


def _score_meetings(gold: list[Record], pred: list[Record]) -> Counts:
    pairs = greedy_match(gold, pred, meeting_matches, _shared_roles)
    c = Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
    for gi, pi in pairs:
        shared = _shared_roles(gold[gi], pred[pi])
        c += Counts(shared, _role_count(pred[pi]) - shared, _role_count(gold[gi]) - shared)
    matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    c.fn += sum(_role_count(m) for i, m in enumerate(gold) if i not in matched_g)
    c.fp += sum(_role_count(m) for i, m in enumerate(pred) if i not in matched_p)
    return c


def _membership_pairs(items: list[Record]) -> list[Record]:
    return [{"group": m.get("group"), "member": x} for m in items for x in m.get("members") or []]


def _score_memberships(gold: list[Record], pred: list[Record]) -> Counts:
    return _flat_counts(_membership_pairs(gold), _membership_pairs(pred), membership_matches,
                        _group_preference)


def _score_attacks(gold: list[Record], pred: list[Record]) -> Counts:
    pairs = greedy_match(gold, pred, attack_matches, attack_preference)
    c = Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
    for gi, pi in pairs:
        c += _casualty_counts(gold[gi], pred[pi])
    matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    for i, a in enumerate(gold):
        if i not in matched_g:
            c += _casualty_counts(a, {})
    for i, a in enumerate(pred):
        if i not in matched_p:
            c += _casualty_counts({}, a)
    return c


def _flat(matches: Matcher, prefer: Preference | None = None) -> Scorer:
    return lambda gold, pred: _flat_counts(gold, pred, matches, prefer)


SCORERS: dict[str, Scorer] = {
    "persons": _flat(person_matches),
    "organizations": _flat(organization_matches, _organization_preference),
    "operations": _flat(operation_matches),
    "meetings": _score_meetings,
    "memberships": _score_memberships,
    "group_sizes": _flat(group_size_matches, _group_preference),
    "deployments": _flat(deployment_matches),
    "commitments": _flat(commitment_matches, _commitment_preference),
    "quotes": _flat(quote_matches),
    "attacks": _score_attacks,
}


def kind_items(record: Record, kind: str) -> list[Record]:
    return [x for x in record.get(kind) or [] if isinstance(x, dict)]


def score_document(gold: Record, pred: Record) -> dict[str, Counts]:
    """Counts per fact kind for one document (GOLD.md records; extra keys are ignored)."""
    return {kind: SCORERS[kind](kind_items(gold, kind), kind_items(pred, kind))
            for kind in GOLD_KINDS}


def score_corpus(pairs: Iterable[tuple[Record, Record]]) -> Report:
    """Sum per-kind counts over (gold, pred) document pairs."""
    report = Report(counts={kind: Counts() for kind in GOLD_KINDS}, label="kind")
    for gold, pred in pairs:
        report.add(score_document(gold, pred))
    return report


def pair_documents(gold: dict[str, Record], pred: dict[str, Record]) -> list[tuple[Record, Record]]:
    """(gold, pred) by document id; a missing prediction is an empty record (all misses)."""
    return [(g, pred.get(doc_id, {"id": doc_id})) for doc_id, g in gold.items()]


def load_gold_dir(path: str | Path) -> dict[str, Record]:
    """GOLD.md records from `path/*.json` (not `*.meta.json`), by "id" field or file stem."""
    out: dict[str, Record] = {}
    for file in sorted(Path(path).glob("*.json")):
        if file.name.endswith(".meta.json"):
            continue
        record = json.loads(file.read_text(encoding="utf-8"))
        out[str(record.get("id") or file.stem)] = record
    return out
