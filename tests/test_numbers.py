"""Number phrases, hedges and multipliers."""

import pytest

from sitrep.extract.numbers import multiplier, parse_number, parse_quantity


@pytest.mark.parametrize(("text", "value"), [
    ("830", 830), ("8,000", 8000), ("1.6 million", 1_600_000), ("three hundred", 300),
    ("twenty-five", 25), ("a dozen", 12), ("69", 69), ("two dozen", 24),
    ("one hundred and fifty", 150), ("2.5 billion", 2_500_000_000), ("4.35 million", 4_350_000),
    ("twelve thousand five hundred", 12_500),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "a", "several", "1.5", "troops"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("about 830", ("about", 830)), ("approximately 40", ("about", 40)),
    ("around 1,000", ("about", 1000)), ("some 300", ("about", 300)),
    ("roughly 75", ("about", 75)), ("up to 600", ("up to", 600)),
    ("as many as 90", ("up to", 90)), ("a maximum of 12", ("up to", 12)),
    ("more than 1,000", ("more than", 1000)), ("over 200", ("more than", 200)),
    ("in excess of 5,000", ("more than", 5000)), ("nearly 2,000", ("nearly", 2000)),
    ("almost fifty", ("nearly", 50)), ("close to 700", ("nearly", 700)),
    ("just under 400", ("nearly", 400)), ("exactly 12", ("exactly", 12)),
    ("450", (None, 450)), ("About  830", ("about", 830)),
])
def test_parse_quantity(text: str, expected: tuple) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(("word", "factor"), [
    ("triple", 3), ("tripling", 3), ("tripled", 3), ("double", 2), ("doubling", 2),
    ("Doubled", 2), ("quadruple", 4), ("deploy", None),
])
def test_multiplier(word: str, factor: int | None) -> None:
    assert multiplier(word) == factor
