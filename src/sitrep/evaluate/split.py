"""The held-out discipline: the evaluation documents in a development part and a test part.

The parts are fixed in ``data/eval/split.yaml``: the re3d documents (and the dev corpus drawn
from them) dealt alternately within each source, in the order of a salted SHA-256 of their ids.
Rules are tuned on the development part only; the test part is scored and never read. A
document in neither list (the seed, a new gold file) belongs to the development part.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from sitrep.datafiles import load_yaml

SPLIT_FILE = Path(__file__).resolve().parent.parent / "data" / "eval" / "split.yaml"
PARTS: tuple[str, ...] = ("dev", "test")
T = TypeVar("T")


@cache
def held_out_ids() -> frozenset[str]:
    """The ids of the held-out test part."""
    data = load_yaml(SPLIT_FILE)
    return frozenset(str(i) for ids in (data.get("test") or {}).values() for i in ids)


def part_of(doc_id: str) -> str:
    """"test" for a held-out document, else "dev"."""
    return "test" if doc_id in held_out_ids() else "dev"


def by_part(items: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    """(doc id, item) pairs grouped by part, every part present (perhaps empty)."""
    out: dict[str, list[T]] = {part: [] for part in PARTS}
    for doc_id, item in items:
        out[part_of(doc_id)].append(item)
    return out
