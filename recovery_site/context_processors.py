"""Context every page's layout needs."""

from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME}


def error_page_context():
    """Context for error pages rendered outside a RequestContext (the 500 page)."""
    return {"site_name": settings.SITE_NAME}
