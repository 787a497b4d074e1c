"""Train the event type classifier (`make train-events`): on our own sentences (every trigger
entry's example and the sentences templates.py writes) and on PLOVER gold sentences we may use,
with their old labels mapped as the scorer maps them. Deterministic for a given seed.

    python -m sitrep.events.train [PLOVER_GSR.json ...] [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from sitrep.events.classifier import MODEL_DIR, SEED, TypeClassifier, train
from sitrep.events.features import sentence_features
from sitrep.events.templates import own_sentences


def featurize(texts: Sequence[str]) -> list[list[str]]:
    """The classifier's words for each text, parsed by sitrep's own pipeline."""
    from sitrep.nlp.pipeline import load_nlp

    return [sentence_features(doc[:]) for doc in load_nlp().pipe(texts, batch_size=64)]


def own_data(seed: int = SEED) -> list[tuple[list[str], str]]:
    pairs = own_sentences(seed)
    return list(zip(featurize([s for s, _ in pairs]), [t for _, t in pairs], strict=True))


def gold_data(paths: Sequence[Path]) -> list[tuple[list[str], str]]:
    from sitrep.evaluate.plover import load_gold

    gold = [g for p in paths for g in load_gold(p)]
    return list(zip(featurize([g.text for g in gold]), [g.event for g in gold], strict=True))


def build(gold: Sequence[Path], seed: int = SEED) -> TypeClassifier:
    return train(own_data(seed) + gold_data(gold), seed=seed)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, help="PLOVER gold JSON files")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    model = build(args.gold, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    model.to_disk(args.out)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"event type classifier: {args.out} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
