"""Reading the whole sitemap as a search engine does: the index, then every page it names."""

import re
from urllib.parse import urlsplit


def sitemap_pages(client):
    """The responses of every sitemap page the index at /sitemap.xml names."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    responses = []
    for location in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        address = urlsplit(location)
        response = client.get(f"{address.path}?{address.query}" if address.query else address.path)
        assert response.status_code == 200, location
        responses.append(response)
    return responses


def whole_sitemap(client):
    """Every address the sitemap lists, as one text (the pages' XML joined)."""
    return "\n".join(response.content.decode() for response in sitemap_pages(client))
