"""Header and footer menus edited in the admin, with sensible defaults."""

import re

import pytest
from django.db import DatabaseError
from django.test import Client

from pages.models import Menu, MenuLink, Page
from tests.factories import CategoryFactory, PageFactory

pytestmark = pytest.mark.django_db


def nav_links(html, label):
    nav = re.search(rf'<nav class="[^"]*" aria-label="{label}">(.*?)</nav>', html, re.DOTALL)
    if nav is None:
        return []
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav.group(1))


def small_print(html):
    return re.findall(
        r'<a href="([^"]*)">([^<]*)</a>',
        html.split('class="site-footer__small"')[1].split("</p>")[0],
    )


def menu(location):
    return Menu.objects.get(location=location)


def test_without_menus_the_header_keeps_the_site_links_and_the_footer_lists_pages(client):
    PageFactory(title="About us", slug="about")
    PageFactory(title="Insurance we accept", slug="insurance")
    PageFactory(title="Draft page", slug="draft", draft=True)
    PageFactory(title="Privacy notice", slug="privacy", role="privacy")
    PageFactory(title="Accessibility", slug="accessibility", role="accessibility")
    html = client.get("/").content.decode()
    assert nav_links(html, "Main") == [
        ("/articles/", "Articles"),
        ("/search/", "Search"),
        ("/call-back/", "Get help"),
    ]
    assert nav_links(html, "Footer") == [
        ("/about/", "About us"),
        ("/insurance/", "Insurance we accept"),
    ]
    assert small_print(html) == [
        ("/privacy/", "Privacy notice"),
        ("/accessibility/", "Accessibility"),
    ]


def test_menus_set_in_the_admin_replace_the_defaults_in_their_order(editor_client, client):
    about = PageFactory(title="About us", slug="about")
    category = CategoryFactory(name="Opioids", slug="opioids")
    url = f"/admin/pages/menu/{menu('header').pk}/change/"
    data = {
        "links-TOTAL_FORMS": "3",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-position": "2",
        "links-0-category": category.pk,
        "links-1-position": "1",
        "links-1-page": about.pk,
        "links-1-label": "Who we are",
        "links-2-position": "3",
        "links-2-url": "https://988lifeline.org/",
        "links-2-label": "988 Lifeline",
        "_save": "Save",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert nav_links(client.get("/").content.decode(), "Main") == [
        ("/about/", "Who we are"),
        ("/articles/category/opioids/", "Opioids"),
        ("https://988lifeline.org/", "988 Lifeline"),
    ]


def test_a_link_to_a_page_is_shown_only_while_the_page_is_published(client):
    page = PageFactory(title="Admissions", slug="admissions")
    MenuLink.objects.create(menu=menu("footer"), page=page)
    MenuLink.objects.create(menu=menu("footer"), url="/call-back/", label="Call back")
    assert ("/admissions/", "Admissions") in nav_links(client.get("/").content.decode(), "Footer")
    page.unpublish()
    links = nav_links(client.get("/").content.decode(), "Footer")
    assert links == [("/call-back/", "Call back")]
    page.publish()
    page.move_to_trash()
    assert nav_links(client.get("/").content.decode(), "Footer") == [("/call-back/", "Call back")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"url": "javascript:alert(1)", "label": "x"}, "Enter an address on this site"),
        ({"url": "//evil.example/", "label": "x"}, "Enter an address on this site"),
        ({"url": "/a b/", "label": "x"}, "cannot contain spaces"),
        ({"url": "/call-back/"}, "Give a link to an address the words to show."),
        ({"label": "Nothing"}, "Choose one of a page, a category or an address."),
    ],
)
def test_a_bad_menu_link_is_refused_with_a_reason(editor_client, row, message):
    data = {
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-position": "1",
        **{f"links-0-{k}": v for k, v in row.items()},
        "_save": "Save",
    }
    response = editor_client.post(f"/admin/pages/menu/{menu('footer').pk}/change/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MenuLink.objects.exists()


def test_menus_cannot_be_added_or_deleted(editor_client):
    assert editor_client.get("/admin/pages/menu/add/").status_code == 403
    footer = menu("footer")
    assert editor_client.post(f"/admin/pages/menu/{footer.pk}/delete/").status_code == 403
    listing = editor_client.get("/admin/pages/menu/").content.decode()
    assert "Header menu" in listing and "Footer menu" in listing
    assert "none: the default links are shown" in listing


def test_the_privacy_notice_is_linked_from_the_call_back_form_and_the_footer(client):
    html = client.get("/call-back/").content.decode()
    assert "privacy notice</a> says how we keep" not in html
    PageFactory(title="Privacy notice", slug="our-privacy", role="privacy")
    PageFactory(title="Accessibility statement", slug="accessibility", role="accessibility")
    html = client.get("/call-back/").content.decode()
    form = html.split('id="callback-form"')[1].split("</form>")[0]
    assert '<a href="/our-privacy/">privacy notice</a> says how we keep' in form
    assert ("/our-privacy/", "Privacy notice") in small_print(html)
    assert ("/accessibility/", "Accessibility statement") in small_print(html)


def test_a_role_page_in_the_footer_menu_is_not_repeated_in_the_small_print(client):
    privacy = PageFactory(title="Privacy notice", slug="privacy", role="privacy")
    MenuLink.objects.create(menu=menu("footer"), page=privacy)
    html = client.get("/").content.decode()
    assert nav_links(html, "Footer") == [("/privacy/", "Privacy notice")]
    assert small_print(html) == []


def test_the_current_page_is_marked_in_the_menu(client):
    html = client.get("/articles/").content.decode()
    assert '<a href="/articles/" aria-current="page">Articles</a>' in html
    assert '<a href="/search/">Search</a>' in html


def test_editing_a_menu_shows_at_once_on_cached_pages(settings):
    settings.PAGE_CACHE = True
    visitor = Client()
    visitor.get("/articles/")
    assert visitor.get("/articles/")["X-Page-Cache"] == "hit"
    MenuLink.objects.create(menu=menu("header"), url="/about/", label="About")
    response = visitor.get("/articles/")
    assert response["X-Page-Cache"] == "miss"
    assert nav_links(response.content.decode(), "Main") == [("/about/", "About")]


def test_menus_that_cannot_be_read_fall_back_to_the_defaults(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(MenuLink.objects, "select_related", broken)
    html = client.get("/articles/").content.decode()
    assert ("/articles/", "Articles") in nav_links(html, "Main")


def test_the_two_menus_exist_after_migrating():
    assert set(Menu.objects.values_list("location", flat=True)) == {"header", "footer"}
    assert not Page.objects.exists()


@pytest.mark.parametrize("path", ["/", "/about/"])
def test_menus_cost_the_same_few_queries_however_many_links_and_pages(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PageFactory(slug="about")
    category = CategoryFactory()

    def count(size):
        for n in range(size):
            page = PageFactory()
            MenuLink.objects.create(menu=menu("header"), page=page, position=n)
            MenuLink.objects.create(menu=menu("footer"), category=category, position=n)
            MenuLink.objects.create(menu=menu("footer"), url=f"/x{n}/", label=f"X{n}")
        client.get(path)  # warm the contact settings cache, as in production
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    assert count(1) == count(10)
