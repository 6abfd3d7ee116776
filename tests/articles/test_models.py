import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_changing_a_published_slug_redirects_the_old_address(client):
    article = ArticleFactory(slug="old-name")
    article.slug = "new-name"
    article.save()
    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert client.get("/articles/new-name/").status_code == 200


def test_renaming_twice_keeps_every_old_address_one_hop_from_the_current_one(client):
    article = ArticleFactory(slug="first")
    for slug in ("second", "third"):
        article.slug = slug
        article.save()
    assert client.get("/articles/first/")["Location"] == "/articles/third/"
    assert client.get("/articles/second/")["Location"] == "/articles/third/"


def test_renaming_back_to_an_old_slug_does_not_loop(client):
    article = ArticleFactory(slug="a")
    article.slug = "b"
    article.save()
    article.slug = "a"
    article.save()
    assert client.get("/articles/a/").status_code == 200
    assert client.get("/articles/b/")["Location"] == "/articles/a/"


def test_renaming_a_draft_creates_no_redirect(client):
    article = ArticleFactory(draft=True, slug="draft-one")
    article.slug = "draft-two"
    article.save()
    assert client.get("/articles/draft-one/").status_code == 404


def test_summary_is_stored_as_plain_text():
    article = ArticleFactory(summary="<b>Bold</b>   claim &amp; more")
    assert article.summary == "Bold claim & more"


def test_published_article_needs_a_publishing_time_in_the_database():
    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_reading_time_counts_words_of_the_body():
    article = ArticleFactory(body="<p>" + "word " * 1000 + "</p>")
    assert article.reading_minutes == 5


def test_updated_only_when_changed_on_a_later_day():
    article = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    assert article.was_updated
    same_day = ArticleFactory(published_at=timezone.now())
    assert not same_day.was_updated


def test_source_href_refuses_non_web_urls():
    source = SourceFactory(url="javascript:alert(1)")
    assert source.href == ""
    assert SourceFactory(url="https://nih.gov/").href == "https://nih.gov/"


def test_category_protects_its_articles():
    from django.db.models import ProtectedError

    category = CategoryFactory()
    ArticleFactory(category=category)
    with pytest.raises(ProtectedError):
        category.delete()
