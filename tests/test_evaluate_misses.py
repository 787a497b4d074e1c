"""Miss reasons: which part of an attack record kept a gold item unmatched."""

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
    gold = [{"name": "A. Smith", "country": "GBR"}]
    assert kind_misses("persons", gold, []) == {"none predicted in the document": 1}
    assert kind_misses("persons", gold, [{"name": "B. Jones", "country": "GBR"}]) == {
        "predicted, unmatched": 1}
    assert kind_misses("persons", gold, [{"name": "Alan Smith", "country": "GBR"}]) == {}


def test_corpus_misses_sums_documents():
    doc = {"attacks": [_atk("Daesh", "IRQ")], "persons": []}
    out = corpus_misses([(doc, {}), (doc, {})])
    assert out["attacks"]["attack: no attack left in the document"] == 2
    assert not out["persons"]


def test_a_second_event_of_a_matched_attacker_is_told_apart():
    gold = [_atk("Israel", "SYR"), _atk("Israel", "SYR")]
    assert attack_misses(gold, [_atk("Israel", "SYR")]) == {
        "attack: its attacker and country matched another gold event (told as one?)": 1}
