"""The banner and call-to-action blocks.

Public pages are cached whole, so nothing here may depend on the visitor: no CSRF
token, no form. site.js loads the form from the call-back page when asked.
"""

from django import template
from django.urls import reverse

from contacts.models import get_contact_settings

register = template.Library()

CALLBACK_FORM_ANCHOR = "#callback-form"


def _context(context):
    return {
        "contact": context.get("contact") or get_contact_settings(context.get("request")),
        "callback_url": _callback_url(context),
        "tagline": getattr(context.get("site_identity"), "tagline", ""),
    }


def _callback_url(context):
    """The call-back page, or its form when the page already shows it: following a
    link there must never reload the page and wipe what the person typed."""
    url = reverse("contacts:callback")
    request = context.get("request")
    if context.get("form") is not None and getattr(request, "path", None) == url:
        return CALLBACK_FORM_ANCHOR
    return url


@register.inclusion_tag("contacts/includes/callback_banner.html", takes_context=True)
def callback_banner(context):
    return _context(context)


@register.inclusion_tag("contacts/includes/callback_cta.html", takes_context=True)
def callback_cta(context, heading="Talk to someone today", tagline=False):
    """The call-to-action block; with tagline=True the site's tagline leads it."""
    values = _context(context)
    return {**values, "heading": heading, "tagline": values["tagline"] if tagline else ""}


@register.inclusion_tag("contacts/includes/callback_panel.html", takes_context=True)
def callback_panel(context, tagline=False):
    """The call and the call back beside the content (home hero, articles), wide screens."""
    values = _context(context)
    return {**values, "tagline": values["tagline"] if tagline else ""}
