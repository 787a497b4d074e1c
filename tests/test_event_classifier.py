"""The event type classifier: shipped in the package, right on clear sentences of our own,
reproducible to train, and consulted by the coder only where its rules leave the type open."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.events import classifier
from sitrep.events.templates import own_sentences
from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

# Sentences written for this test (none is in the training data), one clear type each.
CLEAR = [
    ("CONSULT", "Ministers from Chile and Peru held talks in Lima on Monday."),
    ("ASSAULT", "Rebel fighters attacked an army base near the border, killing six soldiers."),
    ("PROTEST", "Thousands of protesters marched through the capital to demand the "
                "president's resignation."),
    ("AID", "Japan delivered emergency food aid to flood victims in Bangladesh."),
    ("THREATEN", "The government threatened to expel foreign journalists."),
    ("REQUEST", "Norway urged both sides to return to the negotiating table."),
    ("COERCE", "Police arrested dozens of opposition supporters in the capital."),
    ("REJECT", "The foreign ministry rejected the proposal outright."),
    ("SANCTION", "Washington imposed new sanctions on Iranian banks."),
    ("ACCUSE", "The minister accused the neighbouring state of harbouring militants."),
    ("ACCUSE", "Kenya accused Uganda of harbouring rebels."),
    ("AGREE", "Both governments pledged to work together on border security."),
    ("RETREAT", "The army withdrew its troops from the disputed region."),
    ("MOBILIZE", "The defence ministry deployed additional troops along the frontier."),
    ("SUPPORT", "The president praised the peacekeepers for their courage."),
    ("CONCEDE", "The government lifted the state of emergency in the north."),
]


def coded(text: str) -> list[dict]:
    doc = make_document(text, id="t", published="2024-06-01")
    return [f.data for f in extract_document(doc).facts if f.kind == "events"]


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp.pipeline import load_nlp

    return load_nlp()


def test_the_model_ships_in_the_package_and_loads_once():
    assert classifier.MODEL_DIR.is_relative_to(sitrep.__path__[0])
    size = sum(f.stat().st_size for f in classifier.MODEL_DIR.rglob("*") if f.is_file())
    assert 0 < size < 5_000_000
    model = classifier.shipped()
    assert model is not None and model is classifier.shipped()
    assert set(model.textcat.labels) == set(classifier.PLOVER_TYPES)


def test_clear_sentences_of_our_own_are_classified(nlp):
    model = classifier.shipped()
    scores = model.scores([nlp(text)[:] for _, text in CLEAR])
    right = [gold for (gold, _), s in zip(CLEAR, scores, strict=True)
             if max(s, key=s.__getitem__) == gold]
    assert len(right) >= len(CLEAR) - 2, right
    assert len(set(right)) >= 12  # of the 16 PLOVER types
    for s in scores:
        assert abs(sum(s.values()) - 1) < 1e-3


def test_training_is_reproducible(nlp):
    from sitrep.events.features import sentence_features

    pairs = own_sentences()[:300]
    data = [(sentence_features(doc[:]), t)
            for doc, (_, t) in zip(nlp.pipe(s for s, _ in pairs), pairs, strict=True)]
    first, again = classifier.train(data, epochs=3), classifier.train(data, epochs=3)
    other = classifier.train(data, seed=7, epochs=3)
    weights = lambda m: m.textcat.model.to_bytes()  # noqa: E731
    assert weights(first) == weights(again)
    assert weights(first) != weights(other)
    words = [w for w, _ in data[:20]]
    assert first.score_words(words) == again.score_words(words)


def test_own_sentences_are_reproducible_and_cover_every_type():
    first = own_sentences()
    assert first == own_sentences()
    assert {t for _, t in first} == set(classifier.PLOVER_TYPES)
    assert len(first) > 1000


def test_competing_types_are_reranked_but_coordinated_acts_kept():
    # a purpose clause competes with the main act: one event
    events = coded("Hungary and Romania agreed that their countries should cooperate to "
                   "encourage refugees to return home.")
    assert [e["event"] for e in events] == ["AGREE"]
    # two coordinated acts of one subject are both reported
    events = coded("Canadian forces train Iraqi soldiers and support the Coalition with "
                   "skilled personnel.")
    assert {e["event"] for e in events} >= {"AID", "SUPPORT"}


def test_without_the_classifier_the_rules_still_code():
    text = ("Senior Hungarian and Romanian officials agreed on Wednesday that their countries "
            "should cooperate to encourage Romanian refugees to return home.")
    with classifier.using(None):
        rules = coded(text)
    assert "AGREE" in {e["event"] for e in rules}
    assert [e["event"] for e in coded(text)] == ["AGREE"]


def test_a_sentence_without_a_trigger_is_typed_only_when_the_classifier_is_sure():
    assert coded("The weather in Ottawa was cold and the river froze early this year.") == []
    assert coded("Canada pays tribute to the victims of the attacks in Paris.") == []


def test_cross_validation_trains_each_fold_without_it(tmp_path, nlp, monkeypatch):
    from sitrep.evaluate.plover import run_folds
    from sitrep.events.features import sentence_features

    gold = [{"id": f"g{i}", "event": event, "text": text,
             "source": [{"code": code}], "target": [{"code": target}]}
            for i, (event, text, code, target) in enumerate([
                ("ASSAULT", "Ethiopian troops attacked Eritrean positions on Monday.", "ETH",
                 "ERI"),
                ("CONSULT", "Chile and Peru held talks in Lima on Monday.", "CHL", "PER"),
                ("SANCTION", "Washington imposed new sanctions on Venezuela.", "USA", "VEN"),
                ("REQUEST", "Egypt demanded that Israel withdraw its troops.", "EGY", "ISR"),
            ])]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    pairs = own_sentences()[::5]
    own = [(sentence_features(doc[:]), t)
           for doc, (_, t) in zip(nlp.pipe(s for s, _ in pairs), pairs, strict=True)]
    trained: list[int] = []
    real = classifier.train

    def counting(data, **kw):
        trained.append(len(data))
        return real(data, **kw)

    monkeypatch.setattr(classifier, "train", counting)  # the real training, counted
    report, _, coded = run_folds(path, 2, own=own)
    assert trained == [len(own) + 2, len(own) + 2]  # our sentences and the other fold
    assert report.n == 4 and report.accuracy >= 0.75 and len(coded) == 4
    res = CliRunner().invoke(app, ["eval-events", str(path), "--folds", "1"])
    assert res.exit_code != 0 and "at least 2 folds" in res.output
