"""Reading the YAML data files sitrep ships, with libyaml's C loader where it is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | Path) -> Any:
    """Parse YAML text, or the file at a Path, safely (no arbitrary objects)."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
