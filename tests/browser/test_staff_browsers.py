"""A staff member's browser is never made to open admin pages by what it reads.

An Editor put `<img src="/media/../<admin>/contacts/callbackrequest/N/change/">` in an
article: every Intake member who read it opened that request's page without knowing,
and the access log recorded views nobody made. Chromium reads the article here as a
signed-in Intake member, and the access log must stay empty.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from contacts.models import AccessLogEntry
from tests.factories import ArticleFactory, CallbackRequestFactory

PASSWORD = "intake-password-for-browser-tests"


@pytest.fixture
def intake_page(new_page):
    user = User.objects.create_user("ina-intake", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Intake"))
    page = new_page()
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


def admin_requests(page):
    seen = []
    admin_root = reverse("admin:index")
    page.on("request", lambda r: seen.append(r.url) if admin_root in r.url else None)
    return seen


def test_an_article_cannot_make_intake_open_a_request(intake_page, live_server):
    callback_request = CallbackRequestFactory()
    change = reverse("admin:contacts_callbackrequest_change", args=[callback_request.pk])
    hostile = "".join(
        f'<p><img src="{src}" alt="chart"></p>'
        for src in (
            f"/media/..{change}",
            f"/static/..{change}",
            f"/media/%2e%2e{change}",
            f"{live_server.url.replace('http:', 'https:')}{change}",
        )
    )
    saved = ArticleFactory(slug="saved", body=hostile)
    # A body written past the sanitizer (the shell, an old row) is cleaned when rendered.
    bypassed = ArticleFactory(slug="bypassed")
    Article.objects.filter(pk=bypassed.pk).update(body=hostile)

    seen = admin_requests(intake_page)
    for article in (saved, bypassed):
        intake_page.goto(article.get_absolute_url())
        intake_page.wait_for_load_state("networkidle")
    assert seen == []
    assert not AccessLogEntry.objects.access().exists()


def test_an_admin_address_loaded_as_an_image_is_refused(intake_page, live_server):
    """However an image reaches a staff member's browser (a host that redirects to the
    admin, a page the sanitizer never saw), the admin answers it with 403."""
    callback_request = CallbackRequestFactory()
    change = reverse("admin:contacts_callbackrequest_change", args=[callback_request.pk])
    intake_page.route(
        f"{live_server.url}/probe/",
        lambda route: route.fulfill(
            content_type="text/html", body=f'<!doctype html><img src="{change}" alt="">'
        ),
    )
    statuses = []
    intake_page.on("response", lambda r: statuses.append(r.status) if change in r.url else None)
    intake_page.goto("/probe/")
    intake_page.wait_for_load_state("networkidle")
    assert statuses == [403]
    assert not AccessLogEntry.objects.access().exists()
    # Opened as a page, it works and is recorded.
    intake_page.goto(change)
    expect(
        intake_page.get_by_text(f"Call-back request #{callback_request.pk}").first
    ).to_be_visible()
    assert AccessLogEntry.objects.access().count() == 1
