"""Structured data (schema.org JSON-LD) for article pages."""

from branding.jsonld import publisher
from branding.models import get_site_identity
from contacts.models import get_contact_settings
from people.seo import person_data
from recovery_site.http import canonical_url


def article_jsonld(request, article, sources):
    def absolute(path):
        return canonical_url(request, path)

    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.title,
        "name": article.title,
        "description": article.summary,
        "inLanguage": "en",
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "articleSection": article.category.name,
        "publisher": publisher(
            absolute,
            get_contact_settings(request),
            get_site_identity(request),
        ),
    }
    credit = article.credit(request)
    if credit.person is not None:
        data["author"] = person_data(request, credit.person)
    elif credit.is_team:
        data["author"] = {"@type": "Organization", "name": credit.name, "url": absolute("/")}
    else:
        data["author"] = {"@type": "Person", "name": credit.name}
    if article.reviewer_id:
        data["reviewedBy"] = person_data(request, article.reviewer)
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    image = article.featured_image or article.social_image
    if image:
        data["image"] = image.jsonld(absolute)
    if sources:
        data["citation"] = [
            {
                "@type": "CreativeWork",
                "name": source.title,
                "url": source.href or None,
                "publisher": source.publisher or None,
            }
            for source in sources
        ]
    return _without_empty(data)


def _without_empty(value):
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value
