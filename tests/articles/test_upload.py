"""The editor's image upload: staff only, CSRF-protected, real images only."""

import io
import json
import struct
import zlib

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles import images

pytestmark = pytest.mark.django_db
URL = "/editor/upload-image/"


def image_bytes(fmt="PNG", size=(64, 48), **save_kwargs):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, fmt, **save_kwargs)
    return out.getvalue()


def upload(client, data, name="photo.png", content_type="image/png"):
    return client.post(URL, {"upload": SimpleUploadedFile(name, data, content_type=content_type)})


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x" * 20, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="change_article"),
        Permission.objects.get(codename="add_mediaimage"),
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_editor_uploads_an_image_and_gets_its_url(editor_client, fmt):
    response = upload(editor_client, image_bytes(fmt), name=f"my photo.{fmt.lower()}")
    data = response.json()
    assert response.status_code == 200
    assert data["uploaded"] == 1
    assert data["url"].startswith("/media/uploads/")
    name = data["url"].removeprefix("/media/")
    assert "my photo" not in name  # stored under a random name
    with default_storage.open(name) as fh:
        assert Image.open(fh).size == (64, 48)


def test_anonymous_visitors_cannot_upload(client):
    response = upload(client, image_bytes())
    assert response.status_code == 403


def test_staff_without_the_change_permission_cannot_upload(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("s", password="x" * 20, is_staff=True))
    assert upload(client, image_bytes()).status_code == 403


def test_staff_who_may_not_add_to_the_library_cannot_upload(client, django_user_model):
    """An upload becomes a library record: it needs the library's add permission."""
    user = django_user_model.objects.create_user("w", password="x" * 20, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)
    assert upload(client, image_bytes()).status_code == 403


def test_upload_requires_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert upload(client, image_bytes()).status_code == 403


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(URL).status_code == 405


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
POLYGLOT = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=alert(1);<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (SVG, "x.svg", "image/svg+xml"),
        (SVG, "x.png", "image/png"),
        (HTML, "x.html", "text/html"),
        (HTML, "x.jpg", "image/jpeg"),
        (POLYGLOT, "x.gif", "image/gif"),
        (b"", "empty.png", "image/png"),
        (image_bytes("BMP"), "x.bmp", "image/bmp"),
        (image_bytes("TIFF"), "x.tiff", "image/tiff"),
    ],
)
def test_files_that_are_not_allowed_images_are_refused(editor_client, data, name, content_type):
    response = upload(editor_client, data, name, content_type)
    assert response.json()["uploaded"] == 0
    assert response.json()["error"]["message"]
    assert not default_storage.exists("uploads") or default_storage.listdir("uploads")[1] == []


def test_script_appended_to_a_real_gif_is_dropped_by_re_encoding(editor_client):
    data = image_bytes("GIF") + b"<script>alert(1)</script>"
    response = upload(editor_client, data, "x.gif", "image/gif")
    stored = response.json()["url"].removeprefix("/media/")
    with default_storage.open(stored) as fh:
        assert b"<script>" not in fh.read()


def test_oversized_files_are_refused(editor_client, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    response = upload(editor_client, image_bytes(size=(400, 400), compress_level=0))
    assert response.json()["error"]["message"] == "Images must be 5 MB or smaller."


def png_claiming(width, height):
    """A small PNG whose header claims width x height pixels."""
    data = bytearray(image_bytes("PNG", size=(8, 8)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


@pytest.mark.parametrize(
    ("width", "height"), [(20_000, 20_000), (100_000, 1_000), (65_535, 65_535)]
)
def test_decompression_bombs_are_refused(editor_client, width, height):
    response = upload(editor_client, png_claiming(width, height))
    assert response.json()["error"]["message"] == "This image has too many pixels."


def test_ckeditor_callback_parameter_is_never_echoed(editor_client):
    payload = "1);alert(document.domain);//"
    response = editor_client.post(
        f"{URL}?CKEditorFuncNum={payload}&responseType=json",
        {"upload": SimpleUploadedFile("x.png", image_bytes(), content_type="image/png")},
    )
    assert response["Content-Type"] == "application/json"
    assert payload not in response.content.decode()
    assert "<script" not in response.content.decode()
    json.loads(response.content)
