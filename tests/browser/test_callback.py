"""A visitor asks for a call back: errors they can find and fix, with or without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from contacts.models import CallbackRequest

ARTICLE = "/articles/how-does-klonopin-work/"
ERRORS = {
    "Your name": "Please tell us your name, so we know whom to ask for.",
    "Phone number": "Please check the phone number: we could not read it as a number we can call.",
    "You may call or text me at this number about treatment options": (
        "Please tick this box so that we may call you."
    ),
}


@pytest.fixture(autouse=True)
def _callback_settings(settings):
    settings.CALLBACK_MIN_SECONDS = 0  # the form's time trap would catch a fast robot
    settings.CALLBACK_NOTIFY_EMAILS = []


def expect_errors_linked_to_their_fields(page):
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Please check the form")
    expect(summary.get_by_role("link")).to_have_count(len(ERRORS))
    for label, message in ERRORS.items():
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_attribute("aria-invalid", "true")
        # Read out with the field: its help text, then what is wrong.
        expect(field).to_have_accessible_description(re.compile(f"{re.escape(message)}$"))
        link = summary.get_by_role("link", name=message)
        expect(link).to_have_attribute("href", f"#{field.get_attribute('id')}")


def send_with_errors(page):
    page.get_by_label("Your name").fill("")
    page.get_by_label("Phone number").fill("12")
    page.get_by_role("button", name="Call me back").click()
    expect(page).to_have_title("Error: Request a call back · Recovery Site")


def fix_and_send(page):
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Phone number").fill("(619) 555-0142")
    page.get_by_label("Evening").check()
    page.get_by_label("You may call or text me at this number about treatment options").check()
    page.get_by_role("button", name="Call me back").click()
    expect(page).to_have_url("/call-back/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. We will call you back.")


def test_a_visitor_fixes_the_errors_the_form_points_to_and_is_called_back(page):
    page.goto("/call-back/")
    send_with_errors(page)
    expect(page.get_by_role("alert")).to_be_focused()
    expect_errors_linked_to_their_fields(page)
    # What they typed is still there; the summary's link takes them to the field.
    expect(page.get_by_label("Phone number")).to_have_value("12")
    page.get_by_role("alert").get_by_role("link", name=ERRORS["Phone number"]).click()
    expect(page).to_have_url("/call-back/#id_phone")
    expect(page.get_by_label("Phone number")).to_be_in_viewport()

    fix_and_send(page)
    request = CallbackRequest.objects.get()
    assert (request.name, request.phone, request.best_time) == ("Sam", "+16195550142", "evening")


def test_without_javascript_the_form_still_reports_errors_and_sends(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/call-back/")
    send_with_errors(page)
    expect(page.get_by_role("alert")).to_be_visible()
    expect_errors_linked_to_their_fields(page)

    fix_and_send(page)
    assert CallbackRequest.objects.get().phone == "+16195550142"


def test_the_banner_opens_the_form_in_a_dialog_on_an_article(page, demo):
    page.goto(ARTICLE)
    opener = page.get_by_role("complementary", name="Talk to us").get_by_role(
        "link", name="Request a call back"
    )
    opener.click()

    dialog = page.get_by_role("dialog", name="Request a call back")
    expect(dialog).to_be_visible()
    expect(page).to_have_url(ARTICLE)
    expect(dialog.get_by_label("Your name")).to_be_focused()
    dialog.get_by_label("Your name").fill("Sam")
    dialog.get_by_label("Phone number").fill("619-555-0142")
    dialog.get_by_label("You may call or text me at this number about treatment options").check()
    dialog.get_by_role("button", name="Call me back").click()

    expect(page).to_have_url("/call-back/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. We will call you back.")
    request = CallbackRequest.objects.get()
    assert (request.phone, request.source_path) == ("+16195550142", ARTICLE)


def test_the_dialog_closes_and_gives_focus_back_to_its_link(page, demo):
    page.goto(ARTICLE)
    opener = page.locator(".callback-cta").get_by_role("link", name="Request a call back")
    opener.click()
    dialog = page.get_by_role("dialog", name="Request a call back")
    expect(dialog).to_be_visible()

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()

    opener.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
