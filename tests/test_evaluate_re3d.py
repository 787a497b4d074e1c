"""The re3d mention scorer: loading, type mapping and overlap matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate.re3d import (
    OUR_TO_RE3D,
    RE3D_TYPES,
    Re3dDoc,
    load_re3d,
    mentions_to_spans,
    run,
    score_mentions,
    score_spans,
)
from sitrep.model import Mention

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
RE3D = SHARED / "data" / "re3d"

TEXT = "The Foreign Secretary met Iraqi officials in Baghdad on Monday."


def entity(begin: int, end: int, type_: str, confidence: object = 1) -> dict[str, object]:
    return {"_id": f"d1-{begin}-{end}-{type_}", "documentId": "d1", "begin": begin, "end": end,
            "type": type_, "value": TEXT[begin:end], "confidence": confidence}


def write_fixture(root: Path) -> None:
    source = root / "Some Source"
    source.mkdir(parents=True)
    doc = {"_id": "d1", "title": "t", "text": TEXT, "sourceName": "Some Source"}
    (source / "documents.json").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    entities = [
        entity(0, 21, "Person"),  # The Foreign Secretary
        entity(4, 21, "Person", 0),  # dropped: confidence 0
        entity(26, 31, "Nationality", 0.5),  # Iraqi
        entity(26, 41, "Organisation", 0.49),  # dropped: below 0.5
        entity(44, 53, "Location", {"$numberDouble": "0.9"}),  # " Baghdad ", trimmed
        entity(25, 26, "Person"),  # dropped: blank
        entity(56, 62, "Temporal", 0.99),  # Monday
        entity(0, 3, "DocumentReference"),  # dropped: type not scored
    ]
    lines = "\n".join(json.dumps(e) for e in entities)
    (source / "entities.json").write_text(lines + "\n", encoding="utf-8")


def test_load_fixture(tmp_path: Path) -> None:
    write_fixture(tmp_path)
    [doc] = load_re3d(tmp_path)
    assert doc.id == "d1" and doc.source == "Some Source"
    assert doc.gold == [(0, 21, "Person"), (26, 31, "Nationality"), (45, 52, "Location"),
                        (56, 62, "Temporal")]


def test_overlap_matching_rules() -> None:
    gold = [(0, 10, "Person"), (12, 20, "Person"), (30, 40, "Location")]
    pred = [
        (5, 14, "Person"),  # overlaps both Person spans: takes (0, 10), the larger overlap
        (6, 8, "Person"),  # overlaps only (0, 10), already matched: FP
        (10, 12, "Person"),  # touches both but shares no character: FP
        (30, 40, "Organisation"),  # right span, wrong type: FP
        (35, 45, "Location"),  # partial overlap, same type: TP
        (35, 45, "Location"),  # exact duplicate: counted once
        (0, 3, "Vehicle"),  # not a scored type: ignored
    ]
    counts = score_spans(gold, pred)
    assert (counts["Person"].tp, counts["Person"].fp, counts["Person"].fn) == (1, 2, 1)
    assert (counts["Location"].tp, counts["Location"].fp, counts["Location"].fn) == (1, 0, 0)
    assert (counts["Organisation"].tp, counts["Organisation"].fp) == (0, 1)
    assert set(counts) == set(RE3D_TYPES)


def test_score_mentions_report(tmp_path: Path) -> None:
    write_fixture(tmp_path)
    mentions = [
        Mention("Foreign Secretary", 4, 21, "TITLE"),
        Mention("Iraqi", 26, 31, "NORP"),
        Mention("Baghdad", 45, 52, "PLACE"),
        Mention("Monday", 56, 62, "OPERATION"),  # not scored
    ]
    reports = run(tmp_path, lambda text: mentions_to_spans(mentions))
    report = reports["all"]
    # The fixture's id is in no list of the split, so it belongs to the development part.
    assert reports["dev"].to_dict() == report.to_dict()
    assert reports["test"].documents == 0
    assert (report.total.tp, report.total.fp, report.total.fn) == (3, 0, 1)
    assert report.counts["Temporal"].recall == 0.0
    assert report.counts["Weapon"].precision is None
    lines = report.table().splitlines()
    assert lines[0].split() == ["type", "gold", "pred", "tp", "P", "R", "F1"]
    assert lines[-1].split() == ["all", "4", "3", "3", "1.000", "0.750", "0.857"]
    assert report.to_dict()["rows"]["Person"]["tp"] == 1


def test_type_mapping() -> None:
    assert OUR_TO_RE3D["TITLE"] == "Person"
    assert OUR_TO_RE3D["OPERATION"] is None
    assert {t for t in OUR_TO_RE3D.values() if t} == set(RE3D_TYPES)


def test_load_shared_re3d() -> None:
    if not RE3D.exists():
        pytest.skip("shared/data/re3d not present")
    docs = load_re3d(RE3D)
    assert len(docs) > 50
    assert all(isinstance(d, Re3dDoc) for d in docs)
    assert sum(len(d.gold) for d in docs) > 1000
    for doc in docs:
        for start, end, type_ in doc.gold:
            assert doc.text[start:end].strip(), (doc.id, start, end)
            assert type_ in RE3D_TYPES
    perfect = score_mentions(docs[:5], {d.text: d.gold for d in docs}.__getitem__)
    assert perfect.total.f1 == 1.0
