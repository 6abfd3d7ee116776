from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.db.models import Max
from django.urls import reverse

from articles.models import Article, Category

# Addresses per sitemap page: one request never renders every article.
SITEMAP_PAGE_SIZE = 1000


class Sitemap(BaseSitemap):
    """Absolute URLs on the host the request came to (already checked against
    ALLOWED_HOSTS), like canonical links, rather than the Site record's domain."""

    limit = SITEMAP_PAGE_SIZE
    # The field lastmod() reads, for the index's latest change in one query.
    lastmod_field = None

    def __init__(self, site=None):
        self.request_site = site

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(page, site=self.request_site or site, protocol=protocol)

    def get_latest_lastmod(self):
        if self.lastmod_field is None:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]


class ArticleSitemap(Sitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, article):
        return article.updated_at

    def location(self, article):
        # One reverse() per page rather than per article: the address with a
        # placeholder, the slug put in its place (a slug needs no quoting).
        if not hasattr(self, "_address"):
            self._address = reverse("articles:detail", args=["-slug-"])
        return self._address.replace("-slug-", article.slug)


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.with_published_articles()


class StaticSitemap(Sitemap):
    def items(self):
        return ["home", "articles:list"]

    def location(self, name):
        return reverse(name)
