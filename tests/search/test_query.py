"""Reading a visitor's query: cleaning, stop and question words, names, corrections."""

import pytest

from search.query import MAX_TERMS, QUESTION_WEIGHT, clean_query, parse
from search.synonyms import build_index

SYNONYMS = build_index(
    [
        ("clonazepam, Klonopin, k-pins", "benzodiazepine"),
        ("methamphetamine, meth, crystal meth", ""),
        ("fentanyl, china white, tango and cash", "opioid"),
        ("opioid, opiate", ""),
    ]
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  klonopin  ", "klonopin"),
        ("kl\x00onopin", "klonopin"),
        ("a\u202eb", "ab"),
        ("x" * 5000, "x" * 200),
        ("two\n\twords", "two words"),
        (None, ""),
        ("ｘａｎａｘ", "xanax"),  # full-width letters, as some phone keyboards send
    ],
)
def test_search_queries_are_cleaned(raw, clean):
    assert clean_query(raw) == clean


def texts(query):
    return [t.text for t in parse(clean_query(query), SYNONYMS).terms]


def test_stop_words_and_punctuation_are_dropped():
    assert texts("What is the Klonopin?!") == ["klonopin"]
    assert texts("how   can   I") == []


def test_question_words_are_kept_but_never_required():
    parsed = parse("how long does klonopin stay in your system", SYNONYMS)
    assert [t.text for t in parsed.terms] == ["long", "klonopin", "stay", "system"]
    assert [t.text for t in parsed.required] == ["klonopin"]
    assert {t.weight for t in parsed.terms if t.text != "klonopin"} == {QUESTION_WEIGHT}


def test_a_query_of_question_words_only_requires_them_all():
    parsed = parse("how long does it last", SYNONYMS)
    assert [t.text for t in parsed.required] == ["long", "last"]


def test_names_of_several_words_stay_together_and_hyphens_do_not_matter():
    assert texts("crystal meth comedown") == ["crystal meth", "comedown"]
    assert texts("K-Pins") == ["k pins"]
    assert texts("tango and cash") == ["tango cash"]


def test_a_name_stands_for_every_name_in_its_set_and_its_broader_names():
    (term,) = parse("k pins", SYNONYMS).terms
    assert term.names == ("k pins", "clonazepam", "klonopin")
    assert term.broader == ("benzodiazepine",)
    (term,) = parse("china white", SYNONYMS).terms
    assert set(term.broader) == {"opioid", "opiate"}


def test_the_same_thing_twice_is_one_term():
    assert texts("klonopin clonazepam k-pins") == ["klonopin"]


def test_long_queries_keep_their_first_terms():
    assert len(texts(" ".join(f"word{n}" for n in range(40)))) == MAX_TERMS


def test_a_corrected_term_also_stands_for_the_word_and_its_synonyms():
    parsed = parse("how long does Klonipin stay", SYNONYMS)
    corrected = parsed.corrected({"klonipin": "klonopin"}, SYNONYMS)
    term = next(t for t in corrected.terms if t.correction)
    assert term.names[0] == "klonipin"  # what was typed still counts
    assert {"klonopin", "clonazepam", "k pins"} <= set(term.names)
    assert term.broader == ("benzodiazepine",)
    assert not term.optional


def test_the_suggestion_keeps_the_visitors_other_words_as_typed():
    parsed = parse(clean_query("How long does KLONIPIN stay, and methamfetamine?"), SYNONYMS)
    corrected = parsed.corrected(
        {"klonipin": "klonopin", "methamfetamine": "methamphetamine"}, SYNONYMS
    )
    assert corrected.suggestion == "How long does klonopin stay, and methamphetamine?"
    assert parsed.suggestion == ""
