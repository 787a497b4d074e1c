"""Encyclopedia reference marks: split off the word before them, and ending the sentence."""

from sitrep.nlp.pipeline import load_nlp


def test_reference_marks_split_off_the_word():
    doc = load_nlp()("He was killed in a raid inside Syrian territory.[4]")
    words = [t.text for t in doc]
    assert "territory" in words and "raid" in words
    assert "territory.[4" not in words


def test_reference_marks_end_the_sentence():
    doc = load_nlp()("He was killed in a raid.[1][2]\nAccording to the report, he died.[3] "
                     "Then the group left the town.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["He was killed in a raid.[1][2]", "According to the report, he died.[3]",
                     "Then the group left the town."]


def test_brackets_without_a_full_stop_are_left_alone():
    doc = load_nlp()("The list of names [1] was long.")
    assert len(list(doc.sents)) <= 2
    assert [t.text for t in doc][:3] == ["The", "list", "of"]
