"""Settings for Recovery Site, read from the environment.

Every variable is documented in README.md ("Settings"). Production runs with
DJANGO_DEBUG unset; development (`make run`) sets DJANGO_DEBUG=1.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY to a long random string (or set DJANGO_DEBUG=1 for local "
            "development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-with-debug-off"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_ALLOWED_HOSTS to the site's host names, comma-separated "
            "(for example: example.org,www.example.org)."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin site with the staff sign-in rules (recovery_site/admin_site.py).
    "recovery_site.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "ckeditor",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "recovery_site.apps.SiteConfig",
    "publishing",
    "articles",
    "pages",
    "people",
    "media_library",
    "search",
    "contacts",
    "branding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages are never stored with these headers
    # and always get the current policy.
    "recovery_site.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before anything reads a body: oversized bodies and unwanted files get a 400.
    "recovery_site.middleware.RequestBodyLimitMiddleware",
    "recovery_site.page_cache.PageCacheMiddleware",
    "recovery_site.middleware.ErrorPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recovery_site.urls"
WSGI_APPLICATION = "recovery_site.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "branding.context_processors.site_identity",
                "contacts.context_processors.contact_settings",
                "pages.context_processors.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL selects PostgreSQL in production; the default is a SQLite
# file beside manage.py so `make run` needs nothing installed.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite. IMMEDIATE transactions take the
    # write lock up front, so two concurrent writers queue instead of failing with
    # "database is locked"; WAL lets readers continue while a lead is written.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache behind a circuit breaker (recovery_site/cache.py): after
            # a failure the process skips Redis for a few seconds, so a stalled Redis
            # costs one timeout per interval, not one per call.
            "BACKEND": "recovery_site.cache.CircuitBreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "recovery",
            # A Redis that stops answering must not hold every request until the
            # operating system gives up: the site then works uncached.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole-page cache for anonymous readers (recovery_site/page_cache.py). Its
# invalidation is only immediate across processes with a shared cache, so it is
# on by default with Redis (or in the single-process development server).
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", bool(REDIS_URL) or DEBUG)
# Articles' and pages' rendered HTML kept in the database (publishing/stored_pages.py):
# uncached pages cost one query, with or without Redis, and stay in step across processes.
STORED_PAGES = env_bool("DJANGO_STORED_PAGES", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Let Django serve uploads (names are random, so files are immutable). Production
# normally lets the web server or object storage do it.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files that can be cached forever; plain storage under
    # debug so `make run` works without collectstatic.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Where uploads live. "s3" puts them in S3-compatible object storage (django-storages;
# `pip install -r requirements-s3.txt`), so several app servers share them.
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    MEDIA_BUCKET = os.environ.get("DJANGO_MEDIA_BUCKET", "")
    if not MEDIA_BUCKET:
        raise ImproperlyConfigured("Set DJANGO_MEDIA_BUCKET when DJANGO_MEDIA_STORAGE=s3.")
    MEDIA_CUSTOM_DOMAIN = os.environ.get("DJANGO_MEDIA_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_MEDIA_ENDPOINT_URL") or None,
            "custom_domain": MEDIA_CUSTOM_DOMAIN,
            # Plain public URLs: signed ones expire, and cached pages keep theirs for an hour.
            "querystring_auth": False,
            # Names are random and files never change.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if MEDIA_CUSTOM_DOMAIN:
        MEDIA_URL = f"https://{MEDIA_CUSTOM_DOMAIN}/"
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be filesystem (the default) or s3.")

# Request size limits: a call-back form is a few hundred bytes (at most about 15 KB);
# the admin needs more: an article body, and an image of up to 5 MB.
# recovery_site/middleware.py refuses larger bodies before reading them, and any file
# outside the admin and the editor's upload.
PUBLIC_REQUEST_MAX_BYTES = 64 * 1024
STAFF_REQUEST_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Security. Cookies and HSTS are only meaningful over HTTPS, which production
# always uses; under debug the development server speaks plain HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The call-back form's CSRF cookie is the one thing the site leaves on a visitor's
# device: gone when the browser closes, not kept for a year.
CSRF_COOKIE_AGE = None
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    # A TLS-terminating proxy may do the redirect itself: DJANGO_SECURE_SSL_REDIRECT=0.
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
if env_bool("DJANGO_BEHIND_PROXY"):
    # Trust X-Forwarded-Proto only when a proxy we run sets it; otherwise a client
    # could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp), the same for public pages and the admin:
# only our own scripts and styles. JSON-LD blocks are data, which browsers never
# execute, so they need no nonce (and a cached page must not replay one).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https:", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The editor's pages in the admin, articles and pages (recovery_site/security.py): CKEditor 4
# cannot work under the policy above, so these pages, and only these, relax it.
EDITOR_ADMIN_PREFIXES = ["articles/", "pages/page/"]
EDITOR_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # The toolbar, menus and dialogs are wired with inline event handlers
        # (onclick="CKEDITOR.tools.callFunction(...)"), and the editing iframe is
        # written with an inline <script> that tells the editor it has loaded.
        "script-src": ["'self'", "'unsafe-inline'"],
        # CKEditor writes <style> elements and style attributes into the page, its
        # editing iframe and its dialogs; the widget's wrapper and the article
        # list's thumbnails have style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
    }
}
# Powerful browser features nothing on the site uses (clipboard-write stays: the
# copy-link button uses it).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}

# Staff accounts. The admin's address is configurable so it is not where bots look
# first; it is no secret, and every other rule below holds wherever it lives.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH must not be empty, e.g. admin/ or staff-7f3k/.")
# Staff sessions: one working day at most, and gone when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Two-factor sign-in (django-otp, TOTP): optional for every staff member; when
# this is on, required of everyone who sees call-back requests (the Intake group
# and superusers). Off by default so `make run` needs no phone.
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA")
TWO_FACTOR_REQUIRED_GROUPS = ["Intake"]
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Login lockout (django-axes): five failures for one username from one address
# within 30 minutes lock that pair for 30 minutes; a success resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# The same client address rule as the call-back form (DJANGO_TRUSTED_PROXIES), with
# IPv6 clients counted per /64 network (recovery_site/networks.py).
AXES_CLIENT_IP_CALLABLE = "recovery_site.networks.lockout_address"
# Keep only what the lockout needs: failed attempts (which expire with the
# cool-off), not a log of every staff login with its address and browser.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Email: console under debug so nothing leaves a developer's machine.
if DEBUG and not os.environ.get("DJANGO_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
# Each exchange with the mail server is cut off after this; only the task worker and the
# cron job talk to it, never a visitor's request (contacts/notifications.py).
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Recovery Site <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Logging to stderr. Messages name paths and ids, never request bodies or form
# values: call-back requests are health information.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {
        "hide_query_strings": {"()": "recovery_site.log_filters.HideQueryStrings"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # Django's default handler would mail tracebacks (with POST data) to ADMINS.
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # runserver logs every request line; a search's words are in its query string.
        "django.server": {
            "handlers": ["stderr"],
            "level": "INFO",
            "filters": ["hide_query_strings"],
            "propagate": False,
        },
        # Failures and lockouts (warnings) only, with usernames and addresses masked;
        # not a line for every staff sign-in.
        "axes": {"level": "WARNING"},
    },
}

# The site's name until it is set in the admin (Site identity), and the name of the
# Sites record and of the authenticator-app entry.
SITE_NAME = os.environ.get("DJANGO_SITE_NAME", "Recovery Site")
# The host name in links the site sends out (staff email); the first allowed host unless
# set. Written to the Sites record on every migrate.
SITE_DOMAIN = os.environ.get("DJANGO_SITE_DOMAIN") or (
    "127.0.0.1:8000"
    if DEBUG and not env_list("DJANGO_ALLOWED_HOSTS")
    else ALLOWED_HOSTS[0].lstrip(".").replace("*", "localhost")
)
# The name authenticator apps show next to the staff member's code.
OTP_TOTP_ISSUER = SITE_NAME

# Background tasks (django-tasks): queued in the project's own database, in the same
# transaction as the call-back request they are about, and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Call-back requests (contacts). See README "Call-back requests".
CALLBACK_NOTIFY_EMAILS = env_list("DJANGO_CALLBACK_NOTIFY_EMAILS")
# Names and phone numbers stay out of email unless the centre's mail is trusted for PHI.
CALLBACK_EMAIL_INCLUDE_CONTACT = env_bool("DJANGO_CALLBACK_EMAIL_INCLUDE_CONTACT")
CALLBACK_MIN_SECONDS = env_int("DJANGO_CALLBACK_MIN_SECONDS", 3)
CALLBACK_RATE_LIMIT = env_int("DJANGO_CALLBACK_RATE_LIMIT", 5)
# Requests per hour from one IPv6 /48 (65,536 /64s, each with its own limit above).
CALLBACK_NETWORK_RATE_LIMIT = env_int("DJANGO_CALLBACK_NETWORK_RATE_LIMIT", 20)
CALLBACK_RETENTION_DAYS = env_int("DJANGO_CALLBACK_RETENTION_DAYS", 180)
# How many proxies in front of the site append to X-Forwarded-For; 0 means use
# REMOTE_ADDR only, because a client can write any X-Forwarded-For it likes.
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)

# Articles and pages an editor deletes wait this long in the trash (restorable) before
# `purge_trash` deletes them for good.
TRASH_RETENTION_DAYS = env_int("DJANGO_TRASH_RETENTION_DAYS", 30)
if TRASH_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        "DJANGO_TRASH_RETENTION_DAYS must be at least 1, so a mistaken delete can be undone."
    )

# Article editor (django-ckeditor). The editor's own content filter stays on (no
# `allowedContent: true`), but the server-side sanitizer in articles/sanitize.py is
# the security boundary. Images upload only through media_library.views.editor_image_upload.
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_CONFIGS = {
    "default": {"versionCheck": False},
    "articles": {
        "versionCheck": False,
        "toolbar": "Articles",
        "toolbar_Articles": [
            ["Format"],
            ["Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table"],
            ["RemoveFormat"],
            ["Undo", "Redo"],
        ],
        "format_tags": "p;h2;h3;h4",
        "extraPlugins": "uploadimage",
        "removePlugins": "exportpdf",
        "filebrowserUploadMethod": "xhr",
        # Links have nothing to browse; images browse the media library (the admin
        # form sets filebrowserImageBrowseUrl).
        "filebrowserBrowseUrl": "",
        "removeDialogTabs": "image:advanced;image:Link;link:advanced;link:target;table:advanced",
        "image_prefillDimensions": True,
        # Classes: only the image dialog's alignment and size (publishing.admin allows
        # them on images); nothing else in the toolbar makes any.
        "disallowedContent": "*[on*,id,style]",
        "height": 480,
        "width": "100%",
    },
}
# CKEditor 4.22.1 (bundled by django-ckeditor) is end-of-life, which ckeditor.W001
# warns about. It runs only in the staff admin, never on public pages, and nothing
# it produces is trusted: every body is sanitized server-side against an allowlist
# on save and again on render (articles/sanitize.py). README "Security and privacy"
# describes the risk and how to swap the editor (articles/editor.py).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
