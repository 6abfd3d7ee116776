"""Tags for the head of every page: canonical URLs and schema.org JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from branding.jsonld import publisher
from recovery_site.http import canonical_url

register = template.Library()

# The same escapes as Django's json_script: the data can never close the script.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A schema.org data block (a data block is not executed, so no nonce is needed)."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _absolute(request, path):
    """An absolute URL on the canonical host; just the path on the 500 page, which
    has no request."""
    if request is None:
        return path or ""
    return canonical_url(request, path)


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context.get("request")
    return _absolute(request, path if path is not None else getattr(request, "path", ""))


@register.simple_tag(takes_context=True)
def site_jsonld(context):
    request = context.get("request")
    organization = publisher(
        lambda path: _absolute(request, path), context.get("contact"), context.get("site_identity")
    )
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": organization["name"],
        "url": organization["url"],
        "publisher": organization,
    }
    return jsonld(data)
