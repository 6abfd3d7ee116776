import pytest


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
def _isolated_cache():
    """Each test starts with an empty cache of its own."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_site_identity_read_yet(monkeypatch):
    """Each test starts as a process that has not read the site identity yet."""
    from branding import models

    monkeypatch.setattr(models, "_last_known_good", None)
