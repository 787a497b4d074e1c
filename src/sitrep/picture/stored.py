"""Pictures and timelines kept in the database, so that a new process (`sitrep picture`,
`sitrep timeline`) does not consolidate every stored fact again to answer.

Each answer is stored as the JSON of its `to_dict()` with the store fingerprint it was built
from (`store.db.store_version`, plus the package's version and the picture rules' files) and
read back while the fingerprint is unchanged; an ingest, a re-extraction or a correction
changes it, and the next question consolidates again and replaces every stored answer.
Storing is best effort: a read-only or busy database still answers, from a consolidation."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import DBAPIError

from sitrep.store import schema
from sitrep.store.db import store_version

S = schema.stored_answers
MISSING = "missing"  # a stored "no actor matches" (LookupError) answer


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version and the size and time of every file the picture is built with (the
    picture code and the actor and place data), so that changed rules build afresh."""
    import sitrep

    root = Path(sitrep.__file__).resolve().parent
    parts = [sitrep.__version__]
    for folder in ("picture", "data"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                st = path.stat()
                parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def fingerprint(engine: Engine) -> str:
    return json.dumps([code_version(), *store_version(engine)], default=str)


def _key(parts: tuple[Any, ...]) -> str:
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def stored(engine: Engine, parts: tuple[Any, ...], build: Callable[[], dict[str, Any]]
           ) -> dict[str, Any]:
    """`build()` (a picture's or timeline's dict), or what it gave for the same question
    while the store is unchanged. A LookupError from `build` is kept and raised likewise."""
    version = fingerprint(engine)
    key = _key(parts)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(S.c.version, S.c.status, S.c.body)
                               .where(S.c.key == key)).first()
    except DBAPIError:
        row = None  # a database without the table (not upgraded): build
    if row is not None and row.version == version:
        if row.status == MISSING:
            raise LookupError(row.body)
        return json.loads(row.body)  # type: ignore[no-any-return]
    try:
        value = build()
    except LookupError as exc:
        _save(engine, key, parts, version, MISSING, str(exc.args[0] if exc.args else exc))
        raise
    _save(engine, key, parts, version, "ok", json.dumps(value, ensure_ascii=False))
    return value


def _save(engine: Engine, key: str, parts: tuple[Any, ...], version: str, status: str,
          body: str) -> None:
    """Store one answer, dropping every answer built from another fingerprint."""
    try:
        with engine.begin() as conn:
            conn.execute(delete(S).where((S.c.version != version) | (S.c.key == key)))
            conn.execute(insert(S).values(
                key=key, question=json.dumps(parts, ensure_ascii=False)[:1000],
                version=version, status=status, body=body,
                created_at=datetime.now(UTC).isoformat(timespec="seconds")))
    except DBAPIError:
        pass  # read-only, locked past the busy timeout, or answered meanwhile: not kept
