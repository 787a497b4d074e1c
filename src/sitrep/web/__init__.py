"""The web explorer and JSON API behind `sitrep serve` (FastAPI, Jinja2 pages, inline SVG)."""

from sitrep.web.app import create_app

__all__ = ["create_app"]
