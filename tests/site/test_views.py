"""Site-wide pages: health check, robots.txt, error pages, URL names."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import resolve, reverse

from recovery_site import views

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok_after_querying_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_robots_txt_keeps_crawlers_off_the_thanks_page_and_search_results(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Disallow: {reverse('contacts:thanks')}" in lines
    assert f"Disallow: {reverse('articles:search')}" in lines
    assert "Disallow: /call-back/thanks/" in lines and "Disallow: /search/" in lines


def test_robots_txt_refuses_post(client):
    assert client.post("/robots.txt").status_code == 405


def test_404_page_uses_the_layout_and_shows_crisis_resources(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="tel:988"' in html
    assert "1-800-662-4357" in html
    assert 'href="tel:911"' in html


def test_500_page_renders_without_the_database(django_assert_num_queries, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="tel:988"' in html


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("robots-txt", "/robots.txt"),
        ("healthz", "/healthz"),
        ("sitemap", "/sitemap.xml"),
    ],
)
def test_site_urls_reverse_and_resolve(name, path):
    assert reverse(name) == path
    assert resolve(path).url_name == name


def test_admin_carries_the_site_name(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Recovery Site administration" in response.content.decode()


def test_404_page_offers_search_articles_and_the_number(client):
    from tests.factories import ArticleFactory

    featured = ArticleFactory(title="Start with this one", is_featured=True)
    ArticleFactory(title="A draft nobody sees", draft=True)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html
    assert f'href="{featured.get_absolute_url()}"' in html
    assert "A draft nobody sees" not in html
    assert 'href="tel:+18588880101"' in html


def test_404_page_without_the_database_still_offers_search_and_the_number(client, monkeypatch):
    from articles.models import ArticleQuerySet

    def down(self, *args, **kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(ArticleQuerySet, "_fetch_all", down)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="search"' in html and 'href="tel:+18588880101"' in html
