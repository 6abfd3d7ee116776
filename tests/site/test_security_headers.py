"""Every response carries the browser policy headers; the strict CSP everywhere but the
article editor; uploads keep their own sandbox policy; cached pages get the current one."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from recovery_site.security import is_editor_path
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' https: data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
DISABLED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def directives(response):
    header = response["Content-Security-Policy"]
    parts = [part.strip().split(" ", 1) for part in header.split(";") if part.strip()]
    return {name: value for name, value in parts}


@pytest.fixture
def editor_client(client):
    editor = StaffUserFactory(username="editor-eli")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def article():
    return ArticleFactory()


def public_paths(article):
    return [
        reverse("home"),
        reverse("articles:list"),
        article.get_absolute_url(),
        reverse("articles:search") + "?q=words",
        reverse("contacts:callback"),
        reverse("robots-txt"),
        reverse("sitemap"),
        "/no-such-page/",
        reverse("admin:login"),
    ]


def test_public_pages_and_the_admin_login_get_exactly_the_strict_policy(client, article):
    for path in public_paths(article):
        response = client.get(path)
        assert directives(response) == STRICT, path


def test_no_policy_carries_a_nonce(client, editor_client, article):
    """A nonce in a cached page would be replayed to every reader."""
    responses = [client.get(path) for path in public_paths(article)]
    responses.append(editor_client.get(reverse("admin:articles_article_add")))
    for response in responses:
        assert "nonce" not in response["Content-Security-Policy"]


def test_json_ld_blocks_are_data_not_scripts_needing_a_nonce(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script type="application/ld+json">' in html
    assert "<script>" not in html and "nonce=" not in html


def test_every_response_has_the_browser_policy_headers(client, article):
    for path in public_paths(article):
        response = client.get(path)
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert response["X-Frame-Options"] == "DENY", path
        features = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        for feature in DISABLED_FEATURES:
            assert features[feature] == "()", (path, feature)
        # The copy-link button writes to the clipboard.
        assert "clipboard-write" not in features


def test_only_the_article_editor_pages_relax_the_policy(editor_client, client, article):
    relaxed = editor_client.get(reverse("admin:articles_article_add"))
    assert relaxed.status_code == 200
    policy = directives(relaxed)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    # Everything else stays as strict as on the public pages.
    assert {k: v for k, v in policy.items() if k not in ("script-src", "style-src")} == {
        k: v for k, v in STRICT.items() if k not in ("script-src", "style-src")
    }
    change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "'unsafe-inline'" in change["Content-Security-Policy"]


def test_the_call_back_admin_keeps_the_strict_policy(admin_client):
    for name in (
        "admin:index",
        "admin:contacts_callbackrequest_changelist",
        "admin:contacts_callbackrequest_dashboard",
        "admin:contacts_accesslogentry_changelist",
        "admin:two-factor",
    ):
        response = admin_client.get(reverse(name))
        assert response.status_code == 200, name
        assert directives(response) == STRICT, name


def test_the_editor_exception_follows_the_admin_path(settings):
    assert is_editor_path("/admin/articles/article/add/")
    assert not is_editor_path("/admin/contacts/callbackrequest/")
    assert not is_editor_path("/articles/some-article/")
    settings.ADMIN_PATH = "staff-7f3k/"
    assert is_editor_path("/staff-7f3k/articles/article/1/change/")
    assert not is_editor_path("/admin/articles/article/add/")


def test_uploaded_media_keep_their_sandbox_policy(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    response = client.get("/media/uploads/picture.png")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response


def test_cached_pages_are_stored_without_the_policy_and_served_with_the_current_one(
    client, settings, article
):
    settings.PAGE_CACHE = True
    path = article.get_absolute_url()
    first = client.get(path)
    assert first["X-Page-Cache"] == "miss"
    assert directives(first) == STRICT

    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert directives(second)["img-src"] == "'self'"
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
