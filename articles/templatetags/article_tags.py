from urllib.parse import quote, urlencode

from django import template

register = template.Library()


@register.inclusion_tag("articles/includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Plain share links: nothing loads from another site until a reader clicks."""
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    title = article.title
    pin = {"url": url, "description": title}
    if article.featured_image:
        pin["media"] = request.build_absolute_uri(article.featured_image.url)
    links = [
        ("Pinterest", "https://www.pinterest.com/pin/create/button/?" + urlencode(pin)),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ("Email", f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]
    return {"links": links, "url": url}
