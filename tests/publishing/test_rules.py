"""Each publishing rule has one home, and every path goes through it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.admin import ArticleAdminForm
from articles.models import Article
from publishing.models import SUMMARY_MAX_LENGTH, clean_summary, next_scheduled_time
from tests.factories import ArticleFactory, MediaImageFactory

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(days=-2)
FUTURE = datetime.timedelta(days=2)
STATES = [
    ("published", PAST),
    ("published", FUTURE),
    ("published", None),
    ("draft", PAST),
    ("draft", FUTURE),
    ("draft", None),
]


def in_state(status, offset):
    article = ArticleFactory(status="draft", published_at=None)
    when = timezone.now() + offset if offset is not None else None
    # Bypass save(), which would fill in an empty time, to reach every stored state.
    Article.objects.filter(pk=article.pk).update(status=status, published_at=when)
    return Article.objects.get(pk=article.pk)


@pytest.mark.parametrize(("status", "offset"), [s for s in STATES if s != ("published", None)])
def test_is_published_is_the_instance_copy_of_the_published_queryset(status, offset):
    article = in_state(status, offset)
    assert article.is_published is Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_scheduled is Article.objects.scheduled().filter(pk=article.pk).exists()


def test_scheduled_becomes_published_when_its_time_comes():
    article = ArticleFactory(scheduled=True)
    assert list(Article.objects.scheduled()) == [article]
    assert not Article.objects.published().exists()
    with time_machine.travel(article.published_at + datetime.timedelta(seconds=1)):
        assert list(Article.objects.published()) == [article]
        assert not Article.objects.scheduled().exists()


def test_publish_makes_a_draft_or_a_scheduled_item_live_now_and_keeps_a_past_time():
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    past = timezone.now() - datetime.timedelta(days=30)
    old = ArticleFactory(draft=True)
    Article.objects.filter(pk=old.pk).update(published_at=past)
    old.refresh_from_db()
    for article in (draft, scheduled, old):
        article.publish()
        article.refresh_from_db()
        assert article.is_published
    assert old.published_at == past
    assert scheduled.published_at <= timezone.now()


def test_unpublish_goes_back_to_draft_and_keeps_the_time_for_later():
    article = ArticleFactory()
    when = article.published_at
    article.unpublish()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.published_at == when
    assert not Article.objects.published().exists()


def test_publish_without_saving_changes_only_the_instance():
    article = ArticleFactory(draft=True)
    article.publish(save=False)
    assert article.is_published
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_save_stores_exactly_what_normalize_predicts():
    article = ArticleFactory.build(
        summary="<b>Bold</b>\n claim " + "x" * 400,
        body="<p onclick='x()'>Text<script>bad()</script></p>",
        seo_title="  two \n words ",
        status="published",
        published_at=None,
    )
    article.category.save()
    article.category_id = article.category.pk
    predicted = ArticleFactory.build(
        summary=article.summary, body=article.body, seo_title=article.seo_title
    )
    predicted.normalize()
    article.save()
    stored = Article.objects.get(pk=article.pk)
    assert stored.summary == predicted.summary == clean_summary(article.summary)
    assert stored.body == predicted.body == "<p>Text</p>"
    assert stored.seo_title == predicted.seo_title == "two words"
    assert stored.published_at is not None


def test_normalize_is_idempotent():
    article = ArticleFactory.build(summary=" <i>A</i>  b ", body="<p>x<style>y</style></p>")
    article.normalize()
    once = (article.summary, article.body)
    article.normalize()
    assert (article.summary, article.body) == once


def test_the_summary_limit_is_one_constant_for_model_form_and_normaliser():
    assert Article._meta.get_field("summary").max_length == SUMMARY_MAX_LENGTH
    assert len(clean_summary("word " * 200)) == SUMMARY_MAX_LENGTH
    form = ArticleAdminForm()
    assert form.fields["summary"].widget.attrs["maxlength"] == str(SUMMARY_MAX_LENGTH)
    assert str(SUMMARY_MAX_LENGTH) in str(Article._meta.get_field("summary").help_text)


def test_an_image_without_a_description_is_refused_next_to_the_field():
    """The alt-text rule has one home, the library image (`require_description`):
    the form's error sits next to the image chosen."""
    article = ArticleFactory.build(featured_image=MediaImageFactory(alt_text="  \n "))
    article.category.save()
    article.category_id = article.category.pk
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "has no description yet" in error.value.message_dict["featured_image"][0]
    assert (
        "Describe the image for people who cannot see it."
        in (error.value.message_dict["featured_image"][0])
    )


@pytest.mark.parametrize("field", ["featured_image", "social_image"])
def test_an_image_without_a_description_is_refused_on_any_path(field):
    article = ArticleFactory()
    setattr(article, field, MediaImageFactory(alt_text=""))
    with pytest.raises(ValidationError):
        article.save()  # the shell or the importer: no form, still refused
    assert getattr(Article.objects.get(pk=article.pk), field) is None


def test_the_library_keeps_the_description_of_an_image_an_article_shows():
    image = MediaImageFactory(alt_text="A quiet harbour")
    ArticleFactory(title="Harbour days", social_image=image)
    image.alt_text = " "
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "social image of the article “Harbour days”" in error.value.message_dict["alt_text"][0]


def test_next_scheduled_time_is_the_earliest_scheduled_publication():
    assert next_scheduled_time() is None
    later = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=3))
    sooner = ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=3))
    ArticleFactory(draft=True)
    ArticleFactory(published_at=timezone.now() - datetime.timedelta(hours=1))
    assert next_scheduled_time() == sooner.published_at
    sooner.unpublish()
    assert next_scheduled_time() == later.published_at
