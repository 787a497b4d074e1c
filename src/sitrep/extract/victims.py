"""The dead and wounded a sentence lists, read from the parse: "killing a mother, a father and
their three children" is five killed, "two policemen and a civilian were wounded" three,
"killing a girl" one.

The count patterns of ``attacks`` read one number next to a verb; a list of victims, each
counted or singular, is summed here. A victim without a count of its own ("killing civilians
and two soldiers") leaves the list uncounted.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.extract.numbers import parse_number
from sitrep.nlp.phrases import noun_class

KILLED = {"kill", "murder", "execute", "behead", "assassinate"}
WOUNDED = {"wound", "injure", "hurt", "maim"}
SINGLE_DETS = {"a", "an", "one", "another", "the", "this", "that"}
NOT_VICTIMS = {"number", "dozen", "dozens", "handful", "score", "scores", "group", "total",
               "hundreds", "thousands", "lot", "majority", "rest", "member"}


def _count(noun: Token) -> int | None:
    """How many one victim phrase counts: its number, or one for a singular noun with an
    article or possessive ("a father", "the driver", "her husband"); None when uncounted."""
    if noun.lemma_.lower() in NOT_VICTIMS or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    if nums:
        return parse_number(" ".join(t.text for t in nums[0].subtree))
    if noun.tag_ in ("NN", "NNP") and any(
            c.dep_ == "det" and c.lower_ in SINGLE_DETS or c.dep_ == "poss"
            for c in noun.children):
        return 1
    return None


def _listed(head: Token) -> list[Token]:
    """A victim phrase and the phrases coordinated with it."""
    out, todo = [], [head]
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo += [c for c in tok.children if c.dep_ == "conj" or c.dep_ == "appos" and any(
            g.dep_ == "conj" for g in c.children)]  # "a mother, a father and ...": the parse
        # may hang the list's second item on the first as an apposition
    return out


def _patients(verb: Token) -> list[Token]:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    deps = ("nsubjpass",) if passive else ("dobj",)
    found = [c for c in verb.children if c.dep_ in deps]
    if not found and verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
        found = [verb.head]  # "two soldiers killed in the blast"
    return found


def listed_victims(sent: Span, lemmas: set[str]) -> tuple[int | None, int, int]:
    """The sum of a list of two or more counted victims of a verb of these lemmas (or one
    person, "a girl"), and the
    character offsets in the sentence where the list begins and ends; (None, -1, -1) when the
    sentence has no such list."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lemmas:
            continue
        for patient in _patients(verb):
            phrases = _listed(patient)
            counts = [_count(p) for p in phrases]
            single = len(phrases) == 1 and noun_class(patient) == "person" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in patient.children)
            if (len(phrases) >= 2 or single) and all(c is not None for c in counts):
                first = min(p.left_edge.idx for p in phrases) - sent.start_char
                last = max(p.idx + len(p) for p in phrases) - sent.start_char
                return sum(c for c in counts if c is not None), first, last
    return None, -1, -1
