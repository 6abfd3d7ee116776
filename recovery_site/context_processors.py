"""Context every page's layout needs outside a RequestContext."""


def error_page_context():
    """Context for error pages rendered outside a RequestContext (the 500 page).

    The site identity and contact settings come from the cache or their defaults,
    never the database.
    """
    from branding.models import get_site_identity
    from contacts.models import get_contact_settings
    from pages.navigation import default_navigation

    identity = get_site_identity(allow_database=False)
    return {
        "site_identity": identity,
        "site_name": identity.name,
        "contact": get_contact_settings(allow_database=False),
        "navigation": default_navigation(),
    }
