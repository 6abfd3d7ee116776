"""The call-back form's validation rules."""

import time

import pytest

from contacts.forms import (
    CONSENT_TEXT,
    CONSENT_TEXT_VERSION,
    CallbackRequestForm,
    clean_source_path,
    sign_started,
    started_age,
)
from tests.contacts.conftest import form_data


def errors_for(**overrides):
    form = CallbackRequestForm(data=form_data(**overrides))
    form.is_valid()
    return form.errors


def test_valid_form_cleans_the_phone_to_e164_and_strips_the_name():
    form = CallbackRequestForm(data=form_data(name="  Sam Lee  ", phone="(619) 555-0142"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Sam Lee"
    assert form.cleaned_data["phone"] == "+16195550142"
    assert form.cleaned_data["best_time"] == "morning"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_name_is_required(name):
    assert "name" in errors_for(name=name)


def test_name_may_be_100_characters_but_not_101():
    assert "name" not in errors_for(name="a" * 100)
    assert "name" in errors_for(name="a" * 101)


@pytest.mark.parametrize(
    "name",
    ["José Ñúñez", "Zoë 🌱", "李小龍", "Mary-Jane O'Neil", "محمد"],
)
def test_names_in_any_script_are_accepted(name):
    assert "name" not in errors_for(name=name)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Sam\x00", "NUL"),
        ("Sam\x07Lee", "control character"),
        ("Sam\nLee", "line break"),
        ("Sam\tLee", "tab"),
        ("Sa\u200bm", "zero-width space"),
        ("Sam\u200d", "zero-width joiner"),
        ("\u202eSam", "right-to-left override"),
        ("Sam\u2066x\u2069", "bidi isolate"),
        ("Sam\ufeff", "byte order mark"),
        ("Sam\u2028Lee", "line separator"),
        ("Sam\u2029Lee", "paragraph separator"),
        ("Sam\x85Lee", "next line (C1 control)"),
    ],
)
def test_name_rejects_invisible_and_control_characters(name, why):
    assert "name" in errors_for(name=name), why


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("619-555-0142", "+16195550142"),
        ("(619) 555 0142", "+16195550142"),
        ("+1 619 555 0142", "+16195550142"),
        ("6195550142", "+16195550142"),
        ("858.888.0101", "+18588880101"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_is_parsed_with_us_as_the_default_region(typed, stored):
    form = CallbackRequestForm(data=form_data(phone=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    "phone", ["", "12345", "not a number", "555-0142", "+1 000 000 0000", "9" * 41, "619\x00555"]
)
def test_invalid_phone_numbers_are_rejected(phone):
    assert "phone" in errors_for(phone=phone)


@pytest.mark.parametrize("best_time", ["asap", "morning", "afternoon", "evening"])
def test_each_best_time_is_accepted(best_time):
    assert "best_time" not in errors_for(best_time=best_time)


@pytest.mark.parametrize("best_time", ["", "midnight", "ASAP"])
def test_other_best_times_are_rejected(best_time):
    assert "best_time" in errors_for(best_time=best_time)


def test_message_is_optional():
    form = CallbackRequestForm(data=form_data(message=None))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == ""


def test_message_keeps_line_breaks_and_counts_crlf_as_one_character():
    message = ("x" * 98 + "\r\n") * 10  # 990 characters once CR LF becomes LF
    form = CallbackRequestForm(data=form_data(message=message))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == ("x" * 98 + "\n") * 9 + "x" * 98


def test_message_may_be_1000_characters_but_not_1001():
    assert "message" not in errors_for(message="m" * 1000)
    assert "message" in errors_for(message="m" * 1001)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e", "\u200b", "\u2028", "\x7f"])
def test_message_rejects_invisible_and_control_characters(char):
    assert "message" in errors_for(message=f"Please call {char}soon")


def test_consent_is_required():
    assert "consent" in errors_for(consent=None)


def test_consent_box_has_the_exact_text_and_is_unchecked_by_default():
    form = CallbackRequestForm()
    assert form.fields["consent"].label == (
        "You may call or text me at this number about treatment options"
    )
    assert CONSENT_TEXT == form.fields["consent"].label
    assert CONSENT_TEXT_VERSION
    assert "checked" not in str(form["consent"])


def test_an_unbound_form_carries_a_fresh_signed_timestamp():
    token = CallbackRequestForm().initial["started"]
    assert 0 <= started_age(token) < 2


@pytest.mark.parametrize("token", [None, "", "123", "1700000000:forged", ["a", "b"]])
def test_missing_or_forged_timestamps_have_no_age(token):
    assert started_age(token) is None


def test_a_timestamp_signed_with_another_salt_is_rejected():
    from django.core import signing

    token = signing.Signer(salt="other").sign(str(int(time.time())))
    assert started_age(token) is None


def test_timestamp_age_is_measured_from_when_the_form_was_served():
    token = sign_started(time.time() - 42)
    assert 41 <= started_age(token) <= 44


def test_honeypot():
    assert CallbackRequestForm(data=form_data(website="http://spam.example")).honeypot_filled
    assert not CallbackRequestForm(data=form_data()).honeypot_filled


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("/articles/klonopin/", "/articles/klonopin/"),
        ("/search/?q=help#top", "/search/"),
        ("https://evil.example/", ""),
        ("//evil.example/path", ""),
        ("javascript:alert(1)", ""),
        ("/" + "a" * 250, ""),
        ("/a b", ""),
        ("/\u202eevil", ""),
        ("", ""),
    ],
)
def test_source_path_keeps_only_a_same_site_path(value, cleaned):
    assert clean_source_path(value) == cleaned


def test_an_invalid_field_is_described_by_its_error_and_marked_invalid():
    form = CallbackRequestForm(data=form_data(phone="12345"))
    assert not form.is_valid()
    html = str(form["phone"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+18588880101", "858-888-0101"),
        ("+16195550142", "619-555-0142"),
        ("+442079460958", "+44 20 7946 0958"),
    ],
)
def test_stored_numbers_are_shown_the_way_callers_write_them(stored, shown):
    from contacts.phone import display_phone

    assert display_phone(stored) == shown
