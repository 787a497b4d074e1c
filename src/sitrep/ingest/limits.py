"""Size limits for ingestion, with environment overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Largest input accepted: `max_bytes` per file (or stdin), `max_chars` of extracted text."""

    max_bytes: int = 20_000_000
    max_chars: int = 20_000_000

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults overridden by `SITREP_MAX_BYTES` / `SITREP_MAX_CHARS` where set."""
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for field, var in (("max_bytes", "SITREP_MAX_BYTES"), ("max_chars", "SITREP_MAX_CHARS")):
            raw = env.get(var, "").strip()
            if not raw:
                continue
            try:
                values[field] = int(raw)
            except ValueError:
                raise ValueError(f"{var} must be a positive integer, got {raw!r}") from None
        return cls(**values)


DEFAULT_LIMITS = Limits()
