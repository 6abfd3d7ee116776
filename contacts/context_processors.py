from django.utils.functional import SimpleLazyObject

from contacts.models import get_contact_settings


def contact_settings(request):
    """`contact`: the phone number, banner text and intake hours, read only when used
    (and once per request, see get_contact_settings)."""
    return {"contact": SimpleLazyObject(lambda: get_contact_settings(request))}
