"""The same extraction stage on Ray Data: `map_batches` over model-holding actors.

`extract_ray` runs `sitrep.engine.local.extract_batch` — the very function the local worker
processes run — inside a pool of Ray actors that each load the spaCy pipeline once. Documents go
in as pickled rows with their position; results stream back in input order (Ray Data's
`preserve_order`) and are handed on as they arrive, so the caller stays the single writer to
the database (one transaction per document), exactly as with `--workers N`, and nothing waits
for the whole input to finish.

A document past the chunk size (`sitrep.extract.chunks`) goes to Ray as its chunks, one row
each, so no actor parses or holds more than a chunk and one long document is spread over all
of them; this process moves each chunk's results to document-wide offsets and, for the
database, spools them to a file as they arrive (`sitrep.extract.spool`), as the local engine
does. The per-document time limit (`SITREP_MAX_SECONDS`) then applies to each chunk.

With no address Ray starts a local cluster on this machine; `address="auto"` joins the cluster
this machine belongs to, `address="ray://HEAD:10001"` connects a Ray client to a remote head.
The workers need sitrep installed (same version) in their Python environment.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from sitrep.extract.chunks import chunk_chars, chunk_spans, join_parts, shift
from sitrep.extract.spool import Spooled, spool_parts
from sitrep.model import Document, Extraction, IngestError

LOST = "lost on the Ray cluster"


class _Extractor:
    """A Ray actor: loads the model once, then extracts batches of pickled documents."""

    def __init__(self) -> None:
        from sitrep.engine.local import _init_worker

        _init_worker()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Results of the rows, parsed in the local engine's batches (at most 8 documents or
        40,000 characters, so that eight chunks of a long document are not parsed at once)."""
        from sitrep.engine.local import batches, extract_batch

        docs = [pickle.loads(b) for b in batch["doc"]]
        results = [pickle.dumps(r) for part in batches(docs) for r in extract_batch(part)]
        return {"i": batch["i"], "result": results}


def _start(address: str | None, workers: int) -> bool:
    """Connect to Ray (or start a local one); True when this call started it."""
    import ray

    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False,
                              "include_dashboard": False}
    if address:
        kwargs["address"] = address
    else:
        kwargs["num_cpus"] = max(workers, 1)
    ray.init(**kwargs)
    logging.getLogger("ray").setLevel(logging.WARNING)
    ray.data.DataContext.get_current().enable_progress_bars = False
    return True


def _lost(document: Document) -> IngestError:
    return IngestError(document.source or document.id, LOST)


class _PartFailed(Exception):
    """A chunk of a long document failed (or was lost): the document is this error."""

    def __init__(self, error: IngestError) -> None:
        super().__init__(error.reason)
        self.error = error


class _Results:
    """Row results as they stream back in row order; a row missing from the stream was lost."""

    def __init__(self, stream: Iterable[tuple[int, Any]]) -> None:
        self._stream = iter(stream)
        self._head = next(self._stream, None)

    def take(self, row: int) -> Any:
        """The result of `row`, or None if it never came back."""
        while self._head is not None and self._head[0] < row:  # left over from a failed part
            self._head = next(self._stream, None)
        if self._head is None or self._head[0] != row:
            return None
        result, self._head = self._head[1], next(self._stream, None)
        return result


def _plan(docs: list[Document]) -> tuple[list[Document], list[list[int] | IngestError | None]]:
    """The rows to send (a short document whole, a long one as its chunks) and, per document,
    None (one row), the chunk start offsets (one row each) or the error that stops it."""
    from sitrep.engine.local import _failure
    from sitrep.extract.pipeline import DocumentTooLong, check_length

    size = chunk_chars()
    rows: list[Document] = []
    plan: list[list[int] | IngestError | None] = []
    for document in docs:
        if len(document.text) <= size:
            rows.append(document)
            plan.append(None)
            continue
        try:
            check_length(document)
        except DocumentTooLong as exc:
            plan.append(_failure(document, exc))
            continue
        spans = chunk_spans(document.text, size)
        rows += [replace(document, text=document.text[a:b]) for a, b in spans]
        plan.append([a for a, _b in spans])
    return rows, plan


def _parts(document: Document, starts: list[int], results: _Results, first: int
           ) -> Iterator[Extraction]:
    """A long document's chunk results in order, at document-wide offsets."""
    for k, start in enumerate(starts):
        part = results.take(first + k)
        if part is None or isinstance(part, IngestError):
            raise _PartFailed(part or _lost(document))
        part = shift(part, start, document)
        part.document = document
        yield part


def _assemble(docs: list[Document], plan: list[list[int] | IngestError | None],
              results: _Results, spool: bool) -> Iterator[Extraction | Spooled | IngestError]:
    row = 0
    for document, item in zip(docs, plan, strict=True):
        if isinstance(item, IngestError):
            yield item
        elif item is None:
            result = results.take(row)
            row += 1
            yield result if result is not None else _lost(document)
        else:
            parts = _parts(document, item, results, row)
            row += len(item)
            try:
                yield spool_parts(document, parts) if spool else join_parts(document, parts)
            except _PartFailed as failed:
                yield failed.error


def extract_ray(documents: Iterable[Document], workers: int = 2, address: str | None = None,
                batch_size: int = 8, spool: bool = False
                ) -> Iterator[Extraction | Spooled | IngestError]:
    """One `Extraction` or `IngestError` per document, in input order, computed on Ray and
    handed on as each comes back. With `spool`, a long document comes as `Spooled` (its
    results in a temporary file for `store_extraction` to read back)."""
    import ray

    docs = list(documents)
    if not docs:
        return
    rows, plan = _plan(docs)
    started = _start(address, workers) if rows else False
    try:
        stream: Iterable[tuple[int, Any]] = ()
        if rows:
            ray.data.DataContext.get_current().execution_options.preserve_order = True
            ds = ray.data.from_items([{"i": i, "doc": pickle.dumps(d)}
                                      for i, d in enumerate(rows)])
            out = ds.map_batches(_Extractor, batch_size=batch_size,
                                 concurrency=max(workers, 1), batch_format="numpy", num_cpus=1)
            stream = ((int(r["i"]), pickle.loads(r["result"])) for r in out.iter_rows())
        yield from _assemble(docs, plan, _Results(stream), spool)
    finally:
        if started:
            ray.shutdown()
