"""Deleting moves to a trash that editors can open and restore from; the public never
sees what is in it; it is deleted for good after TRASH_RETENTION_DAYS."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.redirects.models import Redirect
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def article():
    article = ArticleFactory(
        title="Zebrafish notes", slug="first-name", category=CategoryFactory(slug="c")
    )
    article.slug = "zebrafish"
    article.save()  # leaves a redirect from /articles/first-name/
    SourceFactory(article=article, title="A source")
    return article


def public_surfaces(client):
    return {
        "home": client.get("/").content.decode(),
        "list": client.get("/articles/").content.decode(),
        "category": client.get("/articles/category/c/").content.decode(),
        "feed": client.get("/feed/").content.decode(),
        "sitemap": whole_sitemap(client),
        "search": client.get("/search/", {"q": "zebrafish"}).content.decode(),
    }


def trash(editor_client, article):
    url = f"{CHANGELIST}{article.pk}/delete/"
    confirm = editor_client.get(url).content.decode()
    assert "Move the article “Zebrafish notes” to the trash?" in confirm
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    article.refresh_from_db()
    return editor_client.get(response["Location"]).content.decode()  # shows the message


def test_deleting_in_the_admin_moves_to_the_trash_and_off_every_public_surface(
    editor_client, editor, article
):
    visitor = Client()
    assert all("/articles/zebrafish/" in html for html in public_surfaces(visitor).values())
    page = trash(editor_client, article)
    assert article.in_trash and article.trashed_by == editor
    assert "“Zebrafish notes” moved to the trash" in page
    for surface, html in public_surfaces(visitor).items():
        assert "/articles/zebrafish/" not in html, surface
    assert visitor.get("/articles/zebrafish/").status_code == 404
    # The old address no longer leads anywhere either, while the article is in the trash.
    assert visitor.get("/articles/first-name/")["Location"] == "/articles/zebrafish/"
    assert not Article.objects.published().exists()


def test_the_list_hides_the_trash_and_the_trash_view_shows_it(editor_client, article):
    other = ArticleFactory(title="Still here")
    trash(editor_client, article)
    listing = editor_client.get(CHANGELIST).content.decode()
    assert "Still here" in listing and "Zebrafish notes" not in listing
    assert "Trash (1)" in listing
    in_trash = editor_client.get(CHANGELIST, {"trash": "yes"}).content.decode()
    assert "Zebrafish notes" in in_trash and other.title not in in_trash
    assert "Eda Editor" in in_trash or "editor" in in_trash  # who moved it
    assert "Restore selected articles" in in_trash
    assert "Delete selected articles for good" in in_trash
    assert "Move selected articles to the trash" not in in_trash


def test_restore_brings_it_back_with_its_address_redirects_sources_and_revisions(
    editor_client, article
):
    revisions = article.history.count()
    trash(editor_client, article)
    page = editor_client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()
    assert "This article is in the trash" in page and 'value="Restore article"' in page
    assert '<h2 id="first-part">First part</h2>' in page  # the body as visitors saw it
    assert 'name="title"' not in page  # read-only
    response = editor_client.post(f"{CHANGELIST}{article.pk}/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.in_trash and article.is_published
    visitor = Client()
    assert visitor.get("/articles/zebrafish/").status_code == 200
    assert visitor.get("/articles/first-name/")["Location"] == "/articles/zebrafish/"
    assert article.sources.get().title == "A source"
    reasons = list(article.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Restored from the trash", "Moved to the trash"]
    assert article.history.count() == revisions + 2
    messages = editor_client.get(response["Location"]).content.decode()
    assert "is restored: it is live again at" in messages


def test_trashing_keeps_the_last_changed_date(editor_client, article):
    updated = article.updated_at
    trash(editor_client, article)
    editor_client.post(f"{CHANGELIST}{article.pk}/restore/")
    article.refresh_from_db()
    assert article.updated_at == updated


@pytest.mark.parametrize(
    ("traits", "expected"),
    [({"draft": True}, "a draft again"), ({"scheduled": True}, "scheduled again")],
)
def test_restore_puts_a_draft_or_scheduled_item_back_as_it_was(editor_client, traits, expected):
    article = ArticleFactory(**traits)
    article.move_to_trash()
    response = editor_client.post(f"{CHANGELIST}{article.pk}/restore/", follow=True)
    assert expected in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleFactory._meta.model.objects.get(pk=article.pk).status
    assert not article.is_published


def test_bulk_trash_and_restore_actions(editor_client):
    first, second = ArticleFactory(), ArticleFactory()
    editor_client.post(
        CHANGELIST, {"action": "move_to_trash", "_selected_action": [first.pk, second.pk]}
    )
    assert Article.objects.in_trash().count() == 2
    editor_client.post(
        f"{CHANGELIST}?trash=yes",
        {"action": "restore_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert Article.objects.in_trash().count() == 0
    assert Article.objects.published().count() == 2


def test_the_delete_selected_action_is_not_offered_outside_the_trash(editor_client):
    ArticleFactory()
    listing = editor_client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in listing
    assert "Move selected articles to the trash" in listing


def test_an_item_in_the_trash_cannot_be_edited_or_reverted(editor_client, article):
    version = article.history.first().history_id
    trash(editor_client, article)
    response = editor_client.post(
        f"{CHANGELIST}{article.pk}/change/", {"title": "Changed", "_save": "Save"}
    )
    assert response.status_code == 403
    reverted = editor_client.post(f"{CHANGELIST}{article.pk}/history/{version}/", {})
    assert reverted.status_code == 403
    article.refresh_from_db()
    assert article.in_trash and article.title == "Zebrafish notes"


def test_deleting_from_the_trash_is_for_good_with_its_redirects_and_revisions(
    editor_client, article
):
    trash(editor_client, article)
    url = f"{CHANGELIST}{article.pk}/delete/"
    assert (
        "deletes the article “Zebrafish notes” for good" in editor_client.get(url).content.decode()
    )
    editor_client.post(url, {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Redirect.objects.filter(new_path="/articles/zebrafish/").exists()
    assert not Article.history.filter(id=article.pk).exists()
    assert Client().get("/articles/first-name/").status_code == 404
    assert LogEntry.objects.filter(object_id=str(article.pk), action_flag=3).exists()


def test_a_trashed_address_is_explained_when_a_new_item_wants_it(editor_client, article):
    article.move_to_trash()
    duplicate = ArticleFactory.build(slug="zebrafish", category=article.category)
    with pytest.raises(Exception) as error:
        duplicate.validate_unique()
    assert "in the trash has this address" in str(error.value)


def test_staff_preview_of_an_item_in_the_trash_says_so(editor_client, article):
    article.move_to_trash()
    response = editor_client.get("/articles/zebrafish/")
    assert response.status_code == 200
    assert "This article is in the trash" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_old_recover_address_opens_the_trash(editor_client):
    response = editor_client.get(f"{CHANGELIST}recover/")
    assert response["Location"] == f"{CHANGELIST}?trash=yes"


def test_staff_who_may_not_delete_cannot_trash_or_restore(client, django_user_model, article):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["change_article"]))
    client.force_login(viewer)
    client.post(CHANGELIST, {"action": "move_to_trash", "_selected_action": [article.pk]})
    assert client.post(f"{CHANGELIST}{article.pk}/delete/", {"post": "yes"}).status_code == 403
    article.refresh_from_db()
    assert not article.in_trash
    article.move_to_trash()
    assert client.post(f"{CHANGELIST}{article.pk}/restore/").status_code == 403


def test_purge_deletes_for_good_only_what_waited_longer_than_the_setting(settings, capsys):
    settings.TRASH_RETENTION_DAYS = 30
    old, recent, kept = ArticleFactory(), ArticleFactory(), ArticleFactory()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
        old.move_to_trash()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=29)):
        recent.move_to_trash()
    call_command("purge_trash", "--dry-run")
    assert "Would delete 1 articles" in capsys.readouterr().out
    assert Article.objects.count() == 3
    call_command("purge_trash")
    assert "Deleted 1 articles" in capsys.readouterr().out
    assert set(Article.objects.all()) == {recent, kept}
    settings.TRASH_RETENTION_DAYS = 7
    call_command("purge_trash")
    assert list(Article.objects.all()) == [kept]


def test_trashing_drops_the_cached_public_pages(settings, article):
    settings.PAGE_CACHE = True
    visitor = Client()
    visitor.get("/articles/zebrafish/")
    assert visitor.get("/articles/zebrafish/")["X-Page-Cache"] == "hit"
    article.move_to_trash()
    assert visitor.get("/articles/zebrafish/").status_code == 404
