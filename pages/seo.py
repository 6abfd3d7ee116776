"""Structured data (schema.org JSON-LD) for the centre's pages."""

from branding.jsonld import publisher
from branding.models import get_site_identity
from contacts.models import get_contact_settings


def page_jsonld(request, page):
    url = request.build_absolute_uri(page.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": url,
        "name": page.title,
        "description": page.search_description,
        "inLanguage": "en",
        "dateModified": page.updated_at.isoformat(),
        "publisher": publisher(
            request.build_absolute_uri, get_contact_settings(), get_site_identity(request)
        ),
    }
    if page.published_at:
        data["datePublished"] = page.published_at.isoformat()
    return data
