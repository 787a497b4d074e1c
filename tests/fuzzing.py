"""Hostile inputs for the property-based tests and `bench/fuzz.py`: Hypothesis strategies for
text and file bytes, and a settings profile (`SITREP_FUZZ_EXAMPLES` scales it up)."""

from __future__ import annotations

import functools
import gzip
import io
import os
import zipfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("SITREP_FUZZ_EXAMPLES", "25"))
settings.register_profile(
    "sitrep-fuzz", max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture])
FUZZ = settings.get_profile("sitrep-fuzz")

QUOTES = ['"', "“", "”", "‘", "’", "'", '""', "«", "»"]
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Words that wake the extractors: actors, titles, speech and deployment verbs, figures, dates.
WORDS = [
    "Canada", "France", "Iraq", "Syria", "NATO", "ISIL", "Daesh", "Global", "Coalition",
    "Operation", "IMPACT", "Minister", "Defence", "Harjit", "Sajjan", "President", "said", "told",
    "will", "deploy", "deployed", "pledged", "commitment", "to", "troops", "soldiers", "200",
    "1,500", "members", "met", "chaired", "attack", "killed", "bombing", "Baghdad", "Paris",
    "on", "5", "May", "2016", "last", "week", "the", "of", "and", "in", "he", "she", "according",
    ",", ".", ":", ";", "(", ")", "-", "—", "\n", "\n\n", *QUOTES,
]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\t", "  ", "\u00a0", "\r\n"])


@st.composite
def word_salad(draw: st.DrawFn, max_words: int = 120) -> str:
    """Extractor trigger words in random order: sentences that nearly make sense."""
    words = draw(st.lists(st.sampled_from(WORDS), max_size=max_words))
    seps = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


def repeated(max_times: int = 10_000) -> st.SearchStrategy[str]:
    """One short piece repeated up to `max_times`: 10,000 quotation marks, a huge line."""
    piece = st.one_of(st.sampled_from(QUOTES), st.sampled_from(WORDS),
                      st.text(min_size=1, max_size=4))
    return st.builds(lambda p, n, sep: (p + sep) * n, piece,
                     st.integers(1, max_times), st.sampled_from(["", " ", "\n"]))


rtl = st.lists(st.sampled_from(
    list("كندا أرسلت جندي إلى العراق שלום צבא 200 ") + list(BIDI) + ["Canada ", '"']),
    max_size=300).map("".join)
controls = st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cf", "Zl", "Zp", "Co"]),
                   max_size=200)


def hostile_texts(max_times: int = 10_000) -> st.SearchStrategy[str]:
    """Text an extractor may be handed: anything Unicode, controls, RTL, repetitions, salad."""
    parts = st.one_of(st.text(max_size=300), controls, rtl, word_salad(), repeated(max_times))
    return st.lists(parts, min_size=1, max_size=4).map("".join)


def nested_html(depth: int, tag: str = "div") -> bytes:
    """A page nested `depth` elements deep around one sentence."""
    inner = "<p>Canada sent 200 troops to Iraq.</p>"
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>".encode()


@functools.cache
def zip_bomb(size: int = 20_000_000) -> bytes:
    """A small zip archive that inflates to `size` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"0" * size)
    return buffer.getvalue()


@functools.cache
def gzip_bomb(size: int = 20_000_000) -> bytes:
    return gzip.compress(b"a" * size, compresslevel=9)


def _with_bad_bytes(text: str, noise: bytes) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    cut = len(data) // 2
    return data[:cut] + noise + data[cut:]


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """File contents: random bytes, invalid UTF-8, UTF-16, nested HTML, bombs, JSON and CSV
    wrapping hostile text."""
    text = draw(hostile_texts(max_times=2_000))
    kind = draw(st.sampled_from(["bytes", "utf8", "bad-utf8", "utf16", "html", "json", "jsonl",
                                 "csv", "bomb"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2_000))
    if kind == "bad-utf8":
        return _with_bad_bytes(text, draw(st.binary(min_size=1, max_size=20)))
    if kind == "utf16":
        return text.encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"])),
                           "surrogatepass")
    if kind == "html":
        depth = draw(st.integers(0, 5_000))
        tag = draw(st.sampled_from(["div", "b", "table", "p", "span", "script"]))
        head = draw(st.sampled_from([b"", b'<meta charset="utf-7">', b'<meta charset="base64">',
                                     b'<?xml version="1.0" encoding="latin-1"?>']))
        return head + nested_html(depth, tag).replace(b"Canada", text.encode("utf-8", "replace"))
    if kind in ("json", "jsonl"):
        import json

        record = json.dumps({"text": text, "id": draw(st.text(max_size=5))})
        nest = draw(st.integers(0, 3_000))
        return ("[" * nest + record + "]" * nest).encode("utf-8", "surrogatepass")
    if kind == "csv":
        cell = text.replace('"', '""')
        return f'text,id\n"{cell}",x\n'.encode("utf-8", "surrogatepass")
    if kind == "bomb":
        return draw(st.sampled_from([zip_bomb(2_000_000), gzip_bomb(2_000_000)]))
    return text.encode("utf-8", "surrogatepass")
