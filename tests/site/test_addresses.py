"""recovery_site.addresses: the one answer to "does this site already serve this
address?", used before anything claims an address from outside data."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from recovery_site.addresses import address_in_use
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def fixed_routes(resolver=None, namespace=""):
    """Every named route of the site that takes no argument, as "namespace:name"."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from fixed_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield f"{namespace}{pattern.name}"


def test_every_route_without_arguments_is_in_use():
    routes = sorted(set(fixed_routes()))
    assert {"home", "articles:feed", "contacts:thanks", "admin:index"} <= set(routes)
    for route in routes:
        path = reverse(route)
        assert address_in_use(path), route
        if path.endswith("/") and path != "/":
            assert address_in_use(path.rstrip("/")), f"{route} without its slash"


def test_article_and_category_addresses_are_in_use_only_while_the_object_exists():
    article = ArticleFactory(slug="kept", draft=True)
    category = CategoryFactory(slug="topic")
    assert address_in_use("/articles/kept/") == "an existing article"
    assert address_in_use("/articles/category/topic/") == "an existing category"
    assert address_in_use("/articles/gone/") == ""
    article.delete()
    category.delete()
    assert address_in_use("/articles/kept/") == ""


@pytest.mark.parametrize(
    "address, reason",
    [
        ("/admin/anything/at/all/", "the admin"),
        ("/static/css/site.css", "static files"),
        ("/media/uploads/a.jpg", "uploaded files"),
        ("//evil.example/", "not an address on this site"),
        ("https://evil.example/", "not an address on this site"),
        ("/a/%2e%2e/admin/", "not a plain address"),
        ("/?utm_source=x", "a page of this site"),
        ("/2023/03/an-old-post/", ""),
        ("/greek/%CE%B5%CF%80/", ""),
    ],
)
def test_what_answers_an_address(address, reason):
    assert address_in_use(address) == reason


def test_a_moved_admin_is_still_found(settings):
    settings.ADMIN_PATH = "staff-7f3k/"
    assert address_in_use("/staff-7f3k/login/") == "the admin"
