"""The library's rules: every upload becomes a record (checked and re-encoded like any
upload), where an image is used is read from the references, and a used image is
never deleted."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from articles import images
from media_library.models import ImageInUse, MediaImage, names_in_body
from media_library.services import image_create
from tests.factories import ArticleFactory, PageFactory, UserFactory

from .conftest import image_upload

pytestmark = pytest.mark.django_db


def body_with(*library_images, alt="A picture"):
    tags = "".join(f'<img src="{image.url}" alt="{alt}">' for image in library_images)
    return f"<p>Before.</p>{tags}<p>After.</p>"


def test_an_upload_becomes_a_record_with_a_random_name_and_its_details():
    user = UserFactory()
    image = image_create(
        image_upload("My Holiday Photo.png", (1000, 500)),
        uploaded_by=user,
        alt_text="Hills at dawn",
        caption="The view from the centre",
        credit="Staff photo",
    )
    image.refresh_from_db()
    assert image.file.name.startswith("uploads/") and "Holiday" not in image.file.name
    assert (image.width, image.height) == (1000, 500)
    assert image.original_filename == "My Holiday Photo.png"
    assert (image.alt_text, image.caption, image.credit) == (
        "Hills at dawn",
        "The view from the centre",
        "Staff photo",
    )
    assert image.uploaded_by == user and image.uploaded_at is not None
    assert default_storage.exists(image.file.name)
    # A thumbnail for the library's grid, smaller than the original.
    assert default_storage.exists(images.rendition_name(image.file.name, 480))
    assert image.thumbnail_url.endswith("-480.webp")


def test_a_file_that_is_not_an_image_makes_no_record_and_no_file():
    with pytest.raises(ValidationError):
        image_create(ContentFile(b"<svg onload=alert(1)>", name="x.png"))
    assert not MediaImage.objects.exists()
    assert not default_storage.exists("uploads") or default_storage.listdir("uploads")[1] == []


def test_the_uploaders_folder_names_are_not_kept(make_image):
    image = make_image(name="C:\\Users\\ann\\Desktop\\scan.png")
    assert image.original_filename == "scan.png"


def test_body_images_are_found_by_their_address(make_image, settings):
    first, second = make_image(), make_image()
    body = body_with(first, second, first) + '<img src="https://elsewhere.example/a.png" alt="x">'
    assert names_in_body(body) == [first.file.name, second.file.name]


def test_an_image_in_an_article_body_is_used_there_until_it_is_taken_out(make_image):
    image = make_image()
    article = ArticleFactory(title="Naloxone", body=body_with(image))
    assert [str(use) for use in image.uses()] == ["in the body of the article “Naloxone”"]
    assert list(MediaImage.objects.used()) == [image]

    article.body = "<p>No picture now.</p>"
    article.save()

    assert image.uses() == []
    assert list(MediaImage.objects.unused()) == [image]


def test_an_image_in_a_page_body_is_used_there(make_image):
    image = make_image()
    PageFactory(title="About us", body=body_with(image))
    assert [str(use) for use in image.uses()] == ["in the body of the page “About us”"]


def test_an_article_in_the_trash_still_uses_its_images(make_image):
    """It can be restored, and must come back whole."""
    image = make_image()
    article = ArticleFactory(body=body_with(image))
    article.move_to_trash()
    assert MediaImage.objects.used().filter(pk=image.pk).exists()
    assert len(image.uses()) == 1


def test_featured_and_social_images_are_uses_too(make_image):
    featured, social, page_social = (make_image(alt_text=f"Picture {n}") for n in range(3))
    ArticleFactory(title="Withdrawal", featured_image=featured, social_image=social)
    PageFactory(title="About us", social_image=page_social)
    assert [str(use) for use in featured.uses()] == [
        "as the featured image of the article “Withdrawal”"
    ]
    assert [str(use) for use in social.uses()] == [
        "as the social image of the article “Withdrawal”"
    ]
    assert [str(use) for use in page_social.uses()] == [
        "as the social image of the page “About us”"
    ]
    assert set(MediaImage.objects.used()) == {featured, social, page_social}


def test_an_image_shown_as_a_featured_image_is_protected_on_every_path(make_image):
    """PROTECT: the library refuses with where it is used, the database path too."""
    from django.db.models import ProtectedError, QuerySet

    image = make_image(alt_text="Hills")
    ArticleFactory(title="Withdrawal", featured_image=image)
    with pytest.raises(ImageInUse) as refused:
        image.delete()
    assert "as the featured image of the article “Withdrawal”" in refused.value.messages[0]
    with pytest.raises(ProtectedError):  # Django's own delete, past the library's check
        QuerySet.delete(MediaImage.objects.filter(pk=image.pk))
    assert MediaImage.objects.filter(pk=image.pk).exists()


def test_used_and_unused_agree_with_uses(make_image):
    images_ = [make_image(alt_text=f"Picture {n}") for n in range(5)]
    ArticleFactory(body=body_with(images_[0]))
    PageFactory(body=body_with(images_[1], images_[0]))
    ArticleFactory(featured_image=images_[2])
    PageFactory(social_image=images_[3])
    for image in images_:
        assert MediaImage.objects.used().filter(pk=image.pk).exists() == bool(image.uses())
        assert MediaImage.objects.unused().filter(pk=image.pk).exists() == (not image.uses())


def test_a_used_image_cannot_be_deleted_and_the_error_says_where(make_image):
    image = make_image(alt_text="Hills")
    ArticleFactory(title="Withdrawal", body=body_with(image))

    with pytest.raises(ImageInUse) as refused:
        image.delete()

    assert refused.value.messages == [
        "“Hills” cannot be deleted: it is used in the body of the article “Withdrawal”. "
        "Remove it there first."
    ]
    assert MediaImage.objects.filter(pk=image.pk).exists()
    assert default_storage.exists(image.file.name)


def test_a_queryset_delete_refuses_all_when_one_is_used(make_image):
    used, unused = make_image(), make_image()
    ArticleFactory(body=body_with(used))
    with pytest.raises(ImageInUse):
        MediaImage.objects.all().delete()
    assert MediaImage.objects.count() == 2
    assert default_storage.exists(unused.file.name)


def test_deleting_an_unused_image_deletes_its_file_and_renditions(
    make_image, django_capture_on_commit_callbacks
):
    image = make_image(size=(1000, 500))
    name = image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not MediaImage.objects.exists()
    assert not default_storage.exists(name)
    assert not default_storage.exists(images.rendition_name(name, 480))


def test_existing_body_images_get_records_and_uses_when_the_library_arrives(settings):
    """The data migration: files articles and pages already show become records."""
    migration = __import__(
        "media_library.migrations.0002_editors_and_existing_images", fromlist=["x"]
    )
    name = default_storage.save("uploads/old.png", image_upload().file)
    article = ArticleFactory(body=f'<p><img src="{settings.MEDIA_URL}{name}" alt="Old"></p>')
    gone = ArticleFactory(body=f'<p><img src="{settings.MEDIA_URL}uploads/gone.png" alt="x"></p>')

    migration.record_existing_images(apps, None)

    image = MediaImage.objects.get()
    assert (image.file.name, image.width, image.height) == (name, 64, 48)
    assert list(article.body_images.all()) == [image]
    assert not gone.body_images.exists()  # no file, no record
