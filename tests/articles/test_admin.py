"""Editors write, publish and schedule articles through the admin."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article
from media_library.models import MediaImage
from tests.factories import ArticleFactory, CategoryFactory, MediaImageFactory

pytestmark = pytest.mark.django_db


def png(size=(1000, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 90)).save(out, "PNG")
    return SimpleUploadedFile("cover.png", out.getvalue(), content_type="image/png")


def article_form(category, **overrides):
    local = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "title": "What Naloxone Does",
        "slug": "what-naloxone-does",
        "category": category.pk,
        "body": "<h2>How it works</h2><p onclick='x()'>It reverses an opioid overdose.</p>",
        "summary": "Naloxone can reverse an opioid overdose.",
        "featured_image": "",
        "featured_image_upload_alt": "",
        "byline": "",
        "reviewer": "",
        "author_profile": "",
        "last_reviewed": "",
        "status": "published",
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-position": "1",
        "sources-0-title": "Naloxone DrugFacts",
        "sources-0-url": "https://nida.nih.gov/publications/drugfacts/naloxone",
        "sources-0-publisher": "NIDA",
        "sources-0-accessed": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_editor_writes_and_publishes_an_article_with_a_source(admin_client, client):
    category = CategoryFactory()
    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(
            category, featured_image_upload=png(), featured_image_upload_alt="A calm teal square"
        ),
    )
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    article = Article.objects.get(slug="what-naloxone-does")
    assert article.is_published
    assert "onclick" not in article.body
    assert article.sources.get().publisher == "NIDA"
    assert article.author.username == "admin"
    # The upload joined the media library, described, credited to who uploaded it.
    image = article.featured_image
    assert image.file.name.startswith("featured/")
    assert (image.width, image.height) == (1000, 600)
    assert image.alt_text == "A calm teal square"
    assert image.original_filename == "cover.png"
    assert image.uploaded_by.username == "admin"
    assert [str(use) for use in image.uses()] == [
        "as the featured image of the article “What Naloxone Does”"
    ]
    page = client.get("/articles/what-naloxone-does/").content.decode()
    assert "It reverses an opioid overdose." in page
    assert 'srcset="/media/renditions/' in page and "480w" in page and "800w" in page
    assert 'alt="A calm teal square"' in page
    assert client.get(image.url).status_code == 200


def test_the_featured_image_is_chosen_from_the_library(admin_client, client):
    image = MediaImageFactory(alt_text="A quiet harbour", caption="Morning", credit="Ann Lee")
    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(CategoryFactory(), featured_image=str(image.pk)),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.featured_image == image
    assert MediaImage.objects.count() == 1  # chosen again, never copied
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{image.url}"' in page and 'alt="A quiet harbour"' in page
    assert '<figcaption>Morning <span class="credit">Ann Lee</span></figcaption>' in page


def test_the_form_shows_the_chosen_image_and_the_library_to_choose_from(admin_client):
    image = MediaImageFactory(alt_text="A quiet harbour")
    article = ArticleFactory(featured_image=image)
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'src="{image.thumbnail_url}"' in html
    assert "A quiet harbour" in html
    assert 'href="/admin/media_library/mediaimage/?_to_field=id"' in html
    assert "Choose from the library" in html
    assert 'name="featured_image_upload"' in html


def test_an_image_without_a_description_cannot_be_chosen(admin_client):
    image = MediaImageFactory(alt_text="")
    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(CategoryFactory(), featured_image=str(image.pk)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "has no description yet" in errors["featured_image"][0]
    assert not Article.objects.exists()


def test_an_upload_without_alt_text_is_refused(admin_client):
    category = CategoryFactory()
    response = admin_client.post(
        "/admin/articles/article/add/", article_form(category, featured_image_upload=png())
    )
    assert response.status_code == 200
    assert "Describe the image" in response.content.decode()
    assert not Article.objects.exists()
    assert not MediaImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_as_featured_image(admin_client):
    category = CategoryFactory()
    fake = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(category, featured_image_upload=fake, featured_image_upload_alt="x"),
    )
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert not MediaImage.objects.exists()


def test_a_future_time_schedules_the_article(admin_client, client):
    category = CategoryFactory()
    future = timezone.localtime() + datetime.timedelta(days=2)
    admin_client.post(
        "/admin/articles/article/add/",
        article_form(
            category, published_at_0=future.strftime("%Y-%m-%d"), published_at_1="09:00:00"
        ),
    )
    article = Article.objects.get()
    assert article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 404


def test_publish_now_and_unpublish_actions(admin_client, client):
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    admin_client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]},
    )
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_published and scheduled.is_published
    admin_client.post(
        "/admin/articles/article/", {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_changelist_shows_the_editor_columns_and_filters(admin_client):
    ArticleFactory(title="Reviewed", last_reviewed=timezone.localdate())
    ArticleFactory(title="Never reviewed")
    ArticleFactory(
        title="Long ago", last_reviewed=timezone.localdate() - datetime.timedelta(days=400)
    )
    html = admin_client.get("/admin/articles/article/").content.decode()
    for column in (
        "column-title",
        "column-publishing_status",
        "column-category",
        "column-updated",
        "column-reviewed_by",
    ):
        assert column in html
    overdue = admin_client.get("/admin/articles/article/?review=overdue").content.decode()
    assert "Never reviewed" in overdue and "Long ago" in overdue and ">Reviewed<" not in overdue


def test_change_form_has_fieldsets_time_zone_and_view_on_site(admin_client):
    article = ArticleFactory()
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    for legend in (
        "Content",
        "Summary and image",
        "Search engines and sharing",
        "Author and medical review",
        "Publishing",
        "Note about this change",
    ):
        assert legend in html
    assert "Times are in America/Los_Angeles" in html
    assert 'href="/admin/r/' in html  # "View on site"
    assert "ckeditor" in html and "articles/admin/editor-csrf.js" in html
    # Pasted or dropped images go to our upload view, like the dialog's.
    assert "&quot;uploadUrl&quot;: &quot;/editor/upload-image/&quot;" in html


def test_an_absurdly_long_body_is_refused_with_a_clear_message(admin_client):
    category = CategoryFactory()
    body = "<p>" + "&nbsp;" * 60_000 + "</p>"
    response = admin_client.post("/admin/articles/article/add/", article_form(category, body=body))
    assert response.status_code == 200
    assert "too long to save in one piece" in response.content.decode()
    assert not Article.objects.exists()


def test_editors_see_only_writers_usernames_in_the_author_filter_and_field(client):
    """Not the Intake staff who work call-back requests, nor superusers who write nothing."""
    from django.contrib.auth.models import Group

    from tests.factories import StaffUserFactory

    editors = Group.objects.get(name="Editors")
    writer, colleague = (
        StaffUserFactory(username="wendy-writer"),
        StaffUserFactory(username="cole-colleague"),
    )
    writer.groups.add(editors)
    colleague.groups.add(editors)
    StaffUserFactory(username="ina-intake").groups.add(Group.objects.get(name="Intake"))
    StaffUserFactory(username="sam-superuser", is_superuser=True)
    article = ArticleFactory(author=writer)
    client.force_login(colleague)

    listing = client.get("/admin/articles/article/").content.decode()
    form = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    added = client.get("/admin/articles/article/add/").content.decode()
    assert "wendy-writer" in listing  # she has written something
    assert "cole-colleague" in form and "wendy-writer" in form
    for page in (listing, form, added):
        assert "ina-intake" not in page and "sam-superuser" not in page
    assert client.get(f"/admin/articles/article/?author__id__exact={writer.pk}").status_code == 200
