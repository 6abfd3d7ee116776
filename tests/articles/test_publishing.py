"""The one visibility rule, checked through every public surface.

Matrix: draft/published x past/future publishing time, plus "in the trash". Only
"published, past" (and not in the trash) may appear anywhere a visitor can look.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from publishing.models import StoredPage
from tests.factories import ArticleFactory, CategoryFactory
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(days=-2)
FUTURE = datetime.timedelta(days=2)
MATRIX = [
    ("published", PAST, True),
    ("published", FUTURE, False),
    ("draft", PAST, False),
    ("draft", FUTURE, False),
    ("trashed", PAST, False),  # published and due, but moved to the trash
]


@pytest.fixture
def category():
    return CategoryFactory(slug="opioids", name="Opioids")


def make(category, status, offset, word="zebrafish"):
    article = ArticleFactory(
        category=category,
        status="published" if status == "trashed" else status,
        published_at=timezone.now() + offset,
        title=f"Notes on {word}",
        slug=f"{status}-{'past' if offset < datetime.timedelta(0) else 'future'}",
        summary=f"All about {word}.",
    )
    if status == "trashed":
        article.move_to_trash()
    return article


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_published_queryset(category, status, offset, visible):
    article = make(category, status, offset)
    assert (article in Article.objects.published()) is visible
    assert article.is_published is visible


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_every_surface_applies_the_rule(client, category, status, offset, visible):
    article = make(category, status, offset)
    url = article.get_absolute_url()
    # A published neighbour in the same category, to show recent/related lists.
    neighbour = ArticleFactory(category=category, slug="neighbour", title="Neighbour")

    pages = {
        "list": client.get("/articles/"),
        "category": client.get(category.get_absolute_url()),
        "home": client.get("/"),
        "feed": client.get("/feed/"),
        "search": client.get("/search/", {"q": "zebrafish"}),
        "neighbour detail (recent and related)": client.get(neighbour.get_absolute_url()),
    }
    for surface, response in pages.items():
        assert response.status_code == 200, surface
        assert (url in response.content.decode()) is visible, surface
    assert (url in whole_sitemap(client)) is visible, "sitemap"

    assert client.get(url).status_code == (200 if visible else 404)


def test_scheduled_article_goes_live_at_its_time_without_any_job(client, category):
    article = make(category, "published", FUTURE)
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(timezone.now() + FUTURE + datetime.timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.get_absolute_url() in client.get("/articles/").content.decode()


def test_publishing_without_a_time_publishes_now(category):
    article = ArticleFactory(category=category, status="published", published_at=None)
    assert article.published_at is not None
    assert article.is_published


def test_staff_preview_of_a_draft_is_marked_and_never_cached(client, category, django_user_model):
    from django.contrib.auth.models import Permission

    article = make(category, "draft", PAST)
    editor = django_user_model.objects.create_user("editor", password="x" * 20, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Preview." in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_staff_without_the_change_permission_cannot_preview(client, category, django_user_model):
    article = make(category, "draft", PAST)
    staff = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    client.force_login(staff)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_published_article_is_not_marked_as_preview_for_staff(admin_client, category):
    article = make(category, "published", PAST)
    response = admin_client.get(article.get_absolute_url())
    assert "Preview." not in response.content.decode()


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_a_stored_page_is_served_only_while_the_rule_allows(
    client, category, status, offset, visible
):
    """The article was published and its page stored; then its state changed behind the
    models' back (no save, so the stored page still matches its row). The stored page is
    served only in the visible state."""
    article = make(category, "published", PAST)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert StoredPage.objects.filter(object_id=article.pk).exists()

    Article.objects.filter(pk=article.pk).update(
        status="published" if status == "trashed" else status,
        published_at=timezone.now() + offset,
        trashed_at=timezone.now() if status == "trashed" else None,
    )
    assert client.get(url).status_code == (200 if visible else 404)


def test_a_scheduled_article_is_never_served_from_a_stored_page_before_its_time(client, category):
    article = make(category, "published", FUTURE)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    assert not StoredPage.objects.exists()
    with time_machine.travel(timezone.now() + FUTURE + datetime.timedelta(minutes=1)):
        assert client.get(url).status_code == 200
        assert client.get(url).status_code == 200
    assert client.get(url).status_code == 404


def test_a_staff_preview_is_never_stored(client, category, django_user_model):
    from django.contrib.auth.models import Permission

    article = make(category, "draft", PAST)
    editor = django_user_model.objects.create_user("editor", password="x" * 20, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(editor)
    assert "Preview." in client.get(article.get_absolute_url()).content.decode()
    assert not StoredPage.objects.exists()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def _list_pages(category):
    return ["/", "/articles/", category.get_absolute_url()]


@pytest.mark.parametrize(("status", "offset", "visible"), MATRIX)
def test_kept_list_pages_apply_the_rule(client, category, settings, status, offset, visible):
    """Each process keeps the home, list and category pages it rendered
    (publishing.stored_pages.KeptPages). They were kept before the article was saved;
    its address appears on them only in the visible state, rendered or kept."""
    settings.PAGE_CACHE = False
    ArticleFactory(category=category, slug="neighbour", title="Neighbour")
    for path in _list_pages(category):
        assert client.get(path).status_code == 200
    url = make(category, status, offset).get_absolute_url()
    for path in _list_pages(category):
        for _ in range(2):  # rendered again (the versions changed), then kept
            assert (url in client.get(path).content.decode()) is visible, path


@pytest.mark.parametrize("change", ["unpublish", "move_to_trash", "reschedule", "delete"])
def test_an_article_taken_down_leaves_the_kept_list_pages(client, category, settings, change):
    settings.PAGE_CACHE = False
    article = make(category, "published", PAST)
    url = article.get_absolute_url()
    for path in _list_pages(category):
        client.get(path)
        assert url in client.get(path).content.decode(), path
    if change == "reschedule":
        article.published_at = timezone.now() + FUTURE
        article.save()
    else:
        getattr(article, change)()
    for path in _list_pages(category):
        assert url not in client.get(path).content.decode(), path


def test_a_scheduled_article_reaches_the_kept_list_pages_at_its_time_and_not_before(
    client, category, settings
):
    settings.PAGE_CACHE = False
    url = make(category, "published", FUTURE).get_absolute_url()
    for path in _list_pages(category):
        client.get(path)
        assert url not in client.get(path).content.decode(), path
    with time_machine.travel(timezone.now() + FUTURE - datetime.timedelta(minutes=1)):
        for path in _list_pages(category):
            assert url not in client.get(path).content.decode(), path
    with time_machine.travel(timezone.now() + FUTURE + datetime.timedelta(minutes=1)):
        for path in _list_pages(category):
            assert url in client.get(path).content.decode(), path
            assert url in client.get(path).content.decode(), path


def test_staff_are_served_the_public_list_pages(client, category, settings, django_user_model):
    """Staff who may preview drafts see them on the draft's own address only: the list
    pages a signed-in editor is served are the public ones, kept or not."""
    from django.contrib.auth.models import Permission

    settings.PAGE_CACHE = False
    ArticleFactory(category=category, slug="neighbour", title="Neighbour")
    draft_url = make(category, "draft", PAST).get_absolute_url()
    public = {path: client.get(path).content for path in _list_pages(category)}
    editor = django_user_model.objects.create_user("editor", password="x" * 20, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(editor)
    for path in _list_pages(category):
        assert client.get(path).content == public[path], path
        assert draft_url not in public[path].decode()
