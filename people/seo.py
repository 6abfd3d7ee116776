"""schema.org `Person` data for bylines, reviewers and profile pages."""

from recovery_site.http import canonical_url


def person_data(request, person):
    """A Person: name, profile address, role, credentials and photo."""
    data = {
        "@type": "Person",
        "name": person.name,
        "url": canonical_url(request, person.get_absolute_url()),
    }
    if person.job_title:
        data["jobTitle"] = person.job_title
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.licence:
        data["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": person.licence,
        }
    if person.photo:
        data["image"] = canonical_url(request, person.photo.url)
    return data


def person_jsonld(request, person):
    url = canonical_url(request, person.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": person_data(request, person),
    }
