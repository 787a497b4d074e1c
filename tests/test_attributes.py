"""The indexed attribute rules give the same tokens as the model's own AttributeRuler."""

from __future__ import annotations

import pytest
import spacy
from model_support import parsed_before
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from sitrep.nlp.attributes import IndexedAttributes, UnsupportedRule
from sitrep.nlp.pipeline import load_nlp

COLUMNS = [POS, TAG, DEP, LEMMA, MORPH]
# Text that reaches every kind of rule: tag rules, word exceptions, rules that read the
# dependency label, two-token rules, regular expressions on the word, and whitespace tokens.
RULE_TEXT = (
    "Y'all gonna get it, and we gotta go. I ain't nothin' but c'mon, let's see. "
    "There is a plan and there are two. It is what it is; I saw it and she saw me. "
    "Which is that? But he did not know whether they had left.\n\n  \t"
    "Do you have it? He does. They got it and she gets it. You told me that I'm here."
)


@pytest.fixture(scope="module")
def parsed_without_rules():
    """Docs parsed by the model up to (not including) its attribute rules."""
    return parsed_before("attribute_ruler", RULE_TEXT, exclude=["lemmatizer", "ner"])


def test_same_tokens_as_the_attribute_ruler(parsed_without_rules) -> None:
    nlp, docs = parsed_without_rules
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedAttributes(ruler)
    for doc in docs:
        expected = ruler(doc.copy())
        got = indexed(doc.copy())
        for want, have in zip(expected, got, strict=True):
            assert (have.pos_, have.tag_, have.dep_, have.lemma_, str(have.morph)) == (
                want.pos_, want.tag_, want.dep_, want.lemma_, str(want.morph)), want.text
        assert (expected.to_array(COLUMNS) == got.to_array(COLUMNS)).all()


def test_rules_apply_in_order_later_ones_win(parsed_without_rules) -> None:
    """A word exception overrides the tag rule: "not" is PART, "'s" after "let" is "us"."""
    nlp, _ = parsed_without_rules
    doc = load_nlp()("Let's not wait.")
    assert [t.pos_ for t in doc][2] == "PART"
    assert doc[1].lemma_ == "us"


def test_the_shared_pipeline_uses_the_indexed_rules() -> None:
    names = load_nlp().pipe_names
    assert "sitrep_attributes" in names and "attribute_ruler" not in names
    order = [names.index(n) for n in ("parser", "sitrep_attributes", "sitrep_lemmatizer")]
    assert order == sorted(order)


def test_unknown_rule_shapes_are_refused(parsed_without_rules) -> None:
    nlp, _ = parsed_without_rules
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"LEMMA": "y"})
    with pytest.raises(UnsupportedRule):
        IndexedAttributes(ruler)
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"LEMMA": "y"})
    with pytest.raises(UnsupportedRule):
        IndexedAttributes(ruler)
