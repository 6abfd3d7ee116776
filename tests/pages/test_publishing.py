"""The one visibility rule, checked through every surface that shows pages, and the
rule that pages never appear among articles.

Matrix: draft/published x past/future publishing time, plus "in the trash". Only
"published, past" may appear anywhere a visitor can look.
"""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from pages.models import Page
from publishing.models import StoredPage, next_scheduled_time
from tests.factories import ArticleFactory, PageFactory
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(days=-2)
FUTURE = datetime.timedelta(days=2)
MATRIX = [
    ("published", PAST, True),
    ("published", FUTURE, False),
    ("draft", PAST, False),
    ("draft", FUTURE, False),
    ("trashed", PAST, False),
]


def make(status, offset, **kwargs):
    page = PageFactory(
        status="published" if status == "trashed" else status,
        published_at=timezone.now() + offset,
        title="Zebrafish policy",
        slug="zebrafish-policy",
        summary="All about zebrafish.",
        body="<p>Zebrafish zebrafish.</p>",
        **kwargs,
    )
    if status == "trashed":
        page.move_to_trash()
    return page


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_every_surface_applies_the_rule_to_pages(client, status, offset, visible):
    page = make(status, offset, role="privacy")
    url = page.get_absolute_url()
    assert (page in Page.objects.published()) is visible
    assert page.is_published is visible
    surfaces = {
        "sitemap": whole_sitemap(client),
        "footer (default menu and small print)": client.get("/articles/").content.decode(),
        "call-back form (privacy notice link)": client.get("/call-back/").content.decode(),
    }
    for surface, html in surfaces.items():
        assert (url in html) is visible, surface
    assert client.get(url).status_code == (200 if visible else 404)


def _search_parts(client, query):
    """(the article results, the pages listed apart) of a search page."""
    html = client.get("/search/", {"q": query}).content.decode()
    main = html.split("<main", 1)[1].split("</main>")[0]
    pages = re.search(r'<section class="search-pages".*?</section>', main, re.DOTALL)
    return main.replace(pages[0], "") if pages else main, pages[0] if pages else ""


def test_pages_never_appear_among_articles(client):
    make("published", PAST)
    ArticleFactory(title="An article about zebrafish", slug="zebra-article")
    for path in ["/articles/", "/feed/"]:
        html = client.get(path).content.decode()
        main = html.split("<main", 1)[-1].split("</main>")[0] if "<main" in html else html
        assert "/zebrafish-policy/" not in main, path
        assert "zebra-article" in main, path
    articles, pages = _search_parts(client, "zebrafish")
    assert "/zebrafish-policy/" not in articles
    assert "zebra-article" in articles
    assert "zebra-article" not in pages


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_site_search_lists_a_page_apart_and_marked_only_when_it_is_public(
    client, status, offset, visible
):
    make(status, offset)
    articles, pages = _search_parts(client, "zebrafish")
    assert ("/zebrafish-policy/" in pages) is visible
    assert "/zebrafish-policy/" not in articles
    if visible:
        assert '<span class="search-pages__kind">Page</span>' in pages
        assert "Zebrafish policy" in pages


def test_site_search_finds_a_page_by_a_misspelt_word_only_pages_use(client):
    make("published", PAST)
    ArticleFactory(title="Sleep after detox", slug="sleep")
    articles, pages = _search_parts(client, "zebrafsh")
    assert "/zebrafish-policy/" in pages
    assert "/sleep/" not in articles


def test_pages_are_listed_on_the_first_results_page_only(client):
    make("published", PAST)
    for n in range(15):
        ArticleFactory(title=f"Zebrafish notes {n}", slug=f"zebra-{n}")
    assert "/zebrafish-policy/" in _search_parts(client, "zebrafish")[1]
    html = client.get("/search/", {"q": "zebrafish", "page": 2}).content.decode()
    assert "/zebrafish-policy/" not in html.split("<main", 1)[1].split("</main>")[0]
    home = client.get("/").content.decode().split("<main", 1)[1].split("</main>")[0]
    assert "/zebrafish-policy/" not in home


def test_the_page_cache_expires_when_a_scheduled_page_goes_live(client, settings):
    settings.PAGE_CACHE = True
    page = make("published", datetime.timedelta(hours=2))
    assert next_scheduled_time() == page.published_at
    assert "/zebrafish-policy/" not in client.get("/articles/").content.decode()
    assert client.get("/articles/")["X-Page-Cache"] == "hit"
    with time_machine.travel(page.published_at + datetime.timedelta(seconds=5)):
        response = client.get("/articles/")
        assert response["X-Page-Cache"] == "miss"
        assert "/zebrafish-policy/" in response.content.decode()  # the default footer


def test_the_earliest_scheduled_time_spans_articles_and_pages():
    article = ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=5))
    page = PageFactory(published_at=timezone.now() + datetime.timedelta(hours=3))
    assert next_scheduled_time() == page.published_at
    page.move_to_trash()
    assert next_scheduled_time() == article.published_at


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_a_stored_page_is_served_only_while_the_rule_allows(client, status, offset, visible):
    """The page was published and stored; then its state changed without a save (so
    the stored copy still matches its row). It is served only in the visible state."""
    page = make("published", PAST)
    url = page.get_absolute_url()
    assert client.get(url).status_code == 200
    assert StoredPage.objects.filter(kind="pages.Page", object_id=page.pk).exists()

    Page.objects.filter(pk=page.pk).update(
        status="published" if status == "trashed" else status,
        published_at=timezone.now() + offset,
        trashed_at=timezone.now() if status == "trashed" else None,
    )
    assert client.get(url).status_code == (200 if visible else 404)


def test_a_scheduled_page_is_never_served_from_a_stored_page_before_its_time(client):
    page = make("published", FUTURE)
    assert client.get(page.get_absolute_url()).status_code == 404
    assert not StoredPage.objects.exists()
    with time_machine.travel(timezone.now() + FUTURE + datetime.timedelta(minutes=1)):
        assert client.get(page.get_absolute_url()).status_code == 200
        assert client.get(page.get_absolute_url()).status_code == 200
    assert client.get(page.get_absolute_url()).status_code == 404
