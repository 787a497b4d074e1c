"""Quotes: direct speech of a named person, with the quotation and its speaker.

The work is one linear scan: quotation marks are listed once (straight, curly, guillemets,
TeX-style, CSV-doubled and clear single marks), paired paragraph by paragraph into quotations
(a quotation left open continues into a next paragraph that reopens it, or that closes it with
a mark that can only close), and each quotation is
given the attribution found in the clause right after it, or in the clause or line right before
it; a quotation broken by its attribution ("A," said X. "B") is one quote. Unquoted speech after
"X said:" is a quote too (gov.uk block quotes).

The speaker is the subject of the verb of saying in the parse ("said", "told", "warned",
"according to", ...): a person mention, a proper name, an appositive name ("the governor,
Samir Jaber,"), or a pronoun or title that refers back to a person (`coref.person_for`).
Organizations, places speaking for governments and unnamed speakers are left out.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from sitrep.extract import coref
from sitrep.extract.context import Context, Person
from sitrep.extract.persons import HONORIFICS, NOT_NAME_WORDS, _is_place, _titles
from sitrep.model import Fact

SPEECH_VERBS = frozenset({
    "say", "tell", "add", "note", "explain", "state", "declare", "warn", "insist", "reply",
    "continue", "comment", "write", "announce", "ask", "urge", "stress", "conclude", "remark",
    "respond", "recall", "claim", "argue", "acknowledge", "emphasise", "emphasize", "observe",
    "admit", "confirm", "deny", "promise", "vow", "pledge", "predict", "tweet", "caution",
    "contend", "maintain", "assert", "affirm", "lament", "complain", "recount", "concede",
    "exclaim", "shout", "reiterate", "underline", "suggest", "testify", "quip", "boast",
    "plead", "demand",
})
# Verbs that introduce a partial quotation of a few words ("said the town was "retaken"");
# any speech verb may introduce a longer one, or a quotation after a colon or comma.
PARTIAL_VERBS = frozenset({"say", "tell", "add", "describe", "call"})
SPEECH_FORMS = frozenset({
    "said", "says", "told", "tells", "added", "adds", "noted", "notes", "explained", "explains",
    "stated", "states", "declared", "warned", "insisted", "replied", "continued", "commented",
    "wrote", "announced", "asked", "urged", "stressed", "concluded", "remarked", "responded",
    "recalled", "claimed", "argued", "acknowledged", "emphasised", "emphasized", "observed",
})
PRONOUNS = frozenset({"he", "she"})
CLAUSE_END = frozenset({".", "!", "?", ";"})
CLOSERS = frozenset("”»")  # marks that can only close a quotation
OPENERS = frozenset(" \t\n([{—–-:")
MAX_WINDOW = 40  # tokens of an attribution clause
MAX_QUOTE_CHARS = 6000


@dataclass
class Mark:
    """One quotation mark: its span, family ("double"/"single") and role (open/close/either)."""

    start: int
    end: int
    family: str
    role: str


@dataclass
class Quotation:
    """Paired marks: the pieces of quoted text (one per paragraph it spans) and its extent."""

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)

    def text(self, source: str) -> str:
        return " ".join(source[s:e].strip() for s, e in self.pieces).strip()


@dataclass
class Attribution:
    """Who said a quotation, how sure we are, and where the attribution clause lies."""

    speaker: str
    person: Person | None
    confidence: float


# --- quotation marks --------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line (paragraph)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_csv_line(line: str) -> bool:
    """A CSV cell written as a line: wrapped in quotes, inner quotes doubled."""
    return len(line) > 2 and line[0] == '"' and line.rstrip()[-1] == '"' and '""' in line


def _straight_role(text: str, i: int, j: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if before in OPENERS or before in "“‘":
        return "open"
    if not after.isalnum():
        return "close"
    return "either"


def _single_role(text: str, i: int) -> str | None:
    """Open, close, or None for an apostrophe: a straight or curly single mark opens before a
    word and closes after one; one between letters, or after a plural's "s" before a word
    ("the soldiers' homes"), is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "‘'" and (before in OPENERS or before in "\"“") and after.isalnum():
        return "open"
    if text[i] in "’'" and not before.isspace() and not after.isalnum():
        if before.lower() == "s" and after not in ",.;:!?\"”" and not after.isspace():
            return None
        if before.lower() == "s" and after.isspace() and text[i + 2:i + 3].islower():
            return None  # "the soldiers' homes"
        return "close"
    return None


def _line_marks(text: str, start: int, end: int) -> list[Mark]:
    """The quotation marks of one line, CSV escaping undone."""
    marks: list[Mark] = []
    csv = _is_csv_line(text[start:end])
    i, stop = (start + 1, start + len(text[start:end].rstrip()) - 1) if csv else (start, end)
    while i < stop:
        ch = text[i]
        if ch == '"':
            j = i + 2 if csv and text.startswith('""', i) else i + 1
            marks.append(Mark(i, j, "double", _straight_role(text, i, j)))
            i = j
            continue
        if ch in "“”«»":
            marks.append(Mark(i, i + 1, "double", "open" if ch in "“«" else "close"))
        elif text.startswith(("``", "''"), i):  # TeX-style marks
            marks.append(Mark(i, i + 2, "double", "open" if ch == "`" else "close"))
            i += 2
            continue
        elif ch in "‘’'":
            role = _single_role(text, i)
            if role:
                marks.append(Mark(i, i + 1, "single", role))
        i += 1
    return marks


# --- pairing ----------------------------------------------------------------------------------


def _at_line_start(text: str, line: tuple[int, int], pos: int) -> bool:
    """Only blanks or straight quotes lie between the line start and `pos` (scanned back)."""
    i = pos - 1
    while i >= line[0] and text[i] in ' \t"':
        i -= 1
    return i < line[0]


def _at_line_end(text: str, line: tuple[int, int], pos: int) -> bool:
    """Only blanks, straight quotes or a full stop lie between `pos` and the line end."""
    i = pos
    while i < line[1] and text[i] in ' \t".':
        i += 1
    return i >= line[1]


def _pair(text: str, lines: list[tuple[int, int]]) -> list[Quotation]:
    """Quotations in text order; an unclosed one continues into a next line opening a quote."""
    quotes: list[Quotation] = []
    current: Quotation | None = None
    family, open_end, open_line = "", 0, -1
    reopened = False
    for li, line in enumerate(lines):
        if current is not None:
            first = _line_marks(text, *line)[:1]
            if li == open_line + 1 and first and first[0].family == family \
                    and first[0].role != "close" and _at_line_start(text, line, first[0].start):
                current.pieces.append((open_end, lines[open_line][1]))
                open_end, open_line = first[0].end, li
                reopened = True
            elif li == open_line + 1 and first and first[0].family == family \
                    and first[0].role == "close" and (
                        text[first[0].start] in CLOSERS
                        or _at_line_end(text, line, first[0].end)):
                # a quotation closed in the next paragraph without reopening it
                current.pieces.append((open_end, lines[open_line][1]))
                open_end, open_line = line[0], li
                reopened = False
            else:
                current = None
        marks = _line_marks(text, *line)
        if current is not None and reopened:
            marks = marks[1:]
        for mark in marks:
            if current is None:
                if mark.role != "close" and (mark.family == "double" or mark.role == "open"):
                    current = Quotation(mark.start, mark.end)
                    family, open_end, open_line = mark.family, mark.end, li
                continue
            if mark.family != family:
                continue
            if mark.role == "open" and mark.family == "double" and text[mark.start] == "“":
                current = Quotation(mark.start, mark.end)  # a new opener: drop the old one
                open_end, open_line = mark.end, li
                continue
            if mark.role == "open" and family == "single":
                continue
            current.pieces.append((open_end, mark.start))
            current.end = mark.end
            if current.end - current.start <= MAX_QUOTE_CHARS:
                quotes.append(current)
            current = None
    return quotes


# --- attribution ------------------------------------------------------------------------------


def _is_speech(tok: Token) -> bool:
    if not tok.text[:1].islower():
        return False
    return tok.lower_ in ("said", "says", "told") or (
        tok.pos_ in ("VERB", "AUX") and (tok.lower_ in SPEECH_FORMS
                                         or tok.lemma_.lower() in SPEECH_VERBS))


def _clean(name: str) -> str:
    words = name.replace("\n", " ").split()
    while len(words) > 1 and (words[0].lower().strip(".") in HONORIFICS
                              or words[0].lower() in _titles()[1]):
        words.pop(0)
    return " ".join(words).strip(" ,.;:'’\"")


def _bare(surname: str) -> str:
    low = surname.lower()
    return low[3:] if low.startswith(("al-", "el-")) else low


def _person_named(ctx: Context, name: str) -> Person | None:
    """The document person a name refers to, by surname (ignoring an "al-" prefix), or by a
    lone first name that only one person has."""
    words = name.split()
    if not words:
        return None
    last = _bare(words[-1])
    for p in ctx.persons:
        if _bare(p.surname) == last:
            return p
    if len(words) == 1:
        firsts = [p for p in ctx.persons if len(p.name.split()) > 1 and p.name.split()[0] == name]
        return firsts[0] if len(firsts) == 1 else None
    return None


def _names_in(ctx: Context, tokens: list[Token]) -> list[tuple[int, str]]:
    """(offset, name) of the people a clause names: PERSON mentions, then runs of proper nouns
    that are no other mention and either name a known person or have two words or more."""
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    found = [(m.start, m.text) for m in ctx.mentions_in(lo, hi, "PERSON")
             if any(c.isupper() for c in m.text)]
    taken = {m.start for m in ctx.mentions_in(lo, hi, "PERSON")}
    run: list[Token] = []
    for tok in [*tokens, None]:
        mention = ctx.mention_at(tok.idx) if tok is not None else None
        if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper() \
                and (mention is None or not mention.code) \
                and tok.text.lower() not in _titles()[1]:
            run.append(tok)
            continue
        if run and run[0].idx not in taken:
            name = " ".join(t.text for t in run)
            free = all(ctx.mention_at(t.idx) is None for t in run)
            if _person_named(ctx, name) is not None or (free and len(run) >= 2):
                found.append((run[0].idx, name))
        run = []
    return sorted(found)


def _known_name(ctx: Context, tok: Token, spoken: list[tuple[int, str]]) -> str | None:
    """The document person or earlier speaker a capitalised token names, if any."""
    if not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN"):
        return None
    mention = ctx.mention_at(tok.idx)
    if mention is not None and mention.code:
        return None
    word = _bare(tok.text)
    for name in [n for _, n in spoken[::-1]] + [p.name for p in ctx.persons]:
        if word in (_bare(w) for w in name.split()):
            return name
    return None


def _last_person_before(ctx: Context, sc: Scanner, pos: int) -> str | None:
    """The person named last before `pos`, outside quotations ("…," he said)."""
    i = bisect.bisect_left(sc.starts, pos) - 1
    for _ in range(600):
        if i < 0:
            return None
        tok = ctx.doc[i]
        if not sc.quoted(tok.idx):
            name = _known_name(ctx, tok, sc.spoken)
            if name:
                return name
        i -= 1
    return None


@cache
def _head_words() -> frozenset[str]:
    return _titles()[0]


def _by_title(ctx: Context, words: list[str]) -> Person | None:
    """The one person whose role holds all these title words ("the Foreign Secretary")."""
    wanted = {w.lower() for w in words}
    found = [p for p in ctx.persons
             if p.role and wanted <= {w.lower() for w in p.role.replace(",", " ").split()}]
    return found[0] if len(found) == 1 else None


def _resolve(ctx: Context, name: str, confidence: float) -> Attribution:
    name = _clean(name)
    person = _person_named(ctx, name)
    return Attribution(person.name if person else name, person, confidence)


NAMING_WORDS = frozenset({"so-called", "dubbed", "called", "named", "titled", "entitled",
                          "as", "word", "term", "slogan", "label"})
LEFT_OUT = Attribution("", None, 0.0)  # the clause's speaker is unnamed or an organization
NOT_PERSONS = ("ORG", "COUNTRY", "NORP", "OPERATION", "WEAPON", "PLATFORM")


def _subject(verb: Token) -> Token | None:
    """Who speaks: the verb's subject, the object of "according to", or the subject of the
    verb a participle hangs on ("..., adding that")."""
    if verb.lower_ == "according":
        to = next((c for c in verb.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    for tok in (verb, verb.head):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("who", "that") and tok.dep_ == "relcl":
            return tok.head  # "Major Ali Rahimi, who said ..."
        if subj is not None:
            return subj
        if verb.dep_ not in ("conj", "advcl", "xcomp"):
            break
    return None


def _name_tokens(head: Token) -> list[Token]:
    """A proper name's words: the head and the proper nouns compounded before it."""
    words = [head]
    i = head.i - 1
    while i >= 0 and head.doc[i].dep_ == "compound" and head.doc[i].head.i in {w.i for w in words} \
            and head.doc[i].pos_ == "PROPN":
        words.insert(0, head.doc[i])
        i -= 1
    return words


def _proper_speaker(ctx: Context, words: list[Token], mention) -> Attribution | None:
    """A proper name as the subject of a speech verb: a person's unless it is an actor or a
    place ("Moscow said" is a government speaking); None where NER's organization is
    neither titled nor a known person."""
    text = " ".join(t.text for t in words)
    name = _clean(text)
    if mention is not None and mention.type in NOT_PERSONS and mention.type != "ORG":
        return LEFT_OUT
    if _person_named(ctx, name) is not None:
        return _resolve(ctx, text, 0.9)
    if _titled(words):
        return _resolve(ctx, text, 0.85)
    if words[-1].text.lower() in _head_words():
        return None
    parts = name.split()
    lone = len(parts) == 1  # one word: many surnames are also some village's name
    if mention is not None and mention.type == "ORG" and (lone or not _name_shaped(parts)):
        return None  # NER's organization, unless it reads as a person's full name
    if (mention is not None and mention.type == "PLACE" and lone) or (not lone and _is_place(name)):
        return LEFT_OUT
    if all(p[:1].isupper() or "-" in p for p in parts):
        return _resolve(ctx, text, 0.85)
    return None


ORG_WORDS = frozenset({"watch", "press", "times", "post", "board", "court"})  # with persons


def _name_shaped(parts: list[str]) -> bool:
    """Words that may be a person's full name: capitalised, none a body's or a place's word."""
    return all(p[:1].isupper() or "-" in p for p in parts) and not any(
        p.lower() in NOT_NAME_WORDS or p.lower() in ORG_WORDS for p in parts)


def _np_speaker(ctx: Context, head: Token, anchor: int, sc: Scanner) -> Attribution | None:
    """The person a subject NP names: a person mention, a proper name, an appositive name
    ("the governor, Mustafa Kareem,"), a pronoun or title referring back ("he", "the
    minister"); LEFT_OUT for organizations and unnamed speakers; None when unsure."""
    if head.lower_ in PRONOUNS:
        name = _last_person_before(ctx, sc, anchor)
        return _resolve(ctx, name, 0.75) if name else None
    mention = ctx.mention_at(head.idx)
    if mention is not None and mention.type == "PERSON":
        return _resolve(ctx, mention.text, 0.9)
    for child in head.children:
        if child.dep_ == "appos":
            found = _np_speaker(ctx, child, anchor, sc)
            if found is not None and found is not LEFT_OUT:
                return found
    if mention is not None and mention.type in NOT_PERSONS and mention.code:
        return LEFT_OUT
    if head.pos_ == "PROPN":
        return _proper_speaker(ctx, _name_tokens(head), mention)
    if coref.np_kind(head) == "person":
        person = coref.person_for(ctx, head, anchor)
        return Attribution(person.name, person, 0.8) if person else LEFT_OUT
    if head.pos_ in ("NOUN", "PRON"):
        return LEFT_OUT  # "a spokesman", "the ministry", "residents", "they"
    return None


def _titled(words: list[Token]) -> bool:
    """A name that opens with a title or honorific ("General Karim Nouri")."""
    return len(words) >= 2 and (words[0].text.lower().strip(".") in HONORIFICS
                                or words[0].text.lower() in _head_words())


def _speaker(ctx: Context, tokens: list[Token], verb: int, anchor: int,
             sc: Scanner) -> Attribution | None:
    """The speaker of the speech verb `tokens[verb]`: its subject in the parse, else the
    person named in the attribution clause around it."""
    subj = _subject(tokens[verb])
    if subj is not None and tokens[0].i <= subj.i <= tokens[-1].i:
        found = _np_speaker(ctx, subj, anchor, sc)
        if found is LEFT_OUT:
            return None
        if found is not None:
            return found
    names = _names_in(ctx, tokens)
    vpos = tokens[verb].idx
    before = [n for at, n in names if at < vpos]
    after = [n for at, n in names if at > vpos]
    if before or after:
        return _resolve(ctx, before[-1] if before else after[0], 0.9)
    near = tokens[max(0, verb - 2):verb + 2]
    if any(t.lower_ in PRONOUNS for t in near):
        name = _last_person_before(ctx, sc, anchor)
        return _resolve(ctx, name, 0.75) if name else None
    titles = [t.text for t in tokens if t.text.lower() in _head_words() or
              (t.text[:1].isupper() and t.i < tokens[verb].i and t.text.lower() in _titles()[1])]
    if titles and any(t.lower() in _head_words() for t in titles):
        person = _by_title(ctx, titles)
        return Attribution(person.name, person, 0.8) if person else None
    return None


def _abbreviation(tok: Token) -> bool:
    """A full stop that ends a short capitalised abbreviation before a name ("Col. John")."""
    doc = tok.doc
    if tok.text != "." or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
    return not prev.whitespace_ and prev.text[:1].isupper() and len(prev.text) <= 4 \
        and prev.is_alpha and nxt.text[:1].isupper()


class Scanner:
    """Token lookups by character offset and clause windows around a quotation."""

    def __init__(self, ctx: Context, lines: list[tuple[int, int]], quotes: list[Quotation]):
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text
        self.starts = [t.idx for t in ctx.doc]
        self.lines = lines
        self.line_starts = [s for s, _ in lines]
        self.marks = sorted({q.start for q in quotes} | {q.end - 1 for q in quotes})
        self.spans = [(q.start, q.end) for q in quotes]
        self.span_starts = [q.start for q in quotes]
        self.spoken: list[tuple[int, str]] = []  # (offset, name) of speakers found so far

    def quoted(self, pos: int) -> bool:
        k = bisect.bisect_right(self.span_starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]

    def line_of(self, pos: int) -> tuple[int, int]:
        return self.lines[max(0, bisect.bisect_right(self.line_starts, pos) - 1)]

    def after(self, q: Quotation) -> list[Token]:
        """Tokens of the clause after a quotation, up to its end, a quote mark or line end."""
        limit = min(self.line_of(max(q.start, q.end - 1))[1], self._next_mark(q.end))
        limit = max(limit, q.end)
        out: list[Token] = []
        i = bisect.bisect_left(self.starts, q.end)
        while i < len(self.doc) and self.starts[i] < limit and len(out) < MAX_WINDOW:
            tok = self.doc[i]
            if tok.text in CLAUSE_END and not _abbreviation(tok):
                break
            if tok.text.strip():
                out.append(tok)
            i += 1
        return out

    def before(self, q: Quotation, floor: int) -> list[Token]:
        """Tokens of the clause before a quotation, back to a sentence end or `floor`."""
        out: list[Token] = []
        k = bisect.bisect_left(self.marks, q.start) - 1
        floor = max(floor, self.marks[k] + 1 if k >= 0 else 0)
        i = bisect.bisect_left(self.starts, q.start) - 1
        while i >= 0 and self.starts[i] >= floor and len(out) < MAX_WINDOW:
            tok = self.doc[i]
            if (tok.text in CLAUSE_END and not _abbreviation(tok)) or tok.text in ('"', "“", "”"):
                break
            if tok.text.strip():
                out.append(tok)
            i -= 1
        return out[::-1]

    def _next_mark(self, pos: int) -> int:
        i = bisect.bisect_left(self.marks, pos)
        return self.marks[i] if i < len(self.marks) else len(self.text)


def _verb_index(tokens: list[Token], first: int | None = None, last: bool = False
                ) -> int | None:
    """The speech verb of a clause (or "according to"): the first one, within `first`
    tokens if given, or with `last` the one nearest the quotation that follows."""
    span = tokens if first is None else tokens[:first]
    found = None
    for i, tok in enumerate(span):
        if _is_speech(tok) or (tok.lower_ == "according" and i + 1 < len(tokens)
                               and tokens[i + 1].lower_ == "to"):
            if not last:
                return i
            found = i
    return found


def _ends_clause(text: str, q: Quotation) -> bool:
    inner = q.text(text).rstrip()
    return bool(inner) and inner[-1] in ",.?!…—-"


def _attribute_after(ctx: Context, sc: Scanner, q: Quotation) -> Attribution | None:
    """"…," said X. / "…," X said. / "…" according to X."""
    tokens = sc.after(q)
    if not tokens:
        return None
    leads = tokens[0].text in (",", "—", "–")
    if not (leads or _ends_clause(sc.text, q)):
        return None
    verb = _verb_index(tokens, first=6)
    if verb is None:
        verb = _verb_after_subject(tokens)
    return _speaker(ctx, tokens, verb, q.start, sc) if verb is not None else None


def _verb_after_subject(tokens: list[Token]) -> int | None:
    """A speech verb further on, when all the words before it are its subject ("…," Dr Amira
    Saeed, director of the city's main hospital, said)."""
    for i, tok in enumerate(tokens):
        if not _is_speech(tok):
            continue
        subj = _subject(tok)
        words = [t for t in tokens[:i] if not t.is_punct]
        inside = {t.i for t in subj.subtree} if subj is not None else set()
        if words and all(t.i in inside for t in words):
            return i
        return i if _name_set_off_before(tokens, i) else None
    return None


def _name_set_off_before(tokens: list[Token], i: int) -> bool:
    """Whether a person's name set off by commas comes right before the verb, with no verb
    before it (the parse of "the council's secretary-general, A B, told" may miss it)."""
    if i < 3 or tokens[i - 1].text != "," or any(t.pos_ in ("VERB", "AUX") for t in tokens[:i]):
        return False
    last = tokens[i - 2]
    return last.ent_type_ == "PERSON" and any(t.text == "," for t in tokens[:i - 2])


def _attribute_before(ctx: Context, sc: Scanner, q: Quotation) -> Attribution | None:
    """X said: "…" / X said, "…" / X told them he was "…" (a partial quote)."""
    text = sc.text
    line = sc.line_of(q.start)
    floor = line[0]
    if _at_line_start(text, line, q.start):
        prev = sc.line_of(line[0] - 1) if line[0] > 0 else None
        if prev is None or not text[prev[0]:prev[1]].rstrip().endswith(":"):
            return None
        floor = prev[0]
    tokens = sc.before(q, floor)
    if tokens and tokens[-1].lower_ in NAMING_WORDS:
        return None  # the "so-called" "corridors", a plan dubbed "Northern Shield"
    verb = _verb_index(tokens, last=True)
    if verb is None:
        return None
    found = _speaker(ctx, tokens, verb, q.start, sc)
    if found is None:
        return None
    lead = text[tokens[-1].idx:q.start].strip()
    if not lead.endswith((":", ",")):
        if _is_scare(q.text(text)) and tokens[verb].lemma_.lower() not in PARTIAL_VERBS:
            return None
        found.confidence = 0.6
    return found


def _colon_verb(tokens: list[Token]) -> int | None:
    """The speech verb that a clause ending in a colon ends with, its modifiers aside ("X
    said:", "X said on Friday:", "X told the council in New York:")."""
    if not tokens:
        return None
    if _is_speech(tokens[-1]):
        return len(tokens) - 1
    for i in range(len(tokens) - 2, -1, -1):
        tok = tokens[i]
        if _is_speech(tok):
            after = tokens[i + 1:]
            inside = {t.i for t in tok.subtree}
            ok = all(t.i in inside and t.pos_ not in ("VERB", "AUX") for t in after)
            return i if ok and tok.right_edge.i >= tokens[-1].i else None
    return None


def _block_quotes(ctx: Context, sc: Scanner, marks: set[int]) -> list[tuple[Quotation, int]]:
    """Unquoted speech after "X said:" (rest of the line, else the next line), with the offset
    of the colon."""
    text = sc.text
    out = []
    for k, (s, e) in enumerate(sc.lines):
        colon = text.find(":", s, min(e, s + 200))
        if colon < 0 or any(s <= m < e for m in marks if m < colon + 3):
            continue
        tokens = sc.before(Quotation(colon, colon), s)
        if _colon_verb(tokens) is None:
            continue
        rest = text[colon + 1:e].strip()
        if rest:
            start = text.index(rest, colon + 1)
            out.append((Quotation(start, e, [(start, e)]), colon))
        elif k + 1 < len(sc.lines):
            ns, ne = sc.lines[k + 1]
            if text[ns:ne].lstrip()[:1] not in "\"“‘'«`":
                out.append((Quotation(ns, ne, [(ns, ne)]), colon))
    return out


def _record(ctx: Context, sc: Scanner, q: Quotation, who: Attribution, confidence: float
            ) -> Fact:
    text = q.text(sc.text)
    data = {"speaker": who.speaker, "country": who.person.country if who.person else None,
            "starts_with": text, "text": text,
            "role": who.person.role if who.person else None}
    sent = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    fact = ctx.fact("quotes", data, sent if sent is not None else ctx.doc[:], confidence)
    fact.start, fact.end, fact.evidence = q.start, q.end, sc.text[q.start:q.end]
    return fact


def _introduced(ctx: Context, sc: Scanner, q: Quotation) -> Attribution | None:
    """The speaker of a quoted paragraph with no attribution: the one person the paragraph
    before names as the subject of its clause, where that paragraph quotes nobody ("Omar, a
    teacher, fled in March." / "We left everything.")."""
    k = bisect.bisect_right(sc.line_starts, q.start) - 1
    if k <= 0:
        return None
    s, e = sc.lines[k - 1]
    if any(s <= m < e for m in sc.marks):
        return None
    named = {id(p): p for p in ctx.persons for m in p.mentions if s <= m.start < e}
    if len(named) != 1:
        return None
    (person,) = named.values()
    for m in person.mentions:
        if not s <= m.start < e:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root.head if span is not None and span.root.dep_ == "appos" else (
            span.root if span is not None else None)
        if root is not None and root.dep_ in ("nsubj", "nsubjpass"):
            return Attribution(person.name, person, 0.55)
    return None


def _is_scare(text: str) -> bool:
    return len(text.split()) <= 4


def _whole_line(text: str, sc: Scanner, q: Quotation) -> bool:
    line = sc.line_of(q.start)
    return _at_line_start(text, line, q.start) and _at_line_end(text, sc.line_of(q.end - 1), q.end)


def extract(ctx: Context) -> list[Fact]:
    """Quotations with a resolved, named speaker."""
    text = ctx.text
    lines = _lines(text)
    quotes = _pair(text, lines)
    sc = Scanner(ctx, lines, quotes)
    facts: list[Fact] = []
    last: tuple[Attribution, int] | None = None  # speaker of the previous quote, its line end
    skip_to = -1
    for k, q in enumerate(quotes):
        if q.start < skip_to:
            continue
        who = _attribute_after(ctx, sc, q)
        if who is not None and k + 1 < len(quotes):
            nxt = quotes[k + 1]
            between = text[q.end:nxt.start]
            if "\n" not in between and between.rstrip().endswith((".", ",")) \
                    and _attribute_after(ctx, sc, nxt) is None:
                q = Quotation(q.start, nxt.end, q.pieces + nxt.pieces)  # broken by attribution
                skip_to = nxt.end
        confidence = who.confidence if who else 0.0
        if who is None:
            who = _attribute_before(ctx, sc, q)
            confidence = who.confidence if who else 0.0
        if who is None and last is not None and _whole_line(text, sc, q) \
                and sc.line_of(q.start)[0] - last[1] <= 2 and not _is_scare(q.text(text)):
            who, confidence = last[0], 0.7  # a following paragraph of the same speech
        if who is None and _whole_line(text, sc, q) and not _is_scare(q.text(text)):
            who = _introduced(ctx, sc, q)  # the paragraph before is about its speaker
            confidence = 0.55
        if who is None:
            continue
        if _is_scare(q.text(text)) and confidence >= 0.9 and not _ends_clause(text, q):
            confidence = 0.6
        facts.append(_record(ctx, sc, q, who, confidence))
        sc.spoken.append((q.start, who.speaker))
        last = (who, sc.line_of(q.end - 1)[1])
    for q, colon in _block_quotes(ctx, sc, set(sc.marks)):
        tokens = sc.before(Quotation(colon, colon), sc.line_of(colon)[0])
        who = _speaker(ctx, tokens, _colon_verb(tokens) or 0, colon, sc)
        if who is not None:
            facts.append(_record(ctx, sc, q, who, 0.85))
    facts.sort(key=lambda f: f.start)
    return facts
