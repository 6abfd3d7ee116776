from django.utils.functional import SimpleLazyObject

from pages.navigation import site_navigation


def navigation(request):
    """The menus, read only if the page shows them, and kept by each process until the
    layout changes (publishing.stored_pages)."""
    return {"navigation": SimpleLazyObject(lambda: kept_navigation(request))}


def kept_navigation(request):
    from publishing import stored_pages

    return stored_pages.pieces.get(stored_pages.versions(request), ("navigation",), site_navigation)
