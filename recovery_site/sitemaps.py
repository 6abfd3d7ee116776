"""/sitemap.xml: every app's public addresses, on the host the request came to."""

from django.contrib.sitemaps.views import sitemap
from django.contrib.sites.requests import RequestSite
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
def sitemap_xml(request):
    site = RequestSite(request)
    return sitemap(request, sitemaps={name: cls(site) for name, cls in sitemaps.items()})
