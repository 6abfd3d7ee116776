"""The search page: results, suggestions, a way forward when nothing is found, privacy."""

import datetime
import logging
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactSettings
from search.models import SynonymSet
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("articles:search")


def section(html, css_class):
    found = re.search(rf'<section class="{css_class}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_results_show_where_the_words_matched(client):
    ArticleFactory(title="Alcohol withdrawal", body="<p>Shaking hands can start within hours.</p>")
    html = client.get(URL, {"q": "shaking"}).content.decode()
    assert "1 result for “shaking”" in html
    assert "<mark>Shaking</mark> hands can start" in html


def test_a_misspelt_search_offers_did_you_mean_with_a_link(client):
    ArticleFactory(title="How does Klonopin work?")
    html = client.get(URL, {"q": "klonipin & sleep"}).content.decode()
    assert (
        'Did you mean <a href="/search/?q=klonopin%20%26%20sleep">klonopin &amp; sleep</a>?' in html
    )


def test_other_names_searched_are_named(client):
    ArticleFactory(title="Naltrexone for alcohol use disorder")
    html = client.get(URL, {"q": "vivitrol"}).content.decode()
    assert "Also looking for other names: <strong>vivitrol</strong> (naltrexone" in html


def test_broader_names_searched_are_named_too(client):
    ArticleFactory(title="Opioids and the brain")
    html = client.get(URL, {"q": "dilaudid"}).content.decode()
    assert "<strong>dilaudid</strong> (hydromorphone, dillies, opioid, …)" in html


def test_nothing_found_offers_the_phone_the_call_back_and_the_biggest_topics(client):
    contact = ContactSettings.objects.get_or_create(pk=1)[0]
    contact.phone = "+16195550100"
    contact.save()
    small, big = CategoryFactory(name="Small topic"), CategoryFactory(name="Big topic")
    ArticleFactory(category=small)
    ArticleFactory.create_batch(2, category=big)
    CategoryFactory(name="Empty topic")

    html = client.get(URL, {"q": "zebrafish"}).content.decode()
    empty = section(html, "search-empty")
    assert "0 results for “zebrafish”" in html
    assert 'href="tel:+16195550100"' in empty
    assert f'href="{reverse("contacts:callback")}"' in empty
    topics = re.findall(r"<strong>([^<]+topic)</strong>", html)
    assert topics == ["Big topic", "Small topic"]


def test_an_empty_search_page_offers_topics(client):
    ArticleFactory(category=CategoryFactory(name="Opioids"))
    html = client.get(URL).content.decode()
    assert "<strong>Opioids</strong>" in html
    assert "result" not in html.split("</form>")[1].split("Browse a topic")[0]


def test_results_end_with_a_way_to_ask_a_person(client):
    ArticleFactory(title="Fentanyl facts")
    html = client.get(URL, {"q": "fentanyl"}).content.decode()
    assert 'class="callback-cta"' in html


def test_many_results_say_so_and_page(client, monkeypatch):
    from search import engine

    monkeypatch.setattr(engine, "RESULT_CAP", 13)
    ArticleFactory.create_batch(14, title="Withdrawal basics")
    first = client.get(URL, {"q": "withdrawal"}).content.decode()
    assert "More than 13 results for “withdrawal”, best matches first" in first
    second = client.get(URL, {"q": "withdrawal", "page": 2}).content.decode()
    assert second.count('class="card"') == 1
    assert client.get(URL, {"q": "withdrawal", "page": 3}).status_code == 404


def test_search_pages_are_private_never_in_the_shared_cache(client, settings):
    settings.PAGE_CACHE = True
    ArticleFactory(title="Xanax withdrawal")
    cache.clear()
    for _ in range(2):
        response = client.get(URL, {"q": "xanax"})
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    keys = cache._cache.keys() if hasattr(cache, "_cache") else []
    assert not [k for k in keys if ":page:" in k]


def test_what_someone_searched_for_is_never_logged(client, caplog):
    ArticleFactory(title="Something")
    with caplog.at_level(logging.DEBUG):
        client.get(URL, {"q": "quetzalsecret"})
        client.get(URL, {"q": "quetzalsecret", "page": 9})  # a 404
        client.get(URL, {"q": "quetzalsecret", "page": "x"})
    assert caplog.records  # the 404s were logged...
    assert not [r for r in caplog.records if "quetzalsecret" in r.getMessage()]  # ...not the query


def test_the_development_server_log_leaves_out_query_strings(caplog):
    from django.core.servers.basehttp import WSGIRequestHandler

    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.requestline = "GET /search/?q=quetzalsecret HTTP/1.1"
    handler.request_version = "HTTP/1.1"
    handler.command = "GET"
    handler.path = "/search/?q=quetzalsecret"
    handler.request = None
    with caplog.at_level(logging.INFO, logger="django.server"):
        handler.log_request(200, 1234)
    (record,) = [r for r in caplog.records if r.name == "django.server"]
    assert "/search/?…" in record.getMessage()
    assert "quetzalsecret" not in record.getMessage()


def test_a_search_repeated_in_the_same_process_costs_one_query(client, django_assert_num_queries):
    ArticleFactory(title="Alcohol withdrawal")
    first = client.get(URL, {"q": "withdrawal"})
    with django_assert_num_queries(1):  # the site's versions
        again = client.get(URL, {"q": "withdrawal"})
    assert again.content == first.content
    assert "private" in again["Cache-Control"]
    assert client.get(URL, {"q": "withdrawal", "page": 2}).status_code == 404


def test_a_kept_search_page_gives_way_to_every_saved_change(client):
    article = ArticleFactory(title="Alcohol withdrawal")
    assert "1 result for" in client.get(URL, {"q": "withdrawal"}).content.decode()
    ArticleFactory(title="Opioid withdrawal")
    assert "2 results for" in client.get(URL, {"q": "withdrawal"}).content.decode()
    article.move_to_trash()
    assert "1 result for" in client.get(URL, {"q": "withdrawal"}).content.decode()
    article.restore_from_trash()
    article.unpublish()
    assert "1 result for" in client.get(URL, {"q": "withdrawal"}).content.decode()


def test_a_kept_search_page_gives_way_to_a_new_synonym_set(client):
    ArticleFactory(title="Quetiapine and sleep")
    assert "0 results for" in client.get(URL, {"q": "zzqueller"}).content.decode()
    SynonymSet.objects.create(terms="quetiapine, zzqueller")
    assert "1 result for" in client.get(URL, {"q": "zzqueller"}).content.decode()


def test_a_scheduled_article_is_found_from_its_time_on(client):
    ArticleFactory(title="Alcohol withdrawal")
    ArticleFactory(
        title="Opioid withdrawal", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert "1 result for" in client.get(URL, {"q": "withdrawal"}).content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert "2 results for" in client.get(URL, {"q": "withdrawal"}).content.decode()


def test_a_visitor_with_a_session_gets_a_page_of_their_own(admin_client):
    ArticleFactory(title="Alcohol withdrawal")
    admin_client.get(URL, {"q": "withdrawal"})
    from articles import views

    assert not views.recent_searches.values


def test_each_search_shows_its_own_excerpt_on_the_same_article(client):
    ArticleFactory(
        title="Alcohol withdrawal",
        body="<p>Shaking hands can start within hours.</p><p>Sweating is common too.</p>",
    )
    shaking = client.get(URL, {"q": "shaking"}).content.decode()
    sweating = client.get(URL, {"q": "sweating"}).content.decode()
    assert "<mark>Shaking</mark> hands" in shaking and "<mark>Sweating</mark>" not in shaking
    assert "<mark>Sweating</mark> is common" in sweating and "<mark>Shaking</mark>" not in sweating
