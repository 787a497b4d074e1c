"""Mention predictions in the shape the re3d scorer reads.

re3d annotates more than names: a state acting in a sentence ("Syria has accused…") is an
Organisation, groups of people ("Syrians", "the civilians") are Organisations, a person may be
a phrase ("a spokesman", "Foreign Secretary Boris Johnson"), places and weapons may be common
nouns ("the town", "air strikes"), and pronouns are Persons or Organisations. This adapter maps
sitrep's mentions onto that scheme using the parse, adds the common-noun phrases of
`sitrep.nlp.phrases`, and keeps the longest of nested predictions: an entity inside a phrase
("Syrian" in "Syrian refugees", "15" in "15 civilians") is part of the phrase's entity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span

from sitrep.evaluate.re3d import OUR_TO_RE3D
from sitrep.extract.pipeline import extract_parsed
from sitrep.ingest import text_hash
from sitrep.model import Document, Mention
from sitrep.nlp.phrases import left_start, noun_class, noun_phrases
from sitrep.nlp.pipeline import load_nlp
from sitrep.where import resolve_place

Prediction = tuple[int, int, str]

PERSON_PRONOUNS = {"i", "me", "myself", "he", "him", "she", "her", "herself", "himself"}
# "them" is left out: it mostly stands for things or for groups re3d does not mark.
GROUP_PRONOUNS = {"we", "us", "they"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
SPATIAL_PREPS = {"in", "at", "near", "into", "outside", "around", "towards", "toward", "inside",
                 "across", "through"}
HEAD_CLASS_TYPES = {"location": "Location", "group": "Organisation"}


def _actor_dep(span: Span) -> bool:
    """Whether a span is the subject, agent or possessor of a clause, or coordinated with one."""
    tok = span.root
    for _ in range(6):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.dep_ in ACTOR_DEPS


def _spatial_object(span: Span) -> bool:
    """Whether a span is the object of a preposition of place ("in Daquq")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in SPATIAL_PREPS


def _misread_name(m: Mention, span: Span) -> str | None:
    """The re3d type of a name the tagger labelled wrongly, judged by the parse and the place
    gazetteer; None when the label stands."""
    if m.code is not None:
        return None
    if m.type in ("ORG", "PLACE", "PERSON") and span.root.i == span.end - 1:
        head_type = HEAD_CLASS_TYPES.get(noun_class(span.root) or "")
        if head_type:
            return head_type  # "the Mosul Dam", "Al Assad University Hospital"
    subject = span.root.dep_ in ("nsubj", "nsubjpass")
    if m.type == "NORP" and resolve_place(m.text):
        return "Location"  # a city read as a nationality ("Aleppo")
    if m.type == "PERSON" and _spatial_object(span) and resolve_place(m.text):
        return "Location"  # "in Sinjar"
    if m.type == "PLACE" and subject and not resolve_place(m.text):
        return "Person"  # an unknown one-word "place" that acts ("Karim says")
    if m.type == "ORG" and subject and len(span) == 1 and not m.text.isupper():
        return "Person"  # an unknown single name, not an acronym, that acts
    return None


def _type(m: Mention, span: Span | None) -> str | None:
    label = OUR_TO_RE3D.get(m.type)
    if span is None:
        return label
    misread = _misread_name(m, span)
    if misread:
        return misread
    if m.type == "COUNTRY" and _actor_dep(span):
        return "Organisation"
    if m.type == "NORP" and span.root.tag_ in ("NNS", "NNPS"):
        return "Organisation"  # "Syrians", "Iraqis": a group of people
    if m.type == "QUANTITY" and (any(c in m.text for c in "$£€") or "dollar" in m.text):
        return None  # money is a type re3d scores apart
    return label


def _entity(m: Mention, doc: Doc) -> Prediction | None:
    """One mention as a prediction; a person's span takes in the title and modifiers before it."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    label = _type(m, span)
    if label is None:
        return None
    start = m.start
    if label == "Person" and span is not None and span.root.i == span.end - 1:
        start = min(start, doc[left_start(span.root)].idx)
    return (start, m.end, label)


def _pronouns(doc: Doc) -> Iterable[Prediction]:
    for tok in doc:
        if tok.pos_ != "PRON" or tok.tag_ == "PRP$":
            continue  # a possessive belongs to its noun's phrase ("his family")
        if tok.lower_ in PERSON_PRONOUNS:
            yield (tok.idx, tok.idx + len(tok), "Person")
        elif tok.lower_ in GROUP_PRONOUNS:
            yield (tok.idx, tok.idx + len(tok), "Organisation")


def _bare_is(doc: Doc) -> Iterable[Prediction]:
    """"IS" (Islamic State) in running text; in an all-capitals sentence it is the verb."""
    for tok in doc:
        if tok.text != "IS":
            continue
        words = [t for t in tok.sent if t.is_alpha]
        if sum(t.is_upper for t in words) * 2 < len(words):
            yield (tok.idx, tok.idx + 2, "Organisation")


def _title_name_pairs(preds: list[Prediction], titles: set[Prediction],
                      text: str) -> list[Prediction]:
    """A title and a name that only a space separates ("Foreign Secretary Boris Johnson") as one
    Person span; re3d keeps an apposition after a comma apart."""
    merged: list[Prediction] = []
    for p in sorted(p for p in preds if p[2] == "Person"):
        last = merged[-1] if merged else None
        if (last and (last in titles or p in titles) and 0 <= p[0] - last[1] <= 1
                and text[last[1]:p[0]].strip(" ") == ""):
            merged[-1] = (last[0], max(last[1], p[1]), "Person")
            titles.add(merged[-1])
        else:
            merged.append(p)
    return [p for p in preds if p[2] != "Person"] + merged


def _outermost(preds: Iterable[Prediction]) -> list[Prediction]:
    """Drop every prediction lying inside a longer (or equal, earlier-listed) one."""
    kept: list[Prediction] = []
    for p in sorted(dict.fromkeys(preds), key=lambda p: p[0] - p[1]):
        if not any(k[0] <= p[0] and p[1] <= k[1] for k in kept):
            kept.append(p)
    return sorted(kept)


def predict_doc(doc: Doc, mentions: list[Mention]) -> list[Prediction]:
    """re3d-typed spans of a parsed document and its sitrep mentions."""
    entities = [(p, m.type) for m in mentions if (p := _entity(m, doc))]
    titles = {p for p, kind in entities if kind == "TITLE"}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    phrases = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label)
               for s, e, label, head in noun_phrases(doc) if doc[head].idx not in covered]
    preds = [p for p, _ in entities] + phrases + list(_pronouns(doc)) + list(_bare_is(doc))
    return _outermost(_title_name_pairs(preds, titles, doc.text))


def re3d_predictor() -> Callable[[str], list[Prediction]]:
    """A function from raw text to (start, end, re3d type) spans, offsets in that text."""
    nlp = load_nlp()

    def predict(text: str) -> list[Prediction]:
        doc = nlp(text)
        result = extract_parsed(Document(id="re3d", text=text, hash=text_hash(text)), doc)
        return predict_doc(doc, result.mentions)

    return predict
