from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from articles.models import Article
from branding.models import get_site_identity

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    link = reverse_lazy("articles:list")
    description = "New articles about drugs, addiction and treatment."

    def title(self):
        return f"{get_site_identity().name}: latest articles"

    def items(self):
        return (
            Article.objects.published().for_listing().select_related("author_profile")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.credit().name
