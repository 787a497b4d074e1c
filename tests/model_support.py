"""The model's own pipeline stopped before one component, for comparing ours with it."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.pipeline import MODEL
from sitrep.sample import sample_dir


def parsed_before(component: str, text: str, exclude: list[str]) -> tuple[Language, list[Doc]]:
    """`text` and the sample documents parsed by the model up to (not including) `component`,
    with the model (which still holds `component`)."""
    nlp = spacy.load(MODEL, exclude=exclude)
    texts = [text] + [p.read_text() for p in sorted(sample_dir().glob("*.txt"))]
    with nlp.select_pipes(disable=[component]):
        docs = list(nlp.pipe(texts))
    return nlp, docs
