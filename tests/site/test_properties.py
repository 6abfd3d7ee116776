"""Property-based: no query string on any public page can cause a 500."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, CategoryFactory, PageFactory, PersonFactory

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/articles/",
    "/articles/category/c/",
    "/articles/a/",
    "/about/",
    "/people/dr-lee/",
    "/search/",
    "/feed/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-people.xml",
    "/robots.txt",
    "/healthz",
    "/call-back/",
    "/call-back/thanks/",
    "/no-such-page/",
]

# Keys the views read, plus anything else; values: any text a URL can carry.
keys = st.one_of(st.sampled_from(["q", "page", "p", "slug", "format"]), st.text(max_size=20))
values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "0", "-1", "last", "1e309", "99999999999999999999", "\x00", "%", "&"]),
    st.integers().map(str),
    st.just("x" * 5000),
)
params = st.dictionaries(keys, st.one_of(values, st.lists(values, max_size=3)), max_size=4)
raw_bytes = st.binary(max_size=60).map(lambda b: quote(b, safe="=&+%"))


@pytest.fixture
def content():
    category = CategoryFactory(slug="c")
    author = PersonFactory(slug="dr-lee", name="Dana Lee")
    ArticleFactory(
        slug="a",
        category=category,
        title="Klonopin",
        body="<p>Words here.</p>",
        author_profile=author,
    )
    PageFactory(slug="about", title="About us")


@pytest.mark.parametrize("path", PUBLIC_PATHS)
@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=params, raw=raw_bytes)
def test_no_query_string_causes_a_server_error(content, path, query, raw):
    client = Client(raise_request_exception=False)
    assert client.get(f"{path}?{urlencode(query, doseq=True)}").status_code < 500
    assert client.get(f"{path}?{raw}").status_code < 500
