"""/sitemap.xml: a sitemap index naming one sitemap per section (/sitemap-articles.xml
...), each split into pages of at most SITEMAP_PAGE_SIZE addresses (?p=2 ...), so no
request renders every article. Addresses are on the host the request came to."""

from django.contrib.sitemaps.views import SitemapIndexItem, sitemap, x_robots_tag
from django.contrib.sites.requests import RequestSite
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.sitemaps import ArticleSitemap, CategorySitemap, StaticSitemap
from pages.sitemaps import PageSitemap
from people.sitemaps import PersonSitemap

sitemaps = {
    "static": StaticSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "pages": PageSitemap,
    "people": PersonSitemap,
}


@require_safe
@x_robots_tag
def sitemap_index(request):
    """Django's index view, but on the request's host rather than the Site record's
    (as the sections are), and with each section's lastmod from one query."""
    site = RequestSite(request)
    entries = []
    for section, cls in sitemaps.items():
        section_map = cls(site)
        location = request.build_absolute_uri(reverse("sitemap-section", args=[section]))
        lastmod = section_map.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in range(2, section_map.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
def sitemap_section(request, section):
    if section not in sitemaps:
        raise Http404("No such sitemap")
    site = RequestSite(request)
    return sitemap(request, sitemaps={section: sitemaps[section](site)}, section=section)
