"""Search: weighted full-text search on PostgreSQL, a contains search on SQLite."""

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only"
)


def slugs(query):
    return [a.slug for a in Article.objects.published().search(query)]


def test_search_only_returns_published_articles():
    ArticleFactory(slug="live", title="Clonazepam basics")
    ArticleFactory(slug="draft", title="Clonazepam draft", draft=True)
    assert slugs("clonazepam") == ["live"]


def test_empty_query_returns_nothing():
    ArticleFactory(title="Anything")
    assert slugs("   ") == []


@postgres_only
def test_title_matches_rank_above_body_matches():
    ArticleFactory(slug="body", body="<p>Naloxone is mentioned here once.</p>")
    ArticleFactory(slug="title", title="Naloxone saves lives")
    ArticleFactory(slug="summary", summary="How naloxone works.")
    assert slugs("naloxone") == ["title", "summary", "body"]


@postgres_only
def test_search_understands_word_forms_and_ignores_markup():
    ArticleFactory(slug="w", body="<p>Withdrawal from benzodiazepines needs care.</p>")
    assert slugs("withdrawals") == ["w"]
    assert slugs("strong") == []  # tag names are not words of the article


@postgres_only
def test_websearch_syntax_and_odd_input_do_not_error():
    ArticleFactory(slug="a", title="Alcohol and sleep")
    assert slugs('"alcohol and" -cocaine') == ["a"]
    for odd in ["&&", "!:*", "(((", "'", "\\", "a:*b"]:
        slugs(odd)


@postgres_only
def test_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'articles_article' "
            "AND indexdef ILIKE '%%gin%%'"
        )
        (definition,) = cursor.fetchone()
    assert "search_vector" in definition


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's contains search")
def test_sqlite_search_is_a_case_insensitive_contains_search():
    ArticleFactory(slug="x", body="<p>Methamphetamine affects dopamine.</p>")
    assert slugs("DOPAMINE") == ["x"]
    assert slugs("dopa") == ["x"]
