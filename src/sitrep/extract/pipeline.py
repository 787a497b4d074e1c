"""Run the extractors over one document: parse, mentions, persons, then one module per kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
from sitrep.extract.context import Context
from sitrep.extract.deadline import limited
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
    """Extract many documents, parsing them in batches as they stream in."""
    pairs = ((d.text, d) for d in documents)
    for doc, document in load_nlp().pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_parsed(document, doc)


@limited  # parsing and extraction together
def extract_document(document: Document) -> Extraction:
    return extract_parsed(document, load_nlp()(document.text))
