"""The vocabulary spelling suggestions come from, and the suggestions themselves."""

import pytest
from django.core.management import call_command
from django.db import connection

from search.models import SearchWord, SynonymSet
from search.words import corrections, rebuild_vocabulary, similarity
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")


def vocabulary():
    return set(SearchWord.objects.values_list("word", flat=True))


def test_titles_summaries_and_headings_give_words_bodies_do_not():
    ArticleFactory(
        title="Quetiapine facts",
        summary="About trazodone.",
        body="<h2>Mirtazapine questions</h2><p>Paragraph about zopiclone.</p>",
    )
    words = vocabulary()
    assert {"quetiapine", "trazodone", "mirtazapine"} <= words
    assert "zopiclone" not in words
    assert "about" not in words  # a stop word


def test_synonym_names_give_words_when_a_set_is_saved():
    SynonymSet.objects.create(terms="naloxone, nyxoid spray", broader="antidote")
    assert {"nyxoid", "spray", "antidote"} <= vocabulary()


def test_rebuilding_lets_the_words_of_deleted_articles_go():
    article = ArticleFactory(title="Quetiapine facts")
    article.delete()
    assert "quetiapine" in vocabulary()
    call_command("rebuild_search_words", stdout=None)
    assert "quetiapine" not in vocabulary()
    assert "klonopin" in vocabulary()  # from the shipped synonyms
    assert rebuild_vocabulary() == len(vocabulary())


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("klonipin", "klonopin"),
        ("zanax", "xanax"),
        ("sobuxone", "suboxone"),
        ("fetanyl", "fentanyl"),
        ("detocks", "detox"),  # sounds the same
        ("vivitral", "vivitrol"),
    ],
)
def test_misspelt_names_are_matched_to_what_was_meant(typed, meant):
    assert corrections([typed]) == {typed: meant}


def test_known_short_and_far_away_words_are_left_alone():
    assert corrections(["klonopin", "ghb", "xyz", "zebrafish", "12345"]) == {}


def test_similarity_counts_letters_and_sounds():
    assert similarity("detox", "detox") == 1
    assert similarity("detocks", "detox") == 1
    assert similarity("heroin", "cocaine") < 0.5


@postgres_only
def test_pg_trgm_is_enabled_and_indexes_the_vocabulary():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchword' "
            "AND indexdef LIKE '%%gist_trgm_ops%%'"
        )
        assert cursor.fetchone()


@postgres_only
def test_both_search_vectors_have_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'articles_article' "
            "AND indexdef ILIKE '%%gin%%'"
        )
        definitions = " ".join(row[0] for row in cursor.fetchall())
    assert "(search_vector)" in definitions and "(search_rank_vector)" in definitions
