"""Old WordPress addresses as contrib.redirects stores and matches them."""

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect

from articles.wordpress.redirects import old_path

pytestmark = pytest.mark.django_db


def test_old_paths_are_stored_as_requests_arrive():
    assert old_path("https://old.example/2013/01/hello/") == "/2013/01/hello/"
    assert old_path("https://old.example/?p=12") == "/?p=12"
    assert old_path("https://old.example") == "/"
    # WordPress writes lower-case percent-encoding; Django's request path uses upper case.
    assert old_path("https://old.example/greek/%ce%b5%cf%80/") == "/greek/%CE%B5%CF%80/"


def test_a_non_ascii_old_address_redirects(client):
    Redirect.objects.create(
        site_id=settings.SITE_ID,
        old_path=old_path("https://old.example/greek/%ce%b5%cf%80/"),
        new_path="/articles/greek/",
    )

    response = client.get("/greek/επ/")

    assert (response.status_code, response["Location"]) == (301, "/articles/greek/")


def test_home_page_query_addresses_redirect_only_when_known(client):
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/?p=5", new_path="/articles/a/")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/?page_id=9", new_path="")

    assert client.get("/?p=5")["Location"] == "/articles/a/"
    assert client.get("/?p=05&utm_source=mail")["Location"] == "/articles/a/"
    assert client.get("/?page_id=9").status_code == 410  # contrib.redirects' "gone"
    assert client.get("/?p=6").status_code == 200
    assert client.get("/?p=abc").status_code == 200
    assert client.get("/").status_code == 200
