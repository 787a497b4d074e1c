"""Filesystem access: size-checked reads and directory walks; failures become IngestErrors."""

from __future__ import annotations

import os
import stat
from collections.abc import Container, Iterator
from pathlib import Path

from sitrep.ingest.limits import Limits
from sitrep.model import IngestError


def one_line(text: str, limit: int = 200) -> str:
    """`text` as a single line of at most `limit` characters, for an error reason."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def too_large(source: str, limit: int, size: int | None = None) -> IngestError:
    """The error for an input over `limit` bytes (`size` when known)."""
    shown = f"over {limit}" if size is None else str(size)
    return IngestError(source, f"too large: {shown} bytes > limit {limit}")


def read_bytes(path: str, limits: Limits) -> bytes | IngestError:
    """The file's bytes, or why they cannot be had (checking the size before reading)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return IngestError(path, "not a regular file")
        if info.st_size > limits.max_bytes:
            return too_large(path, limits.max_bytes, info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        reason = "broken symlink" if os.path.islink(path) else "no such file or directory"
        return IngestError(path, reason)
    except PermissionError:
        return IngestError(path, "permission denied")
    except OSError as exc:
        return IngestError(path, one_line(f"cannot read: {exc.strerror or exc}"))
    if len(data) > limits.max_bytes:
        return too_large(path, limits.max_bytes)
    return data


def walk(
    directory: str, suffixes: Container[str], seen: set[str] | None = None
) -> Iterator[str | IngestError]:
    """Files with one of `suffixes` under `directory`, recursively in name order, skipping
    hidden entries and `*.meta.json`; symlinked directories are followed once."""
    seen = set() if seen is None else seen
    seen.add(os.path.realpath(directory))
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        yield IngestError(directory, one_line(f"cannot list directory: {reason or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if os.path.realpath(entry.path) not in seen:
                yield from walk(entry.path, suffixes, seen)
        elif (
            not entry.name.lower().endswith(".meta.json")
            and Path(entry.name).suffix.lower() in suffixes
        ):
            yield entry.path
