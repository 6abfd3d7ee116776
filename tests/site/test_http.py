"""Site-wide HTTP rules: the client's address, and links on the canonical host."""

import pytest
from django.test import RequestFactory

from recovery_site.http import canonical_url, client_address


def request_from(remote="203.0.113.7", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/call-back/", **headers)


def test_client_address_is_remote_addr_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(request_from(forwarded="192.0.2.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "192.0.2.66, 198.51.100.1", "198.51.100.1"),
        (2, "192.0.2.66, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        (2, "198.51.100.1", "198.51.100.1"),
        (1, "", "203.0.113.7"),
    ],
)
def test_client_address_is_the_nth_forwarded_entry_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    assert client_address(request_from(forwarded=forwarded)) == expected


@pytest.mark.parametrize(
    ("host", "scheme"),
    [("testserver", "http"), ("TESTSERVER", "http"), ("localhost:8080", "http")],
)
def test_canonical_urls_name_the_site_domain_whatever_host_was_used(settings, host, scheme):
    settings.SITE_DOMAIN = "recovery.example.org"
    request = RequestFactory().get("/articles/", HTTP_HOST=host)
    assert canonical_url(request, "/articles/x/") == f"{scheme}://recovery.example.org/articles/x/"


def test_canonical_urls_keep_an_absolute_location_and_follow_the_scheme(settings):
    settings.SITE_DOMAIN = "recovery.example.org"
    request = RequestFactory().get("/", secure=True)
    assert canonical_url(request, "/") == "https://recovery.example.org/"
    assert canonical_url(request, "https://media.example.org/a.jpg") == (
        "https://media.example.org/a.jpg"
    )
