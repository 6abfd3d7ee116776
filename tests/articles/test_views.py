"""What a visitor sees on the article pages."""

import datetime
import json
import re

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory, PersonFactory, SourceFactory
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db


def jsonld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def article():
    category = CategoryFactory(slug="benzodiazepines", name="Benzodiazepines")
    article = ArticleFactory(
        title="How Does Klonopin Work?",
        slug="how-does-klonopin-work",
        summary="Klonopin calms the brain. Here is how, and why stopping needs care.",
        body="<p>Intro.</p><h2>Klonopin and the brain</h2><p>GABA.</p>"
        "<h2>Side effects</h2><ul><li>Drowsiness</li></ul>",
        category=category,
        reviewer=PersonFactory(
            name="Dana Reyes", slug="dana-reyes", credentials="MD", job_title="Medical director"
        ),
        last_reviewed=datetime.date(2026, 10, 1),
        published_at=timezone.now() - datetime.timedelta(days=10),
    )
    SourceFactory(
        article=article,
        title="Clonazepam",
        url="https://medlineplus.gov/c.html",
        publisher="MedlinePlus",
        position=1,
    )
    SourceFactory(
        article=article,
        title="Benzodiazepines",
        url="https://www.fda.gov/b",
        publisher="FDA",
        position=2,
    )
    return article


def test_detail_page_shows_the_article_as_a_reader_needs_it(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<h1>") == 1
    assert "<h1>How Does Klonopin Work?</h1>" in html
    assert 'Medically reviewed by <a href="/people/dana-reyes/">Dana Reyes, MD</a> on' in html
    assert "min read" in html
    # Table of contents linked to anchored headings.
    assert '<a href="#klonopin-and-the-brain">Klonopin and the brain</a>' in html
    assert '<h2 id="klonopin-and-the-brain">' in html
    # Sources, numbered, in their order.
    sources = re.search(r'<section class="sources".*?</section>', html, re.S).group(0)
    assert sources.index("Clonazepam") < sources.index("Benzodiazepines")
    assert "<ol>" in sources
    # Share links are plain links: no third-party script.
    for host in ("pinterest.com", "facebook.com/sharer", "x.com/intent", "mailto:?subject="):
        assert host in html
    assert "data-copy-link" in html


def test_detail_page_has_seo_tags_and_medical_json_ld(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<title>How Does Klonopin Work? · Recovery Site</title>" in html
    assert meta(html, "name", "description") == article.summary
    assert (
        '<link rel="canonical" href="http://testserver/articles/how-does-klonopin-work/">' in html
    )
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "How Does Klonopin Work?"
    assert meta(html, "name", "twitter:card") == "summary"
    (data,) = jsonld_blocks(html)
    assert data["@type"] == "MedicalWebPage"
    assert data["headline"] == "How Does Klonopin Work?"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Reyes",
        "url": "http://testserver/people/dana-reyes/",
        "jobTitle": "Medical director",
        "honorificSuffix": "MD",
    }
    assert data["lastReviewed"] == "2026-10-01"
    assert data["datePublished"].startswith(article.published_at.date().isoformat()[:4])
    assert data["publisher"]["telephone"] == "+18588880101"
    assert [c["name"] for c in data["citation"]] == ["Clonazepam", "Benzodiazepines"]


def test_json_ld_cannot_be_broken_out_of(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    (data,) = jsonld_blocks(html)
    assert data["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("path", ["/", "/articles/", "/search/?q=x", "/articles/category/c/"])
def test_every_listing_page_has_title_description_canonical_og_and_json_ld(client, path):
    CategoryFactory(slug="c", name="C")
    html = client.get(path).content.decode()
    assert re.search(r"<title>[^<]+</title>", html)
    assert meta(html, "name", "description")
    assert re.search(r'<link rel="canonical" href="http://testserver/', html)
    assert meta(html, "property", "og:title")
    assert jsonld_blocks(html)[0]["publisher"]["telephone"] == "+18588880101"


def test_related_posts_come_from_the_same_category_and_recent_posts_from_all(client, article):
    same = [ArticleFactory(category=article.category, title=f"Same {i}") for i in range(4)]
    ArticleFactory(title="Other topic")
    html = client.get(article.get_absolute_url()).content.decode()
    related = re.search(r'id="related-heading".*?</section>', html, re.S).group(0)
    recent = re.search(r'id="recent-heading".*?</section>', html, re.S).group(0)
    assert related.count('class="card"') == 3
    assert "Other topic" not in related
    assert "Other topic" in recent
    assert article.title not in recent and article.title not in related
    assert same[-1].title in related  # newest first


def test_list_is_newest_first_twelve_a_page(client):
    for day in range(14):
        ArticleFactory(
            title=f"Day {day:02d}", published_at=timezone.now() - datetime.timedelta(days=day + 1)
        )
    first = client.get("/articles/").content.decode()
    assert first.count('class="card"') == 12
    assert first.index("Day 00") < first.index("Day 11")
    assert "Day 12" not in first
    second = client.get("/articles/?page=2").content.decode()
    assert second.count('class="card"') == 2
    assert client.get("/articles/?page=last").status_code == 200


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1e9", "99999999999999999999"])
def test_pages_out_of_range_are_404_not_500(client, page):
    ArticleFactory()
    assert client.get("/articles/", {"page": page}).status_code == 404


def test_unknown_category_is_404(client):
    assert client.get("/articles/category/nothing/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 10_000,
        "\x00",
        "' OR 1=1 --",
        "<script>",
        "a & | ! :*",
        "(((",
        "%",
        "🙂",
        "%ED%A0%80",
        "%FF%FE",
    ],
)
def test_search_never_fails_on_odd_queries(client, query):
    ArticleFactory(title="Klonopin")
    if "%" in query[1:]:  # raw bytes that are not UTF-8
        response = client.get(f"/search/?q={query}")
    else:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_search_finds_title_summary_and_body_words(client):
    ArticleFactory(title="Fentanyl facts", slug="t")
    ArticleFactory(summary="About naloxone sprays.", slug="s")
    ArticleFactory(body="<p>Methadone clinics explained.</p>", slug="b")
    for word, slug in [("fentanyl", "t"), ("naloxone", "s"), ("methadone", "b")]:
        html = client.get("/search/", {"q": word}).content.decode()
        assert f"/articles/{slug}/" in html, word
        assert "1 result" in html


def test_sitemap_lists_articles_with_lastmod(client, article):
    xml = whole_sitemap(client)
    assert "<loc>http://testserver/articles/how-does-klonopin-work/</loc>" in xml
    assert "<lastmod>" in xml
    assert "<loc>http://testserver/articles/category/benzodiazepines/</loc>" in xml


def test_feed_lists_the_twenty_newest(client):
    for n in range(22):
        ArticleFactory(
            title=f"Feed item {n}", published_at=timezone.now() - datetime.timedelta(hours=n + 1)
        )
    xml = client.get("/feed/").content.decode()
    assert xml.count("<item>") == 20
    assert "Feed item 0<" in xml and "Feed item 21<" not in xml


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("articles:list", {}, "/articles/"),
        (
            "articles:detail",
            {"slug": "how-does-klonopin-work"},
            "/articles/how-does-klonopin-work/",
        ),
        ("articles:category", {"slug": "opioids"}, "/articles/category/opioids/"),
        ("articles:search", {}, "/search/"),
        ("articles:feed", {}, "/feed/"),
        ("ckeditor_upload", {}, "/editor/upload-image/"),
    ],
)
def test_article_urls_reverse_and_resolve(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name


def _populate(size):
    categories = [CategoryFactory() for _ in range(size)]
    for i in range(size * 3):
        article = ArticleFactory(category=categories[i % size], is_featured=i % 4 == 0)
        for _ in range(3):
            SourceFactory(article=article)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "detail",
        "category",
        "/search/?q=words",
        "/feed/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
    ],
)
def test_query_count_does_not_grow_with_content(client, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(size):
        _populate(size)
        from articles.models import Article, Category

        target = {
            "detail": Article.objects.last().get_absolute_url(),
            "category": Category.objects.last().get_absolute_url(),
        }.get(path, path)
        client.get(target)  # warm the contact settings cache, as in production
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        return len(queries)

    small = count(2)
    large = count(10)
    assert small == large
    assert large <= 12
