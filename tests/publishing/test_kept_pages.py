"""Kept pages (publishing.stored_pages.KeptPages): the home page, the article list and
the category pages, rendered once per process and served for one query while the
site's versions say nothing they show has changed."""

from unittest import mock

import pytest

from articles.models import Article, Category
from articles.views import ArticleListView
from contacts.models import ContactSettings
from pages.models import Menu, MenuLink
from publishing import stored_pages
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/", "/articles/", "/articles/category/opioids/"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def category():
    return CategoryFactory(slug="opioids", name="Opioids")


@pytest.fixture
def articles(category):
    return [ArticleFactory(category=category, title=f"Kept article {n}") for n in range(3)]


def _page(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response


@pytest.mark.parametrize("path", LIST_PAGES)
def test_a_second_view_costs_one_query_and_is_the_same(
    client, articles, path, django_assert_num_queries
):
    first = _page(client, path)
    with django_assert_num_queries(1):
        second = _page(client, path)
    assert second.content == first.content
    assert sorted(second.items()) == sorted(first.items())
    assert "Kept article 2" in second.content.decode()


def test_kept_pages_are_byte_identical_to_a_normal_render_on_the_demo_content(
    client, demo_content, settings, monkeypatch
):
    # Three articles a page, so the demo content has several pages of each list.
    monkeypatch.setattr(ArticleListView, "paginate_by", 3)
    paths = ["/", "/articles/", "/articles/?page=2", "/articles/?page=3"]
    for category in Category.objects.with_published_articles():
        paths += [category.get_absolute_url(), f"{category.get_absolute_url()}?page=2"]
    expected = {}
    settings.STORED_PAGES = False
    for path in paths:
        response = client.get(path)
        expected[path] = (response.status_code, response.content)
    settings.STORED_PAGES = True
    for path in paths:
        client.get(path)  # rendered and kept
        response = client.get(path)
        assert (response.status_code, response.content) == expected[path], path
    assert sum(status == 200 for status, _ in expected.values()) >= 6
    assert len(stored_pages.kept_pages.values) == sum(
        status == 200 for status, _ in expected.values()
    )


def test_each_page_number_is_kept_on_its_own(client, category, monkeypatch):
    monkeypatch.setattr(ArticleListView, "paginate_by", 2)
    for n in range(3):
        ArticleFactory(category=category, title=f"Paged article {n}")
    first = _page(client, "/articles/").content
    second = _page(client, "/articles/?page=2").content
    assert first != second
    assert _page(client, "/articles/?page=1").content == first
    assert _page(client, "/articles/?page=2").content == second
    assert b"Page 2 of 2" in second


def test_pages_beyond_the_last_and_bad_numbers_are_404_every_time(client, articles):
    for path in ("/articles/?page=2", "/articles/?page=abc", "/articles/category/opioids/?page=9"):
        assert client.get(path).status_code == 404
        assert client.get(path).status_code == 404
    assert client.get("/articles/category/no-such-topic/").status_code == 404
    assert not stored_pages.kept_pages.values


def test_other_page_values_render_as_usual_and_are_not_kept(client, articles):
    for path in ("/articles/?page=last", "/articles/?page=01", "/articles/?page="):
        assert client.get(path).status_code == 200
    assert not stored_pages.kept_pages.values


def test_other_query_parameters_get_the_same_page(client, articles, django_assert_num_queries):
    plain = _page(client, "/articles/").content
    with django_assert_num_queries(1):
        assert _page(client, "/articles/?utm_source=newsletter").content == plain
    home = _page(client, "/").content
    with django_assert_num_queries(1):
        assert _page(client, "/?fbclid=abc").content == home


def test_an_old_wordpress_address_on_the_home_page_still_redirects(client, articles):
    from django.contrib.redirects.models import Redirect

    Redirect.objects.create(site_id=1, old_path="/?p=123", new_path="/articles/")
    _page(client, "/")
    response = client.get("/?p=123")
    assert response.status_code == 301
    assert response["Location"] == "/articles/"


def test_head_is_answered_from_the_kept_page(client, articles, django_assert_num_queries):
    first = _page(client, "/articles/")
    with django_assert_num_queries(1):
        head = client.head("/articles/")
    assert head.status_code == 200
    assert head["Content-Type"] == first["Content-Type"]
    assert head.content == b""


def test_each_scheme_gets_its_own_page(client, articles):
    plain = _page(client, "/articles/").content.decode()
    secure = _page(client, "/articles/", secure=True).content.decode()
    assert 'href="https://' in secure
    assert 'href="https://' not in plain
    assert 'href="https://' not in _page(client, "/articles/").content.decode()


def test_a_template_or_code_change_renders_again(client, articles, monkeypatch):
    _page(client, "/articles/")
    monkeypatch.setattr(stored_pages, "markup_fingerprint", lambda: "after-a-deploy")
    _page(client, "/articles/")
    fingerprints = [key[0] for key in stored_pages.kept_pages.values]
    assert len(fingerprints) == 2
    assert fingerprints[1].endswith(":after-a-deploy")


def test_search_results_are_never_kept(client, articles):
    client.get("/search/", {"q": "kept"})
    client.get("/search/")
    assert not stored_pages.kept_pages.values


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda a: ArticleFactory(category=a.category, title="A brand new one"), "A brand new one"),
        (lambda a: _retitle(a), "A better title"),
        (lambda a: _rename_category(a.category), "Opioid use"),
        (lambda a: _set_phone(), "tel:+16195550199"),
        (lambda a: _add_menu_link(), "Insurance help"),
    ],
    ids=["new article", "edited article", "category", "phone", "menu"],
)
@pytest.mark.parametrize("path", LIST_PAGES)
def test_changes_that_show_on_a_list_page_render_it_again(client, articles, path, change, expected):
    assert expected not in _page(client, path).content.decode()
    change(articles[0])
    assert expected in _page(client, path).content.decode()


def _retitle(article):
    article.title = "A better title"
    article.save()


def _rename_category(category):
    category.name = "Opioid use"
    category.save()


def _set_phone():
    contact = ContactSettings.objects.filter(pk=ContactSettings.SINGLETON_PK).first()
    contact = contact or ContactSettings()
    contact.phone = "+16195550199"
    contact.save()


def _add_menu_link():
    MenuLink.objects.create(
        menu=Menu.objects.get(location="header"), url="/x/", label="Insurance help"
    )


def test_another_process_sees_a_change_made_by_one(client, articles):
    """The versions live in the database: a process that did not make the change
    renders afresh on its next request."""
    _page(client, "/articles/")
    other_process = stored_pages.KeptPages()
    with mock.patch.object(stored_pages, "kept_pages", other_process):
        _page(client, "/articles/")
        Article.objects.filter(pk=articles[0].pk).update(title="Changed elsewhere")
        stored_pages.bump_content()  # what the save in the other process does
    assert "Changed elsewhere" in _page(client, "/articles/").content.decode()


def test_a_process_keeps_at_most_its_budget_dropping_the_oldest(monkeypatch):
    monkeypatch.setattr(stored_pages, "MAX_KEPT_PAGE_BYTES", 25)
    kept = stored_pages.KeptPages()
    version = (1, 1)
    with mock.patch.object(stored_pages, "next_change_time", return_value=None):
        for key in "abc":
            kept.keep(version, key, b"x" * 10)
        assert list(kept.values) == ["b", "c"]
        assert kept.size == 20
        kept.keep(version, "big", b"x" * 26)  # larger than the whole budget: not kept
        assert kept.find(version, "big") is None
        assert kept.find(version, "c") == b"x" * 10
        assert kept.find((1, 2), "c") is None
        assert kept.size == 0


def test_a_template_edited_under_runserver_is_not_served_from_old_pages(settings):
    """runserver reloads an edited template without restarting the process; the
    fingerprint that stored and kept pages are keyed on is computed again."""
    from django.utils.autoreload import file_changed

    stored_pages.markup_fingerprint()
    file_changed.send(sender=None, file_path=settings.BASE_DIR / "templates" / "base.html")
    assert stored_pages.markup_fingerprint.cache_info().currsize == 0
