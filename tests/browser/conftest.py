"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Every test in this folder is marked `browser` and skipped, with the reason, when
/usr/bin/chromium is missing. Playwright never downloads a browser here.
"""

import io
import os
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
    wait_for_requests_in_flight(live_server)


def wait_for_requests_in_flight(live_server, timeout=REQUESTS_IN_FLIGHT_TIMEOUT_S):
    """Let the live server finish the requests a closed page left behind.

    A test can end while the server still answers its page (a lazy image, a poll):
    the database is then flushed for the next test while that request thread uses
    it, and on SQLite, whose in-memory database the threads share, the flush fails.
    Closing the contexts closes their connections; each request thread then ends.
    """
    # Django's server runs each connection in a daemon thread that socketserver does
    # not keep a list of: find them by what they run.
    serve = live_server.thread.httpd.process_request_thread
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if getattr(thread, "_target", None) == serve:
            thread.join(max(0.0, deadline - time.monotonic()))


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
