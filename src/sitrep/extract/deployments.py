"""deployments: not yet extracted (issue 3)."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.model import Fact


def extract(ctx: Context) -> list[Fact]:
    return []
