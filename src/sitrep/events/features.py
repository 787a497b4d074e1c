"""A sentence as the words the event type classifier reads: lemmas, names as their kind, and a
few parse features (a verb's mode, its object, the act a verb governs).

Names and numbers are replaced by their entity label ("Israel" → ent_gpe, "12" → num), so the
classifier learns how events are said, not who took part in the sentences it was trained on.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

NAME_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "PRODUCT",
                         "LAW", "WORK_OF_ART", "LANGUAGE"})
FUTURE = frozenset({"will", "shall", "would", "'ll", "’ll", "wo", "must", "should"})
MAYBE = frozenset({"could", "might", "may", "can"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
OBJECT_DEPS = frozenset({"dobj", "attr", "nsubjpass", "dative"})


def _mode(verb: Token) -> str | None:
    """"neg", "fut" or "may" for a verb read through its auxiliaries and negation."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("neg", "advmod", "det")
           for c in kids):
        return "neg"
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE:
        return "fut"
    if aux & MAYBE:
        return "may"
    return None


def _word(tok: Token) -> str:
    if tok.like_num or tok.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return "num"
    if tok.ent_type_ in ("DATE", "TIME"):
        return "date"
    return tok.lemma_.lower()


def _verb_features(tok: Token) -> list[str]:
    lemma = tok.lemma_.lower()
    out = []
    mode = _mode(tok)
    if mode:
        out.append(f"{mode}_{lemma}")
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS and c.pos_ in ("NOUN", "PROPN"):
            out.append(f"{lemma}_obj_{_word(c) if not c.ent_type_ else c.ent_type_.lower()}")
        elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            out.append(f"{lemma}_to_{c.lemma_.lower()}")
        elif c.dep_ == "prep" and c.lower_ in ("against", "with", "on", "to", "from", "for"):
            out.append(f"{lemma}_{c.lower_}")
    if tok.dep_ == "ROOT":
        out.append(f"root_{lemma}")
    return out


def verb_features(verb: Token) -> list[str]:
    """A verb's own words: its lemma, mode, objects and complements."""
    return [verb.lemma_.lower(), *_verb_features(verb)]


def sentence_features(sent: Span) -> list[str]:
    """The classifier's words for a parsed sentence."""
    out: list[str] = []
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        if tok.ent_type_ in NAME_LABELS:
            if tok.ent_iob_ == "B":
                out.append("ent_" + tok.ent_type_.lower())
            continue
        out.append(_word(tok))
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            out += _verb_features(tok)
    return out
