"""Putting one of our components in the place of one of the model's."""

from __future__ import annotations

from spacy.language import Language


def swap_in(nlp: Language, original: str, name: str, keep: bool = False) -> Language:
    """Add the registered component `name` right after `original`, then take `original` out
    of the run: removed, or only disabled when `keep` (it stays loaded for the new one)."""
    if original in nlp.pipe_names and name not in nlp.pipe_names:
        nlp.add_pipe(name, after=original)
        if keep:
            nlp.disable_pipe(original)
        else:
            nlp.remove_pipe(original)
    return nlp
