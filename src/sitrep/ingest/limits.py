"""Size and time limits for ingestion, with environment overrides.

| limit | variable | default |
| --- | --- | --- |
| bytes per input file (or stdin) | `SITREP_MAX_BYTES` | 20,000,000 |
| characters of extracted text per document | `SITREP_MAX_CHARS` | 20,000,000 |
| seconds of extraction per document (0: none) | `SITREP_MAX_SECONDS` | 120 |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Largest input accepted: `max_bytes` per file (or stdin), `max_chars` of extracted text;
    `max_seconds` of extraction per document before it is abandoned as an error (0: no limit)."""

    max_bytes: int = 20_000_000
    max_chars: int = 20_000_000
    max_seconds: float = 120.0

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        seconds = self.max_seconds
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not (
                0 <= seconds < float("inf")):
            raise ValueError(f"max_seconds must be a number >= 0, got {seconds!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults overridden by `SITREP_MAX_BYTES` / `SITREP_MAX_CHARS` /
        `SITREP_MAX_SECONDS` where set."""
        env = os.environ if environ is None else environ
        values: dict[str, int | float] = {}
        for field, var in (("max_bytes", "SITREP_MAX_BYTES"), ("max_chars", "SITREP_MAX_CHARS")):
            raw = env.get(var, "").strip()
            if not raw:
                continue
            try:
                values[field] = int(raw)
            except ValueError:
                raise ValueError(f"{var} must be a positive integer, got {raw!r}") from None
        raw = env.get("SITREP_MAX_SECONDS", "").strip()
        if raw:
            try:
                values["max_seconds"] = float(raw)
            except ValueError:
                raise ValueError(f"SITREP_MAX_SECONDS must be a number, got {raw!r}") from None
        return cls(**values)  # type: ignore[arg-type]


DEFAULT_LIMITS = Limits()
