from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.sites.requests import RequestSite
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Article, Category


class Sitemap(BaseSitemap):
    """Absolute URLs on the host the request came to (already checked against
    ALLOWED_HOSTS), like canonical links, rather than the Site record's domain."""

    def __init__(self, site=None):
        self.request_site = site

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(page, site=self.request_site or site, protocol=protocol)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        published_categories = Article.objects.published().values("category_id")
        return Category.objects.filter(pk__in=published_categories)


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "articles:list"]

    def location(self, name):
        return reverse(name)


sitemaps = {"static": StaticSitemap, "articles": ArticleSitemap, "categories": CategorySitemap}


@require_safe
def sitemap_xml(request):
    site = RequestSite(request)
    return sitemap(request, sitemaps={name: cls(site) for name, cls in sitemaps.items()})
