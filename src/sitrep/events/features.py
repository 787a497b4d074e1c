"""A sentence as the words the event type classifier reads: lemmas, names as their kind, and a
few parse features (a verb's mode, its object, the act a verb governs).

Names and numbers are replaced by their entity label ("Israel" → ent_country, "12" → num), so the
classifier learns how events are said, not who took part in the sentences it was trained on.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
TIME_LABELS = frozenset({"DATE", "TIME"})
FUTURE = frozenset({"will", "shall", "would", "'ll", "’ll", "wo", "must", "should"})
MAYBE = frozenset({"could", "might", "may", "can"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
OBJECT_DEPS = frozenset({"dobj", "attr", "nsubjpass", "dative"})
SAY_VERBS = frozenset({"say", "announce", "state", "declare", "tell", "report", "add", "claim"})
MAIN_DEPS = frozenset({"xcomp", "ccomp", "dobj", "conj", "attr", "nsubj", "nsubjpass"})


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


def _is_name(tok: Token) -> bool:
    """Inside a named entity (a country, group, person, place), not a number or a date."""
    return bool(tok.ent_type_) and tok.ent_type_ not in NUMBER_LABELS | TIME_LABELS


def _word(tok: Token) -> str:
    if tok.like_num or tok.ent_type_ in NUMBER_LABELS:
        return "num"
    if tok.ent_type_ in TIME_LABELS:
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
            out.append(f"{lemma}_obj_{c.ent_type_.lower() if _is_name(c) else _word(c)}")
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


def main_verb(sent: Span) -> Token:
    """The sentence's main predicate; under a verb of saying, the clause said."""
    root = sent.root
    if root.lemma_ in SAY_VERBS:
        return next((c for c in root.children if c.dep_ == "ccomp"), root)
    return root


def _main_features(sent: Span) -> list[str]:
    """The main predicate marked apart: its lemma, its subject, objects and complements, its
    mode, and the act it governs ("threaten_launch", then that act's object)."""
    root = main_verb(sent)
    lemma = root.lemma_.lower()
    out = [f"main_{lemma}"]
    out += [f"main_{c.ent_type_.lower() if _is_name(c) else c.lemma_.lower()}"
            for c in root.children if c.dep_ in MAIN_DEPS]
    mode = _mode(root)
    if mode:
        out.append(f"mainmode_{mode}")
    for c in root.children:
        if c.dep_ == "xcomp":
            out.append(f"main_{lemma}_{c.lemma_.lower()}")
            out += [f"main2_{g.lemma_.lower()}" for g in c.children if g.dep_ in ("dobj", "xcomp")]
    return out


def sentence_features(sent: Span) -> list[str]:
    """The classifier's words for a parsed sentence."""
    out: list[str] = []
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        if _is_name(tok):
            if tok.ent_iob_ == "B":
                out.append("ent_" + tok.ent_type_.lower())
            continue
        out.append(_word(tok))
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            out += _verb_features(tok)
    return out + _main_features(sent)
