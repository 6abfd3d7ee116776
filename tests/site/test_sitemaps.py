"""The sitemap: an index at /sitemap.xml naming each section's pages, none of them long."""

import re

import pytest
from django.utils.timezone import localtime

from articles.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory, CategoryFactory, PageFactory
from tests.sitemap import sitemap_pages, whole_sitemap

pytestmark = pytest.mark.django_db


def locations(response):
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


@pytest.fixture
def five_articles():
    category = CategoryFactory(slug="alcohol")
    return [ArticleFactory(category=category, slug=f"article-{n}") for n in range(5)]


def test_robots_txt_names_the_sitemap_index(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "<sitemapindex" in client.get("/sitemap.xml").content.decode()


def test_articles_are_split_into_pages_of_at_most_the_limit(client, five_articles, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    index = locations(client.get("/sitemap.xml"))
    assert [loc for loc in index if "articles" in loc] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    listed = []
    for page in ("", "?p=2", "?p=3"):
        urls = [
            u for u in locations(client.get(f"/sitemap-articles.xml{page}")) if "/articles/" in u
        ]
        assert 1 <= len(urls) <= 2
        listed += urls
    assert sorted(listed) == sorted(
        f"http://testserver{a.get_absolute_url()}" for a in five_articles
    )


@pytest.mark.parametrize("address", ["/sitemap-articles.xml?p=4", "/sitemap-articles.xml?p=x"])
def test_a_page_past_the_end_or_not_a_number_is_404(client, five_articles, address):
    assert client.get(address).status_code == 404


def test_an_unknown_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_every_section_is_listed_with_its_addresses(client, five_articles):
    PageFactory(slug="about")
    text = whole_sitemap(client)
    for path in (
        "/",
        "/articles/",
        "/articles/category/alcohol/",
        "/about/",
        "/articles/article-0/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in text, path
    assert len(sitemap_pages(client)) == 5  # static, articles, categories, pages, people


def test_index_carries_the_latest_change_of_articles(client, five_articles):
    latest = localtime(max(a.updated_at for a in five_articles))
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<lastmod>{latest.isoformat()}</lastmod>" in xml


def test_index_query_count_does_not_grow_with_articles(client, five_articles, settings):
    settings.PAGE_CACHE = False
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    for n in range(10):
        ArticleFactory(category=five_articles[0].category, slug=f"more-{n}")
    with CaptureQueriesContext(connection) as more:
        client.get("/sitemap.xml")
    assert len(more) == len(few)
