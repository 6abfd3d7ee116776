"""Stored images keep their pixels and nothing else, on every path that stores one: the
editor's upload, the featured image field and the WordPress importer (all through
articles.images.clean_image).

A JPEG comment holding a script and a PNG colour profile carrying arbitrary bytes were
stored byte for byte; EXIF can also hold a camera's serial number and GPS position.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from articles import images
from articles.models import Article
from tests.factories import CategoryFactory

from .test_admin import article_form
from .test_import_wordpress import EXPORT, run_import

pytestmark = pytest.mark.django_db

MARKER = "<script>alert('hidden')</script>"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
METADATA_KEYS = {"icc_profile", "exif", "comment", "xmp", "XML:com.adobe.xmp", "Comment"}


def picture(mode="RGB"):
    return Image.new(mode, (64, 48), (200, 120, 40) if mode == "RGB" else 3)


def encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def exif_with_marker():
    exif = Image.Exif()
    exif[0x010E] = MARKER  # ImageDescription
    exif[0x8825] = {2: (32.0, 42.0, 0.0)}  # a GPS latitude
    return exif


def carriers():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", MARKER)
    return {
        "jpeg-comment": ("jpg", encoded(picture(), "JPEG", comment=MARKER.encode())),
        "jpeg-exif-gps": ("jpg", encoded(picture(), "JPEG", exif=exif_with_marker())),
        "jpeg-xmp": ("jpg", encoded(picture(), "JPEG", xmp=MARKER.encode())),
        "jpeg-profile": ("jpg", encoded(picture(), "JPEG", icc_profile=SRGB + MARKER.encode())),
        "png-profile": ("png", encoded(picture(), "PNG", icc_profile=SRGB + MARKER.encode())),
        "png-text": ("png", encoded(picture(), "PNG", pnginfo=text)),
        "png-trailing-bytes": ("png", encoded(picture(), "PNG") + MARKER.encode()),
        "webp-exif": ("webp", encoded(picture(), "WEBP", exif=exif_with_marker())),
        "webp-profile": ("webp", encoded(picture(), "WEBP", icc_profile=SRGB + MARKER.encode())),
        "gif-comment": ("gif", encoded(picture("P"), "GIF", comment=MARKER.encode())),
    }


CARRIERS = carriers()


def metadata_left_in(data):
    """What of the hidden data survives in stored bytes: the marker, or a metadata key."""
    left = ["the marker"] if MARKER.encode() in data or b"alert" in data else []
    image = Image.open(io.BytesIO(data))
    left += sorted(METADATA_KEYS & set(image.info))
    left += [f"text chunk {key}" for key in getattr(image, "text", {})]
    if image.getexif():
        left.append("EXIF tags")
    return left


@pytest.mark.parametrize("name", CARRIERS)
def test_the_editor_upload_keeps_pixels_only(client, django_user_model, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    editor = django_user_model.objects.create_user("editor", password="x" * 20, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="add_mediaimage"))
    client.force_login(editor)
    extension, data = CARRIERS[name]
    upload = SimpleUploadedFile(f"photo.{extension}", data, content_type="image/*")
    response = client.post("/editor/upload-image/", {"upload": upload})
    name_stored = response.json()["url"].removeprefix(settings.MEDIA_URL)
    with default_storage.open(name_stored) as fh:
        assert metadata_left_in(fh.read()) == []


@pytest.mark.parametrize("name", CARRIERS)
def test_the_featured_image_field_keeps_pixels_only(admin_client, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    extension, data = CARRIERS[name]
    image = SimpleUploadedFile(f"cover.{extension}", data, content_type="image/*")
    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(
            CategoryFactory(), featured_image_upload=image, featured_image_upload_alt="A picture"
        ),
    )
    assert response.status_code == 302
    with Article.objects.get().featured_image.file.open() as fh:
        assert metadata_left_in(fh.read()) == []


def test_the_wordpress_importer_keeps_pixels_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    uploads = tmp_path / "uploads"
    (uploads / "2023/03").mkdir(parents=True)
    (uploads / "2023/03/clinic.jpg").write_bytes(CARRIERS["jpeg-exif-gps"][1])
    (uploads / "2023/03/team.png").write_bytes(CARRIERS["png-profile"][1])
    run_import(EXPORT, "--media-dir", str(uploads))
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    originals = [p for p in stored if "renditions" not in p.parts]
    assert originals
    for path in stored:
        assert metadata_left_in(path.read_bytes()) == [], path


def test_a_colour_profile_is_applied_before_it_is_dropped():
    """sRGB here, so the colours stay as they were."""
    data = encoded(picture(), "PNG", icc_profile=SRGB)
    clean = images.clean_image(SimpleUploadedFile("a.png", data))
    image = Image.open(clean.content)
    assert "icc_profile" not in image.info
    assert all(abs(a - b) <= 2 for a, b in zip(image.getpixel((0, 0)), (200, 120, 40)))


def test_unreadable_exif_never_breaks_an_upload():
    """Pillow raised SyntaxError reading it: a 500 instead of the picture."""
    broken = encoded(picture(), "WEBP", exif=b"Exif\x00\x00" + MARKER.encode())
    clean = images.clean_image(SimpleUploadedFile("a.webp", broken))
    assert metadata_left_in(clean.content.read()) == []


@pytest.mark.parametrize("name", CARRIERS)
def test_a_profile_photo_keeps_pixels_only(admin_client, settings, tmp_path, name):
    from people.models import Person

    settings.MEDIA_ROOT = tmp_path
    extension, data = CARRIERS[name]
    photo = SimpleUploadedFile(f"me-at-home.{extension}", data, content_type="image/*")
    response = admin_client.post(
        "/admin/people/person/add/",
        {"name": "Dana Reyes", "slug": "dana-reyes", "photo": photo, "_save": "Save"},
    )
    assert response.status_code == 302
    stored = Person.objects.get().photo
    assert stored.name.startswith("people/") and "me-at-home" not in stored.name
    with stored.open() as fh:
        assert metadata_left_in(fh.read()) == []
