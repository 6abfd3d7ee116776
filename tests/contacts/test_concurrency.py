"""Concurrent submissions and notification runs on PostgreSQL.

SQLite runs IMMEDIATE transactions, so its writers queue by construction, and its
in-memory test database cannot be shared with a live server's threads.
"""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from django.core.management import call_command
from django.db import connection

from contacts import notifications
from contacts.models import CallbackRequest
from tests.factories import CallbackRequestFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's in-memory test database is not shared with the "
        "live server's threads, and SQLite serializes writers anyway",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 10


@pytest.fixture
def live_settings(settings):
    settings.CALLBACK_MIN_SECONDS = 0
    settings.CALLBACK_RATE_LIMIT = 1_000
    # The live server speaks plain HTTP; the test cookie jar would not return a Secure cookie.
    settings.CSRF_COOKIE_SECURE = False
    return settings


def submit_all(base_url, phones):
    """GET the form (CSRF cookie, token, timestamp), then POST it, for each phone."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    outcomes = []
    for phone in phones:
        page = opener.open(f"{base_url}/call-back/", timeout=30).read().decode()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', page))
        body = urlencode(
            {
                **fields,
                "name": "Concurrent Visitor",
                "phone": phone,
                "best_time": "asap",
                "consent": "on",
                "website": "",
            }
        ).encode()
        try:
            response = opener.open(f"{base_url}/call-back/", data=body, timeout=30)
            outcomes.append(response.geturl().removeprefix(base_url))
        except HTTPError as error:
            outcomes.append(error.code)
    return outcomes


def run_threads(base_url, phone_lists):
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = pool.map(lambda phones: submit_all(base_url, phones), phone_lists)
        return [outcome for outcomes in results for outcome in outcomes]


def test_one_hundred_requests_from_ten_threads_make_exactly_one_hundred_rows(
    live_server, live_settings
):
    phone_lists = [[f"+1619555{thread:02d}{i:02d}" for i in range(10)] for thread in range(THREADS)]
    outcomes = run_threads(live_server.url, phone_lists)
    assert outcomes == ["/call-back/thanks/"] * 100
    assert CallbackRequest.objects.count() == 100
    assert CallbackRequest.objects.values("phone").distinct().count() == 100


def test_the_rate_limit_holds_when_one_client_sends_from_ten_threads(live_server, live_settings):
    live_settings.CALLBACK_RATE_LIMIT = 5
    phone_lists = [[f"+1619555{thread:02d}{i:02d}" for i in range(2)] for thread in range(THREADS)]
    outcomes = run_threads(live_server.url, phone_lists)
    assert CallbackRequest.objects.count() == 5
    assert outcomes.count(429) == 15


def test_the_same_phone_from_ten_threads_is_stored_once(live_server, live_settings):
    outcomes = run_threads(live_server.url, [["+16195550142"]] * THREADS)
    assert outcomes == ["/call-back/thanks/"] * THREADS
    assert CallbackRequest.objects.count() == 1


def test_two_notification_runs_at_once_send_each_email_once(settings, monkeypatch):
    settings.CALLBACK_NOTIFY_EMAILS = ["intake@example.org"]
    pks = sorted(r.pk for r in CallbackRequestFactory.create_batch(6))
    sent = []
    lock = threading.Lock()

    class SlowConnection:
        def open(self):
            return True

        def send_messages(self, messages):
            time.sleep(0.1)
            with lock:
                sent.extend(int(m.subject.rsplit("#", 1)[1]) for m in messages)
            return len(messages)

        def close(self):
            pass

    monkeypatch.setattr(notifications, "get_connection", SlowConnection)

    def run():
        try:
            call_command("send_pending_notifications", stdout=_Null())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == pks
    assert not CallbackRequest.objects.filter(notified_at__isnull=True).exists()


class _Null:
    def write(self, value):
        pass

    def flush(self):
        pass
