"""The model's attribute rules (tag → POS and morphology, word exceptions) without the Matcher.

en_core_web_sm's `attribute_ruler` holds 179 one- and two-token rules and runs them through
spaCy's token Matcher, which tries every rule at every token: about 15% of the whole parse.
`IndexedAttributes` applies the same rules, read from the model's own ruler, but looks up only
the rules whose first token can match: rules are indexed by the exact LOWER, TAG or DEP values
they require (a regular expression on LOWER is memoised per word). As in the AttributeRuler,
later rules overwrite earlier ones. The output is the same token for token (`tests/
test_attributes.py` compares the two on real text); a rule shape it does not know makes it
refuse to replace the original (`UnsupportedRule`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from sitrep.nlp.swap import swap_in

NAME = "sitrep_attributes"
_KEYS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = [LOWER, TAG, DEP, IS_SPACE]  # columns of `Doc.to_array`, in this order
_INDEXED = ("LOWER", "TAG", "DEP")  # attributes a first token can be looked up by
_OUT = [POS, TAG, DEP, LEMMA, MORPH]  # what rules may set, as `Doc.from_array` columns
_OUT_COL = {attr: i for i, attr in enumerate(_OUT)}


class UnsupportedRule(ValueError):
    """A rule uses a token predicate this component does not implement."""


Check = Callable[[tuple[int, ...]], bool]


def _check(key: str, value: object, strings) -> Check:
    """A test on one token's row (LOWER, TAG, DEP, IS_SPACE) for one pattern entry."""
    col = _COLUMNS.index(_KEYS[key])
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise UnsupportedRule(f"IS_SPACE {value!r}")
        want = int(value)
        return lambda row: row[col] == want
    if isinstance(value, str):
        h = strings.add(value) if value else 0
        return lambda row: row[col] == h
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN"):
            hashes = frozenset(strings.add(v) if v else 0 for v in arg)
            if op == "IN":
                return lambda row: row[col] in hashes
            return lambda row: row[col] not in hashes
        if op == "REGEX":
            regex = re.compile(arg)
            return lambda row: bool(regex.search(strings[row[col]]))
    raise UnsupportedRule(f"{key} {value!r}")


@dataclass(frozen=True)
class Rule:
    """One pattern of one ruler rule: its order, token checks, target token and attributes."""

    order: int
    checks: tuple[tuple[Check, ...], ...]  # one tuple of checks per pattern token
    index: int  # which matched token gets the attributes (may be negative)
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value) as the ruler stores them

    def matches(self, rows: list[tuple[int, ...]], start: int) -> bool:
        if start + len(self.checks) > len(rows):
            return False
        return all(all(c(rows[start + i]) for c in token)
                   for i, token in enumerate(self.checks))


def _index_values(token_pattern: dict, strings) -> tuple[str, list[int]] | None:
    """The attribute and exact values by which the first token can be looked up, if any."""
    for key in _INDEXED:
        value = token_pattern.get(key)
        if isinstance(value, str):
            return key, [strings.add(value) if value else 0]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return key, [strings.add(v) if v else 0 for v in value["IN"]]
    return None


class IndexedAttributes:
    """A pipeline component equivalent to a model's AttributeRuler, with indexed rules.

    A one-token rule depends only on that token's (LOWER, TAG, DEP, IS_SPACE), so what the
    one-token rules do to a token is worked out once per distinct row and memoised; the few
    longer rules are looked up by their first token and applied in rule order with the rest.
    """

    MEMO_SIZE = 200_000  # distinct rows remembered before the memo starts afresh

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.single: dict[str, dict[int, list[Rule]]] = {k: {} for k in _INDEXED}
        self.multi: dict[str, dict[int, list[Rule]]] = {k: {} for k in _INDEXED}
        self.by_regex: list[tuple[re.Pattern[str], Rule]] = []  # first token: LOWER REGEX
        self.multi_regex: list[tuple[re.Pattern[str], Rule]] = []
        self.spaces: list[Rule] = []  # first token: IS_SPACE True only
        self._memo: dict[tuple[int, ...], tuple[list, tuple[Rule, ...]]] = {}
        for order, attrs in enumerate(ruler.attrs):
            _, patterns = ruler.matcher.get(str(order))
            for pattern in patterns:
                self._add(order, pattern, ruler.indices[order], attrs)
        if any(len(r.checks) > 1 for r in self.spaces):
            raise UnsupportedRule("a longer rule starts with IS_SPACE only")

    def _add(self, order: int, pattern: list[dict], index: int, attrs: dict) -> None:
        for token in pattern:
            if set(token) - set(_KEYS) or "OP" in token:
                raise UnsupportedRule(str(token))
        if set(attrs) - set(_SETTERS):
            raise UnsupportedRule(f"sets {sorted(attrs)}")
        rule = Rule(order=order, index=index, attrs=tuple(attrs.items()),
                    checks=tuple(tuple(_check(k, v, self.strings) for k, v in t.items())
                                 for t in pattern))
        first = pattern[0]
        found = _index_values(first, self.strings)
        if found is not None:
            key, values = found
            table = self.single if len(pattern) == 1 else self.multi
            for h in values:
                table[key].setdefault(h, []).append(rule)
        elif isinstance(first.get("LOWER"), dict) and set(first["LOWER"]) == {"REGEX"}:
            regexes = self.by_regex if len(pattern) == 1 else self.multi_regex
            regexes.append((re.compile(first["LOWER"]["REGEX"]), rule))
        elif first.get("IS_SPACE") is True:
            self.spaces.append(rule)
        else:
            raise UnsupportedRule(f"cannot index {first}")

    def _single_effects(self, row: tuple[int, ...]):
        """(order, attrs) of every one-token rule that matches a token row, in rule order."""
        lower, tag, dep, space = row
        rules = [r for key, value in zip(_INDEXED, (lower, tag, dep), strict=True)
                 for r in self.single[key].get(value, ())]
        word = self.strings[lower]
        rules += [r for regex, r in self.by_regex if regex.search(word)]
        if space:
            rules += self.spaces
        hits = sorted({r for r in rules if r.matches([row], 0)}, key=lambda r: r.order)
        return [(r.order, r.attrs) for r in hits]

    def _starts(self, row: tuple[int, ...]) -> tuple[Rule, ...]:
        """The multi-token rules whose first token can be this row."""
        lower, tag, dep, _ = row
        word = self.strings[lower]
        rules = [r for key, value in zip(_INDEXED, (lower, tag, dep), strict=True)
                 for r in self.multi[key].get(value, ())]
        rules += [r for regex, r in self.multi_regex if regex.search(word)]
        return tuple(rules)

    def _row(self, row: tuple[int, ...]):
        """What the memo holds for a row: one-token effects and multi-token rule candidates."""
        memo = self._memo
        found = memo.get(row)
        if found is None:
            if len(memo) > self.MEMO_SIZE:
                memo.clear()
            found = memo[row] = (self._single_effects(row), self._starts(row))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = [tuple(row) for row in doc.to_array(_COLUMNS).tolist()]
        values = doc.to_array(_OUT).tolist()
        found = [self._row(row) for row in rows]
        longer: dict[int, list] = {}
        for start, (_, starts) in enumerate(found):
            for rule in starts:
                if rule.matches(rows, start):
                    index = rule.index if rule.index >= 0 else len(rule.checks) + rule.index
                    longer.setdefault(start + index, []).append((rule.order, rule.attrs))
        for i, (effects, _) in enumerate(found):
            if i in longer:
                effects = sorted(effects + longer[i], key=lambda e: e[0])
            target = values[i]
            for _, attrs in effects:
                for attr, value in attrs:
                    target[_OUT_COL[attr]] = value
        doc.from_array(_OUT, numpy.array(values, dtype=numpy.uint64))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


_SETTERS = frozenset(_OUT)


@Language.factory(NAME)
def make_indexed_attributes(nlp: Language, name: str) -> IndexedAttributes:
    """Built from the pipeline's own `attribute_ruler`, which must be present."""
    return IndexedAttributes(nlp.get_pipe("attribute_ruler"))


def index_attribute_rules(nlp: Language) -> Language:
    """Put `IndexedAttributes` in the place of the model's attribute ruler."""
    return swap_in(nlp, "attribute_ruler", NAME)
