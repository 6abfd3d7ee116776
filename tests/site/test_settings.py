"""Settings come from the environment and refuse unsafe production defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LONG_KEY = "x3!k9@P#v2$qL8^wZ5&nR1*tY7(mB4)cD6_fH0+jG9=sA2-eU3"


def run_django(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_with_debug_off_names_the_variable():
    result = run_django(["check"], DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_missing_allowed_hosts_with_debug_off_names_the_variable():
    result = run_django(["check"], DJANGO_SECRET_KEY=LONG_KEY)
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_debug_on_starts_with_a_development_key():
    result = run_django(["check"], DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=LONG_KEY,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def read_setting(expression, **env_overrides):
    """Print a settings expression from a fresh interpreter with the given environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="recovery_site.settings", **env_overrides)
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("", "django.db.backends.sqlite3"),
        ("postgres://u:p@db.example:5432/site", "django.db.backends.postgresql"),
    ],
)
def test_database_url_selects_the_engine_with_health_checks(url, engine):
    database = "settings.DATABASES['default']"
    expression = f"{database}['ENGINE'], {database}['CONN_HEALTH_CHECKS']"
    assert read_setting(expression, DJANGO_DEBUG="1", DATABASE_URL=url) == f"{engine} True"


def test_redis_url_selects_the_redis_cache():
    backend = read_setting(
        "settings.CACHES['default']['BACKEND']", DJANGO_DEBUG="1", REDIS_URL="redis://127.0.0.1/3"
    )
    assert backend == "recovery_site.cache.CircuitBreakerRedisCache"


def test_without_redis_url_the_local_memory_cache_is_used():
    backend = read_setting("settings.CACHES['default']['BACKEND']", DJANGO_DEBUG="1", REDIS_URL="")
    assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_proxy_header_is_trusted_only_behind_a_proxy():
    expression = "settings.SECURE_PROXY_SSL_HEADER"
    assert read_setting(expression, DJANGO_DEBUG="1") == "None"
    behind = read_setting(expression, DJANGO_DEBUG="1", DJANGO_BEHIND_PROXY="1")
    assert behind == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_debug_uses_the_console_email_backend():
    expression = "settings.EMAIL_BACKEND"
    assert read_setting(expression, DJANGO_DEBUG="1").endswith("console.EmailBackend")
    production = read_setting(
        expression, DJANGO_SECRET_KEY=LONG_KEY, DJANGO_ALLOWED_HOSTS="example.org"
    )
    assert production.endswith("smtp.EmailBackend")


def test_production_security_settings(settings):
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31_536_000
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_REFERRER_POLICY == "same-origin"
    # No proxy header trust unless DJANGO_BEHIND_PROXY says so.
    assert settings.SECURE_PROXY_SSL_HEADER is None


@pytest.mark.django_db
def test_the_sites_record_follows_the_settings(settings):
    from django.contrib.sites.models import Site

    assert Site.objects.get(pk=settings.SITE_ID).domain == settings.SITE_DOMAIN == "testserver"


def test_site_domain_defaults_to_the_first_allowed_host():
    domain = read_setting(
        "settings.SITE_DOMAIN", DJANGO_SECRET_KEY=LONG_KEY, DJANGO_ALLOWED_HOSTS=".example.org,x"
    )
    assert domain == "example.org"
    explicit = read_setting(
        "settings.SITE_DOMAIN",
        DJANGO_SECRET_KEY=LONG_KEY,
        DJANGO_ALLOWED_HOSTS="a.example",
        DJANGO_SITE_DOMAIN="www.example.org",
    )
    assert explicit == "www.example.org"


def test_media_storage_s3_selects_object_storage_with_public_immutable_files():
    env = dict(
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_STORAGE="s3",
        DJANGO_MEDIA_BUCKET="recovery-media",
        DJANGO_MEDIA_CUSTOM_DOMAIN="media.example.org",
    )
    assert read_setting("settings.STORAGES['default']['BACKEND']", **env) == (
        "storages.backends.s3.S3Storage"
    )
    options = read_setting("sorted(settings.STORAGES['default']['OPTIONS'].items())", **env)
    assert "('querystring_auth', False)" in options and "('file_overwrite', False)" in options
    assert read_setting("settings.MEDIA_URL", **env) == "https://media.example.org/"


def test_media_storage_s3_without_a_bucket_names_the_variable():
    result = run_django(["check"], DJANGO_DEBUG="1", DJANGO_MEDIA_STORAGE="s3")
    assert result.returncode != 0
    assert "Set DJANGO_MEDIA_BUCKET" in result.stderr
