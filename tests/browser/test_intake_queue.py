"""An intake worker's shift in Chromium: logging a call on a request, and the open
list picking up a request that arrives after it loaded, without a reload."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contacts import services
from contacts.models import CallAttempt, CallbackRequest
from tests.factories import CallbackRequestFactory

PASSWORD = "intake-password-for-browser-tests"


@pytest.fixture
def intake_user():
    user = User.objects.create_user("ina-intake", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Intake"))
    return user


def sign_in(page, user):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_worker_logs_a_call_and_the_request_waits_for_the_next_one(new_page, intake_user, phone):
    request = CallbackRequestFactory(name="Maria", created_at=timezone.now() - timedelta(hours=1))
    page = sign_in(new_page(phone=phone), intake_user)
    page.goto(reverse("admin:contacts_callbackrequest_change", args=[request.pk]))

    page.locator("#id_attempts-0-outcome").select_option(label="Asked to call later")
    # The admin's own shortcuts: today's date, the current time (the next call is
    # checked to be in the future, so tomorrow via the calendar is not needed: the
    # date is typed).
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.locator("#id_attempts-0-next_call_at_0").fill(f"{tomorrow:%Y-%m-%d}")
    page.locator("#id_attempts-0-next_call_at_1").fill("10:30:00")
    page.locator("#id_attempts-0-note").fill("After her shift")
    page.locator("#id_notes-0-text").fill("Her mother answers in the mornings.")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    history = page.locator("#events-group")
    expect(history).to_contain_text("Call attempt: Asked to call later, call again")
    expect(history).to_contain_text("After her shift")
    expect(history).to_contain_text("status: New → Attempted")
    expect(history).to_contain_text("Note: Her mother answers in the mornings.")
    attempt = CallAttempt.objects.get()
    assert (attempt.made_by, attempt.outcome) == (intake_user, "call_later")
    assert timezone.localtime(attempt.next_call_at).strftime("%H:%M") == "10:30"
    request.refresh_from_db()
    assert (request.status, request.attempt_count) == ("attempted", 1)

    # Back on the list: one attempt, and the next call tomorrow.
    page.goto(reverse("admin:contacts_callbackrequest_changelist"))
    row = page.locator("#result_list tbody tr", has_text="Maria")
    expect(row.locator("td.field-attempts")).to_have_text("1")
    expect(row.locator("td.field-next_call")).to_contain_text("10:30")


def test_a_refused_attempt_shows_why_and_keeps_what_was_typed(new_page, intake_user):
    request = CallbackRequestFactory()
    page = sign_in(new_page(), intake_user)
    page.goto(reverse("admin:contacts_callbackrequest_change", args=[request.pk]))
    page.locator("#id_attempts-0-outcome").select_option(label="Asked to call later")
    page.locator("#id_attempts-0-note").fill("Busy now")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#attempts-group")).to_contain_text("Say when they asked to be called.")
    expect(page.locator("#id_attempts-0-note")).to_have_value("Busy now")
    assert not CallAttempt.objects.exists()


def test_the_open_list_picks_up_a_new_request_without_a_reload(new_page, intake_user, monkeypatch):
    from contacts import admin as contacts_admin

    monkeypatch.setattr(contacts_admin, "LIVE_POLL_SECONDS", 0.5)
    CallbackRequestFactory(name="Already waiting")
    page = sign_in(new_page(), intake_user)
    page.goto(reverse("admin:contacts_callbackrequest_changelist"))
    expect(page.locator("#live-list")).to_be_visible()
    title = page.title()
    loads = []
    page.on("load", lambda _: loads.append(1))

    services.callback_request_create(
        name="Arrived later",
        phone="+16195550177",
        best_time="asap",
        message="",
        consent_text_version="v1",
        client_hash="f" * 64,
    )
    expect(page.locator("#result_list")).to_contain_text("Arrived later")
    expect(page).to_have_title(f"(1) {title}")
    assert loads == []  # no reload: the rows were brought in place

    # Django's selection still works on the rows brought in.
    page.locator("#result_list tbody tr", has_text="Arrived later").locator(
        "input.action-select"
    ).check()
    expect(page.locator(".action-counter")).to_contain_text("1 of 2 selected")
    expect(page).to_have_title(title)  # the worker is back: the count is cleared

    # With rows selected the list stays as it is, and offers the new ones instead.
    services.callback_request_create(
        name="Third person",
        phone="+16195550178",
        best_time="asap",
        message="",
        consent_text_version="v1",
        client_hash="e" * 64,
    )
    notice = page.locator("#live-list-notice")
    expect(notice).to_contain_text("1 new call-back request")
    expect(page.locator("#result_list")).not_to_contain_text("Third person")
    notice.get_by_role("button", name="Show them").click()
    expect(page.locator("#result_list")).to_contain_text("Third person")
    assert CallbackRequest.objects.count() == 3


def test_the_sound_and_notification_choices_are_remembered(new_page, intake_user):
    page = sign_in(new_page(), intake_user)
    page.goto(reverse("admin:contacts_callbackrequest_changelist"))
    page.get_by_label("Sound").check()
    page.reload()
    expect(page.get_by_label("Sound")).to_be_checked()
    expect(page.get_by_label("Desktop notification")).not_to_be_checked()
    assert page.evaluate("localStorage.getItem('callbacks.live.sound')") == "on"
    assert re.search(r"Live", page.locator("#live-list-state").inner_text())
