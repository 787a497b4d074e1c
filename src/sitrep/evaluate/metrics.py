"""Item counts, precision/recall/F1 and the text table shared by the scorers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Counts:
    """True positives, false positives and false negatives over items.

    A rate whose denominator is zero is 0.0, except when there is neither a gold nor a predicted
    item: then precision, recall and F1 are all None (nothing to score).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    @property
    def empty(self) -> bool:
        return self.gold == 0 and self.pred == 0

    @property
    def precision(self) -> float | None:
        if self.empty:
            return None
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float | None:
        if self.empty:
            return None
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.gold,
            "pred": self.pred,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@dataclass
class Report:
    """Counts per row (fact kind or mention type), summed over `documents` documents.

    `total` is the micro-average: the sum of all rows' counts.
    """

    counts: dict[str, Counts] = field(default_factory=dict)
    documents: int = 0
    label: str = "kind"

    @property
    def total(self) -> Counts:
        return sum(self.counts.values(), Counts())

    def add(self, counts: dict[str, Counts]) -> None:
        """Add one document's counts."""
        for name, c in counts.items():
            self.counts[name] = self.counts.get(name, Counts()) + c
        self.documents += 1

    def table(self) -> str:
        """A fixed-width text table: label, gold, pred, tp, P, R, F1; "-" where nothing to score."""
        width = max([len(self.label), 3, *map(len, self.counts)]) + 2
        head = f"{self.label:<{width}}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}"
        rows = [*self.counts.items(), ("all", self.total)]
        lines = [head, "-" * len(head)]
        for name, c in rows:
            rates = "".join(f"{_rate(v):>8}" for v in (c.precision, c.recall, c.f1))
            lines.append(f"{name:<{width}}{c.gold:>7}{c.pred:>7}{c.tp:>7}{rates}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "label": self.label,
            "rows": {name: c.to_dict() for name, c in self.counts.items()},
            "all": self.total.to_dict(),
        }
