"""A benchmark corpus of a given size from the sample and the dev documents.

Documents are repeated until the text reaches the size; every repeat gets a copy-number line,
so its normalized text (and so its content hash) differs and ingest stores it again.
"""

from __future__ import annotations

from pathlib import Path

from sitrep.ingest import make_document, read_inputs
from sitrep.model import Document
from sitrep.sample import sample_dir

DEV_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "docs"


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
