"""Pictures and timelines kept in the database, so that a new process (`sitrep picture`,
`sitrep timeline`) does not consolidate every stored fact again to answer.

Each answer is stored as the JSON of its `to_dict()` with the store fingerprint it was built
from (`store.db.store_version`, plus the package's version and the picture rules' files) and
read back while the fingerprint is unchanged; an ingest, a re-extraction or a correction
changes it, and the next question consolidates again and replaces every stored answer.
Storing is best effort: a read-only or busy database still answers, from a consolidation.

Beside the whole answer a *head* is kept: every list of the answer cut to its first `HEAD`
items, with `omitted` counting what was cut, and each item's sources to its first few (its
source count still that of all). It is what `sitrep picture` and `sitrep timeline`
show by default, so a large actor's answer (tens of MB at a million facts) is not read and
parsed whole to print its first lines; `--all`, `--limit` and `--offset` read the whole one."""

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
HEAD = 50  # items of each list in a head answer
HEAD_SOURCES = 5  # sources kept per item in a head answer (its counts stay those of all)


def cut(answer: dict[str, Any], limit: int, offset: int = 0) -> dict[str, Any]:
    """`answer` with each top-level list cut to `limit` items from `offset`, and `omitted`
    (list name -> items left out) where something was cut."""
    out = dict(answer)
    omitted = dict(answer.get("omitted", {}))
    for name, value in answer.items():
        if isinstance(value, list) and (offset or len(value) > limit):
            out[name] = value[offset:offset + limit]
            omitted[name] = omitted.get(name, 0) + len(value) - len(out[name])
    if omitted:
        out["omitted"] = omitted
    return out


def _fewer_sources(value: Any) -> Any:
    """`value` with each item's sources cut to `HEAD_SOURCES`; the item's `source_count` (and a
    point's `conflict`) are those of every source, so what is shown stays exact."""
    if isinstance(value, list):
        return [_fewer_sources(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _fewer_sources(v) for k, v in value.items()}
    if "source_count" in value and isinstance(value.get("sources"), list):
        out["sources"] = value["sources"][:HEAD_SOURCES]
    return out


def short(answer: dict[str, Any]) -> dict[str, Any]:
    """The head answer: each list's first `HEAD` items, each item with at most
    `HEAD_SOURCES` of its sources."""
    return _fewer_sources(cut(answer, HEAD))


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


def _read(engine: Engine, key: str, version: str) -> dict[str, Any] | None:
    """The stored answer under `key` if built from `version`; raises a stored LookupError."""
    try:
        with engine.connect() as conn:
            row = conn.execute(select(S.c.version, S.c.status, S.c.body)
                               .where(S.c.key == key)).first()
    except DBAPIError:
        return None  # a database without the table (not upgraded): build
    if row is None or row.version != version:
        return None
    if row.status == MISSING:
        raise LookupError(row.body)
    return json.loads(row.body)  # type: ignore[no-any-return]


def stored(engine: Engine, parts: tuple[Any, ...], build: Callable[[], dict[str, Any]],
           head: bool = False) -> dict[str, Any]:
    """`build()` (a picture's or timeline's dict), or what it gave for the same question
    while the store is unchanged; with `head`, that answer `cut` to `HEAD` items per list,
    read without the whole. A LookupError from `build` is kept and raised likewise."""
    version = fingerprint(engine)
    key, head_key = _key(parts), _key((*parts, "head", HEAD, HEAD_SOURCES))
    if head and (found := _read(engine, head_key, version)) is not None:
        return found
    value = _read(engine, key, version)
    if value is None:
        try:
            value = build()
        except LookupError as exc:
            reason = str(exc.args[0] if exc.args else exc)
            for k in (key, head_key):
                _save(engine, k, parts, version, MISSING, reason)
            raise
        _save(engine, key, parts, version, "ok", json.dumps(value, ensure_ascii=False))
    if not head:
        return value
    head_value = short(value)
    _save(engine, head_key, parts, version, "ok", json.dumps(head_value, ensure_ascii=False))
    return head_value


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
