"""Whole-page cache for anonymous readers, always in step with the content.

Public reading pages opt in with the `cache_public_page` decorator. A response is
stored under a key made of the scheme, the canonical host (DJANGO_SITE_DOMAIN), the path
and only the query parameters that page reads (`page`, `q`...): `?fbclid=...`, `?utm_...`
or another spelling of the host share one entry instead of filling the cache. Pages
build their absolute links on the canonical host too (recovery_site.http), so an entry
is right for every visitor it is served to. An entry holds the content version it was
rendered under and is served only under that version; every change to articles, pages,
menus, categories, sources or the contact settings bumps the version (see
`recovery_site.apps`), so the next request renders afresh. Entries never outlive the
next scheduled publishing time of any article or page (`scheduled()`), so scheduled
content appears on time.

Only requests without a session or messages cookie are served from the cache,
and only responses that set no cookie and are not private are stored, so one
visitor's CSRF token, session or messages can never reach another. The
call-back form is never cached; pages only link to it (the inline form is
fetched from /call-back/ by site.js).

The version lives in the default cache, so invalidation reaches every process
when the cache is shared (Redis). With the per-process memory cache it is only
correct in a single process, so the page cache is off by default unless
REDIS_URL is set or DEBUG is on (README, "Caching").

A hit costs one round trip to the cache: the version and the entry in one read, or the
version alone when this process holds the entry in its own memory (`Memory`, a few
megabytes of the pages it served last). When the cache cannot be reached, nothing is
served from that memory either: the version cannot be checked. bench/ANALYSIS.md has
the measurements.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date, urlencode

from recovery_site.cache import CacheUnavailable
from recovery_site.memory import SizedMemory

VERSION_KEY = "page-cache:version"
DEFAULT_TIMEOUT = 60 * 60
SKIPPED_HEADERS = {"set-cookie", "content-length"}
# Pages each process keeps in its own memory besides the cache (see Memory).
MEMORY_BYTES = 8 * 1024 * 1024
# An entry: (version, expiry as a Unix time, status, headers, content).
VERSION, EXPIRES, STATUS, HEADERS, CONTENT = range(5)

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


def cache_public_page(view, *, query_params=()):
    """Mark a view's anonymous GET responses as safe to share between visitors.

    query_params: the query parameters the view reads. Requests that differ in any
    other parameter get the same page, so list every one that changes the response.
    """
    view.public_page_cache = True
    view.page_cache_query_params = tuple(sorted(query_params))
    return view


def _view_of(request):
    """The view the request is for, resolved early (the page cache runs before URL
    resolution), or None."""
    try:
        return resolve(request.path_info).func
    except Resolver404:
        return None


def _page_key(request, view):
    """The entry's key: one per page, whatever the version. An entry holds the version it
    was rendered under, so one round trip to the cache reads the version and the entry,
    and a new version's render overwrites the old entry instead of leaving it behind."""
    params = getattr(view, "page_cache_query_params", ())
    kept = urlencode([(name, value) for name in params for value in request.GET.getlist(name)])
    address = f"{request.scheme}://{settings.SITE_DOMAIN}{request.path}?{kept}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page:{digest}"


class Memory(SizedMemory):
    """Entries this process served or stored lately, at most `limit` bytes of pages (the
    oldest out first), so that a hit reads only the small version from the cache. An
    entry is served from here only while the cache's version is the one it was rendered
    under and before its expiry, as from the cache itself."""

    def __init__(self, limit=MEMORY_BYTES):
        super().__init__(limit, measure=lambda entry: len(entry[CONTENT]))


memory = Memory()


def _valid(entry, version):
    return entry is not None and entry[VERSION] == version and time.time() < entry[EXPIRES]


def _read(key):
    """(the content version, the entry for `key` if still valid, or None): one round trip
    to the cache, for the version alone when this process holds the entry."""
    kept = memory.get(key)
    if kept is not None:
        version = cache.get(VERSION_KEY)
        if _valid(kept, version):
            return version, kept
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return content_version(), None
    entry = found.get(key)
    if _valid(entry, version):
        memory.put(key, entry)
        return version, entry
    return version, None


def is_anonymous(request):
    """No session and no messages: nothing on the page can be this visitor's own."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _seconds_until_next_change():
    from publishing.models import next_change_time

    next_time = next_change_time()
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
        if not (settings.PAGE_CACHE and request.method == "GET" and is_anonymous(request)):
            return self.get_response(request)
        view = _view_of(request)
        if not getattr(view, "public_page_cache", False):
            return self.get_response(request)
        request.get_host()  # a host we do not serve gets its 400 even for cached pages
        key = _page_key(request, view)
        try:
            version, entry = _read(key)
        except CacheUnavailable:  # the breaker has logged it once
            return self.get_response(request)
        except Exception:  # noqa: BLE001 - the cache is down: serve the page uncached
            logger.warning("Page cache: cache unavailable, serving uncached")
            return self.get_response(request)
        if entry is not None:
            response = HttpResponse(entry[CONTENT], status=entry[STATUS], headers=entry[HEADERS])
            # As CommonMiddleware sets it on a render (the server need not chunk the body).
            response["Content-Length"] = str(len(entry[CONTENT]))
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _storable(request, response):
            if not response.has_header("ETag"):
                response["ETag"] = f'"{hashlib.md5(response.content).hexdigest()}"'  # noqa: S324
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date()
            headers = {k: v for k, v in response.items() if k.lower() not in SKIPPED_HEADERS}
            timeout = _seconds_until_next_change()
            entry = (
                version,
                time.time() + timeout,
                response.status_code,
                headers,
                response.content,
            )
            try:
                cache.set(key, entry, timeout=timeout)
                memory.put(key, entry)
            except CacheUnavailable:
                pass
            except Exception:  # noqa: BLE001
                logger.warning("Page cache: cache unavailable, page not stored")
            response["X-Page-Cache"] = "miss"
        return response
