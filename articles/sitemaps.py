from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

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
        return Category.objects.with_published_articles()


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "articles:list"]

    def location(self, name):
        return reverse(name)
