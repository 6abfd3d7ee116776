"""Searching: visibility, ranking, names, spelling, partial matches, many results."""

import pytest
from django.db import connection

from articles.models import Article
from search import engine
from search.models import SynonymSet
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only"
)


def search(query):
    return Article.objects.published().search(query)


def slugs(query):
    return [a.slug for a in search(query)]


def test_search_only_returns_published_articles():
    ArticleFactory(slug="live", title="Clonazepam basics")
    ArticleFactory(slug="draft", title="Clonazepam draft", draft=True)
    ArticleFactory(slug="later", title="Clonazepam soon", scheduled=True)
    assert slugs("clonazepam") == ["live"]


def test_an_empty_or_meaningless_query_finds_nothing():
    ArticleFactory(title="Anything")
    for query in ["", "   ", "the", "how is it", "?!"]:
        assert slugs(query) == []
        assert search(query).count() == 0


def test_title_above_summary_above_body():
    ArticleFactory(slug="body", body="<p>Naloxone is mentioned here once.</p>")
    ArticleFactory(slug="title", title="Naloxone saves lives")
    ArticleFactory(slug="summary", summary="How naloxone works.")
    assert slugs("naloxone") == ["title", "summary", "body"]


@postgres_only
def test_headings_count_like_the_title():
    ArticleFactory(slug="body", body="<p>Naloxone is mentioned here once.</p>")
    ArticleFactory(slug="heading", body="<h2>Where to get naloxone</h2><p>Pharmacies.</p>")
    ArticleFactory(slug="summary", summary="How naloxone works.")
    assert slugs("naloxone") == ["heading", "summary", "body"]


def test_word_forms_match_and_markup_is_not_text():
    ArticleFactory(slug="w", body="<p>Withdrawal from <strong>benzodiazepines</strong>.</p>")
    assert slugs("withdrawals") == ["w"]
    assert slugs("benzodiazepine") == ["w"]
    assert slugs("strong") == []  # a tag name, not a word of the article


def test_a_brand_name_finds_the_article_that_uses_the_generic_name():
    ArticleFactory(slug="naltrexone", title="Naltrexone for alcohol use disorder")
    ArticleFactory(slug="other", title="Something else")
    assert slugs("Vivitrol") == ["naltrexone"]
    assert "vivitrol" not in Article.objects.get(slug="naltrexone").body.lower()


def test_a_street_name_of_several_words_finds_the_drug():
    ArticleFactory(slug="meth", title="How methamphetamine affects the brain")
    assert slugs("crystal meth") == ["meth"]
    assert slugs("Tina") == ["meth"]


def test_names_editors_add_apply_at_once():
    ArticleFactory(slug="bupe", title="Buprenorphine at home")
    assert slugs("nightbird") == []
    SynonymSet.objects.create(terms="buprenorphine, nightbird")
    assert slugs("nightbird") == ["bupe"]


def test_a_drug_with_no_article_finds_articles_about_its_kind():
    ArticleFactory(slug="opioids", title="Opioids and the brain")
    ArticleFactory(slug="unrelated", title="Sleep and stress")
    assert slugs("dilaudid") == ["opioids"]


def test_the_kind_is_only_a_fallback_when_the_drug_itself_is_found():
    for n in range(engine.FEW):
        ArticleFactory(slug=f"oxy-{n}", title=f"Oxycodone guide {n}")
    ArticleFactory(slug="opioids", title="Opioids and the brain")
    assert "opioids" not in slugs("percocet")


def test_question_words_and_stop_words_do_not_sink_a_query():
    ArticleFactory(slug="k", title="How does Klonopin work?")
    ArticleFactory(slug="x", title="Xanax and sleep")
    assert slugs("how long does klonopin stay in your system")[0] == "k"
    assert slugs("what is klonopin") == ["k"]


def test_when_no_article_has_every_word_the_best_partial_matches_come_ranked():
    ArticleFactory(slug="k", title="Klonopin and the brain", summary="Seizures and panic.")
    ArticleFactory(slug="a", title="Alcohol and sleep")
    ArticleFactory(slug="n", title="Nothing related")
    results = search("klonopin seizures zebrafish sleep")
    assert results.partial and results.complete_count == 0
    assert [a.slug for a in results] == ["k", "a"]


def test_few_complete_matches_are_followed_by_partial_ones():
    ArticleFactory(slug="both", title="Fentanyl test strips", body="<p>Ask a pharmacist.</p>")
    ArticleFactory(slug="pills", title="Fentanyl in fake pills")
    ArticleFactory(slug="neither", title="Sleep")
    results = search("fentanyl pharmacist")
    assert results.partial and results.complete_count == 1
    assert [a.slug for a in results] == ["both", "pills"]


def test_a_misspelt_name_is_corrected_and_offered_as_did_you_mean():
    ArticleFactory(slug="k", title="How does Klonopin work?")
    results = search("How long does Klonipin stay")
    assert [a.slug for a in results] == ["k"]
    assert results.suggestion == "How long does klonopin stay"


def test_no_suggestion_when_the_query_as_typed_finds_enough():
    for n in range(engine.FEW):
        ArticleFactory(title=f"Methadone clinic {n}")
    assert search("methadone clinic").suggestion == ""


def test_a_real_word_of_an_article_is_never_corrected():
    ArticleFactory(slug="c", title="Cocaine and the heart", body="<p>A heart attack.</p>")
    results = search("cocaine heart attack")
    assert results.suggestion == ""
    assert [a.slug for a in results] == ["c"]


def test_a_word_only_a_draft_uses_is_never_suggested():
    ArticleFactory(title="Quetiapine and sleep", draft=True)
    ArticleFactory(title="Sleep hygiene")
    for query in ["quetiapyne", "quetiapyne sleep"]:
        results = search(query)
        assert results.suggestion == ""
        assert [a.title for a in results] in ([], ["Sleep hygiene"])


@pytest.mark.parametrize(
    "odd",
    ["&&", "!:*", "(((", "'", "\\", "a:*b", "-", '"unclosed', "<->", "x|y", "%", "\x00", "ü" * 300],
)
def test_odd_input_never_errors(odd):
    ArticleFactory(title="Alcohol and sleep")
    search(odd).count()
    list(search(odd))


def test_the_count_stops_at_the_cap_and_the_best_matches_come_first(monkeypatch):
    monkeypatch.setattr(engine, "RESULT_CAP", 3)
    for n in range(3):
        ArticleFactory(
            slug=f"body-{n}",
            body="<p>Withdrawal is hard.</p>",
            published_at=f"2026-01-0{n + 1}T00:00Z",
        )
    ArticleFactory(slug="title", title="Alcohol withdrawal", published_at="2025-01-01T00:00Z")
    ArticleFactory(slug="summary", summary="About withdrawal.", published_at="2025-01-02T00:00Z")
    results = search("withdrawal")
    assert results.capped and results.count() == 3
    # Title, then summary, then body-only matches newest first.
    assert [a.slug for a in results] == ["title", "summary", "body-2"]
    assert [a.slug for a in results[0:2] + results[2:3]] == ["title", "summary", "body-2"]
    assert [a.slug for a in results[2:3]] == ["body-2"]


def test_a_search_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    for n in range(30):
        ArticleFactory(title=f"Klonopin and sleep {n}", body="<p>Slept badly.</p>")
    search("warmup").count()  # the synonym index, cached
    with django_assert_max_num_queries(10):
        results = search("klonipin zebrafish sleeplessness nightmares")
        list(results[0:12])


def test_a_search_lists_matching_pages_with_one_query_more(client, django_assert_num_queries):
    from tests.factories import PageFactory

    ArticleFactory(title="Klonopin and sleep", slug="klonopin-sleep")
    PageFactory(title="Admissions", slug="admissions", body="<p>We admit people for klonopin.</p>")
    client.get("/search/?q=warmup")  # contact settings, synonym index, menus: cached
    results = search("klonopin")
    results.count()
    with django_assert_num_queries(1):
        pages = results.alongside(PageFactory._meta.model.objects.published(), 3)
    assert [p.slug for p in pages] == ["admissions"]
    assert "<mark>klonopin</mark>" in str(pages[0].search_excerpt).lower()
