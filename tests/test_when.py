"""Date expressions resolved against a document's published date."""

import pytest

from sitrep.when import resolve_date

PUBLISHED = "2020-06-15"  # a Monday


@pytest.mark.parametrize(("text", "expected"), [
    ("12 March 2019", "2019-03-12"),
    ("March 2019", "2019-03"),
    ("in 2014", "2014"),
    ("12 March", "2020-03-12"),
    ("today", "2020-06-15"),
    ("yesterday", "2020-06-14"),
    ("Saturday", "2020-06-13"),
    ("last month", "2020-05"),
    ("last year", "2019"),
    ("in March", "2020-03"),
    ("last July", "2019-07"),
    ("March", "2020-03"),
    ("mid-March", "2020-03"),
    ("the end of April", "2020-04"),
    ("0830 GMT", None),
    ("recently", None),
])
def test_resolve_date(text, expected):
    assert resolve_date(text, PUBLISHED) == expected


def test_relative_dates_need_a_published_date():
    assert resolve_date("March", None) is None
    assert resolve_date("March 2019", None) == "2019-03"
