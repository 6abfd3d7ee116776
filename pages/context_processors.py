import logging

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from pages.navigation import default_navigation, site_navigation

logger = logging.getLogger(__name__)

NAVIGATION_KEY = ("navigation",)


def navigation(request):
    """The menus, read only if the page shows them, and kept by each process until the
    layout changes (publishing.stored_pages)."""
    return {"navigation": SimpleLazyObject(lambda: kept_navigation(request))}


def kept_navigation(request):
    """With the database unavailable, the menus this process showed last, else the
    default links: the call-back form and its privacy link must keep working."""
    from publishing import stored_pages

    try:
        version = stored_pages.versions(request)
    except DatabaseError:
        logger.warning("Navigation: database unavailable, showing the last menus read")
        return stored_pages.pieces.last(NAVIGATION_KEY) or default_navigation()
    return stored_pages.pieces.get(version, NAVIGATION_KEY, site_navigation)
