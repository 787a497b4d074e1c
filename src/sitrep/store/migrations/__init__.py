"""Alembic migrations of the sitrep schema (run by `sitrep.store.migrate`, no alembic.ini)."""
