"""Old addresses answer 301 with the new ones, through contrib.redirects.

RedirectFallbackMiddleware answers a 404 by looking up `request.get_full_path()`.
The home page never 404s, so the old WordPress links that land there ("/?p=123",
"/?page_id=9", "/?cat=4") are looked up by the home view (`query_string_redirect`).

Staff renaming an article write redirects here (`redirect_old_path`); an import
writes them only where `redirect_refusal` finds nothing in the way.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseGone, HttpResponsePermanentRedirect

from recovery_site.addresses import address_in_use

# The query-string addresses WordPress gives a post, a page and a category: the only
# ones a redirect may take from the home page, which answers every other query.
HOME_QUERY_KEYS = ("p", "page_id", "cat")


def redirect_old_path(old_path, new_path):
    """Make `old_path` redirect to `new_path`, keeping every redirect one hop long."""
    site_id = settings.SITE_ID
    # The new address is live: nothing may redirect away from it.
    Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()
    # Earlier addresses that pointed at the old one now point straight at the new one.
    Redirect.objects.filter(site_id=site_id, new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(
        site_id=site_id, old_path=old_path, defaults={"new_path": new_path}
    )


def home_query_address(key, value):
    """ "/?p=123" for ("p", "0123"): how an old home-page link is stored; None if it is not one."""
    if key in HOME_QUERY_KEYS and value.isdigit():
        return f"/?{key}={int(value)}"
    return None


def redirect_refusal(old_path):
    """Why a new redirect may not take `old_path` ("" when it may): an address the site
    answers itself (any route, the admin, static or media files, an article or
    category that exists, the home page with any other query) never redirects."""
    path, _, query = old_path.partition("?")
    if path == "/" and query:
        key, _, value = query.partition("=")
        if home_query_address(key, value) == old_path:
            return ""
        return "the home page (only /?p=, /?page_id= and /?cat= links redirect from it)"
    return address_in_use(old_path)


def query_string_redirect(request):
    """A 301 for an old "/?p=123"-style address that has a redirect, else None."""
    candidates = [
        address
        for key in HOME_QUERY_KEYS
        if (address := home_query_address(key, request.GET.get(key, "")))
    ]
    if not candidates:
        return None
    site = get_current_site(request)
    redirects = {r.old_path: r for r in Redirect.objects.filter(site=site, old_path__in=candidates)}
    for candidate in candidates:
        redirect = redirects.get(candidate)
        if redirect is not None:
            if not redirect.new_path:
                return HttpResponseGone()
            return HttpResponsePermanentRedirect(redirect.new_path)
    return None


def forget_redirects_to(path):
    """Remove the redirects that lead to `path` (its content is deleted for good)."""
    Redirect.objects.filter(site_id=settings.SITE_ID, new_path=path).delete()
