import logging
from urllib.parse import quote, urlencode

from django import template
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article
from publishing import stored_pages
from recovery_site.http import canonical_url

logger = logging.getLogger(__name__)

register = template.Library()

START_HERE_COUNT = 3


@register.filter
def machine_datetime(value):
    """A `<time datetime>` value: HTML allows at most three digits of a second, and a
    reader needs none, so the time is given to the second in the site's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# Where a search result's card shows its excerpt, in the card kept for search results.
EXCERPT_SLOT = mark_safe("<!--card-excerpt-->")  # noqa: S308 - a constant


@register.simple_tag(takes_context=True)
def article_card(context, article):
    """An article's card, as articles/includes/article_card.html renders it. Each
    process keeps the cards it renders until the site's content changes
    (publishing.stored_pages); a search result's card is kept with a slot where each
    search puts its own excerpt."""
    level = context.get("heading_level")
    excerpt = getattr(article, "search_excerpt", None)

    def render(excerpt=excerpt):
        return render_to_string(
            "articles/includes/article_card.html",
            {"article": article, "heading_level": level, "excerpt": excerpt},
        )

    request = context.get("request")
    if request is None:
        return render()
    version = stored_pages.versions(request)
    if excerpt:
        card = stored_pages.pieces.get(
            version, ("card", article.pk, level, "excerpt"), lambda: render(EXCERPT_SLOT)
        )
        return mark_safe(card.replace(EXCERPT_SLOT, excerpt))  # noqa: S308 - both safe HTML
    return stored_pages.pieces.get(version, ("card", article.pk, level), render)


@register.inclusion_tag("articles/includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Plain share links: nothing loads from another site until a reader clicks."""
    request = context["request"]
    url = canonical_url(request, article.get_absolute_url())
    title = article.title
    pin = {"url": url, "description": title}
    if article.featured_image_id:
        pin["media"] = canonical_url(request, article.featured_image.url)
    links = [
        ("Pinterest", "https://www.pinterest.com/pin/create/button/?" + urlencode(pin)),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ("Email", f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]
    return {"links": links, "url": url}


@register.simple_tag
def start_here_articles(count=START_HERE_COUNT):
    """The articles to offer someone who is lost (the 404 page): the ones editors
    feature on the home page, then the newest. No reading counts are kept (no
    analytics), so the editors' choice stands in for "most read".

    A 404 must never turn into a 500: without the database it offers none.
    """
    published = Article.objects.published().for_listing()
    try:
        return list(published.order_by("-is_featured", "-published_at")[:count])
    except DatabaseError:
        logger.warning("404 page: articles unavailable")
        return []


@register.simple_tag(takes_context=True)
def article_credit(context, article):
    """Who the article's byline names (Article.credit): `{% article_credit a as credit %}`."""
    return article.credit(context.get("request"))
