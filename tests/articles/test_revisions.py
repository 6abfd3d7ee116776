"""No edit is lost: every save keeps a revision that can be compared and restored."""

import pytest

from articles.models import Article
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

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
