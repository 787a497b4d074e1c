"""Run the extractors over one document: parse, mentions, persons, then one module per kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import ModuleType

from sitrep.actors.gazetteer import load_gazetteer
from sitrep.events import coder as events
from sitrep.extract import (
    attacks,
    commitments,
    deployments,
    group_sizes,
    meetings,
    memberships,
    operations,
    organizations,
    persons,
    quotes,
)
from sitrep.extract.chunks import chunk_chars, extract_chunked
from sitrep.extract.context import Context
from sitrep.extract.deadline import limited
from sitrep.extract.spool import Spooled, extract_spooled
from sitrep.ingest.limits import Limits
from sitrep.model import Document, Extraction
from sitrep.nlp.mentions import doc_mentions
from sitrep.nlp.pipeline import load_nlp
from sitrep.where import places_for

# Order matters only where a later extractor reads an earlier one's facts.
EXTRACTORS: tuple[ModuleType, ...] = (
    persons,
    operations,
    meetings,
    memberships,
    group_sizes,
    deployments,
    commitments,
    quotes,
    attacks,
    events,
    organizations,
)

@limited
def extract_parsed(document: Document, doc) -> Extraction:
    """Facts from a document already parsed by `load_nlp()`, within the per-document time
    limit (`SITREP_MAX_SECONDS`; `DocumentTimeout` past it)."""
    gaz = load_gazetteer()
    ctx = Context(document=document, doc=doc, gaz=gaz, mentions=doc_mentions(doc, gaz))
    ctx.persons = persons.resolve_persons(ctx)
    titles = [t for p in ctx.persons for t in p.titles]
    titles += persons.standalone_titles(ctx, titles + ctx.mentions)
    result = Extraction(document=document,
                        mentions=sorted(ctx.mentions + titles, key=lambda m: m.start))
    for module in EXTRACTORS:
        result.facts.extend(module.extract(ctx))
        ctx.facts = result.facts
    result.places = places_for(ctx)
    return result


def extract_documents(documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
    """Extract many documents, parsing them in batches as they stream in; a long document
    goes through in chunks, in its place in the order."""
    nlp = load_nlp()
    size = chunk_chars()
    batch: list[Document] = []
    for document in documents:
        if len(document.text) <= size:
            batch.append(document)
            if len(batch) < batch_size:
                continue
        pairs = ((d.text, d) for d in batch)
        for doc, parsed_document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield extract_parsed(parsed_document, doc)
        batch = []
        if len(document.text) > size:
            yield extract_document(document)
    pairs = ((d.text, d) for d in batch)
    for doc, parsed_document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_parsed(parsed_document, doc)


class DocumentTooLong(ValueError):
    """The document is longer than `SITREP_MAX_CHARS` allows."""


def check_length(document: Document) -> None:
    """Raise `DocumentTooLong` for a document past the `SITREP_MAX_CHARS` limit."""
    limit = Limits.from_env().max_chars
    if len(document.text) > limit:
        raise DocumentTooLong(f"{len(document.text):,} characters, more than the limit of "
                              f"{limit:,} (SITREP_MAX_CHARS)")


def _one(document: Document, long: Callable[..., Extraction | Spooled]
         ) -> Extraction | Spooled:
    """Parse and extract one document; past the chunk size through `long(document, parse,
    extract)`, a chunk at a time, up to the `SITREP_MAX_CHARS` limit."""
    nlp = load_nlp()
    check_length(document)
    if len(document.text) > chunk_chars():
        return long(document, nlp, extract_parsed)
    return extract_parsed(document, nlp(document.text))


@limited  # parsing and extraction together
def extract_document(document: Document) -> Extraction:
    """One document; past the chunk size (`chunk_chars()`, 30,000 characters) it is parsed and
    extracted a chunk at a time, every chunk's results held in the one `Extraction`."""
    return _one(document, extract_chunked)  # type: ignore[return-value]


@limited
def extract_document_spooled(document: Document) -> Extraction | Spooled:
    """`extract_document` for storing: past the chunk size each chunk's results go to a spool
    file (`sitrep.extract.spool`) rather than memory; a shorter document is one `Extraction`."""
    return _one(document, extract_spooled)
