"""An intake worker runs the call-back list from a phone (390 px wide, as an iPhone):
nothing to scroll sideways, every request's status and target in sight, and phone
numbers whole on one line."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from contacts.models import CallAttempt
from tests.factories import CallbackRequestFactory

PASSWORD = "intake-password-for-browser-tests"


@pytest.fixture
def intake_phone(new_page, settings):
    settings.CALLBACK_NOTIFY_EMAILS = ["intake@example.org"]
    user = User.objects.create_user("ina-intake", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Intake"))
    page = new_page(phone=True)
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


def box(locator):
    return locator.bounding_box()


def on_one_line(link):
    """One line box: "619-/555-/0142" would give three."""
    return link.evaluate("e => e.getClientRects().length") == 1


def test_the_request_list_fits_a_phone(intake_phone):
    CallbackRequestFactory(name="Maria Guadalupe Hernández-Santos", phone="+16195550142")
    CallbackRequestFactory(status="attempted", phone="+18585550199")
    page = intake_phone
    page.goto(reverse("admin:contacts_callbackrequest_changelist"))
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    results = page.locator("#changelist .results")
    assert page.evaluate("e => e.scrollWidth <= e.clientWidth", results.element_handle())
    for row in page.locator("#result_list tbody tr").all():
        for cell in ("field-status", "field-target", "field-phone_link", "field-name"):
            shown = box(row.locator(f".{cell}"))
            assert shown is not None and shown["width"] > 0, cell
            assert 0 <= shown["x"] and shown["x"] + shown["width"] <= width + 0.5, cell
    phone = page.get_by_role("link", name="619-555-0142")
    expect(phone).to_have_attribute("href", "tel:+16195550142")
    assert on_one_line(phone), "the number wraps"
    expect(page.locator("#result_list .field-status").first).to_be_visible()
    expect(page.locator("#result_list .target").first).to_be_visible()


def test_a_request_and_the_dashboard_fit_a_phone(intake_phone):
    request = CallbackRequestFactory(phone="+16195550142")
    # Logged calls, so the dashboard draws its attempts chart and table too.
    CallAttempt.objects.create(request=request, outcome="no_answer")
    CallAttempt.objects.create(request=request, outcome="connected")
    page = intake_phone
    width = page.viewport_size["width"]
    for url in (
        reverse("admin:contacts_callbackrequest_change", args=[request.pk]),
        reverse("admin:contacts_callbackrequest_dashboard"),
    ):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    expect(page.get_by_role("heading", name="Calls it took to reach people")).to_be_visible()
    page.goto(reverse("admin:contacts_callbackrequest_change", args=[request.pk]))
    phone = page.get_by_role("link", name="619-555-0142")
    assert on_one_line(phone)
