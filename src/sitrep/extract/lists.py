"""Lists of actors as written: inline ("A, B, and the C"), after a colon, or one per line.

A list is read from the text, not from the parse, so that a long list the parser splits into
pieces is still read whole. An item is a state or organization mention; between items only
separators ("," ";" "and" "as well as"), articles and bullets may stand. A list that runs onto
new lines is read one item per line: an item alone on its line, or the first cell of a table row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from sitrep.extract.context import Context
from sitrep.model import Mention

ITEM_TYPES = ("COUNTRY", "NORP", "ORG")
SEPARATORS = frozenset({",", ";", "and", "&", "plus", "as", "well", "the", "both", "also"})
BULLET = re.compile(r"^\s*(?:[-*•·▪–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])?\s*")
CELL_END = re.compile(r"^\s*(?:$|[|\t]|\s{2,}|[(\[,;:–—-]|\d)")


def member_value(m: Mention) -> str | None:
    """What a list item stands for: the ISO3 code of a state, else the organization's code or
    name; None for a people or group word without a state ("Kurdish")."""
    if m.type in ("COUNTRY", "NORP"):
        return m.code
    if m.code and m.kind in ("igo", "coalition"):
        return m.code
    if m.code and m.kind in ("military", "government") and len(m.code) == 3:
        return m.code  # a state's forces or government stand for the state
    return m.text


def member_value_at(ctx: Context, tok: Token) -> str | None:
    """The member value of the list item at a token, else None."""
    m = _item(ctx, tok)
    return member_value(m) if m is not None else None


def _item(ctx: Context, tok: Token) -> Mention | None:
    m = ctx.mention_at(tok.idx)
    return m if m is not None and m.type in ITEM_TYPES else None


def _opens_clause(doc, start: int, after: int) -> bool:
    """Whether the item at `start` is the subject of a new clause: a semicolon or comma
    before it and a verb or adverb right after it."""
    prev = start - 1
    while prev >= 0 and doc[prev].lower_ in ("the", "both") or prev >= 0 and doc[prev].is_space:
        prev -= 1
    if prev < 0 or doc[prev].text not in (";", ",") or after >= len(doc):
        return False
    return doc[after].pos_ in ("VERB", "AUX", "ADV") and doc[after].lower_ not in ("as",)


def _closing(doc, i: int, reach: int = 8) -> int | None:
    """The bracket closing the one at token i, within a few tokens."""
    close = ")" if doc[i].text == "(" else "]"
    for j in range(i + 1, min(i + reach, len(doc))):
        if doc[j].text == close:
            return j
        if doc[j].text in (".", ";", "(", "[") or "\n" in doc[j].text:
            return None
    return None


def _token_after(doc, char: int, i: int) -> int:
    while i < len(doc) and doc[i].idx < char:
        i += 1
    return i


def inline(ctx: Context, start: Token) -> tuple[list[Mention], int]:
    """Mentions of a list that begins at a token, and the character offset where it stops."""
    doc, i, items = start.doc, start.i, []
    end = start.idx
    while i < len(doc):
        tok = doc[i]
        if "\n" in tok.text:
            break
        m = _item(ctx, tok)
        if m is not None:
            after = _token_after(doc, m.end, i + 1)
            if items and _opens_clause(doc, i, after):
                break  # "...; the European Union also attends"
            if after < len(doc) and doc[after].lower_ in ("'s", "’s", "'"):
                break  # "Iraq's neighbours": an owner, no item
            items.append(m)
            end = m.end
            i = after
            continue
        if tok.lower_ in SEPARATORS or tok.is_space:
            i += 1
            continue
        if tok.text in ("(", "[") and items and (close := _closing(doc, i)) is not None:
            i = close + 1  # "Australia (2014)", "Bahrain,[12]"
            continue
        place = ctx.mention_at(tok.idx)
        if place is not None and place.type == "PLACE" and items:  # a name not resolved
            i = _token_after(doc, place.end, i + 1)
            continue
        break
    return items, end


def _lines_from(text: str, char: int, limit: int = 400) -> Iterator[tuple[int, str]]:
    """The lines of a text from the line after an offset, with their start offsets."""
    nl = text.find("\n", char)
    pos = nl + 1 if nl >= 0 else len(text)
    for _ in range(limit):
        if not 0 < pos < len(text):
            return
        nxt = text.find("\n", pos)
        stop = len(text) if nxt < 0 else nxt
        yield pos, text[pos:stop]
        pos = stop + 1


def line_items(ctx: Context, char: int) -> list[Mention]:
    """Items listed one per line after the line holding an offset (a header row and blank
    lines are passed over), up to the first line that is no item."""
    items: list[Mention] = []
    skipped_header = False
    for pos, line in _lines_from(ctx.text, char):
        if not line.strip():
            continue
        lead = BULLET.match(line)
        at = pos + (lead.end() if lead else 0)
        m = ctx.mention_at(at)
        if m is not None and m.type in ITEM_TYPES and m.start == at and (
                CELL_END.match(ctx.text[m.end:pos + len(line)])):
            items.append(m)
            continue
        if not items and not skipped_header and ("|" in line or "\t" in line):
            skipped_header = True  # "Country | Joined"
            continue
        break
    return items


def before(ctx: Context, end: Token) -> list[Mention]:
    """The items of a list that ends right before a token ("A and B, both members of G")."""
    doc, i, items = end.doc, end.i - 1, []
    while i >= end.sent.start and doc[i].text == ",":
        i -= 1
    while i >= end.sent.start:
        tok = doc[i]
        m = _item(ctx, tok)
        if m is not None:
            items.append(m)
            while i >= 0 and doc[i].idx >= m.start:
                i -= 1
            continue
        if tok.lower_ in SEPARATORS and tok.lower_ != "as" or tok.is_space:
            i -= 1
            continue
        break
    return items[::-1]


def colon_list(ctx: Context, tok: Token, reach: int = 12) -> list[Mention] | None:
    """The list after a colon that closes a token's phrase ("comprises the following states:
    A, B" or one item per line), None where no colon comes first."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(tok.i + reach, len(doc))]:
        if t.text == ":":
            eol = ctx.text.find("\n", t.idx)
            rest = ctx.text[t.idx + 1:eol if eol >= 0 else len(ctx.text)]
            if not rest.strip():
                return line_items(ctx, t.idx)
            return inline(ctx, t.nbor())[0] if t.i + 1 < len(doc) else []
        if t.text in (".", ";", "!", "?") or _item(ctx, t) is not None or "\n" in t.text:
            return None
    return None


def heading_list(ctx: Context, tok: Token) -> list[Mention]:
    """Items listed one per line under the line holding a token, where that line holds no more
    than a heading ("Members of the coalition:", "Coalition members")."""
    start = ctx.text.rfind("\n", 0, tok.idx) + 1
    eol = ctx.text.find("\n", tok.idx)
    line = ctx.text[start:eol if eol >= 0 else len(ctx.text)].strip()
    if eol < 0 or len(line.split()) > 10 or line.endswith((".", "?", "!")):
        return []
    return line_items(ctx, tok.idx)


def listed(ctx: Context, start: Token) -> list[Mention]:
    """The items of a list beginning at a token: inline, then (after a colon or at the end of
    the line) one per line."""
    items, end = inline(ctx, start)
    eol = ctx.text.find("\n", end)
    rest = ctx.text[end:eol if eol >= 0 else len(ctx.text)].strip()
    if rest in ("", ":", ",", ";"):
        items += line_items(ctx, end)
    return items
