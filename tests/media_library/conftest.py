import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from media_library.services import image_create
from tests.factories import StaffUserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True


def image_upload(name="photo.png", size=(64, 48), fmt="PNG", color=(200, 120, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def make_image():
    """make_image(alt_text=..., name=...): a library image, stored as uploads are."""

    def make(name="photo.png", size=(64, 48), **fields):
        return image_create(image_upload(name, size), **fields)

    return make


def member_of(group_name, username):
    user = StaffUserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor():
    return member_of("Editors", "editor-ed")


@pytest.fixture
def intake():
    return member_of("Intake", "intake-ida")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def intake_client(client, intake):
    client.force_login(intake)
    return client
