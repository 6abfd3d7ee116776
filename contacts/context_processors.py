from django.utils.functional import SimpleLazyObject

from contacts.models import get_contact_settings


def contact_settings(request):
    """`contact`: the phone number, banner text and intake hours, read only when used."""
    return {"contact": SimpleLazyObject(get_contact_settings)}
