"""Long documents for the database: extract a chunk at a time, each chunk's results to a file.

`extract_spooled` runs the chunked extraction of `sitrep.extract.chunks` but, instead of holding
the whole document's mentions and facts, pickles each chunk's to a temporary file (one record
per chunk, in order) and drops them, so memory stays that of one chunk however long the
document. The returned `Spooled` names the file; `sitrep.store.db.store_extraction` reads it
back a record at a time into one transaction and removes it. The file is private to this user
(`tempfile.mkstemp`), lies in `SITREP_SPOOL_DIR` or else the system temporary directory, and is
removed when extraction fails. A file left behind by a killed process (named
`sitrep-spool-PID-*`) is removed by the next process that spools, once that PID has gone.
Places (not stored in the database) are not spooled.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep.extract.chunks import extract_chunks
from sitrep.model import Document, Extraction, Fact, Mention
from sitrep.processes import process_alive


@dataclass
class Spooled:
    """A document's extraction spooled to `path`: `chunks` records of (mentions, facts)."""

    document: Document
    path: str
    chunks: int = 0
    mentions: int = 0
    facts: int = 0

    def records(self) -> Iterator[tuple[list[Mention], list[Fact]]]:
        """Each chunk's (mentions, facts), in document order, one chunk in memory at a time."""
        with open(self.path, "rb") as f:
            for _ in range(self.chunks):
                yield pickle.load(f)

    def discard(self) -> None:
        """Remove the spool file (again: no-op)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


PREFIX = "sitrep-spool-"


def spool_dir() -> str | None:
    return os.environ.get("SITREP_SPOOL_DIR") or None


def remove_stale(directory: str | None = None) -> list[str]:
    """Remove spool files whose process no longer runs (killed mid-document); their names."""
    directory = directory or spool_dir() or tempfile.gettempdir()
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for name in os.listdir(directory):
            pid = name[len(PREFIX):].split("-", 1)[0]
            if name.startswith(PREFIX) and pid.isdigit() and not process_alive(int(pid)):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(directory, name))
                    removed.append(name)
    return removed


@cache
def _cleaned(directory: str | None) -> None:
    """Stale spool files removed once per process and directory."""
    remove_stale(directory)


def spool_parts(document: Document, parts: Iterable[Extraction]) -> Spooled:
    """Pickle each part's mentions and facts (a chunk's, at document-wide offsets) to a new
    spool file as it comes, holding none of them; on any failure, the part iterator's
    included, the file is removed and the exception raised."""
    _cleaned(spool_dir())
    fd, path = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".pickle",
                                dir=spool_dir())
    spooled = Spooled(document=document, path=path)
    try:
        with os.fdopen(fd, "wb") as f:
            for part in parts:
                pickle.dump((part.mentions, part.facts), f, protocol=pickle.HIGHEST_PROTOCOL)
                spooled.chunks += 1
                spooled.mentions += len(part.mentions)
                spooled.facts += len(part.facts)
                del part
    except BaseException:
        spooled.discard()
        raise
    return spooled


def extract_spooled(document: Document, parse: Callable[[str], Any],
                    extract: Callable[[Document, Any], Extraction],
                    size: int | None = None) -> Spooled:
    """Extract `document` chunk by chunk (`parse`, `extract` as for `extract_chunks`), each
    chunk's mentions and facts pickled to a new spool file (`spool_parts`)."""
    return spool_parts(document, extract_chunks(document, parse, extract, size))
