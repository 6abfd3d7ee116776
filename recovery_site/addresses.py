"""Which addresses this site answers itself: the one check for anything that claims
an address from outside data (redirects from an import; page addresses).

An address is in use when it is under the admin, static or media prefixes, when a
route answers it (with or without its trailing slash, which CommonMiddleware adds),
or, for routes that name an object by its slug, when that object exists (in any
state: a draft's address is taken too). An article or category address with no
object behind it is free: that is where a renamed article's old address redirects.
"""

from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, resolve

# Routes whose address exists only while the object named in it does:
# route name -> (model, the URL keyword that is also the model field).
OBJECT_ROUTES = {
    "articles:detail": ("articles.Article", "slug"),
    "articles:category": ("articles.Category", "slug"),
    "pages:detail": ("pages.Page", "slug"),
    "people:detail": ("people.Person", "slug"),
}


def address_in_use(address):
    """What already answers `address` (a path as requests arrive, percent-encoded,
    perhaps with a query string), as a few words for a person; "" when it is free."""
    if not address.startswith("/") or address.startswith("//") or "\\" in address:
        return "not an address on this site"
    path = unquote(address.partition("?")[0].partition("#")[0])
    if any(segment in (".", "..") for segment in path.split("/")):
        return "not a plain address"
    prefixes = [
        (f"/{settings.ADMIN_PATH}", "the admin"),
        (settings.STATIC_URL, "static files"),
        (settings.MEDIA_URL, "uploaded files"),
    ]
    for prefix, owner in prefixes:
        if prefix.startswith("/") and (path + "/").startswith(prefix):
            return owner
    candidates = [path] if path.endswith("/") else [path, path + "/"]
    for candidate in candidates:
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        lookup = OBJECT_ROUTES.get(match.view_name)
        if lookup is None:
            return "a page of this site"
        model_name, field = lookup
        model = apps.get_model(model_name)
        if model.objects.filter(**{field: match.kwargs[field]}).exists():
            return f"an existing {model._meta.verbose_name}"
    return ""
