"""Images a WordPress import brings in are in the library, once per file."""

import pytest
from PIL import Image

from articles.models import Article
from media_library.models import MediaImage
from tests.articles.test_import_wordpress import EXPORT, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_dir(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2023/03").mkdir(parents=True)
    Image.new("RGB", (40, 30), "teal").save(uploads / "2023/03/clinic.jpg", "JPEG")
    Image.new("RGBA", (24, 24), (200, 80, 40, 255)).save(uploads / "2023/03/team.png", "PNG")
    return uploads


def test_imported_images_are_library_records_used_where_the_posts_show_them(media_dir):
    run_import(EXPORT, "--media-dir", str(media_dir))

    records = MediaImage.objects.all()
    assert records, "the export's images were stored"
    assert {r.original_filename for r in records} <= {"clinic.jpg", "team.png"}
    for record in records:
        assert record.width and record.height
    body_uses = {image for a in Article.objects.all() for image in a.body_images.all()}
    assert body_uses and body_uses <= set(records)


def test_a_second_import_adds_no_records(media_dir):
    run_import(EXPORT, "--media-dir", str(media_dir))
    before = sorted(MediaImage.objects.values_list("file", flat=True))
    run_import(EXPORT, "--media-dir", str(media_dir), "--overwrite")
    assert sorted(MediaImage.objects.values_list("file", flat=True)) == before


def test_a_dry_run_records_nothing(media_dir):
    run_import(EXPORT, "--media-dir", str(media_dir), "--dry-run")
    assert not MediaImage.objects.exists()
