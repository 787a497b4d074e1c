"""Extract documents in N local worker processes, results back in input order.

Each worker (spawn context) loads the spaCy pipeline once, then takes batches of documents
and returns one `Extraction` or `IngestError` per document. The parent only reads inputs,
hands out batches and consumes results (e.g. writes them to the database, one transaction
per document), so there is a single writer. Heavy modules are imported inside the worker
functions so that thread limits can be set before numpy/thinc load.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from sitrep.model import Document, Extraction, IngestError

if TYPE_CHECKING:
    from sitrep.extract.spool import Spooled

BATCH_DOCS = 8  # at most this many documents per batch
BATCH_CHARS = 40_000  # a batch is closed once it holds this much text
AHEAD = 2  # batches in flight per worker

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _init_worker() -> None:
    """Load the pipeline and gazetteer once per worker, one compute thread each."""
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")
    from sitrep.actors.gazetteer import load_gazetteer
    from sitrep.nlp.pipeline import load_nlp

    load_gazetteer()
    load_nlp()
    from sitrep.extract.pipeline import extract_document
    from sitrep.ingest import make_document

    # Load the lazily built tables (places, persons, vocabularies) before the first real
    # document, so that their cost never counts against a document's time limit.
    extract_document(make_document("Canada's minister met NATO allies in Paris on Monday.",
                                   id="warm-up", published="2024-01-01"))


def _failure(document: Document, exc: BaseException) -> IngestError:
    from sitrep.extract.deadline import DocumentTimeout

    reason = str(exc) if isinstance(exc, DocumentTimeout) else f"extraction failed: {exc!r}"
    return IngestError(document.source or document.id, reason)


def extract_batch(batch: list[Document], spool: bool = False
                  ) -> list[Extraction | Spooled | IngestError]:
    """Extract one batch, parsed together; a document that fails is one `IngestError`.

    With `spool`, a document past the chunk size comes back as a `Spooled` extraction (its
    results in a temporary file, see `sitrep.extract.spool`) for the caller to store."""
    from sitrep.extract.chunks import chunk_chars
    from sitrep.extract.pipeline import (
        extract_document,
        extract_document_spooled,
        extract_parsed,
    )
    from sitrep.nlp.pipeline import load_nlp

    nlp = load_nlp()
    size = chunk_chars()
    long_extract = extract_document_spooled if spool else extract_document
    short = [d for d in batch if len(d.text) <= size]  # long ones go in chunks
    try:
        parsed = dict(zip((id(d) for d in short), nlp.pipe([d.text for d in short]),
                          strict=True))
    except Exception:  # noqa: BLE001 - find the bad document by parsing one at a time
        parsed = {}
    results: list[Extraction | Spooled | IngestError] = []
    for document in batch:
        try:
            if len(document.text) > size:
                results.append(long_extract(document))
                continue
            doc = parsed.get(id(document)) or nlp(document.text)
            results.append(extract_parsed(document, doc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            results.append(_failure(document, exc))
    return results


def batches(documents: Iterable[Document], max_docs: int = BATCH_DOCS,
            max_chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Group documents into batches of at most `max_docs` and about `max_chars` of text."""
    batch: list[Document] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document.text) if isinstance(document.text, str) else 0
        if len(batch) >= max_docs or size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _collect(future: Future, batch: list[Document]
             ) -> list[Extraction | Spooled | IngestError]:
    """A batch's results; if the worker itself failed, every document in it is an error."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - e.g. a crashed worker or an unpicklable result
        return [_failure(d, exc) for d in batch]


def extract_parallel(
    documents: Iterable[Document],
    workers: int = 2,
    max_docs: int = BATCH_DOCS,
    max_chars: int = BATCH_CHARS,
    spool: bool = False,
) -> Iterator[Extraction | Spooled | IngestError]:
    """One `Extraction` or `IngestError` per document, in input order, from `workers` processes.

    Documents are read lazily and at most `AHEAD` batches per worker are in flight. With
    `spool`, long documents come back as `Spooled` (see `extract_batch`); the consumer stores
    or discards each one, and any left in flight when the consumer stops are discarded here.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    pending: deque[tuple[Future, list[Document]]] = deque()
    pool = _pool(workers)
    try:
        for batch in batches(documents, max_docs, max_chars):
            try:
                future = pool.submit(extract_batch, batch, spool)
            except BrokenProcessPool:  # a worker died: report its batches, start afresh
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers)
                future = pool.submit(extract_batch, batch, spool)
            pending.append((future, batch))
            while len(pending) >= workers * AHEAD:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for future, _ in pending:  # results never handed out: their spool files go
            if future.done() and not future.cancelled() and future.exception() is None:
                for result in future.result():
                    if hasattr(result, "discard"):
                        result.discard()


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)
