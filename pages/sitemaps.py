from articles.sitemaps import Sitemap
from pages.models import Page


class PageSitemap(Sitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, page):
        return page.updated_at
