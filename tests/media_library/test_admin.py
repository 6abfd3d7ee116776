"""The library in the admin: Editors browse, search, upload, describe and delete unused
images; Intake never sees it; a used image cannot be deleted."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media_library.admin import MediaImageAdmin
from media_library.models import MediaImage
from tests.factories import ArticleFactory, PageFactory

from .conftest import image_upload
from .test_models import body_with

pytestmark = pytest.mark.django_db

LIST = "/admin/media_library/mediaimage/"
BROWSE = "/editor/images/"


def library_urls(image):
    return [
        LIST,
        f"{LIST}?use=unused",
        f"{LIST}?described=no",
        f"{LIST}?q=hills",
        f"{LIST}add/",
        f"{LIST}{image.pk}/change/",
        f"{LIST}{image.pk}/delete/",
        f"{LIST}{image.pk}/history/",
        BROWSE,
        f"{BROWSE}?q=hills&CKEditorFuncNum=1",
    ]


def test_editors_reach_every_library_url(editor_client, make_image):
    image = make_image(alt_text="Hills")
    for url in library_urls(image):
        assert editor_client.get(url).status_code == 200, url


def test_intake_is_refused_every_library_url(intake_client, make_image):
    image = make_image(alt_text="Hills")
    for url in library_urls(image):
        assert intake_client.get(url).status_code == 403, url
    assert intake_client.post(f"{LIST}{image.pk}/delete/", {"post": "yes"}).status_code == 403
    assert intake_client.post("/editor/upload-image/", {"upload": image_upload()}).status_code == (
        403
    )
    assert "media_library" not in intake_client.get("/admin/").content.decode()
    assert intake_client.get("/admin/media_library/").status_code == 404  # no such app for them
    assert MediaImage.objects.count() == 1


def test_visitors_are_sent_to_sign_in(client, make_image):
    image = make_image()
    for url in library_urls(image):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_the_list_is_a_grid_of_thumbnails_with_descriptions(editor_client, make_image):
    described = make_image(alt_text="Hills at dawn", size=(1000, 500))
    make_image(name="undescribed.png")
    html = editor_client.get(LIST).content.decode()
    assert f'src="{described.thumbnail_url}"' in html
    assert "Hills at dawn" in html
    assert "No description yet" in html and "undescribed.png" in html
    assert "media_library/admin/library.css" in html


@pytest.mark.parametrize(
    "query",
    ["dawn", "Main building", "Jo Smith", "front-door", "HILLS dawn"],
)
def test_search_finds_by_description_caption_credit_and_file_name(editor_client, make_image, query):
    wanted = make_image(
        name="front-door.png",
        alt_text="Hills at dawn",
        caption="Main building",
        credit="Jo Smith",
    )
    other = make_image(name="other.png", alt_text="A cup of tea")
    html = editor_client.get(LIST, {"q": query}).content.decode()
    assert f"{LIST}{wanted.pk}/change/" in html
    assert f"{LIST}{other.pk}/change/" not in html


def test_the_not_used_filter_lists_only_unused_images(editor_client, make_image):
    used, unused = make_image(alt_text="In use"), make_image(alt_text="Spare")
    ArticleFactory(body=body_with(used))
    html = editor_client.get(LIST, {"use": "unused"}).content.decode()
    assert f"{LIST}{unused.pk}/change/" in html
    assert f"{LIST}{used.pk}/change/" not in html
    html = editor_client.get(LIST, {"use": "used"}).content.decode()
    assert f"{LIST}{used.pk}/change/" in html
    assert f"{LIST}{unused.pk}/change/" not in html


def test_the_list_pages(editor_client, make_image, monkeypatch):
    monkeypatch.setattr(MediaImageAdmin, "list_per_page", 2)
    made = [make_image(alt_text=f"Picture {n}") for n in range(3)]
    first = editor_client.get(LIST).content.decode()
    second = editor_client.get(LIST, {"p": 2}).content.decode()
    assert "Picture 2" in first and "Picture 1" in first and "Picture 0" not in first
    assert "Picture 0" in second
    assert len(made) == 3


def test_only_declared_filters_apply(editor_client):
    assert editor_client.get(LIST, {"alt_text__startswith": "a"}).status_code == 400


def list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_runs_the_same_number_of_queries_however_many_images_and_uses(
    editor_client, make_image
):
    image = make_image()
    ArticleFactory(body=body_with(image))
    list_queries(editor_client)  # the site identity, read once per process, is cached now
    few = list_queries(editor_client)
    for n in range(6):
        extra = make_image(alt_text=f"Picture {n}")
        ArticleFactory(body=body_with(extra))
        PageFactory(body=body_with(extra))
    assert list_queries(editor_client) == few
    assert few == LIST_QUERIES


# The session, the user, their authenticator device, their permissions (own and by
# group), the two counts the admin shows (all, and found), and one query for the page
# of images with their uploader and whether each is used.
LIST_QUERIES = 8


def test_an_editor_uploads_an_image_through_the_library(editor_client, editor):
    response = editor_client.post(
        f"{LIST}add/",
        {
            "file": image_upload("Clinic Garden.png", (900, 600)),
            "alt_text": "The clinic's garden",
            "caption": "",
            "credit": "",
        },
    )
    assert response.status_code == 302
    image = MediaImage.objects.get()
    assert image.uploaded_by == editor
    assert image.original_filename == "Clinic Garden.png"
    assert (image.width, image.height) == (900, 600)
    assert "Garden" not in image.file.name and image.file.name.startswith("uploads/")


def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(editor_client):
    fake = image_upload()
    fake.file.seek(0)
    fake.file.truncate()
    fake.file.write(b"<html><script>alert(1)</script></html>")
    fake.file.seek(0)
    response = editor_client.post(f"{LIST}add/", {"file": fake, "alt_text": "x"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not MediaImage.objects.exists()


def test_an_editor_describes_an_image_but_cannot_swap_its_file(editor_client, make_image):
    image = make_image()
    name = image.file.name
    response = editor_client.post(
        f"{LIST}{image.pk}/change/",
        {"file": image_upload("new.png"), "alt_text": "Now described", "caption": "", "credit": ""},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.file.name) == ("Now described", name)


def test_the_change_page_says_where_the_image_is_used(editor_client, make_image):
    image = make_image()
    article = ArticleFactory(title="Naloxone saves lives", body=body_with(image))
    html = editor_client.get(f"{LIST}{image.pk}/change/").content.decode()
    assert "in the body of the article “Naloxone saves lives”" in html
    assert f"/admin/articles/article/{article.pk}/change/" in html


def test_a_used_image_cannot_be_deleted_and_the_page_says_where(editor_client, make_image):
    image = make_image(alt_text="Hills")
    PageFactory(title="About us", body=body_with(image))
    page = editor_client.get(f"{LIST}{image.pk}/delete/").content.decode()
    assert "cannot be deleted while it is used" in page
    assert "in the body of the page “About us”" in page
    assert "Yes, I’m sure" not in page

    editor_client.post(f"{LIST}{image.pk}/delete/", {"post": "yes"})
    assert MediaImage.objects.filter(pk=image.pk).exists()
    assert default_storage.exists(image.file.name)


def test_an_unused_image_is_deleted_with_its_file(
    editor_client, make_image, django_capture_on_commit_callbacks
):
    image = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{LIST}{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not MediaImage.objects.exists()
    assert not default_storage.exists(image.file.name)


def test_deleting_a_selection_with_a_used_image_deletes_nothing_and_says_where(
    editor_client, make_image
):
    used, unused = make_image(alt_text="Hills"), make_image(alt_text="Sea")
    ArticleFactory(title="Withdrawal", body=body_with(used))
    selection = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    page = editor_client.post(LIST, selection).content.decode()
    assert "cannot be deleted while they are used" in page
    assert "“Hills” cannot be deleted: it is used in the body of the article “Withdrawal”" in page
    editor_client.post(LIST, {**selection, "post": "yes"})
    assert MediaImage.objects.count() == 2


def test_deleting_a_selection_of_unused_images(editor_client, make_image):
    images_ = [make_image(), make_image()]
    selection = {"action": "delete_selected", "_selected_action": [i.pk for i in images_]}
    assert editor_client.post(LIST, {**selection, "post": "yes"}).status_code == 302
    assert not MediaImage.objects.exists()
