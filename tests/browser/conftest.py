"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Every test in this folder is marked `browser` and skipped, with the reason, when
/usr/bin/chromium is missing. Playwright never downloads a browser here.
"""

import io
import os
import select
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from PIL import Image

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Expectations wait this long at most; a live server on a laptop answers in milliseconds.
TIMEOUT_MS = 10_000
# A request left behind by a closed page ends well within this.
REQUESTS_IN_FLIGHT_TIMEOUT_S = 10
BROWSER_TESTS = Path(__file__).parent


def in_browser_tests(item):
    return item is not None and BROWSER_TESTS in item.path.parents


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(
        reason=f"browser tests need Debian's Chromium at {CHROMIUM} "
        "(apt-get install chromium); Playwright never downloads a browser here"
    )
    for item in items:
        if in_browser_tests(item):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            # A live server needs committed data. Each test starts from the migrated
            # database (groups, permissions), as the other live-server tests expect.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            if not CHROMIUM.exists():
                item.add_marker(skip)


class Chromium:
    """One Chromium for a run of browser tests, stopped when the run moves on.

    Playwright's sync API keeps an asyncio event loop in this thread and gives the
    test code a context of its own: Django then sees "async context" and refuses ORM
    calls, and hands out a fresh database connection, without the migrated data
    that serialized_rollback restores from. So Playwright runs only while browser
    tests do (pytest-django runs them one after another with the other live-server
    tests); meanwhile the async check is off (the tests' ORM calls are in fact
    synchronous and sequential) and every connection object sees the migrated data.
    """

    playwright = browser = previous = wrapper_class = None

    @classmethod
    def get(cls):
        if cls.browser is None:
            from django.db import connections
            from playwright.sync_api import sync_playwright

            original = connections["default"]
            if hasattr(original, "_test_serialized_contents"):
                cls.wrapper_class = type(original)
                cls.wrapper_class._test_serialized_contents = original._test_serialized_contents
            cls.previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            cls.playwright = sync_playwright().start()
            cls.browser = cls.playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        return cls.browser

    @classmethod
    def stop(cls):
        if cls.browser is None:
            return
        cls.browser.close()
        cls.playwright.stop()
        cls.browser = cls.playwright = None
        if cls.wrapper_class is not None:
            del cls.wrapper_class._test_serialized_contents
            cls.wrapper_class = None
        if cls.previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls.previous


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    if in_browser_tests(item) and not in_browser_tests(nextitem):
        Chromium.stop()


@pytest.fixture
def browser():
    return Chromium.get()


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _site_settings(settings, media_root):
    # Uploads live in a temporary folder and Django serves them, as under `make run`.
    settings.MEDIA_ROOT = media_root
    settings.SERVE_MEDIA = True


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh contexts: new_page(phone=True, java_script_enabled=False)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    # pytest-django's live server listens on "localhost", which Chromium treats as a
    # secure context: it keeps the Secure session and CSRF cookies that production
    # settings send, so the admin login works over plain HTTP.
    assert live_server.url.startswith("http://localhost:")
    in_flight = RequestsInFlight.of(live_server.thread.httpd)
    contexts = []

    def open_page(phone=False, **options):
        options.setdefault("viewport", PHONE if phone else DESKTOP)
        if phone:
            options.setdefault("is_mobile", True)
            options.setdefault("has_touch", True)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    in_flight.wait(REQUESTS_IN_FLIGHT_TIMEOUT_S)


class RequestsInFlight:
    """Counts the connections a live server has accepted and not yet finished.

    A test can end while the server still answers its page (a favicon, a lazy
    image, a poll): the database is then flushed for the next test while that
    request uses it, and on SQLite, whose in-memory database the server's threads
    share, the flush fails. So each test ends by waiting until no connection is
    being served or waiting to be accepted. Django's server serves each connection
    in a daemon thread that socketserver keeps no list of, so the count is taken
    where a connection is accepted and where its thread ends.
    """

    @classmethod
    def of(cls, httpd):
        if not hasattr(httpd, "requests_in_flight"):
            httpd.requests_in_flight = cls(httpd)
        return httpd.requests_in_flight

    def __init__(self, httpd):
        self.httpd = httpd
        self.count = 0
        self.changed = threading.Condition()
        accept, serve = httpd.process_request, httpd.process_request_thread

        def process_request(request, client_address):
            with self.changed:
                self.count += 1
            accept(request, client_address)

        def process_request_thread(request, client_address):
            try:
                serve(request, client_address)
            finally:
                with self.changed:
                    self.count -= 1
                    self.changed.notify_all()

        httpd.process_request = process_request
        httpd.process_request_thread = process_request_thread

    def waiting_to_be_accepted(self):
        readable, _, _ = select.select([self.httpd.socket], [], [], 0)
        return bool(readable)

    def wait(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.changed:
                self.changed.wait_for(lambda: self.count == 0, deadline - time.monotonic())
            if not self.waiting_to_be_accepted():
                return
            time.sleep(0.01)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def demo_fixture(django_db_setup, django_db_blocker, media_root):
    """The demo articles, made once (drawing their images is slow) and kept as JSON.

    Built inside a transaction that is rolled back, so no other test sees them; the
    images stay in the session's media folder.
    """
    from django.conf import settings

    from articles.models import Article, Category, Source
    from branding.models import SiteIdentity
    from media_library.models import MediaImage
    from people.models import Person

    original_media_root = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = media_root
    # Drawing the twelve illustrations takes seconds; a plain JPEG of the same size
    # serves these tests as well.
    fast_illustration = mock.patch(
        "articles.management.commands.load_demo_content.illustration",
        lambda slug, index=None: io.BytesIO(image_bytes(1200, 675, "JPEG")),
    )
    try:
        with django_db_blocker.unblock(), transaction.atomic(), fast_illustration:
            call_command("load_demo_content", stdout=io.StringIO())
            objects = [
                *MediaImage.objects.all(),
                *Category.objects.all(),
                *Person.objects.all(),
                *Article.objects.all(),
                *Source.objects.all(),
                *SiteIdentity.objects.all(),
            ]
            data = serializers.serialize("json", objects)
            transaction.set_rollback(True)
    finally:
        settings.MEDIA_ROOT = original_media_root
    return data


@pytest.fixture
def demo(demo_fixture, live_server):
    """The demo content in this test's database: 12 articles, most of them published,
    and the demo's logo."""
    from articles.models import Article

    for obj in serializers.deserialize("json", demo_fixture):
        obj.save()
    return Article.objects.published()


def image_bytes(width=800, height=450, image_format="PNG"):
    """A calm gradient picture, encoded as `image_format`."""
    gradient = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge("RGB", [gradient.point(lambda v, c=c: c + v // 4) for c in (31, 95, 91)])
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format)
    return buffer.getvalue()
