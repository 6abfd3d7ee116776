import re

import pytest
from django.core.management import call_command

from articles.models import Article, Category
from articles.sanitize import plain_text

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once_and_never_overwrites_edits(client):
    call_command("load_demo_content")
    published = Article.objects.published()
    assert published.count() >= 8
    assert Category.objects.filter(articles__in=published).distinct().count() >= 3
    assert Article.objects.filter(status="draft").count() == 1
    assert Article.objects.filter(status="published").exclude(pk__in=published).count() == 1

    for article in published:
        assert len(plain_text(article.body).split()) >= 500, article.slug
        assert article.sources.count() >= 2, article.slug
        assert article.featured_image and article.featured_image_alt, article.slug
        assert all(
            re.match(r"https://[^/]*(nih|fda|samhsa|cdc|medlineplus)\.gov/", s.url)
            for s in article.sources.all()
        )

    klonopin = Article.objects.get(slug="how-does-klonopin-work")
    assert client.get("/articles/how-does-klonopin-work/").status_code == 200
    klonopin.title = "Edited by a person"
    klonopin.save()
    count = Article.objects.count()

    call_command("load_demo_content")
    assert Article.objects.count() == count
    klonopin.refresh_from_db()
    assert klonopin.title == "Edited by a person"
