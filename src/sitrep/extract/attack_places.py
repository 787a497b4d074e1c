"""Where an attack happened: the place nearest its trigger in the parse.

Each place or country named in the sentence, outside the attacker's own phrase, is scored by
its distance from the trigger in the dependency tree; a place reached through "from" ("fired
from Lebanese airspace") counts as farther. A city resolves to its country (`sitrep.where`); a
country joined to the chosen one ("in Iraq and Syria") is one more location. A place that acts
("Moscow denied", "the UK condemns", "launched by Russia") or a wire story's dateline
("BEIRUT - ...") is no location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.extract.attack_agents import Actor
from sitrep.extract.context import FEATURE, Context
from sitrep.model import Mention

FAR_PREPS = {"from", "to", "with"}  # "fired from Lebanese airspace", "concern to Canada"
LOCAL_PREPS = {"in", "at", "near", "on", "across", "around", "outside", "inside", "into",
               "over", "against", "throughout", "within"}


STATIVE = {"be", "come", "remain", "fall", "see", "witness", "suffer", "lie", "sit"}
DATELINE = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]")


def acting(root: Token) -> bool:
    """A place named as an actor: the subject of an active verb ("Moscow denied", "Ukraine's
    air force said"), or the agent of a passive ("launched by Russia"); not "Aleppo came under
    fire" or "Mosul was shelled"."""
    from sitrep.extract.attack_words import lexicon
    tok = root
    if tok.dep_ in ("poss", "compound", "amod") and tok.head.lower_ in lexicon().actor_heads:
        tok = tok.head
    if tok.dep_ == "nsubj":
        if any(c.dep_ == "compound" and c.lower_ in PLACE_PREPS | {"near"} for c in tok.children):
            return False  # "Near Manbij, two strikes struck ...", "Near" parsed as a name
        return tok.head.lemma_.lower() not in STATIVE
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def dateline(text: str, start: int, end: int) -> bool:
    """A place that opens its line and is followed by a dash: where the story was filed."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and DATELINE.match(text, end) is not None


WINDOW = 60  # tokens either side of the trigger searched in a very long sentence
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                        "southwest", "outskirts", "edge", "centre", "center"})
PLACE_PREPS = {"in", "near", "outside", "around", "inside", "into", "across", "at"}
TOWN_PREPS = PLACE_PREPS | {"on", "of", "over"}  # "strikes on eastern Aleppo", "the city of
# Aleppo", "over Raqqa"


@dataclass(frozen=True)
class Place:
    city: str | None
    country: str
    dist: float = 0.0  # distance from the trigger in the tree


ADMIN_WORD = re.compile(r"\s+(?i:state|province|governorate|region|district|prefecture|oblast|"
                        r"county)$")


def resolve_place(name: str, near: list[str] = ()) -> tuple[str | None, str | None]:
    """(city, country) of a place name; (None, None) when unknown."""
    try:
        from sitrep.where import resolve_place as resolve
    except ImportError:  # the place index is optional
        return None, None
    place = resolve(name, list(near))
    if place is None and (bare := ADMIN_WORD.sub("", name)) != name and bare:
        place = resolve(bare, list(near))  # "Sennar State", "Sool region": the region of
        if place is not None:  # the town that names it
            return None, place.country
    if place is None:
        return None, None
    return (name if place.kind == "city" else None), place.country


def _root(ctx: Context, m: Mention) -> Token | None:
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def tree_distance(a: Token, b: Token) -> float:
    """Path length between two tokens in the tree, "from"/"to" hops counting double."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            path = up_a[:index[t.i]] + [b, *b.ancestors][:k]
            far = sum(2 for x in path if x.dep_ == "prep" and x.lower_ in FAR_PREPS)
            near = sum(0.5 for x in path if x.dep_ == "prep" and x.lower_ in LOCAL_PREPS)
            return index[t.i] + k + far - near
    return 99.0


def _outside(m: Mention, actors: list[Actor]) -> bool:
    return all(not (a.chars[0] <= m.start < a.chars[1]) for a in actors)


def _describes_actor(root: Token, actors: list[Actor]) -> bool:
    """A place in a phrase set beside the attacker's name ("the Islamic Resistance in Iraq,
    an umbrella group of Iran-backed militias, said"): what the attacker is, not where."""
    return any(anc.dep_ == "appos" and any(a.chars[0] <= anc.head.idx < a.chars[1]
                                          for a in actors)
               for anc in [root, *root.ancestors])


Scored = list[tuple[float, Mention, Place]]


def _scan(ctx: Context, sent: Span, trigger: Token | None, actors: list[Actor],
          area: Span) -> tuple[Scored, list[tuple[float, Mention]]]:
    """The resolved places of a span with their distances, and the unresolved place names
    under a local preposition ("in Mezzeh")."""
    near = ctx.countries_in(sent.start_char, sent.end_char)
    if ctx.main_country and ctx.main_country not in near:  # "Palma" in a story on Mozambique
        near = [*near, ctx.main_country]
    scored: Scored = []
    city_only: list[tuple[float, Mention]] = []
    if len(area) > 2 * WINDOW:  # a very long sentence: near the word (or its start)
        doc, at = area.doc, trigger.i if trigger is not None else area.start + WINDOW
        area = doc[max(area.start, at - WINDOW):min(area.end, at + WINDOW)]
    for m in _candidates(ctx, area):
        if not _outside(m, actors):
            continue
        root = _root(ctx, m)
        if root is None or acting(root) or dateline(ctx.text, m.start, m.end) \
                or _describes_actor(root, actors):
            continue
        if m.type == "COUNTRY" and FEATURE.search(ctx.text, max(0, m.start - 16), m.start):
            continue  # "on the shores of Lake Chad": a lake, not the country
        if m.type == "COUNTRY" and root.dep_ == "pobj" and root.head.lower_ == "with" \
                and root.head.head.lemma_.lower() in ("border", "frontier"):
            continue  # "near the border with Mali": the neighbour, not where it happened
        modifier = root.dep_ in ("amod", "compound")
        ground = modifier and root.head.lemma_.lower() in _grounds()
        if m.code and not ground and (m.type == "NORP" or m.type == "COUNTRY" and modifier
                                      and root.head.pos_ == "NOUN"):
            continue  # "Syrian town" places; "Syrian forces", "US soldiers", "a US convoy" not
        dist = tree_distance(trigger, root) if trigger is not None else float(root.i - sent.start)
        dist += REFERENCE * _reference(root)  # "Kabkabiya, west of El Fasher": Kabkabiya
        if m.type in ("PLACE", "NORP") and not m.code:
            city, country = resolve_place(m.text, near)
            if country is not None and country not in near:
                named = ctx.countries_in(0, len(ctx.text))
                other = resolve_place(m.text, named)  # "Ariha" in a story on Syria
                if country not in named and other[1] in named:
                    city, country = other
            if country is None and (homes := [a.code for a in actors
                                              if a.code and len(a.code) == 3]):
                city, country = resolve_place(m.text, homes)  # "the Sri Lankan air force
                # bombed Kilinochchi": a town no country named nearby, at the force's home
            stated = _country_after(ctx, m)
            if stated is not None and stated != country:  # "Sadah, Iraq": the text says
                city, country = m.text, stated
            if country is None:
                head = root.head.head if root.dep_ == "appos" else root.head
                if head.dep_ == "prep" and head.lower_ in LOCAL_PREPS \
                        or root.dep_ == "appos" and head.lemma_.lower() in _grounds():
                    city_only.append((dist, m))  # "in Mezzeh", "the village, Tal Naser,"
                continue
            scored.append((dist, m, Place(city, country, dist)))
        elif m.code:
            scored.append((dist + 0.25, m, Place(None, m.code, dist + 0.25)))
    return scored, city_only


def unresolved_cities(ctx: Context, sent: Span, trigger: Token, actors: list[Actor]
                      ) -> list[str]:
    """The nearest place name the gazetteer does not know, and those conjoined with it, for
    an attack whose country comes from the sentences before ("the airport in Mezzeh")."""
    _, city_only = _scan(ctx, sent, trigger, actors, sent)
    if not city_only:
        return []
    m = min(city_only, key=lambda x: x[0])[1]
    root = _root(ctx, m)
    return [m.text] + ([_name(ctx, t) for t in _conjoined(ctx, root)] if root is not None else [])


def places_in(ctx: Context, sent: Span, trigger: Token | None, actors: list[Actor],
              within: Span | None = None) -> list[Place]:
    """The attack's places in a sentence (nearest the trigger first, with the places and
    countries conjoined to it: "in Iraq and Syria", "in X in 2014 and in Y"), leaving out the
    attacker's phrase and a state attacker's own country; `within` narrows the search."""
    own = {a.code for a in actors if a.state and a.code}
    scored, city_only = _scan(ctx, sent, trigger, actors, within or sent)
    abroad = [s for s in scored if s[2].country not in own]
    home = [s[0] for s in scored if s[1].type == "PLACE" and s[2].country in own]
    if home and (not abroad or min(home) < min(s[0] for s in abroad)):
        own = set()  # a place of its own named nearest: "Turkish jets bombed smugglers
        # crossing from Iraq near the village of Roboski in Sirnak Province"
    else:
        scored = abroad  # a state's strikes are abroad
    if not scored:
        return []
    scored.sort(key=lambda s: s[0])
    best_dist, best, place = scored[0]
    named = best
    unnamed = min(city_only, key=lambda x: x[0]) if city_only else None
    if place.city is not None and unnamed is not None and unnamed[0] < best_dist \
            and _locates(ctx, best):  # "in Tawila, north of El Fasher": the town no
        named, place = unnamed[1], Place(unnamed[1].text, place.country, best_dist)  # gazetteer
    if place.city is None:  # "the Syrian town of Azaz": the country's city named with it
        cities = [(d, m, p) for d, m, p in scored if p.city and p.country == place.country]
        city = min(cities, key=lambda x: x[0]) if cities else None
        closer = unnamed is not None and city is not None and unnamed[0] < city[0] \
            and _locates(ctx, city[1])  # "in Kabkabiya, west of El Fasher, Sudan"
        if city is not None and city[0] <= best_dist + 3 and not closer:
            _, named, found = city
            place = Place(found.city, place.country, best_dist)
        elif unnamed is not None and (unnamed[0] <= best_dist + 1 or closer):
            named, place = unnamed[1], Place(unnamed[1].text, place.country, best_dist)
    out = [place]
    root = _root(ctx, named)
    for conj in _conjoined(ctx, root, [place.country]) if root is not None else []:
        m = ctx.mention_at(conj.idx)
        if m is not None and m.type == "COUNTRY":
            if m.code and m.code not in own and all(p.country != m.code for p in out):
                out.append(Place(None, m.code, best_dist))
            continue
        if place.city is None:
            continue
        name = _name(ctx, conj)
        city, country = resolve_place(name, [place.country])
        out.append(Place(name, country or place.country, best_dist))
    if place.city is not None:  # "in Baghdad, Hillah and Basra" parsed as no coordination
        for m in _listed_with(ctx, sent, named):
            city, country = resolve_place(m.text, [place.country])
            if country == place.country and all(p.city != m.text for p in out):
                out.append(Place(m.text, country, best_dist))
    return out


LIST_GAP = re.compile(r"\s*(?:,|,? and|,? or)\s*")


def _listed_with(ctx: Context, sent: Span, named: Mention) -> list[Mention]:
    """The places listed with one by commas and "and" in the text: "Baghdad, Hillah and
    Basra"."""
    places = [m for m in ctx.mentions_in(sent.start_char, sent.end_char, "PLACE")]
    at = next((k for k, m in enumerate(places) if m.start == named.start), None)
    if at is None:
        return []
    out = []
    for step in (-1, 1):
        k = at
        while 0 <= k + step < len(places):
            a, b = sorted((places[k], places[k + step]), key=lambda m: m.start)
            if not LIST_GAP.fullmatch(ctx.text[a.end:b.start]):
                break
            k += step
            out.append(places[k])
    return out


REFERENCE = 2.0  # the extra distance of a town that only locates another ("west of X")


def _reference(root: Token) -> bool:
    """A place named to locate another: "north of El Fasher"."""
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in DIRECTIONS


def _locates(ctx: Context, m: Mention) -> bool:
    root = _root(ctx, m)
    return root is not None and _reference(root)


def _name(ctx: Context, tok: Token) -> str:
    m = ctx.mention_at(tok.idx)
    if m is not None:
        return m.text
    return tok.doc[tok.left_edge.i:tok.i + 1].text if tok.pos_ == "PROPN" else tok.text


def _conjoined(ctx: Context, root: Token, near: list[str] = ()) -> list[Token]:
    """Names joined to a place: "Qmenas and Sarmin", "in Talmenes ... and in Qmenas"."""
    out = [t for t in root.conjuncts if t.pos_ == "PROPN"]
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        preps = list(root.head.conjuncts) + [  # "in X in 2014 and in Y": "and in" on the date
            t for t in root.sent if t.dep_ == "conj" and t.lower_ == root.head.lower_
            and t.head.dep_ == "prep" and t not in root.head.conjuncts]
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                out += [pobj, *(t for t in pobj.conjuncts if t.pos_ == "PROPN")]
    return [t for t in out if t.ent_type_ not in ("DATE", "PERSON", "NORP")
            and not _named_org(ctx, t)
            or t.ent_type_ == "PERSON" and resolve_place(_name(ctx, t), near)[1] is not None]
    # a town the tagger took for a person ("Gaza City, Rafah and Khan Younis") counts if known


def _country_after(ctx: Context, m: Mention) -> str | None:
    """The country a place name is followed by ("Sadah, Iraq"), if any."""
    rest = re.match(r"(?: [a-z]+){0,2}, ", ctx.text[m.end:m.end + 40])  # "Borno state, Nigeria"
    if rest is None:
        return None
    after = ctx.mention_at(m.end + rest.end())
    return after.code if after is not None and after.type == "COUNTRY" else None


def _named_org(ctx: Context, tok: Token) -> bool:
    """A known organization (not a town the tagger took for one)."""
    m = ctx.mention_at(tok.idx)
    return m is not None and m.type == "ORG" and m.kind is not None


def _grounds() -> frozenset[str]:
    from sitrep.extract.attack_words import lexicon
    return lexicon().territory - {"border", "crossing", "frontier"}


_parsed: list = [None, []]  # the last document's GPE/LOC entities: (doc, [(start, end, text)])


def _places_parsed(doc: Doc) -> list[tuple[int, int, str]]:
    """The parser's GPE and LOC entities of a document, read once."""
    if _parsed[0] is not doc:
        _parsed[0] = doc
        _parsed[1] = [(e.start_char, e.end_char, e.text) for e in doc.ents
                      if e.label_ in ("GPE", "LOC")]
    return _parsed[1]


DATE_WORDS = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|"
                        r"fri|sat|sun|today|yesterday|tonight|christmas|easter|ramadan|eid)")


def _town_in_date(ctx: Context, tok: Token) -> bool:
    """A town the tagger swallowed into a date ("near Manbij on Tuesday")."""
    m = ctx.mention_at(tok.idx)
    return tok.ent_type_ == "DATE" and (m is None or m.type == "DATE") \
        and DATE_WORDS.match(tok.text) is None and not tok.text[:1].isdigit()


def _mistyped_town(ctx: Context, m: Mention) -> bool:
    """A town the tagger took for a person or an unknown organization, placed so that it can
    only be a place: "in Palmyra", "north of El Fasher", and for a person also "the town of
    Palmyra" and "the capital, Sanaa"."""
    root = _root(ctx, m)
    if root is None or m.type == "ORG" and m.kind is not None:
        return False  # a known organization
    grounds = DIRECTIONS if m.type == "ORG" else _grounds() | DIRECTIONS
    head = root.head
    placed = root.dep_ == "pobj" and (head.lower_ in PLACE_PREPS or head.lower_ == "of"
                                      and head.head.lemma_.lower() in grounds) \
        or m.type == "PERSON" and root.dep_ == "appos" and head.lemma_.lower() in _grounds()
    return placed and resolve_place(m.text)[1] is not None


def _candidates(ctx: Context, area: Span) -> list[Mention]:
    """The place, country and demonym mentions of a span, and the places the parser alone
    found there (a town no gazetteer entry names)."""
    found = ctx.mentions_in(area.start_char, area.end_char, "PLACE", "COUNTRY", "NORP")
    for m in ctx.mentions_in(area.start_char, area.end_char, "PERSON", "ORG"):
        if _mistyped_town(ctx, m):
            found.append(Mention(m.text, m.start, m.end, "PLACE"))
    for start, end, text in _places_parsed(area.doc):
        if area.start_char <= start and end <= area.end_char and ctx.mention_at(start) is None:
            found.append(Mention(text, start, end, "PLACE"))
    seen = {m.start for m in found}
    for tok in area:  # "near Aleppo" with Aleppo tagged a language: a town after "near"
        if tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.head.lower_ in TOWN_PREPS \
                and (tok.ent_type_ in ("", "LANGUAGE", "PRODUCT", "WORK_OF_ART")
                     and ctx.mention_at(tok.idx) is None or _town_in_date(ctx, tok)):
            start = tok.i
            while start > tok.left_edge.i and tok.doc[start - 1].pos_ == "PROPN":
                start -= 1
            name = tok.doc[start:tok.i + 1]
            if name.start_char not in seen and resolve_place(name.text)[0] is not None:
                found.append(Mention(name.text, name.start_char, name.end_char, "PLACE"))
    return found
