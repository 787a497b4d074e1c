"""Benchmark corpora: a given size from the sample and the dev documents, or distinct documents.

`build`: documents are repeated until the text reaches the size; every repeat gets a
copy-number line, so its normalized text (and so its content hash) differs and ingest stores it
again. Whatever sitrep remembers across documents (the words it has embedded and lemmatized)
is remembered from the second copy on, so `distinct` gives a corpus without repeats as well:
every text of the shared evaluation sets, each once.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.ingest import make_document, read_inputs
from sitrep.model import Document
from sitrep.sample import sample_dir

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs"


def seed_documents(dev_docs: Path = DEV_DOCS) -> list[Document]:
    """The sample's .txt documents, plus the dev documents when they are present."""
    paths = sorted(str(p) for p in sample_dir().glob("*.txt"))
    if dev_docs.is_dir():
        paths += sorted(str(p) for p in dev_docs.glob("*.txt"))
    return [d for d in read_inputs(paths) if isinstance(d, Document)]


def build(megabytes: float, dev_docs: Path = DEV_DOCS) -> list[Document]:
    """At least `megabytes` MB (10^6 bytes of UTF-8) of distinct documents."""
    seeds = seed_documents(dev_docs)
    target = int(megabytes * 1_000_000)
    docs: list[Document] = []
    size = copy = 0
    while size < target:
        for seed in seeds:
            if copy == 0:
                doc = seed
            else:
                doc = make_document(f"{seed.text}\n\nCopy {copy}.", id=f"{seed.id}#{copy}",
                                    title=seed.title, url=seed.url, published=seed.published,
                                    publisher=seed.publisher, source=seed.source)
            docs.append(doc)
            size += len(doc.text.encode("utf-8"))
            if size >= target:
                break
        copy += 1
    return docs


def words(docs: list[Document]) -> int:
    """Whitespace-separated words in the corpus: the numerator of every words/s figure."""
    return sum(len(d.text.split()) for d in docs)


def distinct(shared: Path = SHARED) -> list[Document]:
    """Every text of the shared evaluation sets once: the sample, the dev documents, re3d's
    documents, GeoWebNews articles and the event-location sentences (empty without them)."""
    texts: list[tuple[str, str]] = []
    for path in sorted((shared / "data" / "re3d").glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append((f"re3d-{record['_id']}", record["text"]))
    for path in sorted((shared / "data" / "geo" / "GeoWebNews_brat").glob("*.txt")):
        texts.append((f"gwn-{path.stem}", path.read_text(encoding="utf-8")))
    events = shared / "data" / "event_location" / "relabel_dev.jsonl"
    if events.is_file():
        for i, line in enumerate(events.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                texts.append((f"event-{i}", json.loads(line)["text"]))
    docs = seed_documents(shared / "corpus" / "dev" / "docs")
    seen = {d.hash for d in docs}
    for ident, text in texts:
        doc = make_document(text, id=ident)
        if doc.text and doc.hash not in seen:
            seen.add(doc.hash)
            docs.append(doc)
    return docs
