"""Results of whole-store reads (counts, map, filter choices, totals) kept while the store is
unchanged, so the pages answer from memory between ingests and corrections.

"Unchanged" is a cheap fingerprint (`sitrep.store.db.store_version`), read with one
statement: the newest fact pk (a new or re-extracted document adds facts with higher pks),
the newest document ingest time (a re-extraction that leaves no facts still stamps its
document) and the corrections' count and newest pk. Each is an index lookup, so the check
costs well under a millisecond."""

from __future__ import annotations

import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine

from sitrep.store.db import store_version

T = TypeVar("T")
__all__ = ["StoreCache", "cached", "json_body", "store_version"]


class StoreCache:
    """Up to `size` results, dropped together when the store's fingerprint changes."""

    def __init__(self, engine: Engine, size: int = 512) -> None:
        self.engine, self.size = engine, size
        self.version: tuple[Any, ...] | None = None
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.building: dict[Any, threading.Lock] = {}  # one builder per key at a time

    def get(self, key: Any, build: Callable[[], T]) -> T:
        version = store_version(self.engine)
        found, value = self._lookup(key, version)
        if found:
            return value  # type: ignore[no-any-return]
        with self.lock:
            builder = self.building.setdefault(key, threading.Lock())
        with builder:  # concurrent requests for the same result wait for the first one
            found, value = self._lookup(key, version)
            if found:
                return value  # type: ignore[no-any-return]
            value = build()
            with self.lock:
                if self.version == version:
                    self.items[key] = value
                    while len(self.items) > self.size:
                        self.items.popitem(last=False)
                self.building.pop(key, None)
        return value

    def _lookup(self, key: Any, version: tuple[Any, ...]) -> tuple[bool, Any]:
        with self.lock:
            if version != self.version:
                self.items.clear()
                self.version = version
            elif key in self.items:
                self.items.move_to_end(key)
                return True, self.items[key]
        return False, None


_caches: weakref.WeakKeyDictionary[Engine, StoreCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def cached(engine: Engine, key: Any, build: Callable[[], T]) -> T:
    """`build()`, or its result from an earlier call on this engine while nothing changed.
    Callers must not modify the result."""
    with _caches_lock:
        cache = _caches.get(engine)
        if cache is None:
            cache = _caches[engine] = StoreCache(engine)
    return cache.get(key, build)


def json_body(content: Any) -> bytes:
    """JSON as FastAPI's JSONResponse renders it, to keep encoded for repeated answers."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")
