"""Persons: named people with role and country, merged within a document by surname."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Span

from sitrep.actors.people import lookup_country
from sitrep.datafiles import load_yaml
from sitrep.extract.context import Context, Person
from sitrep.extract.org_names import ARABIC_OPENERS, HEAD_KINDS
from sitrep.model import Fact, Mention
from sitrep.nlp.phrases import noun_class

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "titles.yaml"
CONNECTORS = {"of", "for", "the", "and", "to", "on", "'s", "’s", "-"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "hon", "mr.", "mrs.",
              "ms.", "dr.", "prof", "rev", "sgt", "cpl", "pte", "pvt", "capt", "lt", "maj",
              "col", "gen", "brig", "adm", "cdr", "cmdr", "sheikh", "shaikh", "imam", "mullah"}


@cache
def _titles() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml(LEXICON.read_text(encoding="utf-8"))
    heads = frozenset(w.lower() for h in data["heads"] for w in h.split())
    return heads, frozenset(w.lower() for w in data["modifiers"]) | heads


def _role_before(ctx: Context, span: Span) -> Span | None:
    """The title words right before a name ("Defence Minister" Harjit S. Sajjan)."""
    heads, words = _titles()
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":  # "the Iraqi Foreign Minister, Ibrahim al-Jaafari"
        i -= 1
    end = i + 1
    while i >= 0 and i >= span.sent.start:
        tok = doc[i]
        low = tok.text.lower()
        in_actor = ctx.mention_at(tok.idx) is not None and tok.ent_type_ in ("COUNTRY", "NORP",
                                                                            "ORG")
        if low in words or in_actor or (low in CONNECTORS and i < end - 1):
            i -= 1
            continue
        break
    start = i + 1
    while start < end and doc[start].text.lower() in CONNECTORS:
        start += 1
    if start >= end or not any(t.text.lower() in heads for t in doc[start:end]):
        return None
    return doc[start:end]


def _role_after(span: Span) -> Span | None:
    """An appositive role after a name ("Ibrahim al-Jaafari, the Iraqi Foreign Minister,")."""
    heads, words = _titles()
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in ("the", "a"):
        i += 1
    start = i
    while i < len(doc) and i < span.sent.end and (
        doc[i].text.lower() in words | CONNECTORS or doc[i].ent_type_ in ("COUNTRY", "NORP", "ORG")
    ):
        i += 1
    while i > start and doc[i - 1].text.lower() in CONNECTORS:
        i -= 1
    if i > start and any(t.text.lower() in heads for t in doc[start:i]):
        return doc[start:i]
    return None


NOT_NAME_WORDS = {
    # bodies and groups, in English and in the Arabic words that open armed groups' names
    "group", "brigade", "brigades", "army", "front", "council", "ministry", "committee",
    "society", "forces", "force", "battalion", "battalions", "party", "movement", "militia",
    "regiment", "division", "corps", "unit", "organisation", "organization", "company",
    "agency", "network", "coalition", "alliance", "union", "institute", "foundation",
    "international", "news", "office", "bureau", "department", "service", "services",
    "commission", "television", "radio", "channel", "media", "airways", "airlines",
    "jaish", "jaysh", "liwa", "harakat", "jabhat", "ahrar", "ansar", "katibat",
    "kataib", "saraya", "asaib", "hizb", "hezb", "tanzim", "tribe", "clan",
    # places and buildings
    "library", "barrage", "dam", "mountains", "mountain", "river", "province", "governorate",
    "district", "university", "hospital", "mosque", "airport", "base", "camp", "village",
    "city", "town", "square", "street", "road", "palace", "museum", "shrine", "valley",
    "island", "gulf", "sea", "desert", "prison", "stadium", "refinery", "oilfield", "school",
    "college", "centre", "center",
    # weapons, texts and events
    "missile", "missiles", "rocket", "rockets", "launcher", "tank", "rifle", "drone",
    "helicopter", "system", "aircraft", "jet", "bomb", "mortar", "howitzer", "vehicle",
    "frigate", "submarine", "destroyer",
    "book", "resolution", "agreement", "accord", "treaty", "plan", "report", "declaration",
    "conference", "summit", "war", "battle", "operation", "offensive", "campaign", "kitab",
}
LOCATIVE_PREPS = {"in", "near", "at", "into", "outside", "around", "towards", "toward",
                  "across", "inside", "throughout", "through", "beyond", "within"}


def _clean_name(text: str) -> str:
    """The bare name: cut at brackets and commas, without honorifics or stray punctuation."""
    text = re.split(r"[(\[,;\n]", text, maxsplit=1)[0]
    words = text.split()
    while words and words[0].lower().strip(".") in HONORIFICS:
        words.pop(0)
    name = " ".join(words)
    name = re.sub(r"\s*-\s+", "-", name)  # "al- Jaafari" → "al-Jaafari"
    return name.strip(" ,.;:'’\"")


def _split_title(name: str) -> tuple[str | None, str]:
    """A title NER kept inside the name ("Lt Gen Sergei Rudskoi") and the name without it."""
    _, words = _titles()
    parts = name.split()
    i = 0
    while i < len(parts) - 1 and parts[i].lower().strip(".") in words | {"lt", "gen", "maj"}:
        i += 1
    return (" ".join(parts[:i]) or None), " ".join(parts[i:])


def _plausible(name: str) -> bool:
    """Reject spans NER calls people but which name places, groups or bodies."""
    words = name.split()
    if any(w.lower() in NOT_NAME_WORDS for w in words):
        return False
    if any(c in name for c in "āīūēōêîû"):  # scholarly transliterations of place names
        return False
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES or "-" in w for w in words)


# Lower-case words inside a person's name ("Eduardo de la Paz", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(("al", "bin", "ibn", "de", "van", "von", "el", "abu", "la", "le",
                            "du", "da", "do", "dos", "das", "der", "den", "di", "del", "bint"))


def _in_place_slot(span: Span) -> bool:
    """The name stands where places stand: "near X", "in X", "into X" (on one line: a
    heading the parse ran into the text is no such slot)."""
    root = span.root
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in LOCATIVE_PREPS \
        and not any("\n" in t.text for t in span.doc[prep.i:span.start])


def _modifies_a_noun(span: Span) -> bool:
    """A name used as a modifier names no person by itself ("the Asad regime", "the Obama
    administration", "the Tal Afar offensive")."""
    root = span.root
    head = root.head
    people = head.tag_ == "NNS"  # "Tal Kaif residents", "Assad loyalists"
    return root.dep_ == "compound" and head.pos_ == "NOUN" and head.i == span.end \
        and (noun_class(head) != "person" or people) and head.lower_ not in _titles()[1]


def _not_a_person(ctx: Context, items: list[tuple[Span, Mention]], name: str) -> bool:
    """A name NER took for a person that the text uses as a place: a place the gazetteer
    knows (two words or more), or one that stands in a place's slot, and has no title."""
    if lookup_country(name)[0]:
        return False
    placed = (len(name.split()) >= 2 and _is_place(name)) or any(
        _in_place_slot(span) for span, _ in items)
    return placed and not any(_titled_mention(ctx, span, m) for span, m in items)


def _titled_mention(ctx: Context, span: Span, m: Mention) -> bool:
    """A title or honorific in the mention, or a role phrase next to it."""
    cleaned = _clean_name(m.text)
    return cleaned != m.text.strip() or _split_title(cleaned)[0] is not None \
        or _role_before(ctx, span) is not None or _role_after(span) is not None


def _recovered(ctx: Context) -> None:
    """Names NER took for an organization or place that read as a person's: a known
    person's name, a title or honorific before proper nouns ("General Karim Nouri"), or an
    appositive person noun ("Nadia Murad, a survivor,"). Such mentions are retyped PERSON,
    in place; names NER missed after a title ("Special Envoy de Mistura") are added."""
    heads, _ = _titles()
    for m in ctx.mentions:
        if m.type not in ("ORG", "PLACE", "NORP") or m.code:
            continue
        if m.text[:1].isupper() and lookup_country(m.text)[0]:
            m.type = "PERSON"
            continue
        if m.type == "NORP":
            continue
        words = m.text.split()
        if len(words) < 2 or any(w.lower() in NOT_NAME_WORDS for w in words) \
                or not all(w[:1].isupper() for w in words):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        speaks = m.type == "ORG" and len(words) <= 3 and span.root.dep_ == "nsubj" \
            and span.root.head.lemma_ in SPEECH_LEMMAS  # "Karim Nouri said"
        title = _split_title(_clean_name(m.text))[0]
        two_word_title = _title_heads(title, heads)  # "Field Marshal Khalifa Haftar"
        opens = words[0].lower().strip(".") in HONORIFICS or words[0].lower() in heads \
            or two_word_title
        skip = len(title.split()) if two_word_title else 1
        titled = opens and not any(w.lower() in heads for w in words[skip:]) \
            and words[-1].lower() not in HEAD_KINDS  # "General National Congress" is a body
        appos = any(c.dep_ == "appos" and (noun_class(c) == "person" or c.lower_ in heads)
                    for c in span.root.children)
        appos = appos or _appositive_to_person(span, heads)
        if (titled or appos or speaks) and not _is_place(_split_title(_clean_name(m.text))[1]):
            m.type = "PERSON"
    ctx.add_mentions(_titled_names(ctx))
    ctx.add_mentions(_speaking_names(ctx))


def _title_heads(title: str | None, heads: frozenset[str]) -> bool:
    """Whether a title NER kept inside a name has a head word ("Field Marshal")."""
    return title is not None and len(title.split()) >= 2 and title.split()[-1].lower() in heads


def _appositive_to_person(span: Span, heads: frozenset[str]) -> bool:
    """A name in apposition to a person noun before it ("Ntaganda's lawyer, Stéphane
    Bourgon,"), also where the parse hangs it on the "of" phrase of that noun ("the chairman
    of the Commission, Moussa Faki Mahamat,")."""
    root = span.root
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text == "," and any(
            c.dep_ in ("nmod", "compound") and c.i < span.start and c.lower_ in heads
            for c in root.children):
        return True  # "Kenya's Cabinet Secretary for Defence, Aden Duale Omar", the title
        # parsed as a modifier of the name
    if root.dep_ != "appos" or root.head.i >= span.start:
        return False
    head = root.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        head = head.head.head
    return head.pos_ == "NOUN" and (noun_class(head) == "person" or head.lower_ in heads)


PARTICLES = {"al", "el", "bin", "ibn", "de", "van", "von", "abu", "del", "da", "di", "ould"}


def _role_word(ctx: Context, tok, words: frozenset[str]) -> bool:
    """A word that may continue a role phrase: a connector or a capitalised title word."""
    return (tok.lower_ in CONNECTORS or (tok.lower_ in words and tok.text[:1].isupper())) \
        and "\n" not in tok.text and ctx.mention_at(tok.idx) is None


def _titled_names(ctx: Context) -> list[Mention]:
    """Proper nouns right after a title that no mention covers ("UN Special Envoy de
    Mistura", "Colonel Haddad"): up to three name words, particles allowed inside."""
    heads, words = _titles()
    doc = ctx.doc
    out: list[Mention] = []
    for tok in ctx.words.tokens(ORTH, heads, lower=True):
        if not tok.text[:1].isupper() or ctx.mention_at(tok.idx) is not None:
            continue
        i, run = tok.i + 1, []
        while i < len(doc) and _role_word(ctx, doc[i], words):
            i += 1  # the rest of the role: "Minister of National Defence Anita Anand"
        if doc[i - 1].lower_ in CONNECTORS:
            continue  # "Chief of Plans": a role that goes on, no name
        while i < len(doc) and len(run) < 4:
            t = doc[i]
            low = t.lower_
            name_word = t.pos_ == "PROPN" and t.text[:1].isupper() and low not in words
            particle = low in PARTICLES and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()
            if not (name_word or particle) or ctx.mention_at(t.idx) is not None \
                    or low in NOT_NAME_WORDS:
                break
            run.append(t)
            i += 1
        while run and run[-1].lower_ in PARTICLES:
            run.pop()
        if not run or len(run) > 3 or (i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN")):
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        if not out or out[-1].start != start:
            out.append(Mention(text=ctx.text[start:end], start=start, end=end, type="PERSON"))
    return out


SPEECH_LEMMAS = frozenset({"say", "tell", "add", "warn", "insist", "state", "explain",
                          "declare", "note", "stress", "urge"})


def _speaking_names(ctx: Context) -> list[Mention]:
    """Full names NER missed that speak: two capitalised proper nouns or more, no mention,
    no place, as the subject of a verb of saying ("..., Omar Haddad told reporters")."""
    out: list[Mention] = []
    for verb in ctx.words.tokens(LEMMA, SPEECH_LEMMAS):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ != "PROPN":
            continue
        words = [t for t in subj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [subj]
        if (len(words) < 2 and not _described(subj)) or words[-1].i - words[0].i != len(words) - 1:
            continue  # one word only with an age or a person noun: "Ahmed, a taxi driver,"
        text = ctx.text[words[0].idx:subj.idx + len(subj.text)]
        if any(ctx.mention_at(t.idx) is not None for t in words) \
                or any(w.text.lower() in NOT_NAME_WORDS | _titles()[1] for w in words) \
                or not all(w.text[:1].isupper() for w in words) or _is_place(text):
            continue
        out.append(Mention(text=text, start=words[0].idx, end=words[0].idx + len(text),
                           type="PERSON"))
    return out


def _stated_country(ctx: Context, role: Span | None, span: Span) -> str | None:
    """The state the text itself ties to the person: in the role, or "X of Canada"."""
    if role is not None:
        codes = ctx.countries_in(role.start_char, role.end_char)
        igos = [m for m in ctx.mentions_in(role.start_char, role.end_char, "ORG")
                if m.kind == "igo"]
        states = ctx.mentions_in(role.start_char, role.end_char, "COUNTRY", "NORP")
        if igos and states and igos[0].start < states[0].start:
            return None  # "UN envoy for Syria": the official of an international body
        if codes:
            return codes[0]
        owner = [ctx.mention_at(c.idx) for c in role.root.children if c.dep_ == "poss"]
        if owner and owner[0] is not None and owner[0].type in ("COUNTRY", "NORP") \
                and owner[0].code:
            return owner[0].code  # "Egypt's intelligence chief, X"
        orgs = ctx.mentions_in(role.start_char, role.end_char, "ORG")
        if orgs and orgs[0].kind in ("government", "military"):
            return orgs[0].code
    after = span.doc[span.end:min(span.end + 4, span.sent.end)]
    if len(after) >= 2 and after[0].lower_ in ("of", "from", "("):
        states = [m for m in ctx.mentions_in(after.start_char, after.end_char, "COUNTRY", "NORP")
                  if m.code and not _opens_a_name(span.doc, m)]
        if states:
            return states[0].code
        bodies = ctx.mentions_in(after.start_char, span.sent.end_char, "ORG")
        if bodies and bodies[0].start < after.end_char and bodies[0].kind in (
                "government", "military") and bodies[0].code and ctx.gaz.country(bodies[0].code):
            return bodies[0].code  # "Colonel Jan Berg of the Norwegian Army"
    return _modifier_country(ctx, span) or _from_place(ctx, span) or _led_body_country(
        ctx, span) or _host_capital_country(ctx, span)


LEAD_VERBS = frozenset(("lead", "command", "head", "run", "direct"))
HOST_VERBS = frozenset(("host", "receive", "welcome"))


def _host_capital_country(ctx: Context, span: Span) -> str | None:
    """The state whose capital a person hosts visitors in ("X hosted their Indonesian
    counterparts in Canberra")."""
    root = span.root.head if span.root.dep_ == "appos" else span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in HOST_VERBS:
        return None
    for prep in (c for c in root.head.children if c.dep_ == "prep" and c.lower_ == "in"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if _is_capital(obj.text):
                return _place(obj.text)
    return None


def _is_capital(name: str) -> bool:
    """Whether the most likely reading of a name is a national capital."""
    from sitrep.where import _candidates

    return any(c.capital for c in _candidates(name)[:1])


def _led_body_country(ctx: Context, span: Span) -> str | None:
    """The state of the national body a person leads, by the parse: "the Libyan National Army
    commanded by Field Marshal Khalifa Haftar", "the army, led by General X"."""
    root = span.root
    by, verb = root.head, root.head.head
    if not (root.dep_ == "pobj" and by.lower_ == "by" and verb.lemma_.lower() in LEAD_VERBS
            and verb.dep_ in ("acl", "relcl")):
        return None
    body = ctx.mention_at(verb.head.idx)
    if body is None or body.type != "ORG" or body.kind not in ("government", "military",
                                                                "armed_group"):
        return None
    return body.code if body.code and ctx.gaz.country(body.code) else None


def _modifier_country(ctx: Context, span: Span) -> str | None:
    """A state named in the words that describe the person: before the name ("Iraqi
    lawmaker Ahmed Salim"), in an appositive ("Ahmed Salim, an Iraqi lawmaker,") or in the noun
    the name is in apposition to ("Mali's military leader, Colonel X,"); none
    where an international organization comes first ("the UN envoy for Syria")."""
    root = span.root
    pre = [t for t in root.subtree if span.start - 4 <= t.i < span.start]
    if pre and "\n" in ctx.text[pre[0].idx:span.start_char]:
        pre = []  # a heading the parse ran into the name
    appos = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    head = root.head  # the noun the name is in apposition to: "Mali's military leader, X"
    described = [t for t in head.lefts if t.i < head.i] if (
        root.dep_ == "appos" and head.i < span.start and head.pos_ == "NOUN") else []
    for tokens in (pre, appos, described):
        for tok in tokens:
            m = ctx.mention_at(tok.idx)
            if m is None:
                continue
            if m.type == "ORG" and m.kind == "igo":
                return None
            if m.type in ("COUNTRY", "NORP") and m.code and ctx.gaz.country(m.code):
                return m.code
    return None


STATE_BODIES = {"army", "navy", "air", "force", "forces", "ministry", "government", "police",
                "guard", "parliament", "embassy", "marines", "military", "defence", "defense",
                "armed", "foreign", "interior", "national", "special", "royal", "state"}


def _opens_a_name(doc, m: Mention) -> bool:
    """A demonym that opens the name of a body other than the state's own ("the Norwegian
    Refugee Council", not "the Norwegian Army")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if m.type != "NORP" or span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.lower_ not in STATE_BODIES


def _from_place(ctx: Context, span: Span) -> str | None:
    """Residence an appositive states: "Ali Hassan, a teacher from Mosul," → IRQ."""
    for appos in (c for c in span.root.children if c.dep_ == "appos"):
        for prep in (c for c in appos.children if c.lower_ in ("from", "in", "of")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                m = ctx.mention_at(obj.idx)
                if m is None or m.type not in ("COUNTRY", "PLACE", "NORP"):
                    continue
                if m.code and ctx.gaz.country(m.code):
                    return m.code
                place = _place(m.text) if m.type == "PLACE" else None
                if place is not None:
                    return place
    return None


def _place(name: str) -> str | None:
    try:
        from sitrep.where import resolve_place
    except ImportError:  # the place gazetteer is optional here
        return None
    found = resolve_place(name)
    return found.country if found is not None else None


def _has_igo_role(ctx: Context, role: Span | None, span: Span | None = None) -> bool:
    """The person serves an international or non-governmental body: named in the role, or
    right after the name ("Dr Ali Saad of Medecins Sans Frontieres")."""
    if role is not None and any(m.kind == "igo" for m in ctx.mentions_in(
            role.start_char, role.end_char, "ORG")):
        return True
    if span is None or span.end >= len(span.doc) or span.doc[span.end].lower_ not in (
            "of", "from", "at"):
        return False
    after = span.doc[span.end:min(span.end + 3, span.sent.end)]
    named = [m for m in ctx.mentions_in(after.start_char, span.sent.end_char, "ORG", "NORP")
             if m.start < after.end_char]
    if not named:
        return False
    first = named[0]
    international = first.kind == "igo" or first.sector in ("NGO", "IGO")
    return international or _opens_a_name(span.doc, first)


STATE_TITLES = {  # titles that name the state's office by themselves
    "defence secretary": "GBR", "foreign secretary": "GBR", "home secretary": "GBR",
    "chancellor of the exchequer": "GBR", "secretary of state for defence": "GBR",
    "foreign, commonwealth and development secretary": "GBR",
    "defense secretary": "USA", "secretary of defense": "USA", "us secretary of state": "USA",
}


def _assumed_country(ctx: Context, person: Person, has_role: bool) -> str | None:
    """For a person the text ties to no state: the actor dictionary, then the publisher's
    state for officials and a release's first-named person, then the document's main state."""
    for m in person.mentions:
        known, country = lookup_country(_split_title(_clean_name(m.text))[1])
        if known:
            return country
    first = min(m.start for m in person.mentions)
    if ctx.home_country and (has_role or first == ctx.first_person_start):
        return ctx.home_country
    if person.role and (code := STATE_TITLES.get(person.role.lower().removeprefix("the "))):
        return code  # "The Defence Secretary, Grant Harlow": a title one state gives
    away = _visited(ctx, person)
    if ctx.main_country and ctx.main_country not in away:
        return ctx.main_country
    return ctx.home_country if ctx.home_country not in away else None


VISIT_VERBS = {"visit", "travel", "arrive", "fly", "tour", "go", "come", "land", "return"}


def _visited(ctx: Context, person: Person) -> set[str]:
    """States the text shows the person going to or facing as a foreigner: "X visited
    Latvia", "X arrived in Kabul", "X met his Iraqi counterpart"."""
    out: set[str] = set()
    for m in person.mentions:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root.head if span.root.dep_ == "appos" else span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = root.head
        inside = {t.i for t in root.subtree}
        meets = verb.lemma_ == "meet" and any(c.lemma_ == "counterpart" for c in verb.children)
        for tok in verb.subtree:
            if tok.i in inside:
                continue
            found = ctx.mention_at(tok.idx)
            if found is None or found.type not in ("COUNTRY", "PLACE", "NORP"):
                continue
            code = found.code if found.code and ctx.gaz.country(found.code) else (
                _place(found.text) if found.type == "PLACE" else None)
            if code is None:
                continue
            if verb.lemma_ in VISIT_VERBS or meets or (
                    verb.lemma_ == "meet" and found.type == "NORP" and tok.head.head.i == verb.i):
                out.add(code)
            elif verb.lemma_ in MEETING_VERBS and _foreign_official(tok):
                out.add(code)  # "hosted their Indonesian counterparts", "a call with the
    return out                 # Estonian Minister of Defence"


MEETING_VERBS = frozenset(("meet", "host", "receive", "welcome", "hold", "call", "speak",
                           "telephone", "talk", "thank"))


def _foreign_official(tok) -> bool:
    """A state's name or demonym that qualifies an official the subject deals with ("their
    Indonesian counterparts", "the Estonian Minister of Defence", "Kenya's Cabinet
    Secretary")."""
    head = tok.head
    if tok.dep_ not in ("amod", "compound", "poss", "nmod") or head.i == tok.i:
        return False
    return head.lemma_.lower() in ("counterpart", "delegation", "official", "envoy") or (
        head.text[:1].isupper() and head.text.lower() in _titles()[0])


def _key(word: str) -> str:
    """A name part compared without case or an Arabic article ("al-Zarqawi" ~ "Zarqawi")."""
    return re.sub(r"^(al|el|ad|as|ash|at|ar)[-‑]", "", word.lower())


_PARTICLE_END = re.compile(r"(?:^|\s|-)(?:al|el|ad|as|ash|at|ar|bin|ibn|abu|de|van|von)-?$",
                           re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-Z][\w’'-]*")


def _whole_particle_name(ctx: Context, m: Mention, name: str) -> str:
    """A name the recognizer cut after a particle ("Abdul-Malik al-" before "Houthi", which
    the gazetteer knows as a movement): the particle and the capitalised word after it."""
    if not name or not _PARTICLE_END.search(name) or not m.text.rstrip().endswith(
            name.split()[-1]):
        return name
    rest = ctx.text[m.end:m.end + 40]
    word = _NAME_WORD.match(rest.lstrip() if not name.endswith("-") else rest)
    if word is None:
        return name
    return name + word.group(0) if name.endswith("-") else f"{name} {word.group(0)}"


_CAPITALISED_RUN = re.compile(r"(?: [A-Z][a-z]+){1,2}")


def _joined_name(ctx: Context, m: Mention, name: str) -> str:
    """A name the recognizer cut in two ("Abbas" | "Kamel" | "Mansour", its first part a
    namesake the gazetteer knows): the parts and the capitalised words between them."""
    if not name or not m.text.rstrip().endswith(name.split()[-1]):
        return name
    run = _CAPITALISED_RUN.match(ctx.text, m.end)
    if run is None:
        return name
    later = [o for o in ctx.mentions_in(m.end, run.end(), "PERSON") if o.start > m.end]
    if not later or later[-1].end != run.end():
        return name
    return name + ctx.text[m.end:run.end()]


KUNYA = frozenset(("abu", "umm", "abd", "abdul", "abdel", "abdallah"))


def _given(parts: list[str]) -> str:
    """The given name of a name's parts: an Arabic kunya counts with the word after it
    ("Abu Bakr", "Abu Omar")."""
    if len(parts) > 2 and parts[0] in KUNYA:
        return f"{parts[0]} {parts[1]}"
    return parts[0]


def _same_person(persons: list[Person], name: str) -> Person | None:
    """The person already found whose surname (or, for one word, any name part) matches;
    two full names with different first names are two people ("Bashar" and "Bassel al-Assad")."""
    parts = [_key(w) for w in name.split()]
    for p in persons:
        theirs = [_key(w) for w in p.name.split()]
        if len(parts) > 1 and len(theirs) > 1 and not _same_first(_given(parts), _given(theirs)) \
                and not _is_tail(parts, theirs):
            continue
        if parts[-1] == theirs[-1] or (len(parts) == 1 and parts[0] in theirs):
            return p
    return None


def _is_tail(a: list[str], b: list[str]) -> bool:
    """One name is the end of the other ("Di Maio" of "Luigi Di Maio")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long[-len(short):] == short


def _same_first(a: str, b: str) -> bool:
    """First names that may be one person's: equal, or one an initial of the other."""
    a, b = a.strip("."), b.strip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _lone_name_ok(ctx: Context, name: str) -> bool:
    """A one-word name with no title stands as a person if it is a known person's, or if it
    is named twice and is not a place."""
    if lookup_country(name)[0]:
        return True
    hits = sum(1 for m in ctx.mentions if m.type == "PERSON" and _clean_name(m.text) == name)
    places = any(m.type in ("PLACE", "COUNTRY") and m.text == name for m in ctx.mentions)
    return hits >= 2 and not places and not _is_place(name)


def _honorific(m: Mention, span: Span) -> bool:
    """"Mr Karimov", "Dr Haddad": an honorific in or right before the name."""
    first = m.text.split()[0].lower().strip(".")
    before = span.doc[span.start - 1].lower_.strip(".") if span.start > 0 else ""
    return first in HONORIFICS or before in HONORIFICS


def _person_appositive(span: Span) -> bool:
    """The name has an appositive person noun ("Farida, a mother of four,") or age ("Fatima,
    42,"), or is one ("his neighbour, Samira,")."""
    root = span.root
    if root.dep_ == "appos" and noun_class(root.head) == "person":
        return True
    return _described(root)


def _described(tok) -> bool:
    """A person noun or an age in apposition to a token ("Ahmed, a taxi driver,", "Fatima,
    42,")."""
    return any(c.dep_ == "appos" and (noun_class(c) == "person" or _age(c))
               for c in tok.children)


def _age(tok) -> bool:
    return tok.like_num and tok.text.isdigit() and 1 <= int(tok.text) <= 110 and tok.n_rights == 0


def _is_place(name: str) -> bool:
    try:
        from sitrep.where import resolve_place
    except ImportError:  # the place gazetteer is optional here
        return False
    return resolve_place(name) is not None


def standalone_titles(ctx: Context, taken: list[Mention]) -> list[Mention]:
    """Title phrases standing for a person without a name ("the Foreign Secretary said")."""
    heads, words = _titles()
    covered = {i for m in taken for i in range(m.start, m.end)}
    out: list[Mention] = []
    for tok in ctx.words.tokens(ORTH, heads, lower=True):
        if tok.idx in covered or tok.ent_type_ == "PERSON":
            continue
        if tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].ent_type_ == "PERSON":
            continue  # the title of a named person, already found with the name
        start = tok.i
        while start > tok.sent.start and (ctx.doc[start - 1].text.lower() in words
                                           or ctx.doc[start - 1].ent_type_ in ("NORP", "COUNTRY")):
            start -= 1
        span = ctx.doc[start:tok.i + 1]
        if not any(t.text[0].isupper() for t in span):
            continue
        out.append(Mention(text=span.text, start=span.start_char, end=span.end_char,
                           type="TITLE"))
        covered.update(range(span.start_char, span.end_char))
    return out


CREDIT_WORDS = ("reporting", "writing", "editing", "edited", "written", "compiled", "produced",
                "translated", "photo", "photos", "photograph", "photographs", "picture",
                "pictures", "image", "images", "video", "graphic", "graphics", "copyright",
                "credit", "credits")
# a clause that opens with a credit word and "by" or ":" ("Additional reporting by ...")
CREDIT = re.compile(r"^\s*(?:additional\s+)?(?:" + "|".join(CREDIT_WORDS)
                    + r")(?:\s+by\b|\s*:)", re.IGNORECASE)
BYLINE = re.compile(r"^\s*by\s+[A-Z]", re.IGNORECASE)


def _is_credit(ctx: Context, m: Mention) -> bool:
    """A byline or credit, not the body: "By Jane Roe" on its own short line, "(Reporting by
    Ali Saad; Editing by ...)", "Photo: Sam Poe/Agency"."""
    text = ctx.text
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if BYLINE.match(line) and len(line.split()) <= 12:
        return True
    lead = text[max(line_start, m.start - 120):m.start]
    cut = max(lead.rfind(";"), lead.rfind("("), lead.rfind("|"))
    return bool(CREDIT.match(lead[cut + 1:] if cut >= 0 else text[line_start:m.start]))


def _people_only(ctx: Context, found: list[tuple[Span, Mention]]
                 ) -> list[tuple[Span, Mention]]:
    """The PERSON mentions whose name is used as a person's somewhere in the document, bylines
    and credits aside."""
    found = [(span, m) for span, m in found
             if not _is_credit(ctx, m) and not _modifies_a_noun(span)]
    by_name: dict[str, list[tuple[Span, Mention]]] = {}
    for span, m in found:
        by_name.setdefault(_split_title(_clean_name(m.text))[1], []).append((span, m))
    dropped = {n for n, items in by_name.items() if n and _not_a_person(ctx, items, n)}
    for _, m in found:
        if _split_title(_clean_name(m.text))[1] in dropped:
            m.type = "PLACE"
    return [(span, m) for span, m in found
            if _split_title(_clean_name(m.text))[1] not in dropped]


def _in_group_name(span: Span) -> bool:
    """A name right after a word that opens armed groups' names ("Liwa Suqour al-Sham")."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in ARABIC_OPENERS


ALIAS_CUES = (("also", "known", "as"), ("known", "as"), ("aka",), ("a.k.a.",), ("born",),
              ("nicknamed",), ("alias",), ("real", "name"), ("née",), ("nee",))


def _is_alias(span: Span) -> bool:
    """A name given as another one's alias or birth name ("Abu X, born Y Z", "also known as
    Abu X"): the person is named by the other name."""
    doc = span.doc
    i = span.start
    while i > span.sent.start and span.start - i < 3 and doc[i - 1].is_title \
            and doc[i - 1].is_alpha:  # the name's own first words, read as something else
        i -= 1
    if i > span.sent.start and doc[i - 1].text in (":", ","):
        i -= 1
    words = tuple(t.lower_ for t in doc[max(span.sent.start, i - 3):i])
    if words[-1:] == ("born",) and i >= 2 and doc[i - 2].text in ("-", "‑"):
        return False  # "Iraqi-born Omar X" is a person
    return any(words[-len(cue):] == cue for cue in ALIAS_CUES if len(words) >= len(cue))


def _title_mention(role: Span | None) -> list[Mention]:
    if role is None:
        return []
    return [Mention(text=role.text, start=role.start_char, end=role.end_char, type="TITLE")]


def resolve_persons(ctx: Context) -> list[Person]:
    """Persons of the document, one per surname, full names first; names NER mislabelled are
    retyped first (`_recovered`), and PERSON names used as places are left out."""
    doc = ctx.doc
    _recovered(ctx)
    found: list[tuple[Span, Mention]] = []
    for m in ctx.mentions:
        if m.type != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and any(c.isupper() for c in m.text):
            found.append((span, m))
    found = _people_only(ctx, found)
    persons: list[Person] = []
    stated: dict[int, str | None] = {}
    igo: dict[int, bool] = {}
    for span, m in sorted(found, key=lambda sm: (-len(_clean_name(sm[1].text).split()),
                                                 -len(_clean_name(sm[1].text)))):
        inner_title, name = _split_title(_clean_name(m.text))
        name = _whole_particle_name(ctx, m, name)
        name = _joined_name(ctx, m, name)
        if not name or not _plausible(name) or _is_alias(span) or _in_group_name(span):
            continue
        role = _role_before(ctx, span) or _role_after(span)
        title = _title_mention(role)
        role_text = role.text if role is not None else inner_title
        existing = _same_person(persons, name)
        if existing is not None:
            existing.mentions.append(m)
            existing.titles.extend(title)
            if existing.role is None and role_text is not None:
                existing.role = role_text
            if stated.get(id(existing)) is None:
                stated[id(existing)] = _stated_country(ctx, role, span)
            continue
        if len(name.split()) == 1 and role_text is None and not _lone_name_ok(ctx, name) \
                and not _person_appositive(span) and not _honorific(m, span):
            continue
        person = Person(name=name, role=role_text, country=None, mentions=[m], titles=title)
        persons.append(person)
        stated[id(person)] = _stated_country(ctx, role, span)
        igo[id(person)] = _has_igo_role(ctx, role, span)
    for person in persons:
        person.country = stated.get(id(person))
        if person.country is None and not igo.get(id(person)):
            person.country = _assumed_country(ctx, person, person.role is not None)
    return persons


def extract(ctx: Context) -> list[Fact]:
    """One fact per person; the evidence is the sentence of the first mention."""
    facts = []
    for p in ctx.persons:
        first = min(p.mentions, key=lambda m: m.start)
        sent = ctx.doc.char_span(first.start, first.end, alignment_mode="expand").sent
        confidence = 0.6 + (0.2 if p.role else 0) + (0.1 if p.country else 0)
        facts.append(ctx.fact("persons", {"name": p.name, "role": p.role, "country": p.country},
                              sent, confidence))
    return facts
