from django.utils.functional import SimpleLazyObject

from pages.navigation import site_navigation


def navigation(request):
    """The menus, read once per request and only if the page shows them."""
    return {"navigation": SimpleLazyObject(site_navigation)}
