"""Miss reasons: which part of a record kept a gold item unmatched."""

from sitrep.evaluate.misses import attack_misses, corpus_misses, kind_misses, state_of


def _atk(perp, country, killed=None, wounded=None):
    return {"perpetrator": perp, "location_country": country, "city": None, "date": None,
            "killed": killed, "wounded": wounded}


def test_nothing_predicted_loses_the_attack_and_its_figures():
    reasons = attack_misses([_atk("Daesh", "IRQ", killed=5)], [])
    assert reasons == {"attack: no attack left in the document": 1,
                       "killed/wounded: lost with the attack": 1}


def test_matched_attack_with_a_wrong_toll_counts_the_figure_only():
    reasons = attack_misses([_atk("Daesh", "IRQ", killed=5, wounded=2)],
                            [_atk("ISIL", "IRQ", killed=4)])
    assert reasons == {"killed: figure differs": 1, "wounded: figure missing": 1}


def test_perpetrator_named_for_the_same_state_in_two_ways():
    reasons = attack_misses([_atk("Russian warplanes", "SYR")], [_atk("Russia", "SYR")])
    assert reasons == {"attack: country right, perpetrators: the same state, gold names a "
                       "phrase, predicted a state": 1}


def test_null_and_named_perpetrators_and_wrong_country():
    assert attack_misses([_atk(None, "SYR")], [_atk("Hezbollah", "SYR")]) == {
        "attack: country right, gold perpetrator null, predicted named": 1}
    assert attack_misses([_atk("al-Shabaab", "SOM")], [_atk("al-Shabaab", "KEN")]) == {
        "attack: perpetrator right, country differs": 1}
    assert attack_misses([_atk("Houthis", "YEM")], [_atk("Taliban", "AFG")]) == {
        "attack: country and perpetrator both differ": 1}


def test_state_of_reads_countries_demonyms_and_phrases():
    assert state_of("Israel") == "ISR"
    assert state_of("Turkish troops") == "TUR"
    assert state_of("Boko Haram") is None


def test_other_kinds_say_whether_anything_was_predicted():
    gold = [{"group": "NATO", "members": ["FRA"]}]
    assert kind_misses("memberships", gold, []) == {"none predicted in the document": 1}
    assert kind_misses("memberships", gold, [{"group": "NATO", "members": ["DEU"]}]) == {
        "predicted, unmatched": 1}
    assert kind_misses("memberships", gold, [{"group": "NATO", "members": ["FRA"]}]) == {}


def test_persons_by_surname_country_and_mention():
    gold = [{"name": "A. Smith", "country": "GBR"}]
    assert kind_misses("persons", gold, [{"name": "Alan Smith", "country": "GBR"}]) == {}
    assert kind_misses("persons", gold, [{"name": "Alan Smith", "country": None}]) == {
        "surname found, country null": 1}
    mentions = [{"text": "Alan Smith", "type": "PERSON"}]
    assert kind_misses("persons", gold, [], mentions) == {
        "not predicted, a PERSON mention bears the surname (a full name)": 1}
    assert kind_misses("persons", gold + gold, [{"name": "Smith", "country": "GBR"}]) == {
        "its prediction matched another gold person (same surname)": 1}


def test_organizations_by_shared_words_and_mentions():
    gold = [{"name": "Syrian Observatory for Human Rights", "aliases": []}]
    assert kind_misses("organizations", gold, [{"name": "Observatory", "aliases": []}]) == {
        "name: a predicted name shares a word (under half)": 1}
    mentions = [{"text": "the Syrian Observatory for Human Rights", "type": "ORG"}]
    assert kind_misses("organizations", gold, [], mentions) == {
        "name: not predicted, an ORG mention names it": 1}
    assert kind_misses("organizations", [{"name": "ODE"}], []) == {
        "acronym: not predicted, no mention names it": 1}
    two = [{"name": "Iraqi Army"}, {"name": "Iraqi Security Forces"}]
    assert kind_misses("organizations", two, [{"name": "Iraqi Army", "aliases": [
        "Iraqi Security Forces"]}]) == {
        "name: its prediction matched another gold organization (told as one?)": 1}


def test_quotes_and_meetings():
    gold = [{"speaker": "Ash Carter", "starts_with": "We will not rest"}]
    assert kind_misses("quotes", gold, [{"speaker": "Carter", "starts_with": "Our aim"}]) == {
        "speaker found, opening differs": 1}
    assert kind_misses("quotes", gold, [{"speaker": "Fallon", "starts_with": "We will not"}]
                       ) == {"opening found, speaker differs": 1}
    meeting = {"city": "Paris", "country": "FRA", "date": "2016-10-25",
               "chairs": ["FRA", "USA"], "participants": ["CAN"]}
    assert kind_misses("meetings", [meeting], [dict(meeting, date="2016-11-02")]) == {
        "meeting: place right, date differs": 1, "chairs/participants: lost with the meeting": 3}
    assert kind_misses("meetings", [meeting], [dict(meeting, participants=[])]) == {
        "chairs/participants: missed in a matched meeting": 1}


def test_corpus_misses_sums_documents():
    doc = {"attacks": [_atk("Daesh", "IRQ")], "persons": []}
    out = corpus_misses([(doc, {}), (doc, {})])
    assert out["attacks"]["attack: no attack left in the document"] == 2
    assert not out["persons"]


def test_a_second_event_of_a_matched_attacker_is_told_apart():
    gold = [_atk("Israel", "SYR"), _atk("Israel", "SYR")]
    assert attack_misses(gold, [_atk("Israel", "SYR")]) == {
        "attack: its attacker and country matched another gold event (told as one?)": 1}
