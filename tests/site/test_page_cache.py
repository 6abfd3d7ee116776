"""Anonymous pages are cached whole, and never stale, shared or personal."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from contacts.models import ContactSettings
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def article():
    return ArticleFactory(title="Cached article", slug="cached", category=CategoryFactory(slug="c"))


CACHED_PATHS = [
    "/",
    "/articles/",
    "/articles/category/c/",
    "/articles/cached/",
    "/feed/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", CACHED_PATHS)
def test_second_anonymous_request_is_served_from_the_cache(
    client, article, path, django_assert_num_queries
):
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("path", ["/call-back/", "/robots.txt", "/healthz"])
def test_other_pages_are_not_cached(client, article, path):
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_page_cache_can_be_switched_off(client, article, settings):
    settings.PAGE_CACHE = False
    client.get("/articles/cached/")
    assert "X-Page-Cache" not in client.get("/articles/cached/")


def refetch(client, path):
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss", "a change must invalidate the cached page"
    return response.content.decode()


def test_editing_an_article_shows_at_once(client, article):
    for path in CACHED_PATHS:
        client.get(path)
    article.title = "Edited title"
    article.save()
    for path in CACHED_PATHS:
        html = refetch(client, path)
        if path != "/sitemap.xml":  # the sitemap lists addresses, not titles
            assert "Edited title" in html, path


def test_unpublishing_removes_the_article_at_once(client, article):
    client.get("/articles/")
    client.get("/articles/cached/")
    article.status = "draft"
    article.save()
    assert "/articles/cached/" not in refetch(client, "/articles/")
    assert client.get("/articles/cached/").status_code == 404


def test_publishing_shows_a_new_article_at_once(client, article):
    client.get("/")
    ArticleFactory(title="Brand new")
    assert "Brand new" in refetch(client, "/")


def test_category_and_source_changes_invalidate(client, article):
    client.get("/articles/cached/")
    category = article.category
    category.name = "Renamed topic"
    category.save()
    assert "Renamed topic" in refetch(client, "/articles/cached/")
    SourceFactory(article=article, title="A new source")
    assert "A new source" in refetch(client, "/articles/cached/")


def test_changing_the_phone_number_invalidates_every_page(client, article):
    assert "858-888-0101" in client.get("/articles/cached/").content.decode()
    contact = ContactSettings.objects.filter(pk=1).first() or ContactSettings(pk=1)
    contact.phone = "+1 619-555-0199"
    contact.save()
    html = refetch(client, "/articles/cached/")
    assert "619-555-0199" in html and "858-888-0101" not in html


def test_scheduled_article_appears_on_time_with_caching_on(client, article):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    ArticleFactory(title="Scheduled one", slug="scheduled", published_at=go_live)
    assert "Scheduled one" not in client.get("/articles/").content.decode()
    assert client.get("/articles/")["X-Page-Cache"] == "hit"
    with time_machine.travel(go_live + datetime.timedelta(seconds=5)):
        response = client.get("/articles/")
        assert response["X-Page-Cache"] == "miss"
        assert "Scheduled one" in response.content.decode()


def test_logged_in_staff_are_never_served_cached_pages(client, admin_client, article):
    client.get("/articles/cached/")
    response = admin_client.get("/articles/cached/")
    assert "X-Page-Cache" not in response


def test_preview_pages_are_never_cached(admin_client):
    ArticleFactory(draft=True, slug="draft")
    admin_client.get("/articles/draft/")
    response = admin_client.get("/articles/draft/")
    assert "X-Page-Cache" not in response
    assert Client().get("/articles/draft/").status_code == 404


def test_cached_pages_carry_no_token_or_cookie_and_visitors_never_share_a_token(article):
    alice, bob = Client(), Client()
    page = alice.get("/articles/cached/")
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert not page.cookies
    assert bob.get("/articles/cached/")["X-Page-Cache"] == "hit"

    def form_token(client):
        html = client.get("/call-back/").content.decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(
            1
        ), client.cookies["csrftoken"].value

    alice_token, alice_cookie = form_token(alice)
    bob_token, bob_cookie = form_token(bob)
    assert alice_cookie != bob_cookie
    assert alice_token != bob_token


def test_conditional_get_answers_304_when_unchanged(client, article, settings):
    for page_cache in (True, False):
        settings.PAGE_CACHE = page_cache
        first = client.get("/articles/cached/")
        assert first["Last-Modified"]
        again = client.get("/articles/cached/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        since = client.get("/articles/cached/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304
    article.title = "Changed"
    article.save()
    assert client.get("/articles/cached/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_bad_host_is_refused_even_for_cached_pages(client, article):
    client.get("/articles/cached/")
    assert client.get("/articles/cached/", HTTP_HOST="evil.example").status_code == 400


def test_an_unreachable_cache_serves_pages_uncached_and_saves_still_work(client, settings, article):
    # Nothing listens on port 9: every cache call fails, as when Redis is down.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    try:
        for path in ["/", "/articles/cached/", "/robots.txt", "/healthz"]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "X-Page-Cache" not in response
        article.title = "Saved while the cache is down"
        article.save()
        assert "Saved while the cache is down" in client.get("/articles/cached/").content.decode()
    finally:
        del settings.CACHES


# Keys: the canonical host and only the parameters a page reads


def test_parameters_a_page_does_not_read_share_its_entry(client, article):
    assert client.get("/articles/cached/?fbclid=1")["X-Page-Cache"] == "miss"
    for i in range(2, 6):
        response = client.get(f"/articles/cached/?fbclid={i}&utm_source=x")
        assert response["X-Page-Cache"] == "hit"
    assert client.get("/articles/cached/")["X-Page-Cache"] == "hit"
    assert "fbclid" not in response.content.decode()


def test_the_parameters_a_page_reads_keep_their_own_entries(client, article):
    ArticleFactory.create_batch(13)
    first = client.get("/articles/")
    second = client.get("/articles/?page=2")
    assert second["X-Page-Cache"] == "miss"
    assert second.content != first.content
    assert client.get("/articles/?page=2&fbclid=9")["X-Page-Cache"] == "hit"
    # A search is never stored at all: what someone searched for is private.
    assert "X-Page-Cache" not in client.get("/search/?q=cached")


@pytest.mark.parametrize("host", ["TESTSERVER", "testserver.", "localhost", "127.0.0.1"])
def test_every_spelling_of_the_host_shares_one_entry_linking_to_the_canonical_host(
    client, article, host
):
    first = client.get("/articles/cached/")
    other = client.get("/articles/cached/", HTTP_HOST=host)
    assert other["X-Page-Cache"] == "hit"
    html = other.content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/cached/">' in html
    assert other.content == first.content


def test_a_page_rendered_for_another_host_names_the_canonical_one(client, article):
    html = client.get("/articles/cached/", HTTP_HOST="localhost").content.decode()
    assert "http://localhost" not in html
    assert '<link rel="canonical" href="http://testserver/articles/cached/">' in html


def test_old_wordpress_links_on_the_home_page_are_never_answered_from_its_cache(client, article):
    from django.contrib.redirects.models import Redirect

    Redirect.objects.create(site_id=1, old_path="/?p=12", new_path="/articles/cached/")
    client.get("/")
    assert client.get("/?fbclid=1")["X-Page-Cache"] == "hit"
    response = client.get("/?p=12")
    assert response.status_code == 301
    assert response["Location"] == "/articles/cached/"


# What a hit costs, and the memory each process keeps


class CountingCache:
    """The cache, counting the calls that reach it (each is one round trip to Redis)."""

    def __init__(self, cache):
        self.cache, self.calls = cache, []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def call(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return call


def test_a_hit_reads_the_cache_once(client, article, monkeypatch):
    from recovery_site import page_cache

    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    client.get("/articles/cached/")
    page_cache.memory.clear()  # as in a process that did not render it
    counting.calls.clear()
    assert client.get("/articles/cached/")["X-Page-Cache"] == "hit"
    assert counting.calls == ["get_many"], "the version and the entry in one read"
    counting.calls.clear()
    assert client.get("/articles/cached/")["X-Page-Cache"] == "hit"
    assert counting.calls == ["get"], "the version alone: this process holds the entry"


def test_a_version_bumped_by_another_process_is_seen_at_once(client, article):
    from django.core.cache import cache

    from recovery_site import page_cache

    client.get("/articles/cached/")
    assert client.get("/articles/cached/")["X-Page-Cache"] == "hit"
    cache.incr(page_cache.VERSION_KEY)  # another process's save: no signal here
    assert client.get("/articles/cached/")["X-Page-Cache"] == "miss"


def test_with_the_cache_unreachable_nothing_is_served_from_memory(client, settings, article):
    client.get("/articles/cached/")
    assert client.get("/articles/cached/")["X-Page-Cache"] == "hit"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    try:
        article.title = "Saved while the cache is down"
        article.save()
        response = client.get("/articles/cached/")
        assert "X-Page-Cache" not in response
        assert "Saved while the cache is down" in response.content.decode()
    finally:
        del settings.CACHES


def test_a_hit_says_how_long_the_page_is(client, article):
    first = client.get("/articles/cached/")
    hit = client.get("/articles/cached/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Length"] == first["Content-Length"] == str(len(first.content))


def test_the_memory_keeps_at_most_its_limit_the_oldest_out_first():
    from recovery_site.page_cache import Memory

    memory = Memory(limit=10)

    def entry(content):
        return (1, 0.0, 200, {}, content)

    memory.put("a", entry(b"1234"))
    memory.put("b", entry(b"1234"))
    memory.put("c", entry(b"1234"))
    assert list(memory.values) == ["b", "c"]
    assert memory.size == 8
    memory.put("b", entry(b"12"))
    assert memory.size == 6
    memory.put("big", entry(b"12345678901"))
    assert "big" not in memory.values
