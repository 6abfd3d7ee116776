"""Staff-only views outside the admin (draft previews, the editor's image upload)
apply the admin's sign-in rule (recovery_site.staff): a session the admin sends back
to sign in is not signed in as staff anywhere."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from tests.factories import ArticleFactory, StaffUserFactory

from .test_two_factor import code_for, sign_in

pytestmark = pytest.mark.django_db

UPLOAD = "/editor/upload-image/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor():
    user = StaffUserFactory(username="edi-editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def upload(client):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, "PNG")
    return client.post(UPLOAD, {"upload": SimpleUploadedFile("a.png", out.getvalue())})


def can_preview(client):
    draft = ArticleFactory(draft=True, title="Not yet public")
    response = client.get(draft.get_absolute_url())
    return response.status_code == 200 and "Not yet public" in response.content.decode()


def test_a_session_from_before_the_app_was_added_cannot_preview_or_upload(client, editor):
    """Signed in with the password only; the app was set up since (in another session)."""
    assert sign_in(client, editor).status_code == 302
    assert can_preview(client) and upload(client).status_code == 200
    TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    assert client.get("/admin/articles/article/").status_code == 302  # the admin's rule
    assert not can_preview(client)
    assert upload(client).status_code == 403


def test_a_superuser_who_must_set_up_an_app_cannot_preview_or_upload(client, settings):
    settings.REQUIRE_2FA = True
    boss = StaffUserFactory(username="sam-superuser", is_superuser=True)
    assert sign_in(client, boss).status_code == 302
    assert not can_preview(client)
    assert upload(client).status_code == 403


def test_a_full_sign_in_with_the_code_previews_and_uploads(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    assert sign_in(client, editor, code_for(device)).status_code == 302
    assert can_preview(client)
    assert upload(client).status_code == 200


def test_editors_without_an_app_keep_working_when_none_is_required(client, editor, settings):
    settings.REQUIRE_2FA = True
    assert sign_in(client, editor).status_code == 302
    assert can_preview(client)
    assert upload(client).status_code == 200


def test_visitors_and_staff_without_the_permission_get_nothing(client):
    assert not can_preview(client)
    assert upload(client).status_code == 403
    intake = StaffUserFactory(username="ina-intake")
    intake.groups.add(Group.objects.get(name="Intake"))
    client.force_login(intake)
    assert not can_preview(client)
    assert upload(client).status_code == 403


def test_view_on_site_stays_on_the_host_the_editor_is_using(admin_client):
    """Not the Sites record's domain (port 8000 under `make run PORT=8141` before)."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site

    from articles.models import Article

    Site.objects.filter(pk=1).update(domain="127.0.0.1:8000")
    Site.objects.clear_cache()
    article = ArticleFactory(slug="naloxone")
    article_type = ContentType.objects.get_for_model(Article)
    response = admin_client.get(f"/admin/r/{article_type.pk}/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/articles/naloxone/"
    Site.objects.clear_cache()
