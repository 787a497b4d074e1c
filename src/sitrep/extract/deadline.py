"""A per-document time limit: extraction that runs past it raises `DocumentTimeout`.

The limit is `SITREP_MAX_SECONDS` (see `sitrep.ingest.limits`). It uses SIGALRM, so it applies
in a process's main thread (the CLI, and each `--workers` process); elsewhere, or where the
platform lacks `setitimer`, documents run without a limit. Nested limits keep the outer one.
"""

from __future__ import annotations

import functools
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
REPEAT = 0.5  # seconds between repeats, should code under the limit swallow the first one


class DocumentTimeout(Exception):
    """A document took longer than the per-document time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


_armed: list[float] = []  # the active limit, if any


def _expire(_signum: int, _frame: Any) -> None:
    if _armed:
        raise DocumentTimeout(_armed[0])


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `DocumentTimeout` in the block once it has run `seconds` (None or 0: no limit)."""
    if not seconds or seconds <= 0 or _armed or not _usable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _armed.append(seconds)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            _armed.clear()
            signal.signal(signal.SIGALRM, previous)


def max_seconds() -> float:
    """The per-document limit from the environment (`SITREP_MAX_SECONDS`)."""
    from sitrep.ingest.limits import Limits

    return Limits.from_env().max_seconds


def limited(func: F) -> F:
    """Run `func` under the per-document time limit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with time_limit(max_seconds()):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
