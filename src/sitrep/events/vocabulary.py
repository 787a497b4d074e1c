"""The event coder's data: triggers, CAMEO codes and actor sectors, loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
FRAMES = frozenset({"intent", "threaten", "refuse", "request", "allege"})
ENTRY_KEYS = frozenset({"event", "cameo", "mode", "context", "frame", "verbs", "nouns",
                        "objects", "sectors", "example"})


class VocabularyError(ValueError):
    """A data file of the event coder is malformed; the message names the entry."""


@dataclass(frozen=True)
class Trigger:
    """One way of saying an event: words, the event they code, and what must accompany them."""

    event: str
    cameo: str
    words: tuple[str, ...]  # lemmas; the first is the verb or, for nouns, the phrase's words
    pos: str  # "verb" | "noun"
    mode: str | None = None
    context: tuple[str, ...] = ()
    frame: str | None = None
    objects: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Vocabulary:
    """Triggers indexed by the lemma that anchors them, plus the CAMEO tables."""

    verbs: dict[str, list[Trigger]] = field(default_factory=dict)  # by verb lemma
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)  # by head lemma (last word)
    cameo: dict[str, str] = field(default_factory=dict)  # code -> description
    roots: dict[str, dict[str, Any]] = field(default_factory=dict)
    intent: dict[str, str] = field(default_factory=dict)
    threat: dict[str, str] = field(default_factory=dict)
    refusal: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)  # head noun -> sector
    forms: dict[str, str] = field(default_factory=dict)  # inflected verb form -> lemma
    # (lemma, lower-case form) string hashes -> whether the word could trigger (TriggerWords)
    word_memo: dict[tuple[int, int], bool] = field(default_factory=dict, compare=False,
                                                   repr=False)

    def noun_triggers(self, lemma: str, form: str) -> list[Trigger]:
        """Triggers of a noun by its lemma or surface form ("talks" is stored as "talk")."""
        return self.nouns.get(lemma) or self.nouns.get(form, [])

    def verb_triggers(self, lemma: str, form: str) -> list[Trigger]:
        """Triggers of a verb by its lemma, else by its inflected form ("forgave", "raped")."""
        return self.verbs.get(lemma) or self.verbs.get(self.forms.get(form, ""), [])

    def quad_class(self, code: str) -> int:
        return int(self.roots[code[:2]]["quad"])

    def goldstein(self, code: str) -> float:
        return float(self.roots[code[:2]]["goldstein"])


# Sector lookups prefer the narrow sectors: "workers" are LAB before CVL, "fighters" REB before MIL.
SECTOR_ORDER = ("MED", "JRN", "SPY", "JUD", "LEG", "OPP", "REF", "LAB", "EDU", "AGR", "BUS",
                "REL", "COP", "REB", "MIL", "GOV", "CVL")


def _words(phrase: Any, where: str) -> tuple[str, ...]:
    if not isinstance(phrase, str) or not phrase.strip():
        raise VocabularyError(f"{where}: empty or non-text phrase {phrase!r}")
    return tuple(phrase.lower().split())


def _entry(raw: Any, i: int, codes: dict[str, str]) -> list[Trigger]:
    where = f"triggers.yaml entry {i}"
    if not isinstance(raw, dict):
        raise VocabularyError(f"{where}: not a mapping")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise VocabularyError(f"{where}: unknown keys {sorted(unknown)}")
    event, cameo = raw.get("event"), str(raw.get("cameo", ""))
    if event not in PLOVER_TYPES:
        raise VocabularyError(f"{where}: unknown PLOVER event {event!r}")
    if cameo not in codes:
        raise VocabularyError(f"{where}: CAMEO code {cameo!r} is not in cameo.yaml")
    frame = raw.get("frame")
    if frame is not None and frame not in FRAMES:
        raise VocabularyError(f"{where}: unknown frame {frame!r}")
    if not raw.get("verbs") and not raw.get("nouns"):
        raise VocabularyError(f"{where}: needs verbs or nouns")
    if not isinstance(raw.get("example"), str) or len(raw["example"].split()) < 3:
        raise VocabularyError(f"{where}: needs an example sentence")
    common = {
        "event": event, "cameo": cameo, "mode": raw.get("mode"),
        "context": tuple(raw.get("context") or ()), "frame": frame,
        "objects": frozenset(" ".join(_words(o, where)) for o in raw.get("objects") or ()),
        "sectors": frozenset(raw.get("sectors") or ()),
    }
    out = [Trigger(words=_words(v, where), pos="verb", **common) for v in raw.get("verbs") or ()]
    out += [Trigger(words=_words(n, where), pos="noun", **common) for n in raw.get("nouns") or ()]
    return out


def _read(name: str) -> Any:
    return load_yaml((DATA_DIR / name).read_text(encoding="utf-8"))


def inflections(lemma: str) -> set[str]:
    """Regular inflected forms of an English verb: attack → attacks, attacked, attacking."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    out = {lemma + "s", stem + "ed", stem + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        out.add(lemma + "es")
    if len(lemma) > 2 and lemma[-1] in "bdgmnprt" and lemma[-2] in "aeiou" and \
            lemma[-3] not in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


def build_vocabulary(triggers: list[Any], cameo: dict[str, Any],
                     sectors: dict[str, list[str]],
                     irregular: dict[str, list[str]] | None = None) -> Vocabulary:
    """Validate the three data structures and index them; raises VocabularyError."""
    vocab = Vocabulary(cameo={str(k): v for k, v in (cameo.get("codes") or {}).items()},
                       roots={str(k): v for k, v in (cameo.get("roots") or {}).items()})
    for code in vocab.cameo:
        if code[:2] not in vocab.roots:
            raise VocabularyError(f"cameo.yaml: code {code} has no root")
    for table in ("intent", "threat", "refusal"):
        values = {str(k): str(v) for k, v in (cameo.get(table) or {}).items()}
        for event, code in values.items():
            if event not in PLOVER_TYPES or code not in vocab.cameo:
                raise VocabularyError(f"cameo.yaml {table}: bad entry {event}: {code}")
        setattr(vocab, table, values)
    for i, raw in enumerate(triggers):
        for trig in _entry(raw, i, vocab.cameo):
            if trig.pos == "verb":
                vocab.verbs.setdefault(trig.words[0], []).append(trig)
                continue
            head = trig.words[-1]
            keys = {head, head[:-1]} if head.endswith("s") and not head.endswith("ss") else {head}
            for key in keys:  # plural nouns ("talks") are found by their lemma too
                vocab.nouns.setdefault(key, []).append(trig)
    for table in (vocab.verbs, vocab.nouns):
        for key, trigs in table.items():  # constrained triggers first, longer phrases first
            table[key] = sorted(trigs, key=lambda t: (not (t.objects or t.sectors),
                                                      -len(t.words)))
    for lemma in vocab.verbs:
        for form in inflections(lemma):
            vocab.forms.setdefault(form, lemma)
    for lemma, forms in (irregular or {}).items():
        for form in forms:
            vocab.forms[form] = lemma
    unknown = set(sectors) - set(SECTOR_ORDER)
    if unknown:
        raise VocabularyError(f"sectors.yaml: unknown sectors {sorted(unknown)}")
    for sector in SECTOR_ORDER:
        for noun in sectors.get(sector) or ():
            vocab.sectors.setdefault(noun.lower(), sector)
    return vocab


@cache
def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary, validated on first use."""
    return build_vocabulary(_read("triggers.yaml"), _read("cameo.yaml"), _read("sectors.yaml"),
                            _read("irregular.yaml"))
