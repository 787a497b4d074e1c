"""Organization names read from the parse where the entity recognizer gives none.

The gazetteer's ruler marks demonyms and known bodies before NER runs, so a longer name that
starts with one ("Syrian Computer Society", "UN Board of Inquiry") never becomes an entity.
These rules find such names from capitalised token runs and the words around them:

- a capitalised run with an organization head noun ("the Iraqi Ministry of Defence");
- a capitalised run before a lower-case group noun ("the Asad regime", "the Shammar tribe");
- a name in apposition after a common organization noun ("the German firm Krupp");
- "<demonym> opposition";
- the lower-case "coalition" acting in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from sitrep.extract.context import Context
from sitrep.model import Mention
from sitrep.place_index import load_index, name_key

# Capitalised head nouns that end an organization's name, and the kind they give.
HEAD_KINDS = {
    "ministry": "government", "department": "government", "office": "government",
    "government": "government", "council": "igo", "commission": "igo", "agency": "government",
    "parliament": "government", "committee": "government", "service": "government",
    "forces": "military", "army": "military", "navy": "military", "brigade": "armed_group",
    "brigades": "armed_group", "battalion": "military", "regiment": "military",
    "front": "armed_group", "militia": "armed_group", "coalition": "coalition",
    "group": "coalition", "alliance": "coalition", "union": "igo", "organisation": "other",
    "organization": "other", "society": "other", "university": "other", "party": "other",
    "movement": "armed_group", "network": "armed_group", "court": "government",
    "mission": "igo", "nations": "igo", "league": "igo", "corps": "military",
    "guard": "military", "police": "government", "bank": "other", "institute": "other",
    "foundation": "other", "hospital": "other", "authority": "government",
    "command": "military", "board": "igo", "association": "other", "branch": "government",
    "directorate": "government", "secretariat": "igo", "assembly": "government",
    "tribunal": "government", "orchestra": "other", "programme": "igo", "program": "igo",
    "fund": "igo", "federation": "other", "bureau": "government", "division": "military",
    "squadron": "military", "fleet": "military", "legion": "armed_group",
    "army's": "military", "treasury": "government", "congress": "government",
    "senate": "government", "cabinet": "government", "embassy": "government",
    "panel": "igo", "force": "military", "units": "armed_group", "volunteers": "armed_group",
    "guards": "military", "house": "government",
}
# Arabic words (army, brigade, movement, front, ...) that open armed groups' names.
ARABIC_OPENERS = {"jaish", "jaysh", "liwa", "harakat", "haraka", "jabhat", "ahrar", "ansar",
                  "katibat", "kataib", "kata'ib", "saraya", "asaib", "asa'ib", "hizb", "hezb",
                  "tanzim", "faylaq", "jund", "jamaat", "jama'at", "majlis", "lashkar", "tehrik",
                  "tahrir", "hayat", "hay'at", "firqat", "quwat"}
# Lower-case nouns after a capitalised name: "the Asad regime", "the Shammar tribe".
GROUP_NOUNS = {"regime": "government", "tribe": "other", "clan": "other",
               "militia": "armed_group", "militias": "armed_group", "faction": "armed_group",
               "movement": "armed_group", "administration": "government"}
# Common nouns a name stands in apposition to: "the British firm Vickers".
APPOSITION_NOUNS = {"company": "other", "firm": "other", "group": "armed_group",
                    "organisation": "other", "organization": "other", "charity": "other",
                    "militia": "armed_group", "faction": "armed_group", "contractor": "other",
                    "movement": "armed_group", "party": "other", "NGO": "other",
                    "ngo": "other", "coalition": "coalition", "alliance": "coalition"}
WORD = re.compile(r"[a-z'’]+")
TRAILING = re.compile(r"[.\[\]\d]+$")
CONNECTORS = {"of", "for", "on", "and", "the", "against"}
PARTICLES = {"al", "al-", "el", "bu", "bin", "ibn", "bani", "abu", "ul", "ad", "as", "ash", "ar"}
# Nouns that mark the words around them as media or a document, not an organization.
MEDIA_WORDS = {"news", "media", "television", "tv", "radio", "newspaper", "channel", "wire",
               "broadcaster", "website", "agency's"}
# Words that start a title, not an organization ("Secretary-General of the United Nations").
TITLE_WORDS = {"minister", "secretary", "secretary-general", "president", "ambassador",
               "envoy", "representative", "spokesman", "spokeswoman", "spokesperson", "chief",
               "head", "director", "commander", "chairman", "chair", "member", "members",
               "king", "prince", "general", "special", "deputy", "governor", "mayor"}


def _namelike(t: Token) -> bool:
    return t.is_alpha or t.text[:1].isalpha() and any(c.isalpha() for c in t.text)


def _capital(t: Token) -> bool:
    """A capitalised word; at a sentence start only a proper noun."""
    if not _namelike(t) or not t.text[0].isupper():
        return False
    return not t.is_sent_start or t.pos_ == "PROPN"


def _particle(t: Token) -> bool:
    return t.lower_ in PARTICLES or t.lower_.split("-")[0] in PARTICLES and "-" in t.text


def _joiner(t: Token) -> bool:
    """A word inside a name: a connector, a particle, or a hyphen with no space around it."""
    if t.text == "-":
        return not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_
    return t.lower_ in CONNECTORS or _particle(t)


def _runs(sent: Span) -> Iterator[tuple[int, int]]:
    """Token ranges [start, end) of capitalised names in a sentence, connectors inside."""
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        if not _capital(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < sent.end:
            t = doc[j]
            if _capital(t):
                j += 1
                continue
            if _joiner(t):
                k = j
                while k < sent.end and _joiner(doc[k]):
                    k += 1
                if k < sent.end and _capital(doc[k]):
                    j = k + 1
                    continue
            break
        yield i, j
        i = j


def _head(t: Token) -> str:
    """The word's letters ("Army.[4" in a wiki text reads "army")."""
    found = WORD.match(t.lower_)
    return found.group(0) if found else ""


def _segments(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A run split at "and the", and at "and" where each side has its own head noun ("the
    Ministry and the Council"), else the whole run ("Voganlei and Coode")."""
    cuts = [k for k in range(start, end) if doc[k].lower_ == "and"]
    if any(doc[k + 1].lower_ == "the" for k in cuts):
        cuts = [k for k in cuts if doc[k + 1].lower_ == "the"]
    parts, begin = [], start
    for k in cuts:
        parts.append((begin, k))
        begin = k + 1
    parts.append((begin, end))
    headed = all(any(_head(doc[k]) in HEAD_KINDS for k in range(a, b))
                 or _head(doc[a]) in ARABIC_OPENERS for a, b in parts if a < b)
    if any(doc[k + 1].lower_ == "the" for k in cuts) or len(parts) > 1 and headed:
        return parts
    return [(start, end)]


def _head_name(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """The organization name inside a run: up to its last head noun and an "of" phrase."""
    heads = [k for k in range(start, end) if _head(doc[k]) in HEAD_KINDS]
    if not heads:
        return None
    h = heads[-1]
    stop = h + 1
    if stop < end and doc[stop].lower_ in ("of", "for", "on", "against"):
        stop = end
    while stop > start and doc[stop - 1].lower_ in CONNECTORS:
        stop -= 1
    return start, stop, HEAD_KINDS[_head(doc[h])]


def _clean(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop a leading "The"; None for a title, a person or a one-word name."""
    while start < end and doc[start].lower_ == "the":
        start += 1
    words = [t for t in doc[start:end] if _namelike(t)]
    if len(words) < 2:
        return None
    if any(_title(t) for t in doc[start:end]):
        return None
    if any(t.ent_type_ in ("PERSON", "DATE", "CARDINAL", "TIME") for t in doc[start:end]):
        return None
    if any(t.lower_ in MEDIA_WORDS for t in doc[max(0, start - 2):min(len(doc), end + 1)]):
        return None
    if _place(doc[start:end].text):  # "the West Bank"
        return None
    return start, end


def _place(text: str) -> bool:
    """Whether a name is a place the gazetteer of places knows."""
    index = load_index()
    key = name_key(text)
    return key in index.names or key in index.alt_names


def _title(t: Token) -> bool:
    """A title word, singular or plural ("Minister", "ministers")."""
    return t.lower_ in TITLE_WORDS or t.lower_.removesuffix("s") in TITLE_WORDS


def _mention(doc: Doc, start: int, end: int, kind: str) -> Mention:
    span = doc[start:end]
    text = TRAILING.sub("", span.text)
    return Mention(text=text, start=span.start_char, end=span.start_char + len(text),
                   type="ORG", kind=kind)


def headed_names(ctx: Context) -> list[Mention]:
    """Capitalised runs that end in an organization head noun, and names before group nouns."""
    doc = ctx.doc
    out = []
    for sent in ctx.sents:
        for run in _runs(sent):
            for start, end in _segments(doc, *run):
                _headed(doc, sent, start, end, out)
    return out


def _headed(doc: Doc, sent: Span, start: int, end: int, out: list[Mention]) -> None:
    """The name a run gives: by its head noun, by an Arabic word that opens armed groups'
    names, else by a group noun after it."""
    first = start + (doc[start].lower_ == "the")
    if first < end - 1 and _head(doc[first]) in ARABIC_OPENERS \
            and not any(_title(t) for t in doc[first:end]):
        out.append(_mention(doc, first, end, "armed_group"))
        return
    found = _head_name(doc, start, end)
    if found:
        span = _clean(doc, found[0], found[1])
        if span:
            out.append(_mention(doc, *span, found[2]))
            return
    nxt = doc[end] if end < sent.end else None
    if nxt is None or nxt.lower_ not in GROUP_NOUNS or nxt.text[0].isupper():
        return
    if all(t.ent_type_ in ("NORP", "GPE", "COUNTRY") for t in doc[start:end]):
        return
    if all(t.ent_type_ == "ORG" and t.ent_id_ for t in doc[start:end]):  # "Hezbollah militia"
        return
    span = _clean_group(doc, start, end + 1)
    if span:
        out.append(_mention(doc, *span, GROUP_NOUNS[nxt.lower_]))


def _clean_group(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and doc[start].lower_ == "the":
        start += 1
    if end - start < 2 or any(_title(t) for t in doc[start:end]):
        return None
    return start, end


def apposed_names(ctx: Context) -> list[Mention]:
    """Names right after a common organization noun: "the jihadist group Jaish al-Islam"."""
    doc = ctx.doc
    out = []
    for sent in ctx.sents:
        for start, end in _runs(sent):
            if start == sent.start or start - 1 < 0:
                continue
            noun = doc[start - 1]
            if noun.text not in APPOSITION_NOUNS or noun.text[0].isupper() and noun.text != "NGO":
                continue
            if any(c.lower_ in MEDIA_WORDS for c in noun.children):
                continue
            if any(t.ent_type_ in ("LOC", "DATE", "COUNTRY", "NORP") or t.ent_type_ == "GPE"
                   and ctx.gaz.country_code(t.text) for t in doc[start:end]):
                continue
            if any(_title(t) for t in doc[start:end]):
                continue
            out.append(_mention(doc, start, end, APPOSITION_NOUNS[noun.text]))
    return out


def oppositions(ctx: Context) -> list[Mention]:
    """"<demonym> opposition": the Syrian opposition acting in the text."""
    doc = ctx.doc
    out = []
    for t in doc:
        if t.lower_ != "opposition" or t.i == 0:
            continue
        prev = doc[t.i - 1]
        if prev.ent_type_ == "NORP" and ctx.gaz.country_code(prev.text):
            span = doc[prev.i:t.i + 1]
            out.append(Mention(text=span.text, start=span.start_char, end=span.end_char,
                               type="ORG", kind="other", code=ctx.gaz.country_code(prev.text)))
    return out


def bare_armies(ctx: Context) -> list[Mention]:
    """"the army" with no qualifier: the army of the state the text is about."""
    out = []
    for t in ctx.doc:
        if t.text != "army" or t.ent_type_ or t.dep_ == "compound":
            continue
        kids = list(t.children)
        if not any(c.lower_ == "the" for c in kids) or any(
                c.dep_ in ("compound", "amod", "nmod", "poss", "prep") for c in kids):
            continue
        out.append(Mention(text=t.text, start=t.idx, end=t.idx + len(t.text), type="ORG",
                           kind="military"))
    return out


def bare_coalitions(ctx: Context) -> list[Mention]:
    """The lower-case "coalition" when it acts or strikes, not "a coalition of" parties."""
    out = []
    for t in ctx.doc:
        if t.text != "coalition" or t.ent_type_:
            continue
        if any(c.lower_ == "of" for c in t.children):
            continue
        if t.dep_ == "compound" and t.head.lemma_ in ("government", "talk", "party"):
            continue
        out.append(Mention(text=t.text, start=t.idx, end=t.idx + len(t.text), type="ORG",
                           kind="coalition"))
    return out


# Lower-case heads after a state's demonym: "the Iraqi parliament", "the Turkish foreign ministry".
STATE_HEADS = {"parliament": "government", "ministry": "government", "cabinet": "government",
               "senate": "government", "congress": "government", "legislature": "government",
               "presidency": "government"}


def state_bodies(ctx: Context) -> list[Mention]:
    """A state's demonym, up to two lower-case words and a lower-case body noun."""
    doc = ctx.doc
    out = []
    for t in doc:
        if t.lower_ not in STATE_HEADS or t.text[0].isupper():
            continue
        k = t.i - 1
        while k >= 0 and t.i - k <= 3 and doc[k].text.islower() and doc[k].is_alpha \
                and doc[k].pos_ in ("ADJ", "NOUN", "PROPN"):
            k -= 1
        if k < 0 or doc[k].ent_type_ not in ("NORP", "COUNTRY", "GPE"):
            continue
        code = ctx.gaz.country_code(doc[k].text)
        if not code:
            continue
        span = doc[k:t.i + 1]
        out.append(Mention(text=span.text, start=span.start_char, end=span.end_char,
                           type="ORG", kind=STATE_HEADS[t.lower_], code=code))
    return out

