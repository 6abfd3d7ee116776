import datetime

import pytest
from django.utils import timezone

from articles.demo import content
from articles.models import Article, Category


@pytest.fixture
def demo_articles(db):
    """The demo articles and categories (without their images: not needed to search),
    saved through Article.save() as the admin would."""
    categories = {
        c["slug"]: Category.objects.create(
            slug=c["slug"], name=c["name"], description=c["description"]
        )
        for c in content.CATEGORIES
    }
    now = timezone.now()
    entries = [
        (data, "published", now - datetime.timedelta(days=data["days_ago"]))
        for data in content.ARTICLES
    ]
    entries.append((content.DRAFT_ARTICLE, "draft", None))
    scheduled = content.SCHEDULED_ARTICLE
    entries.append((scheduled, "published", now + datetime.timedelta(days=scheduled["days_ahead"])))
    for data, status, published_at in entries:
        Article.objects.create(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            category=categories[data["category"]],
            status=status,
            published_at=published_at,
        )
    return Article.objects.published()
