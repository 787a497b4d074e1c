"""The model's entity recognizer, decoded many sentences at a time with NumPy.

spaCy's `ner` component scores one transition per token with the model's weights and walks
each document token by token in compiled code; that walk was half of our whole parse, most of
it per-state bookkeeping rather than arithmetic. `BatchEntityRecognizer` keeps spaCy's model
(the same `tok2vec`, precomputed `lower` layer and `upper` scores) and its greedy BILUO decision
rule, and takes the decision for every sentence of a batch of documents at once:

- Each step moves every state one token on (Begin, In, Last, Unit and Out all consume one
  token), so the states of a batch advance in lockstep.
- The features of a state are its current token, the first token of the open entity and the
  token before the current one (when an entity is open).
- No entity can be open when a sentence starts at a token that no preset entity continues
  into, so every such sentence is decoded as its own lane, with the next token's annotations
  taken from the document.
- A move is valid under the same rules as spaCy's (`_valid` below, one NumPy expression per
  move type); the best-scoring valid move wins, the first on ties. Classes the model has not
  seen (labels our gazetteer adds, with zero weights) score the step's minimum, as in spaCy.

`tests/test_entities.py` holds the entities equal to spaCy's on real text. A batch where a
state has no valid move (spaCy then ends the document early) is handed to spaCy's decoder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps

from sitrep.nlp.swap import swap_in

NAME = "sitrep_ner"
MOVES = ("M", "B", "I", "L", "U", "O")  # spaCy's BILUO move names, M for "missing"
BATCH_TOKENS = 5_000  # tokens decoded together: 2,000-10,000 were fastest (the CPU's caches)
_OPS = NumpyOps()


class NoValidMove(RuntimeError):
    """A state had no valid move; spaCy's decoder takes the batch."""


@dataclass
class Classes:
    """The recognizer's classes as arrays: move type (index in MOVES) and label hash."""

    kind: numpy.ndarray  # (C,) int
    label: numpy.ndarray  # (C,) uint64
    unseen: numpy.ndarray  # (C,) bool: no trained weights (labels added at run time)

    @classmethod
    def of(cls, ner) -> Classes:
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        strings = ner.vocab.strings
        kind, label = [], []
        for name in names:
            move, _, text = name.partition("-")
            kind.append(MOVES.index(move))
            label.append(strings.as_int(text) if text else 0)
        unseen = numpy.zeros(len(names), dtype=bool)
        unseen[list(ner.model.attrs["unseen_classes"])] = True
        return cls(numpy.array(kind), numpy.array(label, dtype=numpy.uint64), unseen)


@dataclass
class Tokens:
    """Per-token annotations of a batch of documents laid end to end."""

    iob: numpy.ndarray  # preset ENT_IOB: 0 missing, 1 inside, 2 outside, 3 begins
    label: numpy.ndarray  # preset ENT_TYPE hash
    space: numpy.ndarray  # bool: whitespace token
    next_iob: numpy.ndarray  # ENT_IOB of the next token in the same document, else 0
    next_starts: numpy.ndarray  # bool: the next token of the same document starts a sentence
    has_next: numpy.ndarray  # bool: the token is not its document's last

    @classmethod
    def of(cls, docs: list[Doc]) -> tuple[Tokens, numpy.ndarray]:
        """The annotations, and the lanes as (start, end) in batch token offsets."""
        arrays = [d.to_array([ENT_IOB, ENT_TYPE, SENT_START, IS_SPACE]) for d in docs]
        rows = numpy.concatenate(arrays)
        iob = rows[:, 0].astype(numpy.int64)
        starts = rows[:, 2].astype(numpy.int64) == 1
        n = len(iob)
        last = numpy.cumsum([len(d) for d in docs]) - 1
        has_next = numpy.ones(n, dtype=bool)
        has_next[last] = False
        next_iob = numpy.zeros(n, dtype=numpy.int64)
        next_iob[:-1] = iob[1:]
        next_iob[~has_next] = 0
        next_starts = numpy.zeros(n, dtype=bool)
        next_starts[:-1] = starts[1:]
        next_starts[~has_next] = False
        # Lanes start at each document start and at each sentence start no preset entity
        # runs into.
        cut = starts & (iob != 1)
        cut[0] = True
        cut[last[:-1] + 1] = True
        begins = numpy.flatnonzero(cut)
        lanes = numpy.stack([begins, numpy.append(begins[1:], n)], axis=1)
        return cls(iob, rows[:, 1], rows[:, 3].astype(bool), next_iob, next_starts,
                   has_next), lanes


def _valid(c: Classes, t: Tokens, idx: numpy.ndarray, is_open: numpy.ndarray,
           open_label: numpy.ndarray) -> numpy.ndarray:
    """(lanes × classes) validity of each move at the lanes' current tokens (spaCy's rules)."""
    col = numpy.newaxis
    io, lab0 = t.iob[idx][:, col], t.label[idx][:, col]
    io1, s1 = t.next_iob[idx][:, col], t.next_starts[idx][:, col]
    sp, hn = t.space[idx][:, col], t.has_next[idx][:, col]
    op, ol = is_open[:, col], open_label[:, col]
    label = c.label[col, :]
    named = label != 0
    begin = (~op & hn & named & (io != 1)
             & numpy.where(io == 3, (label == lab0) & (io1 == 1), (io1 != 3) & ~s1 & ~sp))
    inside = (op & hn & named & (ol == label) & (io != 3) & (io1 != 3)
              & numpy.where(io == 1, (io1 != 0) & (io1 != 2) & (label == lab0), ~s1))
    last = named & op & numpy.where((io == 1) & (io1 != 1), label == lab0,
                                    (ol == label) & (io1 != 1))
    unit = numpy.where(~named, (lab0 == 0) & (io == 3),
                       ~op & (io1 != 1) & numpy.where(io == 3, label == lab0, ~sp))
    out = ~op & (io != 3) & (io != 1)
    kind = c.kind[col, :]
    return ((kind == 1) & begin) | ((kind == 2) & inside) | ((kind == 3) & last) | (
        (kind == 4) & unit) | ((kind == 5) & out)


class BatchEntityRecognizer:
    """A pipeline component that gives the entities of the model's `ner`, decoded in batches."""

    def __init__(self, ner) -> None:
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        batch: list[Doc] = []
        size = 0
        for doc in docs:
            batch.append(doc)
            size += len(doc)
            if size >= BATCH_TOKENS or len(batch) >= batch_size:
                yield from self._annotate(batch)
                batch, size = [], 0
        if batch:
            yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        full = [d for d in docs if len(d)]
        if full:
            try:
                ents = self.decode(full)
            except NoValidMove:
                self.ner.set_annotations(full, self.ner.predict(full))
            else:
                for doc, found in zip(full, ents, strict=True):
                    self._set(doc, found)
        return docs

    def decode(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        """(start, end, label) of the entities of each document, in document offsets."""
        ner = self.ner
        classes = Classes.of(ner)
        preset = numpy.unique(numpy.concatenate([d.to_array([ENT_TYPE]) for d in docs]))
        if not numpy.isin(preset[preset != 0], classes.label).all():
            ner._ensure_labels_are_added(docs)  # gazetteer labels become (unseen) classes
            classes = Classes.of(ner)
        tok2vec, lower, upper = ner.model.layers
        tokvecs = tok2vec.predict(docs)
        table = lower.predict(tokvecs)  # (tokens + 1, features, hidden, pieces); row 0: padding
        bias = lower.get_param("b")
        weights, weights_b = upper.get_param("W"), upper.get_param("b")
        tokens, lanes = Tokens.of(docs)
        lanes = lanes[numpy.argsort(-(lanes[:, 1] - lanes[:, 0]), kind="stable")]
        lengths = lanes[:, 1] - lanes[:, 0]
        is_open = numpy.zeros(len(lanes), dtype=bool)
        open_start = numpy.zeros(len(lanes), dtype=numpy.int64)
        open_label = numpy.zeros(len(lanes), dtype=numpy.uint64)
        found: list[tuple[int, int, int]] = []
        for step in range(int(lengths.max())):
            k = int(numpy.count_nonzero(lengths > step))  # lanes are longest first
            idx = lanes[:k, 0] + step
            op, ol = is_open[:k], open_label[:k]
            hidden = table[idx + 1, 0] + numpy.where(
                op[:, None, None], table[open_start[:k] + 1, 1], table[0, 1])
            hidden = hidden + numpy.where(op[:, None, None], table[idx, 2], table[0, 2])
            hidden = (hidden + bias).max(axis=-1)
            scores = _OPS.gemm(hidden, weights, trans2=True) + weights_b
            if classes.unseen.any():
                scores[:, classes.unseen] = scores.min()
            valid = _valid(classes, tokens, idx, op, ol)
            if not valid.any(axis=1).all():
                raise NoValidMove
            guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
            kind, label = classes.kind[guess], classes.label[guess]
            closes = numpy.flatnonzero(kind == 3)
            found += zip(open_start[closes].tolist(), (idx[closes] + 1).tolist(),
                         open_label[closes].tolist(), strict=True)
            units = numpy.flatnonzero(kind == 4)
            found += zip(idx[units].tolist(), (idx[units] + 1).tolist(),
                         label[units].tolist(), strict=True)
            begins = numpy.flatnonzero(kind == 1)
            open_start[begins], open_label[begins] = idx[begins], label[begins]
            is_open[begins] = True
            is_open[closes] = False
        return _by_document(found, docs)

    @staticmethod
    def _set(doc: Doc, found: list[tuple[int, int, int]]) -> None:
        """Store entities as spaCy's recognizer does: preset annotations kept, the rest O."""
        spans = [Span(doc, s, e, label=label, kb_id=doc[s].ent_kb_id) for s, e, label in found]
        doc.set_ents(spans, default="unmodified")
        iob = doc.to_array([ENT_IOB])
        if (iob == 0).any():
            iob[iob == 0] = 2
            doc.from_array([ENT_IOB], iob)


def _by_document(found: list[tuple[int, int, int]], docs: list[Doc]):
    """Batch-offset entities split per document, sorted, in document offsets."""
    bounds = numpy.cumsum([0] + [len(d) for d in docs])
    out: list[list[tuple[int, int, int]]] = [[] for _ in docs]
    for start, end, label in sorted(found):
        i = int(numpy.searchsorted(bounds, start, side="right")) - 1
        out[i].append((start - int(bounds[i]), end - int(bounds[i]), label))
    return out


@Language.factory(NAME)
def make_batch_entity_recognizer(nlp: Language, name: str) -> BatchEntityRecognizer:
    """Built on the pipeline's own `ner`, which must be present (it keeps the weights)."""
    return BatchEntityRecognizer(nlp.get_pipe("ner"))


def batch_entities(nlp: Language) -> Language:
    """Decode the model's entities with `BatchEntityRecognizer`, in the place of `ner`."""
    return swap_in(nlp, "ner", NAME, keep=True)
