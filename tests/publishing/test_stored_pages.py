"""Stored pages (publishing/stored_pages.py): an article or page rendered once, served
from one query, never out of date."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import images
from branding.models import SiteIdentity
from contacts.models import ContactSettings
from media_library.services import image_store
from pages.models import Menu, MenuLink
from publishing import stored_pages
from publishing.models import StoredPage, next_change_time
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    MediaImageFactory,
    PageFactory,
    PersonFactory,
    SourceFactory,
    png_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return CategoryFactory(slug="opioids", name="Opioids")


@pytest.fixture
def article(category):
    author = PersonFactory(name="Ada Reyes", slug="ada-reyes")
    article = ArticleFactory(
        category=category, slug="stored", title="Stored article", author_profile=author
    )
    SourceFactory(article=article, title="First source")
    return article


def stored(item):
    return StoredPage.objects.get(kind=item._meta.label, object_id=item.pk)


def html(client, item):
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_first_view_stores_the_page_and_later_views_cost_one_query(
    client, article, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())
    page = stored(article)
    with django_assert_num_queries(1):
        second = client.get(article.get_absolute_url())
    assert second.content == first.content
    assert second["Last-Modified"] == first["Last-Modified"]
    assert second["Content-Type"] == first["Content-Type"]
    assert stored(article).rendered_at == page.rendered_at


def test_a_stored_page_matches_a_fresh_render(client, article, settings):
    neighbour = ArticleFactory(category=article.category, title="Neighbour in category")
    served = (html(client, article), html(client, article))
    settings.STORED_PAGES = False
    fresh = html(client, article)
    assert served[0] == served[1] == fresh
    assert neighbour.title in fresh


def test_related_and_recent_posts_are_slots_filled_on_every_request(client, article):
    html(client, article)
    kept = stored(article)
    assert stored_pages.marker("related") in kept.html
    assert stored_pages.marker("recent") in kept.html

    newer = ArticleFactory(category=article.category, title="A newer article")
    page = html(client, article)
    assert page.count("A newer article") == 2  # related and recent
    assert stored_pages.marker("related") not in page
    assert stored(article).rendered_at == kept.rendered_at  # not rendered again

    newer.unpublish()
    assert "A newer article" not in html(client, article)


def test_editing_the_article_renders_it_again(client, article):
    html(client, article)
    article.title = "A better title"
    article.save()
    assert "A better title" in html(client, article)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda a: _rename_category(a), "Opioid use"),
        (lambda a: _rename_author(a), "Ada Lovelace"),
        (lambda a: SourceFactory(article=a, title="A second source"), "A second source"),
        (lambda a: _set_phone(), "tel:+16195550199"),
        (lambda a: _rename_site(), "Harbor Recovery"),
        (lambda a: _add_menu_link(), "Insurance help"),
        (lambda a: _publish_linked_page(), "Our team"),
    ],
    ids=["category", "author", "sources", "phone", "site name", "menu", "page in a menu"],
)
def test_changes_elsewhere_that_show_on_the_page_render_it_again(client, article, change, expected):
    assert expected not in html(client, article)
    change(article)
    assert expected in html(client, article)
    assert expected in stored(article).html


def _rename_category(article):
    article.category.name = "Opioid use"
    article.category.save()


def _rename_author(article):
    article.author_profile.name = "Ada Lovelace"
    article.author_profile.save()


def _set_phone():
    contact = ContactSettings.objects.filter(pk=ContactSettings.SINGLETON_PK).first()
    contact = contact or ContactSettings()
    contact.phone = "+16195550199"
    contact.save()


def _rename_site():
    identity = SiteIdentity.load()
    identity.name = "Harbor Recovery"
    identity.save()


def _add_menu_link():
    MenuLink.objects.create(
        menu=Menu.objects.get(location="header"), url="/x/", label="Insurance help"
    )


def _publish_linked_page():
    page = PageFactory(slug="team", title="Our team", draft=True)
    MenuLink.objects.create(menu=Menu.objects.get(location="footer"), page=page)
    page.publish()


@pytest.mark.parametrize(
    ("field", "value"),
    [("alt_text", "A new description"), ("caption", "A new caption"), ("credit", "A new credit")],
)
@pytest.mark.parametrize("use", ["featured", "social", "body", "page social"])
def test_a_changed_library_image_is_never_served_from_a_stored_page(
    client, article, use, field, value
):
    """Whatever shows a library image (featured or social image, body) is rendered
    again when the image's description, caption, credit or file changes."""
    image = MediaImageFactory(alt_text="The old description")
    item = article
    if use == "featured":
        article.featured_image = image
    elif use == "social":
        article.social_image = image
    elif use == "body":
        article.body += f'<p><img src="{image.url}" alt="In the body"></p>'
    else:
        item = PageFactory(social_image=image)
    item.save()
    assert image.url in html(client, item)
    assert image.url in stored(item).html
    setattr(image, field, value)
    image.save()
    assert not StoredPage.objects.filter(kind=item._meta.label, object_id=item.pk).exists()
    page = html(client, item)
    # A body keeps its own alt text and shows no caption: its page is rendered again
    # all the same. Elsewhere the change shows (page, sharing tags or JSON-LD).
    assert use == "body" or value in page
    assert stored(item).html.count(value) == page.count(value)


def test_a_new_file_for_a_featured_image_shows_at_once_on_the_page_and_its_cards(client, article):
    image = MediaImageFactory(alt_text="A harbour")
    article.featured_image = image
    article.save()
    assert image.url in html(client, article)
    assert image.url in client.get("/articles/").content.decode()
    old_url = image.url
    image_store(image, images.clean_image(png_upload(color=(200, 10, 10))))  # a new file
    assert image.url != old_url
    assert image.url in html(client, article)
    assert image.url in client.get("/articles/").content.decode()


def test_a_template_or_code_change_renders_every_page_again(client, article, monkeypatch):
    html(client, article)
    before = stored(article).fingerprint
    monkeypatch.setattr(stored_pages, "markup_fingerprint", lambda: "after-a-deploy")
    html(client, article)
    assert stored(article).fingerprint != before
    assert stored(article).fingerprint.endswith(":after-a-deploy")


def test_the_fingerprint_covers_every_template(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "base.html"
    template.write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    settings.STATIC_ROOT = tmp_path / "static-root"
    stored_pages.markup_fingerprint.cache_clear()
    try:
        first = stored_pages.markup_fingerprint()
        template.write_text("<p>two</p>")
        stored_pages.markup_fingerprint.cache_clear()
        assert stored_pages.markup_fingerprint() != first
    finally:
        stored_pages.markup_fingerprint.cache_clear()


def test_each_scheme_gets_its_own_render(client, article):
    plain = html(client, article)
    secure = client.get(article.get_absolute_url(), secure=True).content.decode()
    assert 'href="https://' in secure and 'href="https://' not in plain.split("<body>")[0]
    assert stored(article).fingerprint.startswith("https:")


def test_a_page_is_stored_and_served_the_same_way(client, django_assert_num_queries):
    page = PageFactory(slug="about", title="About us")
    first = client.get("/about/")
    assert stored(page)
    with django_assert_num_queries(1):
        assert client.get("/about/").content == first.content
    page.title = "About the centre"
    page.save()
    assert "About the centre" in client.get("/about/").content.decode()


def test_render_pages_stores_every_published_item_and_no_other(settings):
    settings.ALLOWED_HOSTS = [settings.SITE_DOMAIN.split(":")[0]]
    published = ArticleFactory(slug="one")
    ArticleFactory(slug="two", draft=True)
    ArticleFactory(slug="three", scheduled=True)
    page = PageFactory(slug="about")
    call_command("render_pages", scheme="https")
    assert {(s.kind, s.object_id) for s in StoredPage.objects.all()} == {
        ("articles.Article", published.pk),
        ("pages.Page", page.pk),
    }
    assert stored(published).fingerprint.startswith("https:")


def test_without_stored_pages_nothing_is_stored(client, article, settings):
    settings.STORED_PAGES = False
    assert "Stored article" in html(client, article)
    assert not StoredPage.objects.exists()


def test_a_bump_rolled_back_never_returns(article):
    from django.db import transaction

    from publishing.models import SiteVersion

    before = SiteVersion.objects.get(pk=1).content
    with transaction.atomic():
        stored_pages.bump_content()
        inside = SiteVersion.objects.get(pk=1).content
        transaction.set_rollback(True)
    stored_pages.bump_content()
    assert SiteVersion.objects.get(pk=1).content not in (before, inside)


# Committed data, so the connection can be closed; the database is restored as migrated
# afterwards, as the other transactional tests expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_database_connection_serves_stored_pages(client, django_assert_num_queries):
    ArticleFactory(slug="reconnect")
    first = client.get("/articles/reconnect/").content
    connection.close()  # as after a database restart: the next query reconnects
    # PostgreSQL: the query is prepared again on the new connection, then run.
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 1):
        assert client.get("/articles/reconnect/").content == first
    with django_assert_num_queries(1):
        assert client.get("/articles/reconnect/").content == first
    assert StoredPage.objects.count() == 1


def test_cards_and_menus_kept_by_a_process_follow_every_change(client, article, settings):
    settings.PAGE_CACHE = False
    assert "Stored article" in client.get("/articles/").content.decode()
    article.title = "Retitled article"
    article.save()
    assert "Retitled article" in client.get("/articles/").content.decode()
    article.category.name = "Opioid use"
    article.category.save()
    assert "Opioid use" in client.get("/articles/").content.decode()
    _add_menu_link()
    assert "Insurance help" in client.get("/articles/").content.decode()


def test_a_list_page_reads_the_menus_once_per_change(client, article, settings):
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = False
    with CaptureQueriesContext(connection) as first:
        client.get("/articles/")
    with CaptureQueriesContext(connection) as second:
        client.get("/articles/")
    assert any("pages_menulink" in q["sql"] for q in first.captured_queries)
    assert not any("pages_menulink" in q["sql"] for q in second.captured_queries)
    assert len(second) < len(first)


def test_stored_and_kept_pages_show_the_new_year_from_its_first_minute(client, article):
    """Every footer shows the year: a page rendered on New Year's Eve is not served
    after midnight (in the centre's time zone), even on a site where nothing is saved."""
    zone = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 50, tzinfo=zone), tick=False):
        assert "&copy; 2026" in html(client, article)
        assert "&copy; 2026" in client.get("/articles/").content.decode()
        assert stored(article).expires_at == datetime.datetime(2027, 1, 1, tzinfo=zone)
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 1, tzinfo=zone), tick=False):
        assert "&copy; 2027" in html(client, article)
        assert "&copy; 2027" in client.get("/articles/").content.decode()


def test_the_next_change_is_the_next_scheduled_item_or_the_new_year():
    zone = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, 0, tzinfo=zone), tick=False):
        assert next_change_time() == datetime.datetime(2027, 1, 1, tzinfo=zone)
        soon = ArticleFactory(scheduled=True)
        assert next_change_time() == soon.published_at
