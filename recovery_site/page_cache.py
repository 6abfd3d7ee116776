"""Whole-page cache for anonymous readers, always in step with the content.

Public reading pages opt in with the `cache_public_page` decorator. A response is
stored under a key that includes a content version; every change to articles,
pages, menus, categories, sources or the contact settings bumps the version (see
`recovery_site.apps`), so the next request renders afresh. Entries never outlive
the next scheduled publishing time of any article or page (`scheduled()`), so
scheduled content appears on time.

Only requests without a session or messages cookie are served from the cache,
and only responses that set no cookie and are not private are stored, so one
visitor's CSRF token, session or messages can never reach another. The
call-back form is never cached; pages only link to it (the inline form is
fetched from /call-back/ by site.js).

The version lives in the default cache, so invalidation reaches every process
when the cache is shared (Redis). With the per-process memory cache it is only
correct in a single process, so the page cache is off by default unless
REDIS_URL is set or DEBUG is on (README, "Caching").
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date

VERSION_KEY = "page-cache:version"
DEFAULT_TIMEOUT = 60 * 60
SKIPPED_HEADERS = {"set-cookie", "content-length"}

logger = logging.getLogger(__name__)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh random start, so a restarted cache never serves pages stored
        # under a number it has already used.
        version = int.from_bytes(hashlib.sha256(str(timezone.now()).encode()).digest()[:6])
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs):
    """Invalidate every cached page (connected to content-change signals).

    A cache that cannot be reached must not make an editor's save fail; the
    error is logged, and pages cached before the outage expire within the hour.
    """
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            content_version()
            cache.incr(VERSION_KEY)
    except Exception:  # noqa: BLE001 - any cache backend error
        logger.exception("Page cache: could not invalidate cached pages")


def cache_public_page(view):
    """Mark a view's anonymous GET responses as safe to share between visitors."""
    view.public_page_cache = True
    return view


def _page_key(request, version):
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    return f"page:{version}:{digest}"


def _anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _seconds_until_next_scheduled():
    from publishing.models import next_scheduled_time

    next_time = next_scheduled_time()
    if next_time is None:
        return DEFAULT_TIMEOUT
    return max(1, min(DEFAULT_TIMEOUT, int((next_time - timezone.now()).total_seconds())))


def _storable(request, response):
    match = request.resolver_match
    return (
        match is not None
        and getattr(match.func, "public_page_cache", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
        # Varying on Cookie means the session was read: the page may be personal.
        and "cookie" not in response.get("Vary", "").lower()
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE and request.method == "GET" and _anonymous(request)):
            return self.get_response(request)
        try:
            version = content_version()
            key = _page_key(request, version)  # get_host() inside: bad hosts get a 400
            entry = cache.get(key)
        except DisallowedHost:
            raise
        except Exception:  # noqa: BLE001 - the cache is down: serve the page uncached
            logger.warning("Page cache: cache unavailable, serving uncached")
            return self.get_response(request)
        if entry is not None:
            status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _storable(request, response):
            if not response.has_header("ETag"):
                response["ETag"] = f'"{hashlib.md5(response.content).hexdigest()}"'  # noqa: S324
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date()
            headers = {k: v for k, v in response.items() if k.lower() not in SKIPPED_HEADERS}
            try:
                cache.set(
                    key,
                    (response.status_code, headers, response.content),
                    timeout=_seconds_until_next_scheduled(),
                )
            except Exception:  # noqa: BLE001
                logger.warning("Page cache: cache unavailable, page not stored")
            response["X-Page-Cache"] = "miss"
        return response
