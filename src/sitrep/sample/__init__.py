"""The bundled sample corpus: short documents the sitrep project wrote about real facts."""

from pathlib import Path


def sample_dir() -> Path:
    """Directory holding the sample `.txt` documents and their `.meta.json` files."""
    return Path(__file__).resolve().parent
