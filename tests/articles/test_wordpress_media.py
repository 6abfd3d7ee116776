"""Images from a copy of wp-content/uploads: where they are looked for, what is
stored, reused and undone."""

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from articles.wordpress.media import ImageCopier, Uploads

SITE = "https://harbor.example"


@pytest.fixture
def uploads_dir(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024/05").mkdir(parents=True)
    Image.new("RGB", (30, 20), "navy").save(uploads / "2024/05/photo.jpg", "JPEG")
    return uploads


@pytest.fixture
def uploads(uploads_dir):
    return Uploads(uploads_dir, {"harbor.example"})


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_upload_urls_map_to_files_in_the_media_dir(uploads, uploads_dir):
    assert uploads.relative_path(f"{SITE}/wp-content/uploads/2024/05/photo.jpg") == (
        "2024/05/photo.jpg"
    )
    assert uploads.relative_path("/wp-content/uploads/2024/05/a%20b.jpg") == "2024/05/a b.jpg"
    assert uploads.relative_path("https://site.files.wordpress.com/2024/05/a.jpg?w=600") == (
        "2024/05/a.jpg"
    )
    assert uploads.relative_path("https://cdn.example/images/a.jpg") is None
    assert uploads.relative_path("data:image/png;base64,AAAA") is None
    assert uploads.find("2024/05/photo.jpg") == (uploads_dir / "2024/05/photo.jpg").resolve()
    # A size WordPress generated falls back to the original.
    assert uploads.find("2024/05/photo-300x200.jpg") == uploads.find("2024/05/photo.jpg")
    assert uploads.find("2024/05/other.jpg") is None


def test_nothing_outside_the_media_dir_is_ever_read(uploads, uploads_dir, tmp_path):
    secret = tmp_path / "secret.jpg"
    Image.new("RGB", (5, 5)).save(secret, "JPEG")
    (uploads_dir / "2024/05/link.jpg").symlink_to(secret)

    assert uploads.find("../secret.jpg") is None
    assert uploads.find("2024/../../secret.jpg") is None
    assert uploads.find(str(secret)) is None
    assert uploads.find("2024/05/link.jpg") is None  # a symlink pointing out
    copier = ImageCopier(uploads)
    assert copier.copy(f"{SITE}/wp-content/uploads/../secret.jpg", "uploads").status == "missing"


def test_only_the_old_sites_own_images_count_as_missing(uploads):
    copier = ImageCopier(uploads)

    assert copier.copy(f"{SITE}/wp-content/uploads/2024/05/gone.jpg", "uploads").status == (
        "missing"
    )
    # Another WordPress site's upload, hot-linked: theirs to serve, not ours to miss.
    assert copier.copy("https://other.example/wp-content/uploads/x.jpg", "uploads").status == (
        "external"
    )
    assert copier.copy("https://cdn.example/x.jpg", "uploads").status == "external"


def test_the_same_picture_is_stored_once_and_reused_on_a_later_run(uploads):
    url = f"{SITE}/wp-content/uploads/2024/05/photo.jpg"
    first = ImageCopier(uploads).copy(url, "uploads")
    again = ImageCopier(uploads)

    assert first.status == "stored" and first.new
    assert again.copy(url, "featured", reuse_names=[first.name]).name == first.name
    assert again.copy(f"{SITE}/wp-content/uploads/2024/05/photo-1x1.jpg", "uploads").name == (
        first.name
    )
    assert stored_files() == [first.name]


def test_a_dry_run_stores_nothing(uploads):
    result = ImageCopier(uploads, dry_run=True).copy(
        f"{SITE}/wp-content/uploads/2024/05/photo.jpg", "uploads"
    )

    assert result.status == "stored" and result.new
    assert stored_files() == []


def test_a_failed_import_takes_its_files_back(uploads):
    copier = ImageCopier(uploads)
    copier.copy(f"{SITE}/wp-content/uploads/2024/05/photo.jpg", "featured")
    assert stored_files()

    copier.discard_written()

    assert stored_files() == []


def test_files_that_are_not_images_are_refused(uploads, uploads_dir):
    (uploads_dir / "2024/05/page.html").write_text("<script>alert(1)</script>")
    (uploads_dir / "2024/05/fake.png").write_text("<script>alert(1)</script>")
    copier = ImageCopier(uploads)

    refused_name = copier.copy(f"{SITE}/wp-content/uploads/2024/05/page.html", "uploads")
    refused_data = copier.copy(f"{SITE}/wp-content/uploads/2024/05/fake.png", "uploads")

    assert refused_name.status == refused_data.status == "refused"
    assert "not an image file name" in refused_name.reason
    assert "not an image we can read" in refused_data.reason
    assert stored_files() == []


def test_files_left_by_a_killed_import_are_used_by_the_next_run(uploads):
    """kill -9 leaves no chance to clean up: the next run finds the same names and
    writes no copies."""
    url = f"{SITE}/wp-content/uploads/2024/05/photo.jpg"
    killed = ImageCopier(uploads)
    left = killed.copy(url, "featured")  # ... and the process dies: nothing discarded
    assert stored_files() == [left.name]

    rerun = ImageCopier(uploads)
    result = rerun.copy(url, "featured")
    assert result.name == left.name
    assert not result.new
    assert rerun.written == []
    assert stored_files() == [left.name]


def test_a_file_cut_short_by_a_killed_import_is_written_again(uploads):
    url = f"{SITE}/wp-content/uploads/2024/05/photo.jpg"
    name = ImageCopier(uploads).copy(url, "featured").name
    path = Path(settings.MEDIA_ROOT) / name
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])

    result = ImageCopier(uploads).copy(url, "featured")
    assert result.name == name and result.new
    assert path.read_bytes() == whole
    assert stored_files() == [name]
