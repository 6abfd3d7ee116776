"""Old WordPress addresses, as contrib.redirects stores and matches them.

RedirectFallbackMiddleware answers a 404 by looking up `request.get_full_path()`
(path percent-encoded Django's way, plus the query string). Old paths are stored
in that same form, so "/greek/%CE%B5.../" in an export matches the request.
WordPress's plain links ("/?p=123", "/?cat=4") are looked up by the home view
(articles.redirects.query_string_redirect).
"""

from urllib.parse import unquote, urlsplit

from django.contrib.redirects.models import Redirect
from django.utils.encoding import escape_uri_path

OLD_PATH_MAX = Redirect._meta.get_field("old_path").max_length


def host(url):
    """The host name of an address, without "www." (how the old site is recognised)."""
    return (urlsplit((url or "").strip()).hostname or "").removeprefix("www.")


def old_path(url):
    """The path + query of an old address, as `request.get_full_path()` gives it."""
    parts = urlsplit(url.strip())
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path
