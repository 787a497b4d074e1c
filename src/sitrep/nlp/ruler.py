"""The gazetteer ruler: our names as entities, found with phrase matchers instead of token patterns.

spaCy's EntityRuler puts exact-case names into its token Matcher, which slows down with
thousands of patterns. This component keeps two PhraseMatchers — exact case (ORTH) for acronyms
and single words, any case (LOWER) for longer names — plus a small Matcher for generic token
patterns ("Operation" + capitalised words). Like the EntityRuler with `overwrite_ents`, the
longest match wins, it replaces overlapping entities, and each span carries the actor id as
its `ent_id`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

SEP = "\x1f"  # joins label and actor id in a match key


class GazetteerRuler:
    """A pipeline component that marks gazetteer names as entities."""

    def __init__(self, nlp: Language, patterns: Iterable[dict[str, Any]]) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        for p in patterns:
            key = f"{p['label']}{SEP}{p.get('id') or ''}"
            pattern = p["pattern"]
            if isinstance(pattern, str):
                lower.setdefault(key, []).append(nlp.make_doc(pattern))
            elif all(set(t) == {"ORTH"} for t in pattern):
                words = [t["ORTH"] for t in pattern]
                exact.setdefault(key, []).append(Doc(nlp.vocab, words=words,
                                                     spaces=[True] * len(words)))
            else:
                self.tokens.add(key, [pattern])
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in lower.items():
            self.lower.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans = []
        for matcher in (self.exact, self.lower, self.tokens):
            for match_id, start, end in matcher(doc):
                label, _, actor_id = strings[match_id].partition(SEP)
                spans.append(Span(doc, start, end, label=label, span_id=actor_id or 0))
        if not spans:
            return doc
        found = filter_spans(spans)
        taken = {i for s in found for i in range(s.start, s.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(kept + found, key=lambda s: s.start)
        return doc
