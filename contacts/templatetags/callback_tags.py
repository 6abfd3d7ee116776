"""The banner and call-to-action blocks.

Public pages are cached whole, so nothing here may depend on the visitor: no CSRF
token, no form. site.js loads the form from the call-back page when asked.
"""

from django import template
from django.urls import reverse

from contacts.models import get_contact_settings

register = template.Library()


def _context(context):
    return {
        "contact": context.get("contact") or get_contact_settings(),
        "callback_url": reverse("contacts:callback"),
    }


@register.inclusion_tag("contacts/includes/callback_banner.html", takes_context=True)
def callback_banner(context):
    return _context(context)


@register.inclusion_tag("contacts/includes/callback_cta.html", takes_context=True)
def callback_cta(context, heading="Talk to someone today"):
    return {**_context(context), "heading": heading}
