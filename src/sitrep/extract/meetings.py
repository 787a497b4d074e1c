"""Meetings: who met whom, where and when, with the states that chaired and took part.

A meeting is found from a noun ("the ministerial in Paris", "talks were held in Ankara between
A and B", "a meeting of ministers from A, B and C took place in X") or from a verb ("A met B in
London", "visited Turkey", "travelled to Kabul", "X received Y", "ministers of A and B gathered
in Cairo"). Roles come from the parse: the agent of "chaired by" / "attended by", the subject of
"hosted" and "held a summit", the parties of "met" and "held talks with", the owner of "his
visit". Mentions of the same meeting in one document are merged (a later unplaced "He met the
Turkish minister" joins the visit to Turkey, whose host then chairs it); a meeting is emitted
where it is placed in a city or state, or where a meeting noun states two parties ("held a
round of talks with A, B and C"). Called-off and negated meetings are none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.datafiles import load_yaml
from sitrep.extract.context import Context
from sitrep.extract.meeting_parties import (
    agents,
    conjuncts,
    delegation_codes,
    is_party,
    own_span,
    party_codes,
    subjects,
    title_words,
)
from sitrep.model import Fact, Mention
from sitrep.where import Place, _large_place, resolve_place

DATA = Path(__file__).resolve().parent.parent / "data"
LEXICON = DATA / "lexicon" / "meetings.yaml"
WINDOW = 24  # tokens scanned after a trigger for its place


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """The meeting lexicon: each list as a set of lower-case words."""
    data = load_yaml(LEXICON.read_text(encoding="utf-8"))
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


@cache
def _trigger_lemmas() -> frozenset[str]:
    """Lemmas (lower case) a meeting can start from: its nouns and its verbs."""
    lex = lexicon()
    return (lex["nouns"] | lex["meet_verbs"] | lex["visit_verbs"] | lex["convene_verbs"]
            | lex["receive_verbs"] | lex["travel_verbs"])


@cache
def capitals() -> dict[str, str]:
    """Capital city (lower case) → ISO3, from the country gazetteer."""
    entries = load_yaml((DATA / "actors" / "countries.yaml").read_text(encoding="utf-8"))
    return {e["capital"].lower(): e["code"] for e in entries if e.get("capital")}


@dataclass
class Meeting:
    """One meeting as found in one sentence, before merging."""

    sent: Span
    trigger: Token
    name: str | None = None
    named: bool = False  # the text gives the meeting a name of its own
    city: str | None = None
    country: str | None = None
    date: str | None = None
    chairs: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    back_reference: bool = False
    verb: int | None = None  # the verb a back reference hangs on ("met ..., their meeting")
    confidence: float = 0.6
    stated: bool = False  # the parties are stated as meeting ("A met B", "talks with B")
    nominal: bool = False  # a meeting noun states it ("talks with B"), not a verb alone

    @property
    def parties(self) -> set[str]:
        return set(self.chairs) | set(self.participants)

    @property
    def kept_unplaced(self) -> bool:
        """An unplaced meeting is kept where a meeting noun states that two parties met ("held
    talks with B"); "A met B" alone, with no place, is too often a passing encounter."""
        return self.stated and self.nominal and len(self.parties) >= 2

    @property
    def located(self) -> bool:
        return bool(self.city or self.country)

    def record(self) -> dict:
        chairs = list(dict.fromkeys(self.chairs))
        participants = [c for c in dict.fromkeys(self.participants) if c not in chairs]
        return {"name": self.name, "date": self.date, "city": self.city,
                "country": self.country, "chairs": chairs, "participants": participants}


# --- place and date ------------------------------------------------------------------------------


def _near_countries(ctx: Context, tok: Token) -> list[str]:
    return ctx.countries_in(tok.sent.start_char, tok.sent.end_char)


def _resolved(ctx: Context, text: str, tok: Token) -> Place | None:
    """A place name, read near the states its sentence names, unless a far larger place of
    that name lies elsewhere (a meeting "in Geneva" between Russia and the United States)."""
    near = resolve_place(text, _near_countries(ctx, tok))
    plain = resolve_place(text, ())
    if near is None or plain is None or near.country == plain.country:
        return near
    if (plain.population or 0) >= 8 * max(near.population or 0, 1):
        return plain
    return near


def _place(ctx: Context, tok: Token) -> tuple[str | None, str | None] | None:
    """(city, country) for a place named from a token on, else None."""
    if tok.lower_ == "the" and tok.i + 1 < len(tok.doc):
        tok = tok.nbor()
    m = ctx.mention_at(tok.idx)
    if m is not None and m.type == "COUNTRY" and m.code and len(m.code) == 3:
        return None, m.code
    if m is not None and m.type == "PLACE" and m.text[:1].isupper():
        place = _resolved(ctx, m.text, tok)
        if place is not None and place.kind == "country":
            return None, place.country
        country = _city_country(ctx, m) or (place.country if place else None)
        return (m.text, country) if country else None  # an unknown name may be a venue
    if m is not None and m.type == "PERSON" and m.text == tok.text and tok.dep_ == "pobj" \
            and _large_place(m.text) and not ctx.person_by_surname(m.text):
        place = _resolved(ctx, m.text, tok)  # "travelled to Kyiv", Kyiv read as a person
        if place is not None and place.kind == "city":
            return m.text, place.country
    if (m is None or m.type == "ORG" and not m.code and m.text == tok.text) and (
            tok.pos_ == "PROPN" and tok.text[:1].isupper()):  # a city the tagger took for a body
        place = _resolved(ctx, tok.text, tok)
        if place is not None and place.kind == "city" and place.score >= 0.85:
            return tok.text, place.country
    return None


def _city_country(ctx: Context, m: Mention) -> str | None:
    """The state named beside a city ("Paris, France", "Amiens in France")."""
    after = ctx.doc.char_span(m.end, min(m.end + 40, len(ctx.text)), alignment_mode="contract")
    if after is not None:
        words = [t for t in after if not t.is_space][:2]
        if len(words) == 2 and words[0].text in (",", "in"):
            nxt = ctx.mention_at(words[1].idx)
            if nxt is not None and nxt.type == "COUNTRY" and nxt.code:
                return nxt.code
    return capitals().get(m.text.lower())


def _is_date(ctx: Context, tok: Token) -> bool:
    m = ctx.mention_at(tok.idx)
    return m is not None and m.type == "DATE"


def _ends_scan(tok: Token) -> bool:
    """A token no place phrase of the meeting reaches past: a new clause or sentence."""
    if tok.text in (".", "!", "?", ";", ":", "(") or "\n" in tok.text:
        return True
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound")


def place_after(ctx: Context, start: Token, stop: int | None = None
                ) -> tuple[str | None, str | None] | None:
    """The first "in/at <place>" after a token, before a new clause.

    After a topic phrase ("talks on the situation in Aleppo") only a place attached to the
    token itself counts.
    """
    lex = lexicon()
    doc = start.doc
    end = min(start.i + WINDOW, len(doc)) if stop is None else stop
    in_topic = False
    for tok in doc[start.i + 1:end]:
        if _ends_scan(tok):
            return None
        nxt = tok.nbor() if tok.i + 1 < len(doc) else None
        if nxt is None:
            return None
        if tok.lower_ in lex["place_preps"]:
            if nxt.i < end and (not in_topic or tok.head.i == start.i):
                found = _place(ctx, nxt) or _named_place(ctx, tok)
                if found:
                    return found
        elif tok.lower_ in lex["topic_preps"] and tok.dep_ == "prep" and not _is_date(ctx, nxt):
            in_topic = True
    return None


def _named_place(ctx: Context, prep: Token) -> tuple[str | None, str | None] | None:
    """A place named after a description ("in the Kazakh capital Astana", "in the city of
    Mosul"): the appositive or "of" name of the preposition's object."""
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        names = [c for c in pobj.children if c.dep_ in ("appos", "compound") and c.i > pobj.i]
        names += [p for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
        for name in names:
            if found := _place(ctx, name):
                return found
    return None


def place_before(ctx: Context, noun: Token) -> tuple[str | None, str | None] | None:
    """A city naming the meeting ("the London conference", "the Munich Security
    Conference")."""
    names = [t for t in noun.subtree if t.i < noun.i and t.dep_ in ("compound", "nmod",
                                                                     "npadvmod")]
    chain = {noun.i} | {t.i for t in names if t.dep_ == "compound"}
    for child in names:
        if child.head.i in chain:
            found = _place(ctx, child)
            if found and found[0]:
                return found
            m = ctx.mention_at(child.idx)
            misread = m is not None and m.type == "ORG" and not m.code  # not "African Union"
            place = _resolved(ctx, child.text, child) if misread else None
            if place is not None and place.kind == "city" and place.score >= 0.85:
                return child.text, place.country
    return None


def place_of(ctx: Context, noun: Token) -> tuple[str | None, str | None] | None:
    """Where a meeting noun places the meeting: after it, in its name, or in its clause."""
    found = place_after(ctx, noun) or place_before(ctx, noun)
    if found is None and noun.lemma_.lower() == "visit":
        found = next((p for c in noun.children if c.lower_ == "to" for t in c.children
                      if (p := _place(ctx, t))), None)
    hosts = lexicon()["host_verbs"] | {"take"}
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        if found is None and clause.lemma_.lower() in hosts:
            found = place_after(ctx, clause)
    return found


def nearest_date(ctx: Context, sent: Span, anchor: Token) -> str | None:
    """The resolvable date in the sentence closest to a token, leaving out dates inside a
    clause on another noun ("the return of Morocco, which rejoined in 2017")."""
    dates = [m for m in ctx.mentions_in(sent.start_char, sent.end_char, "DATE")
             if not _in_other_clause(anchor, m.start)]
    years = [t.text for t in sent if t.is_digit and len(t.text) == 4 and t.text[:2] in (
        "19", "20")]
    best: tuple[int, str] | None = None
    for m in dates:
        lo, hi = sorted((m.start, anchor.idx))
        if "\n" in ctx.text[lo:hi]:
            continue  # a date of another paragraph the parser ran into this sentence
        resolved = ctx.date(m.text)
        if not resolved and len(set(years)) == 1:  # "met on 3 March for the 2016 summit"
            resolved = ctx.date(f"{m.text} {years[0]}")
        if not resolved:
            continue
        dist = min(abs(m.start - anchor.idx), abs(m.end - anchor.idx))
        if best is None or dist < best[0]:
            best = (dist, resolved)
    return best[1] if best else None


def _in_other_clause(anchor: Token, at: int) -> bool:
    """Whether the token at a character offset lies in a relative clause that does not hold
    the anchor."""
    doc = anchor.doc
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    for tok in (span[0], *span[0].ancestors):
        if tok.dep_ == "relcl":  # "the summit, which opened on Monday" is the summit's
            return tok.head.i != anchor.i and not (tok.left_edge.i <= anchor.i
                                                   <= tok.right_edge.i)
    return False


# --- names ----------------------------------------------------------------------------------------


def event_name(noun: Token) -> str | None:
    """The name a capitalised meeting noun carries ("the UK-France Summit 2016"), else None."""
    doc = noun.doc
    if not noun.text[:1].isupper():
        names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return doc[names[0].i:noun.i + 1].text if names else None
    start = noun.i
    while start > noun.sent.start:
        prev = doc[start - 1]
        if prev.text[:1].isupper() or prev.like_num or prev.text in ("-", "–"):
            start -= 1
            continue
        break
    end = noun.i + 1
    if end < noun.sent.end and doc[end].like_num and len(doc[end].text) == 4:
        end += 1
    if start == noun.i and end == noun.i + 1:
        return None
    return doc[start:end].text


def noun_phrase(noun: Token) -> str:
    """A plain name for an unnamed meeting: the noun with its modifiers and topic."""
    span = own_span(noun)
    words = [t for t in span if t.i <= noun.i and t.dep_ not in ("det", "poss", "case")]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("on", "of", "for", "with", "about"):
            words.extend(own_span(child))
    text = " ".join(t.text for t in sorted(set(words), key=lambda t: t.i))
    return text.replace(" - ", "-")


def party_names(ctx: Context, heads: list[Token]) -> list[str]:
    names = []
    for tok in (c for h in heads for c in conjuncts(h)):
        span = own_span(tok)
        found = [m for m in ctx.mentions_in(span.start_char, span.end_char)
                 if m.type in ("PERSON", "COUNTRY", "ORG", "NORP")]
        person = next((m for m in found if m.type == "PERSON"), None)
        after = {t.i for c in tok.rights if c.dep_ in ("prep", "relcl", "acl") for t in c.subtree}
        words = [t for t in span if t.i not in after and t.dep_ != "det"
                 and not (t.dep_ == "poss" and t.tag_ == "PRP$")]  # not "his", "in Warsaw"
        names.append(person.text if person else
                     "".join(t.text_with_ws for t in words).strip())
    return names


# --- triggers -----------------------------------------------------------------------------------


def _container(noun: Token) -> Token:
    """The phrase a meeting noun heads from outside ("a round of [talks]")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lexicon()[
            "containers"]:
        return head.head
    return noun


def governor(noun: Token) -> tuple[Token | None, str | None]:
    """The verb a meeting phrase hangs on, with the preposition between them, if any."""
    cur, prep = noun, None
    for _ in range(4):
        head = cur.head
        if head is cur:
            return None, prep
        if head.pos_ in ("VERB", "AUX"):
            if head.dep_ in ("aux", "auxpass") and head.head.pos_ == "VERB":
                head = head.head  # "The conference was co-hosted by ...", split at the hyphen
            return head, prep
        if cur.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative"):
            prep = head.lower_
        elif not (cur.dep_ == "prep" and head.lower_ == "part"):
            return None, prep
        cur = head
    return None, prep


def back_reference(noun: Token) -> bool:
    """Whether a meeting noun refers back ("today's meeting", "the summit", "these meetings")."""
    words = lexicon()["back_references"]
    if any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in noun.lefts):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in words for c in noun.lefts)


def _auspices(ctx: Context, noun: Token) -> list[str]:
    """Chairs named by "under UN auspices" / "under the auspices of the UN" after the noun."""
    doc, words = noun.doc, lexicon()["auspices"]
    for tok in doc[noun.i + 1:min(noun.i + WINDOW, noun.sent.end)]:
        if tok.lemma_.lower() in words and any(
                t.lower_ == "under" for t in doc[max(tok.i - 3, noun.i):tok.i]):
            span = own_span(tok)
            codes = [m.code for m in ctx.mentions_in(span.start_char, span.end_char)
                     if m.code and m.type in ("ORG", "COUNTRY", "NORP")]
            return list(dict.fromkeys(codes))
    return []


def _host_clauses(ctx: Context, phrase: Token) -> list[str]:
    """Chairs from a clause on the meeting noun ("jointly chaired by X and Y")."""
    hosts = lexicon()["host_verbs"]
    chairs: list[str] = []
    for child in phrase.subtree:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in hosts and (
                child.head.i == phrase.i or not _meeting_word(child.head)):
            chairs += party_codes(ctx, agents(child))
    return chairs


def _meeting_word(tok: Token) -> bool:
    return tok.lemma_.lower() in lexicon()["nouns"] and tok.pos_ in ("NOUN", "PROPN")


def _verb_roles(ctx: Context, m: Meeting, phrase: Token, verb: Token, prep: str | None) -> None:
    """Roles from the verb the meeting phrase hangs on."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    if any(c.dep_ == "neg" for c in verb.children):
        return
    if lemma in lex["convene_verbs"] and phrase.dep_ == "nsubj" and not passive:  # "the
        # talks brought together"
        m.participants += party_codes(ctx, [c for c in verb.children if c.dep_ == "dobj"])
    elif lemma == "hold" and not passive and phrase.dep_ == "dobj":
        subj = _pronoun_subject(ctx, verb, subjects(verb))
        # "A held talks with B": A met B; "A held talks with B, C and D" or "A held a summit":
        # A convened them
        codes = party_codes(ctx, subj)
        if len(set(m.participants)) == 1 or not m.participants and len(codes) >= 2:
            m.participants += codes  # "A and B held talks", "officials of A and B held talks"
            m.stated = True
        else:
            m.chairs += codes
            m.stated = m.stated or bool(m.participants)
    elif lemma in lex["host_verbs"] and lemma != "hold" or lemma == "hold" and passive:
        if passive:
            m.chairs += party_codes(ctx, agents(verb))
        elif phrase.dep_ == "dobj" or prep in ("in",):
            m.chairs += party_codes(ctx, subjects(verb))
    elif lemma in lex["join_verbs"] and passive:  # "the summit was attended by A and B"
        m.participants += party_codes(ctx, agents(verb))
    elif lemma in lex["join_verbs"]:
        m.participants += party_codes(ctx, subjects(verb))
        if lemma == "join":
            m.participants += party_codes(ctx, [c for c in verb.children if c.dep_ == "dobj"])
    elif lemma in lex["meet_verbs"] and prep not in lex["margins"]:
        sides = subjects(verb) + meet_objects(verb)
        if all(is_party(ctx, t) for t in sides):
            m.participants += party_codes(ctx, sides)
            m.confidence = max(m.confidence, 0.85)
    elif prep in lex["attend_preps"] or prep == "for" and lemma in lex["travel_verbs"] | lex[
            "visit_verbs"] | {"be", "come", "head", "return"}:
        m.participants += party_codes(ctx, subjects(verb))
    elif verb.dep_ == "prep" and verb.lower_ in lex["attend_preps"]:  # "Following the meeting"
        m.participants += party_codes(ctx, subjects(verb.head))


def _margins_of(noun: Token) -> bool:
    """A meeting named as the frame of a side meeting ("on the sidelines of the summit")."""
    head = noun.head
    return head.lower_ == "of" and head.head.lower_ in lexicon()["margins"]


def called_off(noun: Token, verb: Token | None) -> bool:
    """"The summit was cancelled", "the meeting will not take place", "the postponed talks"."""
    lex = lexicon()
    if any(c.lemma_.lower() in lex["cancel_words"] for c in noun.lefts):
        return True
    if verb is None:
        return False
    if verb.lemma_.lower() in lex["cancel_words"]:
        return True
    if verb.lemma_.lower() == "call" and any(c.lower_ == "off" for c in verb.children):
        return True
    negated = any(c.dep_ == "neg" for c in verb.children)
    return negated and verb.lemma_.lower() in lex["occur_verbs"]


def between_parties(ctx: Context, noun: Token, verb: Token | None) -> list[str]:
    """The parties after "between" on a meeting noun or its verb ("talks between A and B")."""
    heads = [noun] + ([verb] if verb is not None else [])
    pobjs = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
             for p in c.children if p.dep_ == "pobj"]
    return party_codes(ctx, pobjs)


def _attended_by(ctx: Context, noun: Token, verb: Token | None) -> list[str]:
    """Participants of a clause on the meeting phrase or its verb: "the ministerial, attended
    by A and B"."""
    joins = lexicon()["join_verbs"]
    clauses = [t for t in noun.subtree if t.dep_ in ("acl", "relcl")]
    clauses += [c for c in verb.children if c.dep_ == "advcl"] if verb is not None else []
    out: list[str] = []
    for tok in clauses:
        if tok.lemma_.lower() in joins and tok.tag_ == "VBN":
            out += party_codes(ctx, agents(tok) + [  # "attended by A, and B's chief": B,
                c for c in (*tok.children, *tok.head.children)  # parsed as a conjunct of the
                if c.dep_ == "conj" and c.i > tok.i and c.pos_ in ("NOUN", "PROPN")  # verb or
                and c.lemma_.lower() not in lexicon()["nouns"]])  # the meeting
    return out


def _visitors(ctx: Context, noun: Token, verb: Token | None) -> list[str]:
    """Who makes a visit: its owner ("the Foreign Secretary's visit"), or for "his visit" the
    subject of the clause it is in."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return []
    if owner.pos_ == "PRON":
        clause = verb if verb is not None else noun.sent.root
        return party_codes(ctx, [s for s in subjects(clause) if s.lower_ not in ("he", "she")])
    return party_codes(ctx, [owner])


def from_noun(ctx: Context, noun: Token) -> Meeting | None:
    """A meeting named by a noun, with the place, date and roles its sentence gives."""
    lex = lexicon()
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ == "compound":
        return None
    if any(c.lower_ in lex["not_after"] for c in noun.lefts):
        return None
    phrase = _container(noun)
    verb, prep = governor(phrase)
    if called_off(noun, verb):
        return None
    place = place_of(ctx, noun) or _margins_place(ctx, noun) or (
        (_margins_place(ctx, verb) or _where_place(ctx, verb)) if verb is not None else None)
    if place is None and verb is not None and verb.i < phrase.left_edge.i:
        place = place_after(ctx, verb, stop=phrase.left_edge.i)
    passive = phrase.dep_ == "nsubjpass" and verb is not None and (
        verb.lemma_.lower() in lex["host_verbs"] | lex["join_verbs"])
    if place is None and verb is not None and phrase.dep_ in ("nsubj", "nsubjpass") and (
            verb.lemma_.lower() in lex["occur_verbs"] or passive):
        place = place_after(ctx, verb)  # "talks were held in Ankara", "opened in Oslo"
    name = event_name(noun)
    m = Meeting(sent=noun.sent, trigger=noun, name=name or noun_phrase(phrase), named=bool(name),
                nominal=True,
                back_reference=back_reference(noun) and not name and not _margins_of(noun),
                verb=verb.i if verb is not None else None)
    if place:
        m.city, m.country = place
    m.date = nearest_date(ctx, noun.sent, verb if verb is not None else noun)
    m.chairs += _host_clauses(ctx, phrase) + _host_clauses(ctx, noun) + _auspices(ctx, noun)
    if verb is not None:  # "... at a conference in London, co-hosted by A and B"
        m.chairs += [c for a in verb.children if a.dep_ == "advcl" and a.tag_ == "VBN"
                     and a.lemma_.lower() in lex["host_verbs"] and a.i > noun.i
                     for c in party_codes(ctx, agents(a))]
    partners = party_codes(ctx, [p for c in noun.children if c.lower_ == "with"
                                 for p in c.children if p.dep_ == "pobj"])
    if noun.lemma_.lower() in ("visit", "trip"):
        m.participants += [c for c in _visitors(ctx, noun, verb) if c != m.country]
    elif partners:  # "the Foreign Secretary's talks with B"
        m.participants += _visitors(ctx, noun, verb)
    m.participants += partners
    between = between_parties(ctx, noun, verb)
    m.participants += between + _attended_by(ctx, noun, verb)
    m.stated = bool(partners or len(between) >= 2)
    if verb is not None:
        _verb_roles(ctx, m, phrase, verb, prep)
    _host_rule(m)
    m.confidence = max(m.confidence, 0.9 if m.located and (m.named or m.chairs or m.participants)
                       else 0.7)
    return m


def meet_objects(verb: Token) -> list[Token]:
    """Who a subject met: the object, or the noun after "with"."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
             for p in c.children if p.dep_ == "pobj"]
    return objs


def _margins_place(ctx: Context, verb: Token) -> tuple[str | None, str | None] | None:
    """The place of the larger meeting a side meeting was held at ("on the margins of X")."""
    words = lexicon()["margins"]
    for tok in verb.subtree:
        if tok.lower_ in words:
            for of in (c for c in tok.children if c.lower_ == "of"):
                for noun in of.children:
                    found = place_of(ctx, noun)
                    if found:
                        return found
    return None


def _meeting_noun_governed(verb: Token) -> bool:
    """Whether a verb governs a meeting noun directly ("met for the summit")."""
    lex = lexicon()
    for tok in verb.subtree:
        if tok.lemma_.lower() in lex["nouns"] and tok.pos_ in ("NOUN", "PROPN"):
            v, prep = governor(_container(tok))
            if v is verb and prep not in lex["margins"] and prep != "of":
                return True
    return False


def _pronoun_subject(ctx: Context, verb: Token, subj: list[Token]) -> list[Token]:
    """For "he/she met B", the party the sentence's main clause is about ("X travelled to
    Kabul, where he met B")."""
    if len(subj) != 1 or subj[0].lower_ not in ("he", "she"):
        return subj
    if verb.dep_ in ("relcl", "advcl", "conj", "ccomp"):
        main = [c for c in subjects(verb.sent.root) if c.i < subj[0].i]
    elif subj[0].i == verb.sent.start and verb.sent.start > 0:  # "... . He met B"
        main = subjects(verb.doc[verb.sent.start - 1].sent.root)
    else:
        main = []
    return main if main and all(is_party(ctx, t) for t in main) else subj


def _participle_subject(verb: Token) -> Token | None:
    """Who is meeting in a participle ("NATO leaders meeting in Brussels agreed"): the noun it
    modifies, or the plural noun the parser hung on it ("Governments meeting ..." read as a
    compound)."""
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ in ("nsubj", "appos", "ROOT"):
        return next((c for c in verb.lefts if c.dep_ in ("compound", "nsubj", "amod")
                     and c.tag_ in ("NNS", "NNPS")), None)
    return None


def from_meet(ctx: Context, verb: Token) -> Meeting | None:
    """A meeting of the subject and object of "met" ("A met B in London")."""
    subj, objs = subjects(verb), meet_objects(verb)
    doer = _participle_subject(verb)
    participle = doer is not None
    if participle and not subj:
        subj = [doer]  # "Governments meeting in Geneva on Tuesday pledged ..."
    subj = _pronoun_subject(ctx, verb, subj)
    sides = subj + objs
    n_parties = sum(len(conjuncts(t)) for t in sides)
    if not objs and len(subj) == 1 and len(delegation_codes(ctx, subj[0])) >= 2:
        n_parties = 2  # "ministers of A, B and C met in Cairo"
    if not objs and len(subj) == 1 and n_parties == 1 and (
            _group_subject(ctx, subj[0]) or participle and subj[0].tag_ == "NNS"):
        return _group_met(ctx, verb, subj[0])
    if not subj or n_parties < 2 or not all(
            is_party(ctx, t) or delegation_codes(ctx, t) for t in sides):
        return None
    if _meeting_noun_governed(verb) or any(c.dep_ == "neg" for c in verb.children):
        return None
    place = (place_after(ctx, verb) or _margins_place(ctx, verb) or _where_place(ctx, verb)
             or place_fronted(ctx, verb))
    codes = party_codes(ctx, sides)
    if not codes:
        return None
    m = Meeting(sent=verb.sent, trigger=verb, stated=True,
                name=" - ".join(party_names(ctx, sides)) + " meeting", confidence=0.85)
    if place:
        m.city, m.country = place
    else:
        m.confidence = 0.7
    m.date = nearest_date(ctx, verb.sent, verb)
    m.participants = codes
    _host_rule(m)
    return m


def place_fronted(ctx: Context, verb: Token) -> tuple[str | None, str | None] | None:
    """A place put before the clause ("In Paris, X met Y", "While in Ankara, X met Y")."""
    lex = lexicon()
    for child in (c for c in verb.children if c.i < verb.i):
        preps = [child] if child.dep_ in ("prep", "advcl") else []
        preps += [g for g in child.children if g.dep_ == "prep"] if child.dep_ == "advcl" else []
        for prep in (p for p in preps if p.lower_ in lex["place_preps"]):
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                if found := _place(ctx, pobj):
                    return found
    return None


def _where_place(ctx: Context, verb: Token) -> tuple[str | None, str | None] | None:
    """The place a "where" clause refers back to ("travelled to Kabul, where he met B")."""
    if not any(c.lower_ == "where" for c in verb.children):
        return None
    start = min(t.i for t in verb.subtree)
    for tok in reversed(verb.doc[max(verb.sent.start, start - 8):start]):
        if found := _place(ctx, tok):
            return found
    return None


OFFICIAL_HONORIFICS = frozenset(("mr", "mrs", "ms", "dr", "sir", "dame"))


def _official(ctx: Context, tok: Token) -> bool:
    """A named person with a role or an honorific ("Mr Blinken", "Secretary of State X"), whose
    state the text may not give."""
    m = ctx.mention_at(tok.idx)
    if m is None or m.type != "PERSON":
        return False
    start = ctx.doc.char_span(m.start, m.end, alignment_mode="expand").start
    before = tok.doc[start - 1] if start > 0 else None
    if before is not None and (before.lower_.strip(".") in OFFICIAL_HONORIFICS
                               or before.text in title_words()):
        return True
    return any(p.role for p in ctx.persons if any(pm.start == m.start for pm in p.mentions))


def _person_party(ctx: Context, tok: Token) -> bool:
    """Whether a phrase head names people: a person, a title, "his counterpart", "leaders"."""
    m = ctx.mention_at(tok.idx)
    if m is not None and m.type in ("PERSON", "TITLE"):
        return True
    return tok.text in title_words() or tok.lemma_.lower() in lexicon()["people_nouns"]


def from_receive(ctx: Context, verb: Token) -> Meeting | None:
    """The host receiving a visitor ("President X received the Iraqi Prime Minister in Paris")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    hosts = subjects(verb)
    if not objs and agents(verb):  # "the minister was received by the King"
        objs, hosts = [c for c in verb.children if c.dep_ == "nsubjpass"], agents(verb)
    if not objs or any(c.dep_ == "neg" for c in verb.children):
        return None
    if not all(_person_party(ctx, o) for o in objs + hosts) or not hosts:
        return None
    chairs = party_codes(ctx, hosts)
    guests = [c for c in party_codes(ctx, objs) if c not in chairs]
    if not chairs or not guests:
        return None
    m = Meeting(sent=verb.sent, trigger=verb, chairs=chairs, participants=guests, stated=True,
                name=" - ".join(party_names(ctx, hosts + objs)) + " meeting",
                confidence=0.8)
    place = place_after(ctx, verb) or _home_of(ctx, chairs)
    if place:
        m.city, m.country = place
    m.date = nearest_date(ctx, verb.sent, verb)
    return m


def _home_of(ctx: Context, chairs: list[str]) -> tuple[str | None, str | None] | None:
    """The state of a single host, where no place is stated: a host receives at home."""
    if len(chairs) == 1 and len(chairs[0]) == 3 and ctx.gaz.country(chairs[0]):
        return None, chairs[0]
    return None


def visited(ctx: Context, verb: Token) -> list[Token]:
    """The objects of a visit, with places coordinated across a date ("X on 4 May and Y")."""
    objs = [c for d in verb.children if d.dep_ == "dobj" for c in conjuncts(d)]
    if verb.lemma_.lower() in lexicon()["travel_verbs"]:
        objs = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "in")
                for d in p.children if d.dep_ == "pobj" for c in conjuncts(d)]
    if not objs:
        return []
    extra = [t for t in verb.subtree if t.dep_ == "conj" and t not in objs
             and _is_date(ctx, t.head) and t.head.i > objs[0].i]
    return objs + extra


def from_visit(ctx: Context, verb: Token) -> list[Meeting]:
    """One meeting per place visited ("visited Turkey on 4 April and Uzbekistan ...")."""
    visitors = subjects(verb)
    codes = party_codes(ctx, visitors)
    travel = verb.lemma_.lower() in lexicon()["travel_verbs"]
    if travel and not (visitors and all(_person_party(ctx, v) for v in visitors) and (
            codes or all(_official(ctx, v) for v in visitors))):
        return []  # "refugees travelled to Turkey": no visit of an official
    out = []
    targets = visited(ctx, verb)
    if targets and all(_place(ctx, t) is None for t in targets) and not travel:
        targets = targets[:1]  # "visited British troops in Estonia": the place after them
    for obj in targets:
        place = _place(ctx, obj) or (place_after(ctx, obj) if len(targets) == 1 else None)
        if place is None:
            continue
        where = ctx.mention_at(obj.idx)
        label = where.text if where is not None else (place[0] or place[1])
        who = " - ".join(party_names(ctx, visitors)) or "visit"
        m = Meeting(sent=verb.sent, trigger=verb, name=f"{who} visit to {label}",
                    participants=list(codes), confidence=0.8 if codes else 0.6)
        m.city, m.country = place
        m.participants = [c for c in codes if c != m.country]
        m.date = nearest_date(ctx, verb.sent, obj)
        out.append(m)
    return out


def from_convene(ctx: Context, verb: Token) -> Meeting | None:
    """A meeting its subject convenes ("we will bring together world leaders in London")."""
    if verb.lemma_.lower() == "bring" and not any(c.lower_ == "together" for c in verb.children):
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    lex = lexicon()
    if not objs and verb.tag_ == "VBN":
        return _convened(ctx, verb)
    if not objs and verb.lemma_.lower() in lex["assemble_verbs"]:
        return _assembled(ctx, verb)
    if not objs or any(o.lemma_.lower() in lex["nouns"] | lex["containers"] for o in objs):
        return None  # "hosted a conference": the noun makes the meeting
    chairs = party_codes(ctx, subjects(verb))
    place = place_after(ctx, verb)
    if place is None and all(_person_party(ctx, o) for o in objs):
        place = _home_of(ctx, chairs)  # "Secretary X hosted Minister Y at the Pentagon"
    if place is None or not chairs or not all(is_party(ctx, o) or o.pos_ == "NOUN" for o in objs):
        return None
    m = Meeting(sent=verb.sent, trigger=verb, chairs=chairs, confidence=0.7,
                name=" ".join(t.text for t in verb.doc[verb.i:objs[-1].i + 1]))
    m.city, m.country = place
    m.date = nearest_date(ctx, verb.sent, verb)
    m.participants = [c for c in party_codes(ctx, objs) if c not in chairs]
    return m


GATHERINGS = {"group", "meeting", "talks", "conference", "summit", "session", "forum",
              "ministerial", "council"}


def _convened(ctx: Context, verb: Token) -> Meeting | None:
    """"The group was convened by X at NATO headquarters in Brussels": the meeting just
    named, placed now, chaired by its convener."""
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subj or subj[0].lemma_.lower() not in GATHERINGS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj[0].children):
        return None
    place = place_after(ctx, verb)
    if place is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    m = Meeting(sent=verb.sent, trigger=verb, chairs=party_codes(ctx, agents),
                back_reference=True, confidence=0.7, name=noun_phrase(subj[0]))
    m.city, m.country = place
    m.date = nearest_date(ctx, verb.sent, verb)
    return m


def _assembled(ctx: Context, verb: Token) -> Meeting | None:
    """Parties that gather in a place ("ministers of A, B and C gathered in Cairo")."""
    subj = [s for s in subjects(verb) if s.dep_ == "nsubj"]
    codes = party_codes(ctx, subj)
    place = place_after(ctx, verb)
    if len(codes) < 2 or place is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    m = Meeting(sent=verb.sent, trigger=verb, participants=codes, stated=True, confidence=0.75,
                name=" ".join(t.text for t in own_span(subj[0])) + " meeting")
    m.city, m.country = place
    m.date = nearest_date(ctx, verb.sent, verb)
    _host_rule(m)
    return m


def _group_subject(ctx: Context, tok: Token) -> bool:
    """A coalition or IGO, or its ministers ("NATO defence ministers", "the Global Coalition",
    "foreign ministers of the Gulf Cooperation Council")."""
    heads = [tok, *(c for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss"))]
    heads += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]  # "foreign ministers of the GCC"
    return any((m := ctx.mention_at(t.idx)) is not None and m.type == "ORG" and m.kind in (
        "igo", "coalition") for t in heads)


def _group_met(ctx: Context, verb: Token, subj: Token) -> Meeting | None:
    """"The Global Coalition met in Kuwait City": a placed meeting of the group, no roles."""
    place = place_after(ctx, verb)
    if place is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    name = " ".join(t.text for t in own_span(subj) if t.dep_ != "det") + " meeting"
    m = Meeting(sent=verb.sent, trigger=verb, name=name, confidence=0.7)
    m.city, m.country = place
    m.date = nearest_date(ctx, verb.sent, verb)
    return m


def _host_rule(m: Meeting) -> None:
    """A party meeting in its own state hosts the meeting."""
    if m.country and m.country in m.participants and len(set(m.participants)) > 1:
        m.chairs.append(m.country)
        m.participants = [c for c in m.participants if c != m.country]


# --- merging --------------------------------------------------------------------------------------


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a.split("-")), len(b.split("-")))
    return a.split("-")[:n] == b.split("-")[:n]


def _words(name: str | None) -> set[str]:
    return {w.strip(".,'’").lower() for w in (name or "").replace("-", " ").split()}


def _same_place(a: Meeting, b: Meeting) -> bool:
    if a.city and b.city:
        return a.city.lower() == b.city.lower()
    return bool(a.country) and a.country == b.country


def same_meeting(old: Meeting, new: Meeting) -> bool:
    """Whether a later mention names a meeting already found."""
    if not _dates_agree(old.date, new.date):
        return False
    if _headline(old) and not old.date and not old.parties and old.located and new.located \
            and _same_place(old, new):
        return True  # "Donors pledge aid at Geneva conference" ... "Governments meeting in Geneva"
    if old.named and new.named:
        if old.located and new.located and _same_place(old, new):
            shared = _words(old.name) & _words(new.name)
            return 2 * len(shared) >= min(len(_words(old.name)), len(_words(new.name)))
        return _words(old.name) == _words(new.name)
    same_sent = old.sent.start == new.sent.start
    if not old.located:
        return False
    if not new.located:  # an unplaced mention: the same parties
        return bool(new.parties) and new.parties <= old.parties and (
            same_sent or old.stated or new.back_reference)
    if _same_place(old, new) and same_sent and _visit(old) != _visit(new):
        return True  # "travelled to Kabul, where he met B"
    if not (old.located and new.located and _same_place(old, new)):
        return False
    visits = old.trigger.lemma_.lower() in lexicon()["visit_verbs"] | {"visit"} and \
        new.trigger.lemma_.lower() in lexicon()["visit_verbs"] | {"visit"}
    return new.back_reference or visits or bool(old.date and old.date == new.date)


def _headline(m: Meeting) -> bool:
    """Whether a meeting is named in the document's headline (its first line)."""
    return m.sent.start == 0 and "\n" in m.sent.text.rstrip(" ") + m.sent[-1].whitespace_


def _visit(m: Meeting) -> bool:
    lex = lexicon()
    return m.trigger.lemma_.lower() in lex["visit_verbs"] | lex["travel_verbs"] | {"visit"}


def absorb(old: Meeting, new: Meeting) -> None:
    old.chairs += new.chairs
    old.participants += new.participants
    if not old.date or new.date and len(new.date) > len(old.date) and _dates_agree(
            old.date, new.date):
        old.date = new.date  # the more precise of two agreeing dates
    if not old.located:
        old.city, old.country = new.city, new.country
    if new.named and (not old.named or len(_words(new.name)) > len(_words(old.name))):
        old.name, old.named, old.sent = new.name, True, new.sent  # the fuller name, its sentence
    old.confidence = max(old.confidence, new.confidence)
    old.stated = old.stated or new.stated
    old.nominal = old.nominal or new.nominal


def merge(found: list[Meeting]) -> list[Meeting]:
    """One meeting per event: back references and repeated names join the earlier record."""
    out: list[Meeting] = []
    unplaced: Meeting | None = None  # the last meeting noun with no place
    for m in found:
        target = next((o for o in out if m.back_reference and o.trigger.i == m.verb), None)
        if target is None and m.back_reference and not m.located:
            target = next((o for o in reversed(out) if o.located), None)
        if target is None:
            target = next((o for o in reversed(out) if same_meeting(o, m)), None)
        if target is None and m.back_reference and m.located and unplaced is not None \
                and m.sent.start - unplaced.sent.end <= 1 and _dates_agree(unplaced.date, m.date):
            absorb(unplaced, m)  # "at a meeting of the X Group ... The group was convened
            m, unplaced = unplaced, None  # by Y in Brussels": that meeting, placed now
            if m in out:
                continue
        if target is not None:
            absorb(target, m)
        elif m.located or m.named or m.stated:
            out.append(m)
        if not m.located and m.trigger.pos_ in ("NOUN", "PROPN"):
            unplaced = m
    placed = [m for m in out if m.located]
    kept = list(placed)
    for m in (m for m in out if not m.located and m.stated):
        target = next((o for o in placed if held_there(o, m)), None)
        if target is None:
            if m.kept_unplaced:
                kept.append(m)
            continue
        absorb(target, m)
        if target.country in m.parties:  # a meeting with the host during a visit
            target.chairs.append(target.country)
            target.participants = [c for c in target.participants if c != target.country]
    return sorted(kept, key=lambda m: m.trigger.i)


def held_there(placed: Meeting, m: Meeting) -> bool:
    """Whether an unplaced meeting took place at a placed one: the dates agree and its parties
    are that meeting's parties or its host state ("visited Turkey ... met the Turkish
    minister")."""
    if not _dates_agree(placed.date, m.date) or not placed.parties & m.parties:
        return False
    return m.parties <= placed.parties | {placed.country}


def find(ctx: Context) -> list[Meeting]:
    """Every meeting mention of the document, in text order."""
    lex = lexicon()
    found: list[Meeting] = []
    for tok in ctx.words.tokens(LEMMA, _trigger_lemmas(), lower=True):
        lemma = tok.lemma_.lower()
        if lemma in lex["nouns"] and tok.pos_ in ("NOUN", "PROPN"):
            m = from_noun(ctx, tok)
            if m is not None:
                found.append(m)
        elif tok.pos_ == "VERB" and lemma in lex["meet_verbs"]:
            m = from_meet(ctx, tok)
            if m is not None:
                found.append(m)
        elif tok.pos_ == "VERB" and lemma in lex["visit_verbs"] | lex["travel_verbs"]:
            found.extend(from_visit(ctx, tok))
        elif tok.pos_ == "VERB" and lemma in lex["receive_verbs"] | lex["convene_verbs"]:
            # a host receives people ("hosted his counterpart") or convenes a meeting
            m = from_receive(ctx, tok) if lemma in lex["receive_verbs"] | {"host"} else None
            if m is None and lemma in lex["convene_verbs"]:
                m = from_convene(ctx, tok)
            if m is not None:
                found.append(m)
    return found


SAID = {"announcement", "remark", "statement", "pledge", "comment", "speech", "promise"}


def _date_before(ctx: Context, m: Meeting) -> str | None:
    """The date of the sentence before an undated meeting's, in its paragraph, or in the one
    before where the meeting's sentence refers back to what that one said ("... Lambrecht
    said on Wednesday. \n\n Lambrecht made the announcement at a meeting of X")."""
    before = ctx.sent_before(m.sent.start)
    if before is None:
        return None
    said = any(t.lemma_.lower() in SAID and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                                 for c in t.children) for t in m.sent)
    if "\n\n" in ctx.text[before.start_char:m.sent.start_char] and not said:
        return None
    return nearest_date(ctx, before, before.root)


def extract(ctx: Context) -> list[Fact]:
    found = merge(find(ctx))
    for m in found:
        if m.date is None:
            m.date = _date_before(ctx, m)
    return [ctx.fact("meetings", m.record(), m.sent, m.confidence) for m in found]
