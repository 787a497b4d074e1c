"""Merging, series and actor rules of sitrep.picture on hand-built facts (no parsing)."""

from __future__ import annotations

from sitrep.picture.actors import role_key, roles_compatible
from sitrep.picture.corrections import Correction, apply_fact_corrections
from sitrep.picture.facts import RawFact
from sitrep.picture.keys import dates_agree, fact_date, noisy_or
from sitrep.picture.merge import merge_attacks, merge_meetings
from sitrep.picture.series import Observation, build_series


def fact(kind: str, data: dict, doc: str = "d1", published: str = "2016-02-12",
         confidence: float = 0.9) -> RawFact:
    return RawFact(1, doc * 8, doc, published, None, kind, data, "evidence", 0, 8, confidence)


def meeting(city, date, chairs, doc, country="BEL", participants=()):
    return fact("meetings", {"name": "meeting", "city": city, "country": country, "date": date,
                             "chairs": list(chairs), "participants": list(participants)}, doc)


def test_dates_agree_by_prefix_or_one_day():
    assert dates_agree("2016-02", "2016-02-11")
    assert dates_agree("2016-02-11", "2016-02-12", days=1)
    assert not dates_agree("2016-02-11", "2016-02-14", days=1)
    assert not dates_agree(None, "2016-02-11")


def test_fact_date_ignores_dates_after_the_document():
    assert fact_date("2019-03-31", "2017-06-30") == "2017-06-30"  # "until March 2019"
    assert fact_date("2016-10-25", "2016-10-26") == "2016-10-25"
    assert fact_date(None, "2016-10-26") == "2016-10-26"


def test_same_meeting_from_two_documents_is_one_with_both_sources():
    a = meeting("Brussels", "2016-02-11", ["USA"], "a", participants=["GCAD"])
    b = meeting("Brussels", "2016-02-11", ["USA"], "b", participants=["CAN"])
    other_chairs = meeting("Brussels", "2016-02-11", ["FRA"], "c")
    other_day = meeting("Brussels", "2016-02-20", ["USA"], "d")
    merged = merge_meetings([a, b, other_chairs, other_day], lambda f: [])
    assert len(merged) == 3
    first = next(m for m in merged if m.source_count == 2)
    assert first.data["participants"] == ["GCAD", "CAN"]
    assert first.confidence == noisy_or([0.9, 0.9]) > 0.9


def test_undated_meetings_never_merge():
    merged = merge_meetings([meeting("Paris", None, [], "a"), meeting("Paris", None, [], "b")],
                            lambda f: [])
    assert len(merged) == 2


def test_attack_casualty_figures_differing_are_kept_side_by_side():
    a = fact("attacks", {"location_country": "IRQ", "city": "Baghdad", "date": "2016-07-03",
                         "perpetrator": "ISIL", "killed": 292}, "a")
    b = fact("attacks", {"location_country": "IRQ", "city": "Baghdad", "date": "2016-07-03",
                         "perpetrator": "Daesh", "killed": 324}, "b")
    merged = merge_attacks([a, b], lambda f: "ISIL")
    assert len(merged) == 1
    assert sorted(v.value for v in merged[0].conflicts["killed"]) == [292, 324]


def _obs(date, value, doc, qualifier=None):
    return Observation(date, value, qualifier, "personnel", fact("deployments", {}, doc, date))


def test_series_conflict_side_by_side_and_runs_merged():
    s = build_series("deployment", {}, "x", [
        _obs("2016-02-09", 830, "a", "about"), _obs("2016-10-26", 830, "b", "about"),
        _obs("2017-03-23", 68, "c"), _obs("2017-03-24", 69, "d"),
    ])
    assert [(p.date, p.until) for p in s.points] == [("2016-02-09", "2016-10-26"),
                                                     ("2017-03-23", "2017-03-24")]
    assert s.points[0].values[0].source_count == 2 and not s.points[0].conflict
    assert s.points[1].conflict and sorted(v.value for v in s.points[1].values) == [68, 69]


def test_different_figures_from_one_document_are_not_a_conflict():
    s = build_series("deployment", {}, "x", [_obs("2014-10-08", 6, "a"),
                                             _obs("2014-10-08", 2, "a")])
    assert len(s.points[0].values) == 2 and not s.points[0].conflict


def test_role_keys_equate_word_orders_and_states():
    assert role_key("Minister of National Defence") == role_key("Canada's defence minister")
    assert role_key("US Secretary of State") == role_key("Secretary of State")
    assert role_key("BRUSSELS - Canada's defence minister") == {"defence", "minister"}
    assert roles_compatible(role_key("Minister"), role_key("Defence Minister"))
    assert not roles_compatible(role_key("Foreign Minister"), role_key("Defence Minister"))


def test_corrections_match_content_not_pk():
    f = fact("deployments", {"country": "CAN", "unit": "personnel", "count": 850}, "a")
    g = fact("deployments", {"country": "CAN", "unit": "personnel", "count": 830}, "a")
    edit = Correction(1, "edit", f.doc_hash, "deployments", f.identity, None, "qualifier",
                      "up to", None, "")
    reject = Correction(2, "reject", g.doc_hash, "deployments", g.identity, None, None, None,
                        None, "")
    f.pk, g.pk = 99, 100  # re-extracted rows get new pks
    kept, rejected = apply_fact_corrections([f, g], [edit, reject])
    assert kept == [f] and f.data["qualifier"] == "up to" and rejected == [g]
