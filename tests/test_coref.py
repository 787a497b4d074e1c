"""One-sentence-back coreference on sentences written for these tests, through the pipeline."""

from __future__ import annotations

from sitrep.extract import coref
from sitrep.extract.context import Context
from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document
from sitrep.nlp.pipeline import load_nlp


def deployments(text: str) -> list[dict]:
    doc = make_document(text, id="t", published="2016-10-25")
    return [f.data for f in extract_document(doc).facts if f.kind == "deployments"]


def only(text: str) -> dict:
    found = deployments(text)
    assert len(found) == 1, found
    return found[0]


def context(text: str) -> Context:
    from sitrep.actors.gazetteer import load_gazetteer
    from sitrep.extract import persons
    from sitrep.nlp.mentions import doc_mentions

    gaz = load_gazetteer()
    doc = load_nlp()(text)
    ctx = Context(document=make_document(text, id="t"), doc=doc, gaz=gaz,
                  mentions=doc_mentions(doc, gaz))
    ctx.persons = persons.resolve_persons(ctx)
    return ctx


def token(ctx: Context, word: str, nth: int = 0):
    return [t for t in ctx.doc if t.lower_ == word][nth]


def test_the_deployment_named_in_the_next_sentence():
    d = only("Canada will deploy up to 69 special forces advisers to northern Iraq. "
             "The deployment, named Operation IMPACT, will last six months.")
    assert (d["country"], d["count"], d["operation"]) == ("CAN", 69, "Operation IMPACT")


def test_the_mission_known_as_an_operation_nobody_listed():
    d = only("Finland will send up to 45 trainers to Jordan. The mission, known as "
             "Operation Northern Lantern, begins in May.")
    assert (d["country"], d["operation"]) == ("FIN", "Operation Northern Lantern")


def test_the_deployment_is_part_of_an_operation():
    d = only("Estonia has 130 soldiers in Mali. The deployment is part of Operation Desert "
             "Falcon.")
    assert d["operation"] == "Operation Desert Falcon"


def test_the_operation_refers_back_and_gives_the_country():
    d = only("Under Operation Silver Harbour, Portugal keeps a frigate in the Gulf. "
             "The operation will add 80 sailors next year.")
    assert (d["country"], d["count"], d["operation"]) == ("PRT", 80, "Operation Silver Harbour")


def test_no_operation_two_sentences_back():
    d = only("Operation Amber Gate began in June. The weather was poor. "
             "The mission will add 150 Polish troops.")
    assert d["operation"] is None


def test_an_unrelated_next_sentence_gives_no_operation():
    d = only("Norway will send 60 soldiers to Jordan. The minister praised Operation Blue "
             "Shield in a speech.")
    assert d["operation"] is None


def test_api_antecedent_same_sentence_and_previous_sentence():
    ctx = context("The Global Coalition against Daesh met in Rome. The coalition agreed to "
                  "expand training.")
    the_coalition = token(ctx, "coalition", 1)
    assert coref.np_kind(the_coalition) == "organization"
    found = coref.antecedent(ctx, the_coalition, "organization")
    assert found is not None and "Coalition" in found.text


def test_api_person_for_title_and_pronoun():
    ctx = context("Foreign Minister Anna Berglund met General Omar Tariq in Amman. "
                  "The minister said the talks went well. He said his troops were ready.")
    minister = coref.person_for(ctx, token(ctx, "minister", 1))
    assert minister is not None and minister.name == "Anna Berglund"
    he = coref.person_for(ctx, token(ctx, "he"))
    assert he is not None and he.name == "Omar Tariq"  # the last person named
    assert coref.np_kind(token(ctx, "amman")) is None


def test_the_next_sentence_about_another_states_deployment():
    d = only("Canada will deploy up to 69 special forces advisers to northern Iraq. "
             "The German deployment, named Operation Counter Storm, is larger.")
    assert (d["country"], d["operation"]) == ("CAN", None)


def test_api_title_for_the_one_person_of_the_sentence_before():
    ctx = context("Lena Holm toured the naval base on Monday. The minister praised the crews.")
    found = coref.person_for(ctx, token(ctx, "minister"))
    assert found is not None and found.name == "Lena Holm"
    ctx = context("Lena Holm met Piotr Zielinski on Monday. The minister praised the crews.")
    assert coref.person_for(ctx, token(ctx, "minister")) is None


def test_force_held_by_a_state_and_named_in_the_next_sentence():
    d = only("Australia has about 780 personnel deployed in the region. The contribution, "
             "known as Operation Southern Reef, includes six aircraft.")
    assert (d["country"], d["count"], d["operation"]) == ("AUS", 780,
                                                          "Operation Southern Reef")
