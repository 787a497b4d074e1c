"""Mention predictions in the shape the re3d scorer reads."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.evaluate.re3d import OUR_TO_RE3D
from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

Prediction = tuple[int, int, str]


def re3d_predictor() -> Callable[[str], list[Prediction]]:
    """A function from text to (start, end, re3d type) spans, from sitrep's own mentions."""

    def predict(text: str) -> list[Prediction]:
        result = extract_document(make_document(text))
        spans = []
        for m in result.mentions:
            label = OUR_TO_RE3D.get(m.type)
            if label:
                spans.append((m.start, m.end, label))
        return spans

    return predict
