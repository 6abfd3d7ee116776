"""Site-wide HTTP helpers."""

from urllib.parse import urljoin

from django.conf import settings


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies.

    Each of the TRUSTED_PROXIES proxies appends the address it was reached from,
    so the client is the Nth entry from the right; anything further left is whatever
    the client chose to send.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            address = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return address


def canonical_url(request, location):
    """`location` as an absolute URL on the site's canonical host (DJANGO_SITE_DOMAIN).

    Pages link to themselves this way whatever host name or spelling the visitor used,
    so a page cached for one visitor is right for all (recovery_site/page_cache.py) and
    search engines see one address per page. An absolute location is returned as it is.
    """
    scheme = request.scheme if request is not None else ("http" if settings.DEBUG else "https")
    return urljoin(f"{scheme}://{settings.SITE_DOMAIN}/", location)
