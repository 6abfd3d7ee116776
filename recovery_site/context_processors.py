"""Context every page's layout needs."""

from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME}


def error_page_context():
    """Context for error pages rendered outside a RequestContext (the 500 page).

    The contact settings come from the cache or their defaults, never the database.
    """
    from contacts.models import get_contact_settings

    return {"site_name": settings.SITE_NAME, "contact": get_contact_settings(allow_database=False)}
