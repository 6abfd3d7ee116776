"""Structured data (schema.org JSON-LD) for the centre's pages."""

from branding.jsonld import publisher
from branding.models import get_site_identity
from contacts.models import get_contact_settings
from recovery_site.http import canonical_url


def page_jsonld(request, page):
    url = canonical_url(request, page.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": url,
        "name": page.title,
        "description": page.search_description,
        "inLanguage": "en",
        "dateModified": page.updated_at.isoformat(),
        "publisher": publisher(
            lambda path: canonical_url(request, path),
            get_contact_settings(request),
            get_site_identity(request),
        ),
    }
    if page.social_image:
        data["primaryImageOfPage"] = page.social_image.jsonld(
            lambda path: canonical_url(request, path)
        )
    if page.published_at:
        data["datePublished"] = page.published_at.isoformat()
    return data
