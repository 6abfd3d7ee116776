"""The site's publisher as schema.org data, for every page's JSON-LD."""

from branding.models import get_site_identity


def publisher(absolute, contact=None, identity=None):
    """An Organization: the site's name, home page, logo and phone number.

    `absolute` turns a path into an absolute URL (pages differ in how they know
    their host: the 500 page may have none). The 500 page passes the identity it
    read without the database.
    """
    identity = identity or get_site_identity()
    data = {"@type": "Organization", "name": identity.name, "url": absolute("/")}
    if identity.logo:
        data["logo"] = absolute(identity.logo.url)
    if contact is not None:
        data["telephone"] = contact.phone  # stored in E.164, as schema.org expects
    return data
