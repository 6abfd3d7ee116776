from articles.sitemaps import Sitemap
from people.models import Person


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, person):
        return person.updated_at
