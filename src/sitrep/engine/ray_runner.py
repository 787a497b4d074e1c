"""The same extraction stage on Ray Data: `map_batches` over model-holding actors.

`extract_ray` runs `sitrep.engine.local.extract_batch` — the very function the local worker
processes run — inside a pool of Ray actors that each load the spaCy pipeline once. Documents go
in as pickled rows with their input position; results come back to the caller in input order,
so the caller stays the single writer to the database (one transaction per document), exactly
as with `--workers N`.

With no address Ray starts a local cluster on this machine; `address="auto"` joins the cluster
this machine belongs to, `address="ray://HEAD:10001"` connects a Ray client to a remote head.
The workers need sitrep installed (same version) in their Python environment.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.model import Document, Extraction, IngestError


class _Extractor:
    """A Ray actor: loads the model once, then extracts batches of pickled documents."""

    def __init__(self) -> None:
        from sitrep.engine.local import _init_worker

        _init_worker()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from sitrep.engine.local import extract_batch

        docs = [pickle.loads(b) for b in batch["doc"]]
        results = extract_batch(docs)
        return {"i": batch["i"], "result": [pickle.dumps(r) for r in results]}


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


def extract_ray(documents: Iterable[Document], workers: int = 2, address: str | None = None,
                batch_size: int = 8) -> Iterator[Extraction | IngestError]:
    """One `Extraction` or `IngestError` per document, in input order, computed on Ray."""
    import ray

    docs = list(documents)
    if not docs:
        return
    started = _start(address, workers)
    try:
        ds = ray.data.from_items([{"i": i, "doc": pickle.dumps(d)} for i, d in enumerate(docs)])
        out = ds.map_batches(_Extractor, batch_size=batch_size, concurrency=max(workers, 1),
                             batch_format="numpy", num_cpus=1)
        results: dict[int, Extraction | IngestError] = {}
        for row in out.iter_rows():
            results[int(row["i"])] = pickle.loads(row["result"])
        for i, d in enumerate(docs):
            yield results.get(i) or IngestError(d.source or d.id, "lost on the Ray cluster")
    finally:
        if started:
            ray.shutdown()
