"""Sentences sitrep writes itself from its trigger vocabulary, to train the type classifier.

Each trigger word is said in a plain release-style sentence ("Kenya condemned Peru on
Monday.") and, for acts, in the modes PLOVER recodes: a promised cooperative act is AGREE, a
threatened or promised conflictual one THREATEN, a refused one REJECT, an urged one REQUEST.
Actors and days are drawn from small lists with a seeded generator, so the set is reproducible.
"""

from __future__ import annotations

import random
from typing import Any

from sitrep.datafiles import load_yaml
from sitrep.events.vocabulary import COOPERATIVE, DATA_DIR, MATERIAL_CONFLICT

ACTORS = ("Kenya", "Peru", "Norway", "Vietnam", "Chile", "Ghana", "Jordan", "Poland",
          "the United Nations", "the government", "Indian troops", "rebel fighters",
          "Egyptian police", "the European Union", "the prime minister", "opposition leaders",
          "the Turkish army", "Brazilian officials", "the foreign minister of Japan",
          "militants", "the Red Cross", "Sudanese authorities", "student groups")
DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
        "today", "on Sunday", "")
LIGHT_VERB = {"CONSULT": "held", "ASSAULT": "launched", "PROTEST": "staged",
              "COERCE": "carried out", "MOBILIZE": "began", "SANCTION": "announced",
              "AID": "provided"}
PREP = {"CONSULT": "with", "ASSAULT": "against", "PROTEST": "against", "COERCE": "against",
        "ACCUSE": "against", "AID": "to", "SUPPORT": "with", "COOPERATE": "with",
        "SANCTION": "against", "THREATEN": "against", "REQUEST": "to", "MOBILIZE": "near",
        "REJECT": "from", "RETREAT": "from", "CONCEDE": "for", "AGREE": "with"}
ACCUSING = frozenset({"accuse", "charge", "blame", "suspect", "hold"})
DOUBLING = frozenset({"ban", "bar", "plan", "stop", "drop", "grab", "rob", "shun", "slam",
                      "jail", "flee", "tap", "cut", "hit", "put", "set", "shut", "quit"})


def _irregular() -> dict[str, str]:
    raw = load_yaml((DATA_DIR / "irregular.yaml").read_text(encoding="utf-8")) or {}
    return {k: v[0] for k, v in raw.items() if v}


def past(lemma: str, irregular: dict[str, str]) -> str:
    """A verb's simple past: irregular forms from our list, else the regular spelling."""
    if lemma in irregular:
        return irregular[lemma]
    if lemma in ("cut", "hit", "put", "set", "shut", "quit"):
        return lemma
    if lemma in DOUBLING:
        return lemma + lemma[-1] + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _object(entry: dict[str, Any], rng: random.Random, other: str) -> str:
    objects = entry.get("objects") or []
    if objects:
        return f"the {rng.choice(objects)} {PREP.get(entry['event'], 'with')} {other}"
    return other


def _verb_sentences(entry: dict[str, Any], words: list[str], rng: random.Random,
                    irregular: dict[str, str]) -> list[tuple[str, str]]:
    event, frame = entry["event"], entry.get("frame")
    a, b = rng.sample(ACTORS, 2)
    day = rng.choice(DAYS)
    head, rest = words[0], " ".join(words[1:])
    tail = f"{rest} " if rest else ""
    obj = _object(entry, rng, b)
    if frame == "intent":
        return [(f"{a} {past(head, irregular)} {tail}to work with {b} {day}.", event)]
    if frame == "threaten":
        return [(f"{a} {past(head, irregular)} {tail}to attack {b} {day}.", event)]
    if frame == "refuse":
        return [(f"{a} {past(head, irregular)} {tail}to meet {b} {day}.", event)]
    if frame == "request":
        return [(f"{a} {past(head, irregular)} {tail}{b} to end the fighting {day}.", event)]
    if frame == "allege" and head in ACCUSING:
        prep = "for" if head in ("blame", "hold") else "of"
        return [(f"{a} {past(head, irregular)} {b} {tail}{prep} attacking civilians {day}.",
                 event)]
    if frame == "allege":
        return [(f"{a} {past(head, irregular)} {tail}that {b} had attacked civilians {day}.",
                 event)]
    out = [(f"{a} {past(head, irregular)} {tail}{obj} {day}.", event)]
    c = rng.choice(ACTORS)
    if event in COOPERATIVE and event != "AGREE":
        out.append(rng.choice([(f"{a} said it will {head} {tail}{obj}.", "AGREE"),
                               (f"{a} refused to {head} {tail}{obj} {day}.", "REJECT"),
                               (f"{c} urged {a} to {head} {tail}{obj}.", "REQUEST")]))
    elif event in MATERIAL_CONFLICT:
        out.append(rng.choice([(f"{a} threatened to {head} {tail}{obj} {day}.", "THREATEN"),
                               (f"{a} warned it would {head} {tail}{obj}.", "THREATEN"),
                               (f"{c} demanded that {a} {head} {tail}{obj}.", "REQUEST")]))
    return out


def _noun_sentence(entry: dict[str, Any], noun: str, rng: random.Random) -> tuple[str, str]:
    event = entry["event"]
    a, b = rng.sample(ACTORS, 2)
    verb = LIGHT_VERB.get(event, "announced")
    article = "an" if noun[0] in "aeiou" else "a"
    return (f"{a} {verb} {article} {noun} {PREP.get(event, 'with')} {b} {rng.choice(DAYS)}.",
            event)


def own_sentences(seed: int = 0) -> list[tuple[str, str]]:
    """(sentence, PLOVER type): every entry's own example, then the generated sentences."""
    entries = load_yaml((DATA_DIR / "triggers.yaml").read_text(encoding="utf-8")) or []
    irregular = _irregular()
    rng = random.Random(seed)
    out = [(e["example"], e["event"]) for e in entries]
    for entry in entries:
        for verb in entry.get("verbs") or ():
            out += _verb_sentences(entry, verb.split(), rng, irregular)
        for noun in entry.get("nouns") or ():
            out.append(_noun_sentence(entry, noun, rng))
    out = [(" ".join(s.split()).replace(" .", "."), t) for s, t in out]
    return [(s[0].upper() + s[1:], t) for s, t in out]
