"""What every extractor sees: the document, its parse, its mentions and shared helpers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from sitrep.actors.gazetteer import Gazetteer
from sitrep.extract.words import WordIndex
from sitrep.model import Document, Fact, Mention
from sitrep.when import resolve_date

ACTOR_TYPES = ("COUNTRY", "NORP", "ORG")
FEATURE = re.compile(r"(?:\b(?:Lake|Mount|Gulf of|Bay of|Sea of|Strait of|Gulf of the)) $")  # a
# country's name in a lake's or a sea's ("Lake Chad")


@dataclass
class Person:
    """One person of the document after in-document coreference."""

    name: str
    role: str | None
    country: str | None
    mentions: list[Mention] = field(default_factory=list)
    titles: list[Mention] = field(default_factory=list)  # role spans ("Defence Minister")

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Context:
    """Input of every extractor; extractors read it and return facts."""

    document: Document
    doc: Doc
    gaz: Gazetteer
    mentions: list[Mention]
    persons: list[Person] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # facts of the extractors run so far

    @cached_property
    def sents(self) -> list[Span]:
        """The document's sentences, segmented once for every extractor."""
        return list(self.doc.sents)

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s.start for s in self.sents]

    def sent_before(self, token_i: int) -> Span | None:
        """The sentence before the one that holds token `token_i` (None for the first)."""
        at = bisect.bisect_right(self._sent_starts, token_i) - 1
        return self.sents[at - 1] if at > 0 else None

    @cached_property
    def words(self) -> WordIndex:
        """The tokens that carry given words, found once per column (`extract/words.py`)."""
        return WordIndex(self.doc)

    @cached_property
    def text(self) -> str:
        """The parsed text (spaCy joins `doc.text` token by token on every call)."""
        return self.doc.text

    def text_of(self, span: Span) -> str:
        """`span.text`, sliced from the parsed text instead of joined token by token."""
        return self.text[span.start_char:span.end_char]

    @cached_property
    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    def mentions_in(self, start: int, end: int, *types: str) -> list[Mention]:
        """Mentions inside [start, end), optionally of the given types."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end and (not types or m.type in types):
                out.append(m)
            i += 1
        return out

    def add_mentions(self, added: list[Mention]) -> None:
        """Insert mentions found after NER (kept in offset order, lookups refreshed)."""
        if added:
            self.mentions[:] = sorted(self.mentions + added, key=lambda m: m.start)
            self.__dict__.pop("_starts", None)

    def mention_at(self, char: int) -> Mention | None:
        """The mention covering a character offset, if any."""
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self.mentions[i].start <= char < self.mentions[i].end:
            return self.mentions[i]
        return None

    def countries_in(self, start: int, end: int) -> list[str]:
        """ISO3 codes of states named in a range (country names and demonyms), in order."""
        codes = [m.code for m in self.mentions_in(start, end, "COUNTRY", "NORP") if m.code]
        return list(dict.fromkeys(codes))

    def date(self, text: str) -> str | None:
        return resolve_date(text, self.document.published)

    def first_date(self, span: Span) -> str | None:
        """The first date named in a span that resolves, else None."""
        for m in self.mentions_in(span.start_char, span.end_char, "DATE"):
            found = self.date(m.text)
            if found:
                return found
        return None

    def fact(self, kind: str, data: dict, sent: Span, confidence: float) -> Fact:
        """A fact whose evidence is the sentence `sent`."""
        return Fact(kind=kind, data=data, start=sent.start_char, end=sent.end_char,
                    evidence=self.text_of(sent).strip(), confidence=round(confidence, 3))

    def person_by_surname(self, surname: str) -> Person | None:
        for p in self.persons:
            if p.surname.lower() == surname.lower():
                return p
        return None

    @cached_property
    def home_country(self) -> str | None:
        """The state the publisher speaks for ("UK Government" → GBR), else None."""
        publisher = self.document.publisher or ""
        words = publisher.replace("(", " ").replace(")", " ").split()
        for i in range(len(words)):
            if i and words[i - 1].lower() == "to":
                continue
            for n in (3, 2, 1):
                code = self.gaz.country_code(" ".join(words[i:i + n]))
                if code:
                    return code
        return None

    @cached_property
    def first_person_start(self) -> int | None:
        """Offset of the first person named: in a release, usually its protagonist."""
        return next((m.start for m in self.mentions if m.type == "PERSON"), None)

    @cached_property
    def main_country(self) -> str | None:
        """The state the document names most often, if one stands out."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.type in ("COUNTRY", "NORP") and m.code \
                    and not FEATURE.search(self.text, max(0, m.start - 16), m.start):
                counts[m.code] = counts.get(m.code, 0) + 1
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
        return None
