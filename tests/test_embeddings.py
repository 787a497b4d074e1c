"""Memoised token embeddings are the model's own: the same vectors up to float rounding, and
the same tags, parses and entities."""

from __future__ import annotations

import numpy
import pytest
import spacy
from conftest import shared_path
from thinc.api import Model, use_ops

from sitrep.nlp import embeddings
from sitrep.nlp.embeddings import NAME, memo_embed, memo_embeddings
from sitrep.nlp.pipeline import MODEL, load_nlp
from sitrep.sample import sample_dir

EDGE = ["", "   ", "\n\n\t", "a", "Canada's 830 troops\u2014and NATO's\u00a0allies.", "x" * 40]


def _model():
    with use_ops("numpy", use_blis=False):  # as sitrep loads it
        return spacy.load(MODEL)


def _texts() -> list[str]:
    texts = EDGE + [p.read_text() for p in sorted(sample_dir().glob("*.txt"))]
    dev = shared_path("corpus", "dev", "docs")
    if dev.is_dir():  # the dev documents too, when ../shared is there
        texts += [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))]
    return texts


def _memo_layers(nlp) -> list:
    models = [c.model for _n, c in nlp.components if isinstance(getattr(c, "model", None), Model)]
    return [node for model in models for node in model.walk() if node.name == NAME]


@pytest.fixture(scope="module")
def plain_and_memo():
    """The model as loaded, and a second copy with memoised embeddings."""
    return _model(), memo_embeddings(_model())


@pytest.mark.parametrize("memo_rows", [50, embeddings.MEMO_ROWS])
def test_same_vectors_as_the_model(plain_and_memo, memo_rows, monkeypatch) -> None:
    monkeypatch.setattr(embeddings, "MEMO_ROWS", memo_rows)  # 50: the table starts afresh
    plain, _ = plain_and_memo
    embed = plain.get_pipe("tok2vec").model.layers[0]
    memo = memo_embed(embed)
    docs = [plain.make_doc(t) for t in _texts()]
    for start in range(0, len(docs), 4):
        batch = docs[start:start + 4]
        for want, got in zip(embed.predict(batch), memo.predict(batch), strict=True):
            assert got.shape == want.shape
            numpy.testing.assert_allclose(got, want, rtol=0, atol=1e-5)
    remembered = len(memo.attrs["table"].index)
    assert remembered > 0
    if memo_rows > 50:
        assert remembered < sum(len(d) for d in docs) / 2  # repeated rows embedded once


def test_same_tags_parses_and_entities(plain_and_memo) -> None:
    plain, memo = plain_and_memo
    assert len(_memo_layers(memo)) == 2  # the shared tok2vec and the recognizer's own
    texts = _texts()
    for want, got in zip(plain.pipe(texts, batch_size=8), memo.pipe(texts, batch_size=8),
                         strict=True):
        assert [(t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in got] == [
            (t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in want]
        assert [(e.start, e.end, e.label_) for e in got.ents] == [
            (e.start, e.end, e.label_) for e in want.ents]


def test_the_shared_pipeline_memoises_both_encoders() -> None:
    nlp = load_nlp()
    layers = _memo_layers(nlp)
    assert len(layers) == 2
    doc = nlp("Canada deployed 830 personnel to Iraq. Canada deployed them again.")
    assert {"Canada", "Iraq"} <= {e.text for e in doc.ents}
    assert all(layer.attrs["table"].index for layer in layers)
