"""Two-factor sign-in (TOTP): optional for staff; with DJANGO_REQUIRE_2FA, required of
Intake and superusers, who see call-back requests.

Through the admin URLs: the sign-in form, the set-up page and the call-back requests.
"""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CallbackRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
SETUP = "/admin/two-factor/"
REQUESTS = "/admin/contacts/callbackrequest/"


def code_for(device, offset=0):
    counter = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset)
    return f"{counter:0{device.digits}d}"


def member(group_name, username):
    user = StaffUserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def intake():
    return member("Intake", "ina-intake")


@pytest.fixture
def editor():
    return member("Editors", "edi-editor")


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


def with_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def sign_in(client, user, code=None):
    data = {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/", data)


def secret_on(page):
    match = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    return match.group(1).replace(" ", "")


def start_setup(client):
    """Press "Show the key to scan": the page with a new key and its QR code."""
    response = client.post(SETUP, {"start": "Show the key to scan"})
    assert response.status_code == 200
    return response


# Required for Intake


def test_required_intake_without_an_app_is_sent_to_set_one_up(client, intake, required):
    callback_request = CallbackRequestFactory()
    response = sign_in(client, intake)
    assert response.status_code == 302
    for path in ("/admin/", REQUESTS, f"{REQUESTS}{callback_request.pk}/change/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, SETUP), path
    assert not callback_request.events.filter(kind="viewed").exists()
    page = client.get(SETUP).content.decode()
    assert "must use two-factor sign-in" in page
    page = start_setup(client).content.decode()
    assert "must use two-factor sign-in" in page
    assert 'class="two-factor-qr"><svg' in page and secret_on(page)
    assert client.get("/admin/login/")["Location"] == SETUP


def test_setting_up_the_app_needs_the_password_and_a_code_then_opens_the_requests(
    client, intake, required
):
    sign_in(client, intake)
    start_setup(client)
    device = TOTPDevice.objects.get(user=intake)
    assert not device.confirmed

    wrong_password = client.post(SETUP, {"password": "guess", "otp_token": code_for(device)})
    assert "That is not your password." in wrong_password.content.decode()
    wrong_code = client.post(SETUP, {"password": PASSWORD, "otp_token": "000000"})
    assert "That code is not right" in wrong_code.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        response = client.post(SETUP, {"password": PASSWORD, "otp_token": code_for(device)})
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(REQUESTS).status_code == 200


def test_each_start_shows_a_new_secret_once(client, intake, required):
    sign_in(client, intake)
    first = start_setup(client)
    assert "no-store" in first["Cache-Control"]
    second = secret_on(start_setup(client).content.decode())
    assert secret_on(first.content.decode()) != second
    device = TOTPDevice.objects.get(user=intake)
    assert b32decode(second) == device.bin_key


def test_opening_the_set_up_page_never_replaces_a_key_being_added(client, intake, required):
    """A GET has no side effect: an <img> pointing here, loaded while someone is halfway
    through scanning their key, must not swap the key under them."""
    sign_in(client, intake)
    secret = secret_on(start_setup(client).content.decode())
    device = TOTPDevice.objects.get(user=intake)
    for _ in range(3):
        page = client.get(SETUP).content.decode()
        assert "<code>" not in page  # the key is shown only on the page that made it
    assert list(TOTPDevice.objects.filter(user=intake)) == [device]
    assert b32decode(secret) == device.bin_key
    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        response = client.post(SETUP, {"password": PASSWORD, "otp_token": code_for(device)})
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    device.refresh_from_db()
    assert device.confirmed


def test_confirming_with_no_key_started_starts_again(client, intake, required):
    sign_in(client, intake)
    response = client.post(SETUP, {"password": PASSWORD, "otp_token": "123456"})
    assert (response.status_code, response["Location"]) == (302, SETUP)
    assert not TOTPDevice.objects.exists()


def test_with_an_app_the_secret_is_never_shown_again(client, intake, required):
    device = with_device(intake)
    assert sign_in(client, intake, code_for(device)).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "Two-factor sign-in is on for your account" in page
    assert "<code>" not in page and "two-factor-qr" not in page
    assert TOTPDevice.objects.filter(user=intake).count() == 1


def wrong_code(device):
    return "123456" if code_for(device) != "123456" else "654321"


def login_errors(response):
    assert response.status_code == 200
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_intake_with_an_app_signs_in_with_a_valid_code_only(client, intake, required):
    device = with_device(intake)
    assert login_errors(sign_in(client, intake))
    assert login_errors(sign_in(client, intake, wrong_code(device)))
    assert client.get(REQUESTS).status_code == 302

    # A wrong code makes the app wait a moment before the next try.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = sign_in(client, intake, code_for(device))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert client.get(REQUESTS).status_code == 200


def test_a_session_without_the_code_cannot_reach_the_requests(client, intake, required):
    """force_login stands for any session that never gave a code (e.g. from before the app)."""
    with_device(intake)
    client.force_login(intake)
    response = client.get(REQUESTS)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_wrong_codes_count_towards_the_lockout(client, intake, required):
    with_device(intake)
    for _ in range(5):
        response = sign_in(client, intake, "000000")
    assert response.status_code == 429


def test_a_missing_or_wrong_code_is_answered_exactly_like_a_wrong_password(
    client, intake, required
):
    """Otherwise the answer tells someone guessing passwords that this one was right."""
    device = with_device(intake)
    wrong_password = client.post(
        "/admin/login/", {"username": intake.username, "password": "not-it", "otp_token": "1"}
    )
    answers = [
        login_errors(wrong_password),
        login_errors(sign_in(client, intake)),
        login_errors(sign_in(client, intake, "")),
        login_errors(sign_in(client, intake, wrong_code(device))),
    ]
    assert answers[0] and all(answer == answers[0] for answer in answers)
    assert "authenticator app" in answers[0][0]  # it still says what a sign-in needs


def test_the_right_password_without_a_code_counts_towards_the_lockout(client, intake, required):
    with_device(intake)
    for _ in range(4):
        assert sign_in(client, intake).status_code == 200
    assert sign_in(client, intake).status_code == 429
    device = TOTPDevice.objects.get(user=intake)
    assert sign_in(client, intake, code_for(device)).status_code == 429


def test_the_set_up_page_needs_a_signed_in_staff_member(client):
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    visitor = StaffUserFactory(username="not-staff", is_staff=False)
    client.force_login(visitor)
    assert client.get(SETUP)["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


# Optional for everyone else


def test_editors_without_an_app_are_unaffected_even_when_required(client, editor, required):
    assert sign_in(client, editor).status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200


def test_editors_with_an_app_need_its_code(client, editor, required):
    device = with_device(editor)
    assert sign_in(client, editor).status_code == 200
    assert sign_in(client, editor, code_for(device)).status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200


def test_superusers_see_the_requests_too_so_they_must_set_it_up(client, required):
    boss = StaffUserFactory(username="sam-superuser", is_superuser=True)
    assert sign_in(client, boss).status_code == 302
    assert client.get(REQUESTS)["Location"] == SETUP


def test_without_the_requirement_intake_may_sign_in_with_a_password(client, intake, settings):
    settings.REQUIRE_2FA = False
    assert sign_in(client, intake).status_code == 302
    assert client.get(REQUESTS).status_code == 200


def test_any_staff_member_may_turn_it_on(client, editor):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert f'href="{SETUP}"' in page
    assert "must use two-factor" not in client.get(SETUP).content.decode()


def test_the_device_admin_hides_the_secret(admin_client, intake):
    device = with_device(intake)
    page = admin_client.get(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    ).content.decode()
    assert device.key not in page
    assert "qrcode" not in page.lower()
