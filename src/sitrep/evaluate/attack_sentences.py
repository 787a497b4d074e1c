"""Attacks on single news sentences: is an attack found, and is it placed where the text says?

The sentences are the violent ones (kill, shoot, bomb, shell, detonate, destroy) of a
location-annotated event corpus (JSONL, one sentence per line with its `LOCATION` spans, as in
`shared/data/event_location`). Each sentence is one document of the real pipeline. A sentence
counts as found when sitrep states at least one attack in it; one whose gold location the
gazetteer knows counts as placed when one of its attacks is in that town, or in the country the
location resolves to.
The sentences are dealt into a development and a held-out part by a salted SHA-256 of their id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.extract.pipeline import extract_documents
from sitrep.ingest import make_document
from sitrep.where import resolve_place

VIOLENT = {"kill", "shoot", "detonate", "bomb", "shell", "destroy"}
PUBLISHED = "2015-06-01"  # the sentences carry no date; a fixed one keeps runs comparable


@dataclass
class Sentence:
    """One violent sentence and the text of its gold locations."""

    id: str
    text: str
    locations: list[str]


@dataclass
class SentenceReport:
    """Counts of one part (or the whole)."""

    name: str
    sentences: int = 0
    found: int = 0
    located: int = 0  # sentences with a gold location the gazetteer knows
    placed: int = 0  # of those, found and placed there
    parts: dict[str, SentenceReport] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"part": self.name, "sentences": self.sentences, "found": self.found,
                "found_rate": round(self.found / self.sentences, 3) if self.sentences else None,
                "located": self.located, "placed": self.placed,
                "placed_rate": round(self.placed / self.located, 3) if self.located else None}


def _verbs(row: dict) -> set[str]:
    verb = (row.get("meta") or {}).get("verb")
    return set(verb) if isinstance(verb, list) else {verb} if isinstance(verb, str) else set()


def read_sentences(path: Path) -> list[Sentence]:
    """The violent sentences of the corpus, with the text of their gold locations."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if not _verbs(row) & VIOLENT:
            continue
        text, tokens = row["text"], row.get("tokens") or []
        locations = [_span_text(text, tokens, s) for s in row.get("spans") or []
                     if s.get("label") == "LOCATION" and s["end"] > s["start"]]
        out.append(Sentence(str(row.get("_id") or row.get("doc_id")), text,
                            [x for x in locations if x]))
    return out


def _span_text(text: str, tokens: list[dict], span: dict) -> str:
    """A span's words: its own text, else its tokens' (the character offsets may be stale)."""
    if span.get("text"):
        return str(span["text"]).strip()
    first, last = span.get("token_start"), span.get("token_end")
    if tokens and first is not None and last is not None and last < len(tokens):
        return text[tokens[first]["start"]:tokens[last]["end"]].strip()
    return text[span["start"]:span["end"]].strip()


def part_of_sentence(sentence_id: str) -> str:
    """"test" for a held-out sentence (odd salted hash), else "dev"."""
    digest = hashlib.sha256(f"evloc{sentence_id}".encode()).digest()  # the salt is "evloc"
    return "test" if digest[0] % 2 else "dev"


def _known(locations: list[str]) -> list[str]:
    """The gold locations the gazetteer knows (a district it does not know cannot be checked)."""
    return [name for name in locations if resolve_place(name) is not None]


def _placed(attacks: list[dict], locations: list[str]) -> bool:
    """An attack in a gold location's town, or in the country that location resolves to
    (read as near the attack's country where the name is ambiguous)."""
    for name in locations:
        for a in attacks:
            city = (a.get("city") or "").lower()
            if city and (city in name.lower() or name.lower() in city):
                return True
            country = a.get("location_country")
            place = resolve_place(name, [country] if country else [])
            if place is not None and country == place.country:
                return True
    return False


def run(path: Path) -> SentenceReport:
    """The whole corpus's report, with its development and held-out parts."""
    sentences = read_sentences(path)
    report = SentenceReport("all")
    report.parts = {p: SentenceReport(p) for p in ("dev", "test")}
    docs = [make_document(s.text, id=f"s{i}", published=PUBLISHED)
            for i, s in enumerate(sentences)]
    for s, result in zip(sentences, extract_documents(docs), strict=True):
        attacks = [f.data for f in result.facts if f.kind == "attacks"]
        for r in (report, report.parts[part_of_sentence(s.id)]):
            r.sentences += 1
            r.found += bool(attacks)
            if known := _known(s.locations):
                r.located += 1
                r.placed += _placed(attacks, known)
    return report
