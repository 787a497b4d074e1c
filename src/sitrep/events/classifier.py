"""The event type classifier: a spaCy bag-of-words `textcat` over a sentence's features.

It reads the words sitrep.events.features makes of a parsed sentence (lemmas, names as their
kind, a verb's mode and object) and gives a probability for each of the 16 PLOVER types. The
coder asks it only where its rules leave the type open (coder.py). The model ships in the
package (data/models/event_types, trained by `make train-events`) and loads once per process.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import use_ops

from sitrep.events.features import sentence_features, verb_features
from sitrep.events.vocabulary import PLOVER_TYPES

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "event_types"
SEED = 0
EPOCHS = 20
BATCH = 16
VERB_MIN = 0.4
HASH_LENGTH = 2 ** 15  # weights: 32,768 feature buckets x 16 types
CONFIG = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                    "ngram_size": 1, "no_output_layer": False, "length": HASH_LENGTH}}


class TypeClassifier:
    """Probabilities of the PLOVER types for parsed sentences."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.textcat = nlp.get_pipe("textcat")

    def _doc(self, words: list[str]) -> Doc:
        return Doc(self.nlp.vocab, words=words or ["_"])

    def score_words(self, batch: Sequence[list[str]]) -> list[dict[str, float]]:
        if not batch:
            return []
        probs = self.textcat.predict([self._doc(w) for w in batch])
        labels = self.textcat.labels
        return [{label: float(p) for label, p in zip(labels, row, strict=True)}
                for row in probs.tolist()]

    def scores(self, sents: Sequence[Span]) -> list[dict[str, float]]:
        """One {type: probability} per sentence, in one batch."""
        return self.score_words([sentence_features(s) for s in sents])

    def best(self, sent: Span) -> tuple[str, float]:
        found = self.scores([sent])[0]
        label = max(found, key=found.__getitem__)
        return label, found[label]

    def verb_type(self, verb: Token) -> tuple[str, bool]:
        """The type the verb alone points to (its lemma, mode, object and complements), and
        whether it points there clearly (at VERB_MIN probability or more)."""
        found = self.score_words([verb_features(verb)])[0]
        label = max(found, key=found.__getitem__)
        return label, found[label] >= VERB_MIN

    def to_disk(self, path: Path) -> None:
        self.nlp.to_disk(path)


def train(data: Iterable[tuple[list[str], str]], seed: int = SEED, epochs: int = EPOCHS
          ) -> TypeClassifier:
    """A classifier trained on (features, type) pairs; the same data and seed give the same
    weights."""
    fix_random_seed(seed)
    with use_ops("numpy"):
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat", config=CONFIG)
        for label in PLOVER_TYPES:
            textcat.add_label(label)
        examples = [Example.from_dict(Doc(nlp.vocab, words=words or ["_"]),
                                      {"cats": {t: float(t == label) for t in PLOVER_TYPES}})
                    for words, label in data]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(seed)
        for _ in range(epochs):
            order = list(examples)
            rng.shuffle(order)
            for batch in minibatch(order, size=BATCH):
                nlp.update(batch, sgd=optimizer, drop=0.0)
    return TypeClassifier(nlp)


@cache
def shipped() -> TypeClassifier | None:
    """The packaged model, loaded once; None where it has not been trained."""
    if not (MODEL_DIR / "config.cfg").exists():
        return None
    with use_ops("numpy"):
        return TypeClassifier(spacy.load(MODEL_DIR))


_override: list[TypeClassifier | None] = []


def active() -> TypeClassifier | None:
    """The classifier the coder uses: the shipped one, or one `using` put in its place."""
    return _override[-1] if _override else shipped()


@contextmanager
def using(model: TypeClassifier | None) -> Iterator[None]:
    """Code with another classifier (a cross-validation fold's), or none, for a while."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()
