"""Old WordPress addresses, as contrib.redirects stores and matches them.

RedirectFallbackMiddleware answers a 404 by looking up `request.get_full_path()`
(path percent-encoded Django's way, plus the query string). Old paths are stored
in that same form, so "/greek/%CE%B5.../" in an export matches the request.

WordPress's plain links ("/?p=123", "/?cat=4") are requests for the home page,
which never 404s, so the middleware never sees them: the home view asks
`query_string_redirect()` first.
"""

from urllib.parse import unquote, urlsplit

from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

# WordPress's query-string forms of a post, page and category address.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "cat")
OLD_PATH_MAX = Redirect._meta.get_field("old_path").max_length


def host(url):
    """The host name of an address, without "www." (how the old site is recognised)."""
    return (urlsplit((url or "").strip()).hostname or "").removeprefix("www.")


def old_path(url):
    """The path + query of an old address, as `request.get_full_path()` gives it."""
    parts = urlsplit(url.strip())
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path


def query_string_redirect(request):
    """A 301 for an old "/?p=123"-style address that has a redirect, else None."""
    if not request.META.get("QUERY_STRING"):
        return None
    candidates = [request.get_full_path()]
    for key in WORDPRESS_QUERY_KEYS:
        value = request.GET.get(key, "")
        if value.isdigit():
            candidates.append(f"/?{key}={int(value)}")
    site = get_current_site(request)
    for candidate in candidates:
        redirect = Redirect.objects.filter(site=site, old_path=candidate).first()
        if redirect is not None:
            if not redirect.new_path:
                return HttpResponseGone()
            return HttpResponsePermanentRedirect(redirect.new_path)
    return None
