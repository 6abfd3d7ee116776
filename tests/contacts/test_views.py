"""The banner, the call-back form and its pages, as a visitor meets them."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from contacts.forms import sign_started
from contacts.models import CallbackRequest, CallbackRequestEvent, ContactSettings, SpamTrapCount
from recovery_site import views as site_views
from tests.contacts.conftest import form_data

pytestmark = pytest.mark.django_db

CALLBACK_URL = "/call-back/"
THANKS_URL = "/call-back/thanks/"


def post(client, **overrides):
    return client.post(CALLBACK_URL, form_data(**overrides), REMOTE_ADDR="203.0.113.7")


@pytest.mark.parametrize(
    ("name", "path"), [("contacts:callback", CALLBACK_URL), ("contacts:thanks", THANKS_URL)]
)
def test_urls_reverse_and_resolve(name, path):
    assert reverse(name) == path
    assert resolve(path).view_name == name


# The banner and call-to-action


def test_every_page_has_the_call_banner_before_the_header(client):
    html = client.get("/").content.decode()
    assert '<a class="callback-banner__call" href="tel:+18588880101">' in html
    assert re.search(r"CALL</span>\s*858-888-0101", html)
    assert f'href="{CALLBACK_URL}" data-callback-inline>Request a call back</a>' in html
    assert html.index("skip-link") < html.index("callback-banner") < html.index("site-header")


def test_banner_and_page_carry_nothing_per_visitor(client):
    """Public pages are cached whole: no CSRF token and no form in them."""
    html = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert 'method="post"' not in html.lower()
    assert "csrftoken" not in client.cookies


def test_pages_load_the_inline_form_script(client):
    assert re.search(r'<script src="/static/js/site\.js" defer>', client.get("/").content.decode())


def test_banner_follows_the_contact_settings_when_they_change(client):
    client.get("/")  # caches the defaults
    settings_record = ContactSettings.objects.get_or_create(pk=1)[0]
    settings_record.phone = "+16195550199"
    settings_record.banner_text = "Call us"
    settings_record.save()
    html = client.get("/").content.decode()
    assert 'href="tel:+16195550199"' in html
    assert re.search(r"Call us</span>\s*619-555-0199", html)
    assert "858-888-0101" not in html


def test_callback_cta_tag_shows_the_number_and_the_link():
    from django.template import Context, Template

    html = Template("{% load callback_tags %}{% callback_cta %}").render(Context({}))
    assert 'href="tel:+18588880101"' in html
    assert "858-888-0101" in html
    assert f'href="{CALLBACK_URL}"' in html
    assert "csrf" not in html


# The form page


def test_form_page_is_never_cached_and_not_indexed(client):
    response = client.get(CALLBACK_URL)
    assert response.status_code == 200
    for directive in ("no-cache", "no-store", "must-revalidate", "private"):
        assert directive in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_form_page_has_the_fields_traps_and_a_timestamp(client):
    html = client.get(CALLBACK_URL).content.decode()
    assert 'id="callback-form"' in html
    assert 'action="/call-back/"' in html
    assert "csrfmiddlewaretoken" in html
    assert re.search(r'<input type="checkbox" name="consent" required id="id_consent">', html)
    assert "You may call or text me at this number about treatment options" in html
    assert re.search(
        r'<div class="hp" aria-hidden="true">.*?<input type="text" name="website"'
        r' tabindex="-1" autocomplete="off"',
        html,
        re.S,
    )
    token = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert token.count(":") == 1


def test_the_form_leaves_only_a_browser_session_cookie_on_the_device(client):
    """Someone asking for help on a shared phone: no cookie that outlives the browser."""
    client.get(CALLBACK_URL)
    assert list(client.cookies) == ["csrftoken"]
    cookie = client.cookies["csrftoken"]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_form_page_remembers_the_page_the_visitor_came_from(client):
    response = client.get(CALLBACK_URL, HTTP_REFERER="http://testserver/articles/klonopin/?x=1")
    assert 'name="source_path" value="/articles/klonopin/"' in response.content.decode()
    other = client.get(CALLBACK_URL, HTTP_REFERER="https://elsewhere.example/page/")
    assert 'name="source_path" value="/page/"' not in other.content.decode()


@pytest.mark.parametrize(
    "referer", ["http://[bad/", "http://testserver", "not a url", "http://testserver/call-back/"]
)
def test_form_page_copes_with_any_referer(client, referer):
    response = client.get(CALLBACK_URL, HTTP_REFERER=referer)
    assert response.status_code == 200
    assert 'name="source_path" value="/' not in response.content.decode()


def test_the_inline_form_script_is_served(client):
    response = client.get("/static/js/site.js")
    assert response.status_code == 200
    script = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"data-callback-inline" in script
    assert b"callback-form" in script


# Success


def test_happy_path_stores_the_request_and_redirects_to_thanks(
    client, django_capture_on_commit_callbacks, mailoutbox, task_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, message="Please ask for Sam.\r\nEvenings are better.")
    assert response.status_code == 303
    assert response["Location"] == THANKS_URL
    request = CallbackRequest.objects.get()
    assert request.name == "Sam"
    assert request.phone == "+16195550142"
    assert request.best_time == "morning"
    assert request.message == "Please ask for Sam.\nEvenings are better."
    assert request.consent_text_version == "2026-11-v1"
    assert request.consented_at is not None
    assert request.source_path == "/articles/klonopin/"
    assert request.status == CallbackRequest.Status.NEW
    assert len(request.client_hash) == 64
    assert "203.0.113.7" not in str(CallbackRequest.objects.values().get())
    assert not request.sent_fast
    assert CallbackRequestEvent.objects.get().kind == "created"
    assert mailoutbox == [], "the worker sends it, not the visitor's request"
    task_worker()
    assert len(mailoutbox) == 1
    request.refresh_from_db()
    assert request.notified_at is not None


def test_thanks_page_says_what_happens_next_with_the_number_and_crisis_lines(client):
    response = client.get(THANKS_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "What happens next" in html
    assert ContactSettings().intake_hours in html
    assert 'href="tel:+18588880101"' in html
    assert 'href="tel:988"' in html
    assert "1-800-662-4357" in html


# Errors


def test_invalid_form_comes_back_with_errors_beside_fields_and_input_kept(client):
    response = post(client, name="Sam Lee", phone="12345", consent=None)
    html = response.content.decode()
    assert response.status_code == 200
    assert not CallbackRequest.objects.exists()
    assert '<div class="error-summary" id="error-summary" role="alert" tabindex="-1"' in html
    assert '<a href="#id_phone">' in html
    assert '<p class="field__error" id="id_phone_error">' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<p class="field__error" id="id_consent_error">' in html
    assert 'value="Sam Lee"' in html
    assert 'value="12345"' in html
    assert "<title>Error: Request a call back" in html


def test_an_invalid_form_gets_a_fresh_timestamp(client):
    old = sign_started(time.time() - 10)
    html = post(client, phone="1", started=old).content.decode()
    assert old not in html
    assert 'name="started"' in html


def test_csrf_is_enforced():
    client = Client(enforce_csrf_checks=True)
    response = client.post(CALLBACK_URL, form_data(), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 403
    assert not CallbackRequest.objects.exists()

    page = client.get(CALLBACK_URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        CALLBACK_URL, {**form_data(), "csrfmiddlewaretoken": token}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 303
    assert CallbackRequest.objects.count() == 1


def test_an_oversized_body_gets_the_site_400_page(client, settings):
    response = post(client, message="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not read what was sent" in html
    assert 'href="tel:+18588880101"' in html
    assert not CallbackRequest.objects.exists()


def test_too_many_fields_get_the_site_400_page(client, settings):
    data = form_data()
    data.update({f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    response = client.post(CALLBACK_URL, data)
    assert response.status_code == 400
    assert not CallbackRequest.objects.exists()


def test_get_and_post_are_the_only_methods_that_do_anything(client):
    assert client.put(CALLBACK_URL).status_code == 405
    assert client.delete(CALLBACK_URL).status_code == 405


# Spam traps


def test_honeypot_shows_thanks_stores_nothing_and_is_counted(client, mailoutbox):
    response = post(client, website="https://cheap-pills.example")
    assert response.status_code == 303
    assert response["Location"] == THANKS_URL
    assert not CallbackRequest.objects.exists()
    assert mailoutbox == []
    assert SpamTrapCount.objects.get().count == 1


def test_a_honeypot_hit_shows_thanks_even_when_the_rest_is_invalid(client):
    response = post(client, website="x", phone="nonsense")
    assert response.status_code == 303
    assert not CallbackRequest.objects.exists()
    assert SpamTrapCount.objects.get().count == 1


def test_a_valid_form_sent_fast_is_stored_flagged_and_thanked(client):
    """Autofill or a practised hand: never thanked and dropped."""
    response = post(client, started=sign_started(time.time() - 1))
    assert response.status_code == 303
    assert response["Location"] == THANKS_URL
    request = CallbackRequest.objects.get()
    assert request.sent_fast
    assert request.name == "Sam"


@pytest.mark.parametrize("overrides", [{"phone": "12"}, {"name": "", "phone": "", "consent": None}])
def test_an_invalid_form_shows_its_errors_however_fast_it_came(client, overrides):
    response = post(client, started=sign_started(time.time()), **overrides)
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert not CallbackRequest.objects.exists()


def test_time_trap_minimum_is_read_at_request_time(client, settings):
    settings.CALLBACK_MIN_SECONDS = 0
    response = post(client, started=sign_started(time.time()))
    assert response.status_code == 303
    assert not CallbackRequest.objects.get().sent_fast


@pytest.mark.parametrize("started", [None, "", "garbage", "1700000000:bad-signature"])
def test_a_valid_form_without_a_genuine_timestamp_is_stored_flagged(client, started):
    response = post(client, started=started)
    assert response.status_code == 303
    assert CallbackRequest.objects.get().sent_fast


def test_one_page_load_vouches_for_one_submission(client):
    """A time-trap token replayed for many submissions (wait once, then send as fast as
    you like, from as many addresses as you like) counts as no token at all: those
    submissions are kept, but flagged "sent fast" for intake to check, like any other
    form that arrives without a genuine timestamp."""
    html = client.get(CALLBACK_URL).content.decode()
    token = re.search(r'name="started" value="([^"]+)"', html).group(1)
    with time_machine.travel(time.time() + 10):
        assert post(client, started=token).status_code == 303
        for i, address in enumerate(("198.51.100.1", "198.51.100.2", "2001:db8::1")):
            client.post(
                CALLBACK_URL,
                form_data(phone=f"619-555-01{i:02d}", started=token),
                REMOTE_ADDR=address,
            )
    first, *replays = CallbackRequest.objects.order_by("pk")
    assert not first.sent_fast
    assert len(replays) == 3
    assert all(replay.sent_fast for replay in replays)


def test_two_page_loads_in_the_same_second_get_tokens_of_their_own():
    now = time.time()
    assert sign_started(now) != sign_started(now)


def test_a_form_left_open_for_days_is_shown_again_to_send_again(client):
    response = post(client, started=sign_started(time.time() - 3 * 24 * 3600))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please send the form again" in html
    assert 'value="Sam"' in html
    assert not CallbackRequest.objects.exists()
    fresh = re.search(r'name="started" value="([^"]+)"', html).group(1)
    # Sent again a few seconds later, it goes through.
    with time_machine.travel(time.time() + 5):
        assert post(client, started=fresh).status_code == 303
    assert CallbackRequest.objects.count() == 1


# Rate limit and duplicates


def test_one_ipv6_48_is_one_more_bucket_not_65536(client, settings):
    """Each /64 has its own limit; a /48 holds 65,536 of them, so it has one of its own."""
    settings.CALLBACK_NETWORK_RATE_LIMIT = 3

    def send(address, i):
        data = form_data(phone=f"619-555-01{i:02d}")
        return client.post(CALLBACK_URL, data, REMOTE_ADDR=address)

    for i in range(3):
        assert send(f"2001:db8:1:{i}::1", i).status_code == 303
    refused = send("2001:db8:1:99::1", 50)
    assert refused.status_code == 429
    assert 'href="tel:+18588880101"' in refused.content.decode()
    assert CallbackRequest.objects.count() == 3
    assert send("2001:db8:2::1", 60).status_code == 303  # another /48
    for i in range(4):  # IPv4 keeps its per-address limit only
        assert send(f"198.51.100.{i}", 70 + i).status_code == 303
    assert CallbackRequest.objects.count() == 8


def test_rate_limit_answers_429_with_the_phone_number_per_address(client):
    for i in range(5):
        response = post(client, phone=f"619-555-01{i:02d}")
        assert response.status_code == 303
    response = post(client, phone="619-555-0199")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'href="tel:+18588880101"' in html
    assert "858-888-0101" in html
    assert CallbackRequest.objects.count() == 5

    other = client.post(CALLBACK_URL, form_data(phone="619-555-0198"), REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 303
    assert CallbackRequest.objects.count() == 6


def test_rate_limit_window_is_one_hour(client):
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        for i in range(5):
            post(client, phone=f"619-555-01{i:02d}", started=sign_started(time.time() - 10))
        assert post(client, phone="619-555-0150").status_code == 429
    with time_machine.travel("2026-11-20 11:01 +00:00", tick=False):
        response = post(client, phone="619-555-0151", started=sign_started(time.time() - 10))
    assert response.status_code == 303


def test_rate_limit_is_read_at_request_time(client, settings):
    settings.CALLBACK_RATE_LIMIT = 1
    assert post(client, phone="619-555-0101").status_code == 303
    assert post(client, phone="619-555-0102").status_code == 429


def test_forwarded_for_is_ignored_without_trusted_proxies(client, settings):
    settings.CALLBACK_RATE_LIMIT = 1
    client.post(CALLBACK_URL, form_data(phone="619-555-0101"), REMOTE_ADDR="203.0.113.7")
    spoofed = client.post(
        CALLBACK_URL,
        form_data(phone="619-555-0102"),
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert spoofed.status_code == 429


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(client, settings):
    settings.CALLBACK_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = 1
    first = client.post(
        CALLBACK_URL,
        form_data(phone="619-555-0101"),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    second = client.post(
        CALLBACK_URL,
        form_data(phone="619-555-0102"),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert first.status_code == second.status_code == 303
    third = client.post(
        CALLBACK_URL,
        form_data(phone="619-555-0103"),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.50, 198.51.100.2",
    )
    assert third.status_code == 429


def test_same_phone_again_is_kept_on_the_first_request_and_shows_thanks(client, task_worker):
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        post(client, name="Sam", started=sign_started(time.time() - 10))
    with time_machine.travel("2026-11-20 10:09 +00:00", tick=False):
        started = sign_started(time.time() - 10)
        response = post(
            client, name="Someone Else", phone="+1 619 555 0142", message="Me too", started=started
        )
    assert response.status_code == 303
    assert response["Location"] == THANKS_URL
    request = CallbackRequest.objects.get()
    assert request.name == "Sam"
    asked = CallbackRequestEvent.objects.get(kind="asked_again")
    assert (asked.name, asked.message) == ("Someone Else", "Me too")
    task_worker()
    assert len(mail.outbox) == 1


# Error pages


def test_429_page_uses_the_layout(client, settings):
    settings.CALLBACK_RATE_LIMIT = 0
    response = post(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "callback-banner" in html
    assert 'href="tel:988"' in html


def test_404_page_shows_the_phone_number(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'href="tel:+18588880101"' in response.content.decode()


def test_500_page_shows_the_phone_number_without_the_database(
    django_assert_num_queries, monkeypatch
):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(site_views.connection, "cursor", broken_cursor)
    with django_assert_num_queries(0):
        response = site_views.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert 'href="tel:+18588880101"' in html
    assert "858-888-0101" in html


def test_500_page_shows_the_edited_number_when_it_is_cached(django_assert_num_queries):
    record = ContactSettings.objects.get_or_create(pk=1)[0]
    record.phone = "+16195550199"
    record.save()
    from contacts.models import get_contact_settings

    get_contact_settings()
    with django_assert_num_queries(0):
        html = site_views.server_error(RequestFactory().get("/")).content.decode()
    assert 'href="tel:+16195550199"' in html
    cache.clear()


def test_when_the_request_cannot_be_stored_the_visitor_is_told_to_call(client, monkeypatch, caplog):
    """A database failure keeps what they typed and shows the number, not a bare 500."""
    from contacts import views

    def down(**kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(views, "callback_request_create", down)
    response = post(client, name="Sam Lee", message="Failing row contains (Sam Lee)")
    html = response.content.decode()
    assert response.status_code == 503
    assert "We could not save your request" in html
    assert 'href="tel:+18588880101"' in html
    assert 'value="Sam Lee"' in html
    assert "could not be stored (OperationalError)" in caplog.text
    assert "Sam Lee" not in caplog.text
    assert "6195550142" not in caplog.text


def test_visitor_cannot_see_the_expiry_message_for_a_fresh_form(client):
    response = post(client, phone="1")
    assert "Please send the form again" not in response.content.decode()


def test_timestamps_expire_after_one_day_but_not_before(client):
    started = sign_started(time.time() - timedelta(hours=23).total_seconds())
    assert post(client, started=started).status_code == 303


def test_on_the_form_page_the_call_bar_points_at_the_form_not_a_reload(client):
    """Following it must not reload the page and wipe what the person typed."""
    page = client.get(CALLBACK_URL).content.decode()
    assert 'class="callback-banner__request" href="#callback-form"' in page
    assert 'id="callback-form"' in page
    with_errors = post(client, name="").content.decode()
    assert 'class="callback-banner__request" href="#callback-form"' in with_errors
    elsewhere = client.get("/call-back/thanks/").content.decode()
    assert f'class="callback-banner__request" href="{CALLBACK_URL}"' in elsewhere


def test_the_429_page_has_no_form_so_the_call_bar_links_to_it(client, settings):
    settings.CALLBACK_RATE_LIMIT = 0
    html = post(client).content.decode()
    assert f'class="callback-banner__request" href="{CALLBACK_URL}"' in html


def test_error_pages_show_the_centres_number_when_database_and_cache_fail(
    client, monkeypatch, settings
):
    """429, 503 and 500 show the number every other page shows, even when the database is
    down and the cached settings were evicted."""
    from contacts import views

    ContactSettings(phone="+16195550199").save()
    assert "619-555-0199" in client.get("/").content.decode()
    cache.clear()

    def down(*args, **kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(ContactSettings.objects, "filter", down)
    settings.CALLBACK_RATE_LIMIT = 0
    pages = {"429": post(client)}
    settings.CALLBACK_RATE_LIMIT = 5
    monkeypatch.setattr(views, "callback_request_create", down)
    pages["503"] = post(client)
    pages["500"] = site_views.server_error(RequestFactory().get("/"))
    for status, response in pages.items():
        html = response.content.decode()
        assert response.status_code == int(status)
        assert 'href="tel:+16195550199"' in html, status
        assert "858-888-0101" not in html, status


def database_down(monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    monkeypatch.setattr(CursorWrapper, "executemany", down)


def test_the_form_opens_with_the_database_down_with_the_menus_last_shown(client, monkeypatch):
    """A person who reaches the form while the database restarts can still type their
    request (it is kept and they are told to call if it cannot be stored), and the
    consent's privacy link stays."""
    from tests.factories import PageFactory

    PageFactory(title="Privacy notice", slug="privacy", role="privacy")
    client.get(reverse("contacts:callback"))  # the menus this process showed last
    database_down(monkeypatch)
    response = client.get(reverse("contacts:callback"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="phone"' in html and 'href="tel:+18588880101"' in html
    assert 'href="/privacy/"' in html


def test_the_form_opens_with_the_database_down_before_any_menu_was_read(client, monkeypatch):
    database_down(monkeypatch)
    response = client.get(reverse("contacts:callback"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="phone"' in html
    assert f'href="{reverse("articles:list")}"' in html  # the default header links
