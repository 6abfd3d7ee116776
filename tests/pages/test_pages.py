"""The centre's pages: same editor, sanitizer, revisions, preview, scheduling and
redirects as articles, at top-level addresses that never take one the site serves."""

import datetime
import json
import re

import pytest
import time_machine
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from pages.models import Page
from recovery_site.security import is_editor_path
from tests.factories import PageFactory
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db

ADD = "/admin/pages/page/add/"


def page_form(**overrides):
    local = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "title": "About us",
        "slug": "about",
        "body": "<h2>Who we are</h2><p onclick='x()'>A treatment centre.</p><script>x()</script>",
        "summary": "Who we are and how we help.",
        "role": "",
        "status": "published",
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
        "seo_title": "",
        "meta_description": "",
        "social_image": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_an_editor_writes_and_publishes_a_page_at_a_top_level_address(editor_client):
    response = editor_client.post(ADD, page_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Page.objects.get()
    assert page.get_absolute_url() == "/about/"
    assert "onclick" not in page.body and "<script>" not in page.body
    html = Client().get("/about/").content.decode()
    assert "<h1>About us</h1>" in html and "A treatment centre." in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])
    assert data["@type"] == "WebPage" and data["name"] == "About us"
    assert '<link rel="canonical" href="http://testserver/about/">' in html
    assert page.history.count() == 1


@pytest.mark.parametrize(
    "slug", ["articles", "search", "call-back", "feed", "admin", "media", "static", "editor-x"]
)
def test_an_address_the_site_serves_is_refused(editor_client, slug, settings):
    response = editor_client.post(ADD, page_form(slug=slug))
    if slug == "editor-x":  # a free address, for contrast
        assert response.status_code == 302
        return
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["slug"]
    assert len(errors) == 1
    assert errors[0].startswith(f"/{slug}/ is already taken (")
    assert errors[0].endswith("). Choose another address.")
    assert not Page.objects.exists()


def test_a_page_never_hides_a_route_even_when_saved_around_the_checks(client):
    PageFactory(slug="search", title="Sneaky page")
    assert resolve("/search/").view_name == "articles:search"
    assert "<h1>Sneaky page</h1>" not in client.get("/search/").content.decode()


def test_changing_a_published_page_address_keeps_the_old_one_working(client):
    page = PageFactory(slug="insurance")
    page.slug = "insurance-we-accept"
    page.save()
    response = client.get("/insurance/")
    assert response.status_code == 301 and response["Location"] == "/insurance-we-accept/"


@pytest.mark.parametrize("traits", [{"draft": True}, {"scheduled": True}])
def test_staff_preview_unpublished_pages_and_the_public_gets_404(editor_client, traits):
    page = PageFactory(slug="terms", **traits)
    assert Client().get("/terms/").status_code == 404
    response = editor_client.get("/terms/")
    assert response.status_code == 200
    assert "Preview." in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    page.publish()
    assert Client().get("/terms/").status_code == 200


def test_a_scheduled_page_goes_live_at_its_time(client):
    page = PageFactory(slug="admissions", scheduled=True)
    assert client.get("/admissions/").status_code == 404
    with time_machine.travel(page.published_at + datetime.timedelta(seconds=1)):
        assert client.get("/admissions/").status_code == 200


def test_only_one_page_per_role(editor_client):
    PageFactory(slug="privacy", role="privacy")
    response = editor_client.post(ADD, page_form(slug="privacy-2", role="privacy"))
    assert response.status_code == 200
    assert "Another page already has this role" in response.content.decode()


def test_the_page_editor_gets_the_editor_policy_and_menus_keep_the_strict_one():
    assert is_editor_path(reverse("admin:pages_page_add"))
    assert not is_editor_path(reverse("admin:pages_menu_changelist"))


def test_pages_are_in_the_sitemap_only_while_published(client):
    PageFactory(slug="about")
    PageFactory(slug="terms", draft=True)
    xml = whole_sitemap(client)
    assert "<loc>http://testserver/about/</loc>" in xml
    assert "/terms/" not in xml


def test_page_seo_fields_fall_back_to_title_and_summary(client):
    PageFactory(slug="about", title="About us", summary="Who we are.")
    PageFactory(slug="hours", title="Hours", seo_title="Opening hours", meta_description="When.")
    about = client.get("/about/").content.decode()
    assert (
        "<title>About us ·" in about and '<meta name="description" content="Who we are.">' in about
    )
    hours = client.get("/hours/").content.decode()
    assert (
        "<title>Opening hours ·" in hours and '<meta name="description" content="When.">' in hours
    )
    assert '<meta property="og:title" content="Opening hours">' in hours


def test_deleting_a_page_moves_it_to_the_trash(editor_client):
    page = PageFactory(slug="about", title="About us")
    editor_client.post(f"/admin/pages/page/{page.pk}/delete/", {"post": "yes"})
    page.refresh_from_db()
    assert page.in_trash
    assert Client().get("/about/").status_code == 404
    listing = editor_client.get("/admin/pages/page/").content.decode()
    assert "Trash (1)" in listing
    editor_client.post(f"/admin/pages/page/{page.pk}/restore/")
    assert Client().get("/about/").status_code == 200
