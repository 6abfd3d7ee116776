"""No edit is lost: every save keeps a revision that can be compared and restored."""

import pytest

from articles.models import Article
from media_library.models import MediaImage
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, MediaImageFactory

pytestmark = pytest.mark.django_db


def edit(admin_client, article, **changes):
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(url))
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [i.formset.errors for i in response.context["inline_admin_formsets"]],
        [i.formset.non_form_errors() for i in response.context["inline_admin_formsets"]],
    )
    article.refresh_from_db()


def test_every_save_keeps_a_revision_with_who_and_when(admin_client, admin_user):
    article = ArticleFactory(body="<p>The first version of the text.</p>")
    edit(admin_client, article, body="<p>The second version of the text.</p>")
    latest = article.history.first()
    assert article.history.count() == 2
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    assert latest.body == "<p>The second version of the text.</p>"


def test_history_page_shows_a_readable_body_diff(admin_client):
    article = ArticleFactory(body="<p>Klonopin takes effect within an hour.</p>", title="Old title")
    edit(
        admin_client,
        article,
        body="<p>Klonopin usually takes effect within one hour.</p>",
        title="New title",
    )
    html = admin_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "<ins>usually</ins>" in html
    assert "<del>an</del> <ins>one</ins>" in html
    assert "Old title" in html and "New title" in html
    assert "&lt;p&gt;" not in html  # text, not markup


def test_diff_escapes_what_it_shows(admin_client):
    article = ArticleFactory(body="<p>safe</p>")
    edit(admin_client, article, body="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    html = admin_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html


def test_an_earlier_revision_is_restored_in_one_step_as_a_new_revision(admin_client):
    article = ArticleFactory(title="Original", body="<p>Original words.</p>")
    original = article.history.get()
    edit(admin_client, article, title="Vandalised", body="<p>Bad words.</p>")
    url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert admin_client.post(url, form_data(response)).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Original", "<p>Original words.</p>")
    assert article.history.count() == 3
    assert Article.objects.published().filter(pk=article.pk).exists()


# What the revisions page says


def history_html(admin_client, article):
    return admin_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()


def test_saving_the_form_after_publish_now_records_no_time_change(admin_client):
    """The "Publish now" action stores the time to the second, as the form shows and sends it: no
    "publishing time 00:50:38.913000 -> 00:50:38" revision."""
    article = ArticleFactory(draft=True, title="Naloxone")
    admin_client.post(
        "/admin/articles/article/", {"action": "publish_now", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.published_at.microsecond == 0
    edit(admin_client, article, title="Naloxone, explained")
    html = history_html(admin_client, article)
    assert html.count("Publishing time:") == 1  # when it was published, not again
    assert "Naloxone → Naloxone, explained" in html
    assert ".913" not in html and "+00:00" not in html


def test_revision_times_are_in_the_centres_time_zone(admin_client, settings):
    import datetime

    from django.utils import timezone

    settings.TIME_ZONE = "America/Los_Angeles"
    when = datetime.datetime(2026, 7, 1, 16, 30, 5, tzinfo=datetime.UTC)
    article = ArticleFactory(published_at=when)
    edit(
        admin_client,
        article,
        published_at_0="2026-07-02",
        published_at_1="09:00:00",
    )
    html = history_html(admin_client, article)
    assert timezone.localtime(when).hour == 9
    change = "Publishing time:</strong> July 1, 2026, 9:30:05 a.m. PDT → July 2, 2026, 9:00:00"
    assert change in html


def test_a_change_note_is_kept_with_the_revision(admin_client):
    article = ArticleFactory(body="<p>Old words.</p>")
    edit(
        admin_client,
        article,
        body="<p>New words.</p>",
        change_note="Updated after the medical review",
    )
    assert article.history.first().history_change_reason == "Updated after the medical review"
    assert "Updated after the medical review" in history_html(admin_client, article)


def test_a_save_that_changes_only_whitespace_lists_no_change(admin_client):
    article = ArticleFactory(body="<p>Same words.</p>")
    edit(admin_client, article, body="<p>Same\n   words.</p>")
    html = history_html(admin_client, article)
    assert "Body:" not in html
    assert "Saved without changes" in html


def test_markup_only_changes_say_so(admin_client):
    article = ArticleFactory(body="<p>Call us today.</p>")
    edit(admin_client, article, body="<p>Call <strong>us</strong> today.</p>")
    assert "Formatting or links changed; the words are the same." in history_html(
        admin_client, article
    )


def test_revisions_are_called_revisions_and_name_who_published(admin_client, admin_user):
    article = ArticleFactory(draft=True)
    assert Article.history.model._meta.verbose_name_plural == "revisions"
    admin_client.post(
        "/admin/articles/article/", {"action": "publish_now", "_selected_action": [article.pk]}
    )
    assert article.history.first().history_user == admin_user
    html = history_html(admin_client, article)
    assert "Revisions of “" in html
    assert "Draft → Published" in html
    delete = admin_client.get(f"/admin/articles/article/{article.pk}/delete/").content.decode()
    assert "istorical" not in delete


def test_restoring_a_revision_brings_back_its_featured_image(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = MediaImageFactory(alt_text="A calm harbour")
    second = MediaImageFactory(alt_text="A busy street")
    article = ArticleFactory(featured_image=first)
    original = article.history.get()
    edit(admin_client, article, featured_image=str(second.pk))
    article.refresh_from_db()
    assert article.featured_image == second
    assert "A calm harbour" in history_html(admin_client, article)  # named, not numbered

    url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/"
    response = admin_client.get(url)
    assert f'src="{first.thumbnail_url}"' in response.content.decode()
    assert admin_client.post(url, form_data(response)).status_code == 302
    article.refresh_from_db()
    assert article.featured_image == first


def test_a_revision_whose_image_was_deleted_since_restores_without_it(
    admin_client, settings, tmp_path
):
    """The library refuses to delete an image in use, but an old revision can name one
    deleted after the article stopped using it: the revision opens with the image left
    empty and says why, and restoring it works."""
    settings.MEDIA_ROOT = tmp_path
    first = MediaImageFactory(alt_text="A calm harbour")
    second = MediaImageFactory(alt_text="A busy street")
    article = ArticleFactory(title="Original", featured_image=first)
    original = article.history.get()
    edit(admin_client, article, title="Changed", featured_image=str(second.pk))
    deleted = admin_client.post(
        f"/admin/media_library/mediaimage/{first.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 302 and not MediaImage.objects.filter(pk=first.pk).exists()
    assert admin_client.get(f"/admin/articles/article/{article.pk}/history/").status_code == 200

    url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/"
    response = admin_client.get(url)
    html = response.content.decode()
    assert "featured image was deleted from the media library" in html
    assert form_data(response).get("featured_image") in ("", None)
    assert admin_client.post(url, form_data(response)).status_code == 302
    article.refresh_from_db()
    assert article.title == "Original" and article.featured_image is None

    # A form sent with the deleted image anyway is refused on the field, not a 500.
    data = {**form_data(admin_client.get(url)), "featured_image": str(first.pk)}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "featured_image" in response.context["adminform"].form.errors


def test_the_image_rule_names_an_image_the_library_no_longer_has(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(featured_image=MediaImageFactory(alt_text="Hills"))
    article.featured_image_id = article.featured_image_id + 1000
    errors = article.image_errors()
    assert errors["featured_image"].code == "deleted"
    assert article.forget_deleted_images() == ["featured image"]
    assert article.featured_image_id is None and article.image_errors() == {}
