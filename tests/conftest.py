import io
from unittest import mock

import pytest
from PIL import Image


def pytest_configure(config):
    from django.conf import settings

    # Tests run with production settings, except that static files are served from
    # the source folders (as under `runserver`) instead of a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    # Password hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def _isolated_cache(monkeypatch):
    """Each test starts with an empty cache of its own, in a process that has not read
    the contact settings yet."""
    from django.core.cache import cache

    from contacts import models
    from recovery_site import page_cache

    monkeypatch.setattr(models, "_last_known_good", None)
    monkeypatch.setattr(page_cache, "memory", page_cache.Memory())
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_site_identity_read_yet(monkeypatch):
    """Each test starts as a process that has not read the site identity yet."""
    from branding import models

    monkeypatch.setattr(models, "_last_known_good", None)


@pytest.fixture(autouse=True)
def _no_slot_pieces_yet(monkeypatch):
    """Each test starts as a process that has rendered no stored page slot and kept no
    list or search page yet."""
    from articles import views
    from publishing import stored_pages

    monkeypatch.setattr(stored_pages, "pieces", stored_pages.Pieces())
    monkeypatch.setattr(stored_pages, "kept_pages", stored_pages.KeptPages())
    monkeypatch.setattr(views, "recent_searches", stored_pages.Pieces(views.RECENT_SEARCHES_KEPT))


@pytest.fixture(autouse=True)
def _closed_cache_breakers():
    """Each test starts with the cache circuit breakers closed."""
    from recovery_site.cache import reset_breakers

    reset_breakers()
    yield
    reset_breakers()


@pytest.fixture
def task_worker(monkeypatch):
    """Run the queued tasks that are due, as `manage.py db_worker --batch` does, in this
    process and inside the test's transaction."""
    from django_tasks_db.management.commands import db_worker

    # The worker drops connections it thinks are stale; here that would end the test's
    # transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        db_worker.Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()

    return run


def _plain_illustration(slug, index=None):
    out = io.BytesIO()
    Image.new("RGB", (1200, 675), (214, 232, 226)).save(out, "PNG")
    out.seek(0)
    return out


@pytest.fixture
def demo_content(settings, tmp_path):
    """The demo content (`load_demo_content`) in this test's database, with plain
    pictures instead of the drawn illustrations (drawing them takes seconds)."""
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    with mock.patch(
        "articles.management.commands.load_demo_content.illustration", _plain_illustration
    ):
        call_command("load_demo_content", stdout=io.StringIO())
