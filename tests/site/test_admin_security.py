"""Staff sign-in: a configurable admin path, short sessions, password rules, and the
django-axes lockout of a username and address pair after five failures."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import StaffUserFactory
from tests.site.test_settings import ROOT, read_setting, run_django

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.23"
# A URL path starting with /admin/ (not a static path such as articles/admin/x.js).
ADMIN_URL = re.compile(r"(?<![\w/.-])/admin/")


@pytest.fixture
def staff(db):
    return StaffUserFactory(username="ina-intake")


def sign_in(client, username, password, address=HOME, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, username, times, address=HOME, **extra):
    for _ in range(times):
        response = sign_in(client, username, "not-the-password", address, **extra)
    return response


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


# The admin path


def test_the_admin_path_comes_from_the_environment():
    expression = "settings.ADMIN_PATH, __import__('django.urls').urls.reverse('admin:index')"
    assert read_setting(expression, DJANGO_DEBUG="1") == "admin/ /admin/"
    moved = read_setting(expression, DJANGO_DEBUG="1", DJANGO_ADMIN_PATH="/staff-7f3k")
    assert moved == "staff-7f3k/ /staff-7f3k/"


def test_an_empty_admin_path_is_refused():
    result = run_django(["check"], DJANGO_DEBUG="1", DJANGO_ADMIN_PATH="/")
    assert result.returncode != 0
    assert "DJANGO_ADMIN_PATH" in result.stderr


def test_no_code_or_template_hard_codes_the_admin_path():
    """Links to the admin use reverse("admin:...") or {% url 'admin:...' %}."""
    sources = [
        path
        for folder in ("recovery_site", "articles", "contacts", "templates", "static")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".js"} and "migrations" not in path.parts
    ]
    assert sources
    offenders = [str(p.relative_to(ROOT)) for p in sources if ADMIN_URL.search(p.read_text())]
    assert offenders == []


def test_robots_txt_does_not_advertise_the_admin(client, db):
    assert "admin" not in client.get(reverse("robots-txt")).content.decode()


# Sessions and passwords


def test_staff_sessions_last_a_working_day_and_end_with_the_browser(client, staff, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert signed_in(sign_in(client, staff.username, PASSWORD))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert client.session.get_expire_at_browser_close()
    with time_machine.travel(timezone.now() + timedelta(hours=8, minutes=1)):
        assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "password", ["short1!", "password123456", "12345678901234", "ina-intake-1"]
)
def test_weak_passwords_are_refused(password, staff):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_a_strong_password_passes(staff):
    validate_password("lantern-orbit-meadow-41", user=staff)


# Lockout


def test_five_failures_lock_the_pair_and_the_right_password_is_then_refused(client, staff):
    assert fail(client, staff.username, 4).status_code == 200
    locked = fail(client, staff.username, 1)
    assert locked.status_code == 429
    response = sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked for 30 minutes" in page
    assert "ask one of the site's superusers" in page
    assert staff.username not in page
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_thirty_minutes_then_lifts(client, staff):
    fail(client, staff.username, 5)
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert sign_in(client, staff.username, PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        assert signed_in(sign_in(client, staff.username, PASSWORD))


def test_failures_older_than_thirty_minutes_do_not_count(client, staff):
    fail(client, staff.username, 4)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert fail(client, staff.username, 1).status_code == 200
        assert signed_in(sign_in(client, staff.username, PASSWORD))


def test_another_address_is_not_locked_out(client, staff):
    fail(client, staff.username, 5)
    assert signed_in(sign_in(client, staff.username, PASSWORD, address=ELSEWHERE))


def test_another_username_from_the_same_address_is_not_locked_out(client, staff):
    colleague = StaffUserFactory(username="edi-editor")
    fail(client, staff.username, 5)
    assert signed_in(sign_in(client, colleague.username, PASSWORD))


def test_a_success_before_the_limit_resets_the_count(client, staff):
    fail(client, staff.username, 4)
    assert signed_in(sign_in(client, staff.username, PASSWORD))
    client.logout()
    assert fail(client, staff.username, 4).status_code == 200
    assert signed_in(sign_in(client, staff.username, PASSWORD))


def test_the_lock_holds_for_every_address_in_the_same_ipv6_64(client, staff):
    """An IPv6 client can use any address of its /64: one address is no client at all."""
    fail(client, staff.username, 5, address="2001:db8:1:2::1")
    for neighbour in ("2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:ffff"):
        assert sign_in(client, staff.username, PASSWORD, address=neighbour).status_code == 429
    assert signed_in(sign_in(client, staff.username, PASSWORD, address="2001:db8:1:3::1"))


def test_guesses_spread_over_a_64_are_counted_together(client, staff):
    for i in range(1, 5):
        assert fail(client, staff.username, 1, address=f"2001:db8:1:2::{i}").status_code == 200
    assert fail(client, staff.username, 1, address="2001:db8:1:2::99").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "2001:db8:1:2::"


def test_a_forged_forwarded_header_does_not_escape_the_lock(client, staff, settings):
    """Without trusted proxies, X-Forwarded-For is the client's own claim and is ignored."""
    settings.TRUSTED_PROXIES = 0
    fail(client, staff.username, 5)
    response = sign_in(client, staff.username, PASSWORD, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, staff, settings):
    """The same rule as the call-back form (contacts.services.client_address)."""
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    fail(client, staff.username, 5, address=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert AccessAttempt.objects.get().ip_address == HOME
    locked = sign_in(client, staff.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert locked.status_code == 429
    other = sign_in(client, staff.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert signed_in(other)


def test_lockout_keeps_no_login_log_and_logs_no_username_or_address(client, staff, caplog):
    caplog.set_level(logging.DEBUG)
    fail(client, staff.username, 5)
    client.post(LOGIN, {"username": "someone-else", "password": PASSWORD}, REMOTE_ADDR=HOME)
    sign_in(client, "someone-else-again", PASSWORD)
    assert signed_in(sign_in(client, staff.username, PASSWORD, ELSEWHERE))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "AXES" in logged
    for secret in (staff.username, HOME, ELSEWHERE, "someone-else"):
        assert secret not in logged
    assert not AccessLog.objects.exists()
    # Attempts keep no password, in any form.
    for attempt in AccessAttempt.objects.all():
        assert "not-the-password" not in attempt.post_data
