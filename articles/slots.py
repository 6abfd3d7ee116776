"""The parts of an article's page that other articles change: related and recent posts.

Slots of the stored page (publishing.stored_pages): each process renders them once per
content version and keeps them, so a request fills them without a query. The lists are
the same for every article but the few that appear in them.
"""

from django.template.loader import render_to_string

from articles.models import Article
from publishing import stored_pages
from publishing.stored_pages import register_slot

RECENT_COUNT = 5
RELATED_COUNT = 3


def _newest(version, category_id, count):
    """The `count` + 1 newest published articles (of a category): one more than shown,
    in case the page's own article is among them."""

    def read():
        published = Article.objects.published().for_listing()
        if category_id is not None:
            published = published.filter(category_id=category_id)
        return list(published[: count + 1])

    return stored_pages.pieces.get(version, ("newest", category_id, count), read)


def _others(rows, pk, count):
    """The rows but the page's own article, and the key that says which list it is."""
    shown = [a for a in rows if a.pk != pk][:count]
    return shown, pk if any(a.pk == pk for a in rows) else None


@register_slot("articles.Article", "related")
def related_posts(values, version):
    category_id = values["category_id"]
    shown, key = _others(_newest(version, category_id, RELATED_COUNT), values["pk"], RELATED_COUNT)
    return stored_pages.pieces.get(
        version,
        ("related", category_id, key),
        lambda: render_to_string(
            "articles/includes/related_posts.html", {"related_articles": shown}
        ),
    )


@register_slot("articles.Article", "recent")
def recent_posts(values, version):
    shown, key = _others(_newest(version, None, RECENT_COUNT), values["pk"], RECENT_COUNT)
    return stored_pages.pieces.get(
        version,
        ("recent", key),
        lambda: render_to_string("articles/includes/recent_posts.html", {"recent_articles": shown}),
    )
