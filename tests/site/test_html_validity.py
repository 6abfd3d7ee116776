"""Every kind of public page is valid HTML, as the W3C Nu HTML checker reads it.

The checker (vnu.jar, Java) is the one validators and browsers' developers use;
all pages go through it in one run, so the test costs about ten seconds.
"""

import time

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from articles.models import Article
from contacts.forms import sign_started
from recovery_site import views as site_views
from tests.html_checks import nu_checker_errors

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ARTICLE = "/articles/how-does-klonopin-work/"


def _callback_form(**overrides):
    data = {
        "name": "",
        "phone": "12",
        "best_time": "morning",
        "message": "",
        "website": "",
        "started": sign_started(time.time() - 10),
        "source_path": ARTICLE,
    }
    data.update(overrides)
    return data


def public_pages(client, admin_client, settings, monkeypatch):
    """(name, expected status, HTML) for every kind of page a visitor can meet."""
    category = Article.objects.published().first().category
    pages = [
        ("home", 200, client.get("/")),
        ("article list", 200, client.get("/articles/")),
        ("article", 200, client.get(ARTICLE)),
        ("category", 200, client.get(category.get_absolute_url())),
        ("search form", 200, client.get("/search/")),
        ("search results", 200, client.get("/search/?q=withdrawal")),
        ("search without results", 200, client.get("/search/?q=zzzzqqq")),
        ("call-back form", 200, client.get("/call-back/")),
        ("call-back form with errors", 200, client.post("/call-back/", _callback_form())),
        ("thanks", 200, client.get("/call-back/thanks/")),
        ("404", 404, client.get("/no-such-page/")),
        ("400", 400, client.get("/search/", {f"f{i}": "x" for i in range(2000)})),
        ("405", 405, client.post("/robots.txt")),
        ("draft preview (staff)", 200, admin_client.get(_draft_url())),
        ("a page of the centre's", 200, client.get("/privacy/")),
        ("page in the trash (staff preview)", 200, admin_client.get(_trashed_page_url())),
    ]
    settings.CALLBACK_MIN_SECONDS = 0
    settings.CALLBACK_RATE_LIMIT = 0

    # A form's token is good for one submission: each post sends a fresh one.
    def full():
        return _callback_form(name="Sam", phone="619-555-0142", consent="on")

    pages.append(("429", 429, client.post("/call-back/", full())))
    settings.CALLBACK_RATE_LIMIT = 5

    from contacts import views as contact_views

    def database_down(**kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(contact_views, "callback_request_create", database_down)
    pages.append(("503 (request not stored)", 503, client.post("/call-back/", full())))
    pages.append(("500", 500, site_views.server_error(RequestFactory().get("/"))))
    return pages


def _trashed_page_url():
    from pages.models import Page

    page = Page.objects.get(slug="about")
    page.move_to_trash()
    return page.get_absolute_url()


def _draft_url():
    return Article.objects.exclude(pk__in=Article.objects.published()).first().get_absolute_url()


def test_every_kind_of_public_page_is_valid_html(
    client, admin_client, settings, monkeypatch, demo_content, tmp_path
):
    pages = public_pages(client, admin_client, settings, monkeypatch)
    for name, status, response in pages:
        assert response.status_code == status, name
    errors = nu_checker_errors(
        {name: response.content.decode() for name, _, response in pages}, tmp_path
    )
    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in errors.items())
    assert not errors, f"The Nu HTML checker found errors:\n{report}"


def test_the_checker_reports_an_invalid_page(tmp_path):
    """The check above can fail: a page with a six-digit fraction of a second does."""
    page = (
        '<!doctype html><html lang="en"><title>x</title>'
        '<time datetime="2026-11-28T19:05:04.618449-08:00">Nov 28</time></html>'
    )
    errors = nu_checker_errors({"bad": page}, tmp_path)
    assert "fraction of a second" in " ".join(errors["bad"])
