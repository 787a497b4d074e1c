"""The model's token embeddings, computed once per distinct token and remembered.

Each of the model's encoders (the shared `tok2vec` and the entity recognizer's own) starts by
embedding every token from six of its attributes (NORM, PREFIX, SUFFIX, SHAPE, SPACY,
IS_SPACE): six hash-table rows, concatenated and mixed by a maxout layer with layer
normalisation. That is a third of each encoder's arithmetic, yet it depends on nothing but
those six values, and text repeats its words: 134,228 tokens of 555 distinct news and
government documents have 18,493 distinct rows. `memo_embeddings` puts a `memo-embed` layer in
the place of that step: it reads the six columns, embeds only the rows it has not seen (with
the model's own layers and weights) and copies the rest from its table. The vectors are the
model's own up to float rounding (about 1e-6: the maxout layer multiplies a different number of
rows at a time); `tests/test_embeddings.py` compares them, and the tags, parses and entities
they lead to. The table holds vectors of the weights as loaded: sitrep never trains the model
(a training pass goes to the original layer, unremembered).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from thinc.api import Model

NAME = "memo-embed"
MEMO_ROWS = 50_000  # distinct rows kept per encoder (about 19 MB) before starting afresh


class _Table:
    """Embedded rows by their six feature ids (as 48 bytes), in one growing array."""

    def __init__(self) -> None:
        self.index: dict[bytes, int] = {}
        self.vectors: numpy.ndarray | None = None

    def lookup(self, keys: numpy.ndarray, rows: numpy.ndarray, embed_rows: Any) -> numpy.ndarray:
        """The table position of each key, embedding the `rows` of keys not seen before."""
        if len(self.index) + len(keys) > MEMO_ROWS:
            self.index.clear()
        index, names = self.index, keys.tolist()
        found = numpy.fromiter((index.get(k, -1) for k in names), dtype=numpy.int64,
                               count=len(names))
        missing = numpy.flatnonzero(found < 0)
        if len(missing):
            start = len(index)
            self._put(start, embed_rows(rows[missing]))
            for at, i in enumerate(missing.tolist(), start):
                index[names[i]] = at
            found[missing] = numpy.arange(start, start + len(missing))
        return found

    def _put(self, start: int, new: numpy.ndarray) -> None:
        end = start + len(new)
        if self.vectors is None or end > len(self.vectors):
            size = max(end, 4096 if self.vectors is None else 2 * len(self.vectors))
            grown = numpy.empty((size, new.shape[1]), dtype=new.dtype)
            if self.vectors is not None:
                grown[:start] = self.vectors[:start]
            self.vectors = grown
        self.vectors[start:end] = new


def _embed_parts(embed: Model) -> tuple[Model, Model, Model]:
    """(feature extractor, hash embeddings, mixing layer) of a MultiHashEmbed chain."""
    extract, _to_ragged, hashes, mix, _to_list = embed.layers
    return extract, hashes.layers[0], mix.layers[0]


def _forward(model: Model, docs: list, is_train: bool) -> tuple[list, Any]:
    embed = model.layers[0]
    if is_train:
        return embed(docs, is_train)
    extract, hashes, mix = _embed_parts(embed)
    columns = extract.predict(docs)  # one (tokens, 6) uint64 array per doc
    lengths = [len(c) for c in columns]
    if not sum(lengths):
        return embed(docs, is_train)
    rows = numpy.ascontiguousarray(numpy.concatenate(columns), dtype=numpy.uint64)
    keys = rows.view(numpy.dtype((numpy.void, rows.shape[1] * 8))).ravel()
    unique, first, inverse = numpy.unique(keys, return_index=True, return_inverse=True)
    table: _Table = model.attrs["table"]
    at = table.lookup(unique, rows[first], lambda r: mix.predict(hashes.predict(r)))
    vectors = table.vectors[at[inverse.ravel()]]
    ends = numpy.cumsum(lengths)[:-1]
    return numpy.split(vectors, ends), lambda d_out: []


def memo_embed(embed: Model) -> Model:
    """A model with `embed`'s output that embeds each distinct token row once."""
    return Model(NAME, _forward, layers=[embed], attrs={"table": _Table()},
                 dims={"nO": embed.get_dim("nO")})


def _is_multi_hash_embed(model: Model) -> bool:
    names = [layer.name for layer in model.layers]
    return (len(names) == 5 and names[0] == "extract_features" and names[1] == "list2ragged"
            and "hashembed" in names[2] and names[3].startswith("with_array(maxout")
            and names[4] == "ragged2list")


def memo_embeddings(nlp: Language) -> Language:
    """Put a `memo-embed` layer in the place of every MultiHashEmbed step of the models of the
    pipeline's enabled components."""
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in list(model.walk()):
            for i, layer in enumerate(node.layers):
                if _is_multi_hash_embed(layer):
                    node.layers[i] = memo_embed(layer)
    return nlp
