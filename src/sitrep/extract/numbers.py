"""Numbers in words and digits, their hedges ("about", "up to") and multipliers ("triple")."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("approximately", "about"), ("about", "about"), ("around", "about"), ("some", "about"),
    ("roughly", "about"), ("an estimated", "about"), ("up to", "up to"),
    ("as many as", "up to"), ("a maximum of", "up to"), ("more than", "more than"),
    ("over", "more than"), ("in excess of", "more than"), ("upwards of", "more than"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("just under", "nearly"), ("exactly", "exactly"), ("precisely", "exactly"),
)
MULTIPLIERS = {"double": 2, "doubl": 2, "twice": 2, "tripl": 3, "thrice": 3, "quadrupl": 4}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def _digits(word: str) -> float | None:
    return float(word.replace(",", "")) if _DIGITS.match(word) else None


def parse_number(text: str) -> int | None:
    """The integer a number phrase states ("8,000", "1.6 million", "twenty-five"), else None."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        value = _digits(word)
        if value is not None:
            current += value
        elif word in UNITS:
            current = current * 12 if word == "dozen" and current else current + UNITS[word]
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1_000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    number = total + current
    fraction = abs(number - round(number)) > 1e-6 * max(number, 1.0)  # "1.5" is no count
    if not seen or fraction or words in (["a"], ["an"]):
        return None
    return round(number)


def parse_quantity(text: str) -> tuple[str | None, int | None]:
    """(qualifier, count) of a hedged number phrase ("about 830" → ("about", 830))."""
    low = " ".join(text.lower().split())
    for phrase, qualifier in QUALIFIERS:
        if low.startswith(phrase + " "):
            return qualifier, parse_number(low[len(phrase) + 1:])
    return None, parse_number(low)


def multiplier(word: str) -> int | None:
    """The factor a verb of growth states ("tripling" → 3, "doubled" → 2), else None."""
    low = word.lower()
    for stem, factor in MULTIPLIERS.items():
        if low.startswith(stem):
            return factor
    return None
