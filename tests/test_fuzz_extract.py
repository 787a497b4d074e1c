"""Hostile text through the extractors: a result or a per-document error, JSON-serialisable,
offsets inside the text; the per-document time limit and the bounds on pathological text."""

from __future__ import annotations

import json
import signal
import threading
import time

import pytest
from fuzzing import FUZZ, QUOTES, hostile_texts
from hypothesis import given
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.extract.deadline import DocumentTimeout, time_limit
from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document
from sitrep.model import Extraction
from sitrep.nlp.bounds import MAX_RUN, MAX_SENTENCE, BoundedTokenizer
from sitrep.nlp.pipeline import load_nlp

SMALL = "Canada will deploy 200 troops to Iraq, Defence Minister Harjit Sajjan said."


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load the model and every lazy table once, outside any time limit."""
    extract_document(make_document(SMALL))


def check(result: Extraction) -> None:
    """JSON-serialisable (no NaN), offsets inside the text, evidence taken from it."""
    text = result.document.text
    json.dumps(result.to_json(), allow_nan=False, ensure_ascii=False)
    for m in result.mentions:
        assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text
    for f in result.facts:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.evidence.strip() == text[f.start:f.end].strip()
        assert 0.0 <= f.confidence <= 1.0
    for p in result.places:
        assert 0 <= p["start"] <= p["end"] <= len(text)


@FUZZ
@given(text=hostile_texts(max_times=3_000))
def test_extractor_gives_a_result_or_a_per_document_error(text: str) -> None:
    doc = make_document(text)
    if not doc.text:
        return  # the reader refuses empty documents before extraction
    try:
        result = extract_document(doc)
    except DocumentTimeout:
        return  # the per-document error the batch reports
    check(result)


@pytest.mark.parametrize("mark", QUOTES[:2])
def test_ten_thousand_quotation_marks(mark: str) -> None:
    check(extract_document(make_document(mark * 10_000 + " Canada said.")))


def test_bounded_tokenizer_keeps_every_character() -> None:
    nlp = load_nlp()
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    for text in ['"' * 5_000, "a" * (3 * MAX_RUN + 7) + " x " + "“" * (MAX_RUN + 1), "plain text"]:
        doc = nlp.make_doc(text)
        assert doc.text == text
        assert all(len(t) <= MAX_RUN for t in doc)
    ordinary = "Canada's troops (about 200) won't leave Iraq, the U.S.-led coalition said."
    assert [t.text for t in nlp.make_doc(ordinary)] == [
        t.text for t in nlp.tokenizer.tokenizer(ordinary)]


def test_endless_sentence_is_cut_before_parsing() -> None:
    doc = load_nlp()("Canada deployed troops " * 400)  # 1,200 tokens without a full stop
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE
    check(extract_document(make_document("Canada deployed troops " * 400)))


def test_time_limit_interrupts_and_restores_the_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTimeout, match="took longer than 0.2 s"), time_limit(0.2):
        while True:
            pass
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(5):
        pass  # finishes in time: nothing raised


def test_time_limit_repeats_when_code_swallows_it() -> None:
    swallowed = 0
    with pytest.raises(DocumentTimeout), time_limit(0.1):
        while True:
            try:
                while True:
                    pass
            except DocumentTimeout:
                swallowed += 1
                if swallowed > 1:
                    raise
    assert swallowed == 2


def test_no_time_limit_off_the_main_thread() -> None:
    done: list[bool] = []

    def work() -> None:
        with time_limit(0.05):
            time.sleep(0.2)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


def test_slow_document_is_an_error_and_the_batch_goes_on(tmp_path, monkeypatch) -> None:
    (tmp_path / "a-slow.txt").write_text("Canada deployed troops " * 6_000)
    (tmp_path / "b-small.txt").write_text(SMALL)
    monkeypatch.setenv("SITREP_MAX_SECONDS", "1")
    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'a-slow.txt'}: took longer than 1 s" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b-small"]
