"""The site's name, logo and tagline: edited in the admin, shown everywhere, cached."""

import io
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import RequestFactory
from PIL import Image

from branding.models import DEFAULT_TAGLINE, SiteIdentity, get_site_identity
from recovery_site import views as site_views
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CHANGE_URL = "/admin/branding/siteidentity/1/change/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True


def picture(image_format, size=(400, 200), mode="RGBA"):
    out = io.BytesIO()
    Image.new(mode, size, (31, 95, 91, 255) if mode == "RGBA" else (31, 95, 91)).save(
        out, image_format
    )
    return out.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def save_in_admin(client, **fields):
    SiteIdentity.load()  # as opening "Site identity" in the admin does
    data = {"name": "Harbor Recovery", "tagline": "One day at a time", **fields}
    return client.post(CHANGE_URL, data)


def test_defaults_are_the_demo_name_and_tagline(settings):
    identity = get_site_identity()
    assert identity.name == settings.SITE_NAME
    assert identity.tagline == DEFAULT_TAGLINE == "Life can be good again"
    assert not identity.logo


def test_the_admin_list_opens_the_one_record(admin_client):
    response = admin_client.get("/admin/branding/siteidentity/")
    assert response.status_code == 302 and response["Location"] == CHANGE_URL
    assert admin_client.get(CHANGE_URL).status_code == 200
    assert admin_client.get("/admin/branding/siteidentity/add/").status_code == 403


def test_name_and_tagline_set_in_the_admin_show_on_every_surface(admin_client, client):
    article = ArticleFactory(status="published")
    assert save_in_admin(admin_client).status_code == 302

    home = client.get("/").content.decode()
    assert "<title>Harbor Recovery</title>" in home
    assert re.search(r"<h1[^>]*>One day at a time</h1>", home)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f"<title>{article.title} · Harbor Recovery</title>" in page
    assert page.count("One day at a time") >= 2, "the tagline beside and after the text"
    assert (
        "<title>Harbor Recovery: latest articles</title>" in client.get("/feed/").content.decode()
    )
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', home).group(1))
    assert data["name"] == data["publisher"]["name"] == "Harbor Recovery"
    assert "Harbor Recovery administration" in admin_client.get("/admin/").content.decode()


def test_saving_the_identity_refreshes_cached_pages(client, settings):
    settings.PAGE_CACHE = True
    assert "Life can be good again" in client.get("/").content.decode()
    identity = SiteIdentity.load()
    identity.tagline = "Hope is real"
    identity.save()
    assert "Hope is real" in client.get("/").content.decode()


def test_an_empty_tagline_leaves_the_name_as_the_home_heading(client):
    identity = SiteIdentity.load()
    identity.tagline = ""
    identity.save()
    assert re.search(r"<h1[^>]*>Recovery Site</h1>", client.get("/").content.decode())


@pytest.mark.parametrize(("name", "image_format"), [("logo.png", "PNG"), ("logo.webp", "WEBP")])
def test_a_png_or_webp_logo_is_re_encoded_under_a_random_name(
    admin_client, client, name, image_format
):
    data = picture(image_format) + b"<script>alert(1)</script>"  # trailing junk is dropped
    assert save_in_admin(admin_client, logo=upload(name, data)).status_code == 302
    identity = get_site_identity()
    stored = identity.logo.name
    assert stored.startswith("branding/") and not stored.endswith(f"/{name}")
    with identity.logo.open("rb") as fh:
        kept = fh.read()
    assert b"<script>" not in kept
    assert Image.open(io.BytesIO(kept)).format == image_format
    # Scaled to twice the height the header shows, so it stays sharp and light.
    assert (identity.logo_width, identity.logo_height) == (176, 88)
    header = client.get("/").content.decode()
    assert f'src="{identity.logo.url}" alt="" width="88" height="44"' in header


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.jpg", picture("JPEG", mode="RGB"), "PNG or WebP"),
        ("logo.gif", picture("GIF", mode="RGB"), "PNG or WebP"),
        ("logo.png", b"<svg onload=alert(1)>", "Upload a valid image"),
    ],
)
def test_other_logo_files_are_refused_and_nothing_changes(admin_client, name, data, message):
    response = save_in_admin(admin_client, logo=upload(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    identity = SiteIdentity.objects.filter(pk=1).first()
    assert identity is None or (identity.name != "Harbor Recovery" and not identity.logo)


def test_the_identity_is_read_from_the_cache_after_the_first_time(django_assert_num_queries):
    SiteIdentity.load()
    get_site_identity()
    with django_assert_num_queries(0):
        assert get_site_identity().name == "Recovery Site"


def test_without_a_database_a_fresh_process_uses_the_defaults(monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(SiteIdentity.objects, "filter", down)
    assert get_site_identity().name == "Recovery Site"


def test_the_500_page_uses_the_cached_identity_without_the_database(django_assert_num_queries):
    identity = SiteIdentity.load()
    identity.name = "Harbor Recovery"
    identity.save()
    get_site_identity()
    with django_assert_num_queries(0):
        html = site_views.server_error(RequestFactory().get("/")).content.decode()
    assert "Harbor Recovery" in html


@pytest.mark.parametrize("group", ["Editors", "Intake"])
def test_only_superusers_change_the_identity(client, group):
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    assert client.get(CHANGE_URL).status_code == 403
    assert save_in_admin(client).status_code == 403


def test_a_page_reads_the_identity_once(client, monkeypatch, settings):
    from branding import models

    reads = []
    original = models.cache.get

    def counting_get(key, *args, **kwargs):
        if key == models.SITE_IDENTITY_CACHE_KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    ArticleFactory()
    # Rendered on every request: stored and kept pages read nothing.
    settings.STORED_PAGES = False
    client.get("/articles/")  # fills the cache
    monkeypatch.setattr(models.cache, "get", counting_get)
    assert client.get("/articles/").status_code == 200
    assert len(reads) == 1


def test_with_the_cache_and_database_down_the_last_identity_read_is_shown(monkeypatch):
    identity = SiteIdentity.load()
    identity.name = "Harbor Recovery"
    identity.save()
    assert get_site_identity().name == "Harbor Recovery"

    from branding import models

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    def down(*args, **kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(models.cache, "get", broken)
    monkeypatch.setattr(SiteIdentity.objects, "filter", down)
    assert get_site_identity().name == "Harbor Recovery"
