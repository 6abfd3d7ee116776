from django.utils.functional import SimpleLazyObject

from branding.models import get_site_identity


def site_identity(request):
    """`site_identity` (name, logo, tagline) and `site_name`, read only when used and
    once per request."""
    identity = SimpleLazyObject(lambda: get_site_identity(request))
    return {"site_identity": identity, "site_name": SimpleLazyObject(lambda: identity.name)}
