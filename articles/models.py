from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from simple_history.models import HistoricalRecords

from publishing.models import (
    Publishable,
    PublishableQuerySet,
    Status,
    publishing_constraints,
)
from search.vectors import refresh_vectors

WORDS_PER_MINUTE = 200


SEARCH_VECTOR_FIELDS = ["search_vector", "search_rank_vector"]


class CategoryQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Categories a visitor can browse: those with a published article."""
        return self.filter(pk__in=Article.objects.published().values("category"))

    def most_articles_first(self):
        """Those, with `published_count`, the most published articles first."""
        count = (
            Article.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by()
            .values("category")
            .annotate(n=Count("*"))  # not Count("pk"): the index alone answers COUNT(*)
            .values("n")
        )
        return (
            self.with_published_articles()
            .annotate(published_count=Subquery(count))
            .order_by("-published_count", "name")
        )


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The web address of the category page."
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the category page."
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("category", "featured_image").defer(
            "body", *SEARCH_VECTOR_FIELDS
        )


def editorial_team(request=None):
    """The byline of articles without a named author: "<site name> editorial team"."""
    from branding.models import get_site_identity

    return f"{get_site_identity(request).name} editorial team"


@dataclass(frozen=True)
class Credit:
    """A byline's name, and the profile it links to (None for a name without one)."""

    name: str
    person: object = None
    is_team: bool = False


class Article(Publishable):
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The article's web address. Changing it on a published article keeps "
        "the old address working (it redirects to the new one).",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    is_featured = models.BooleanField(
        "feature on the home page",
        default=False,
        help_text="Featured articles are shown first on the home page.",
    )
    # From the media library; PROTECT as for the social image (publishing.models).
    featured_image = models.ForeignKey(
        "media_library.MediaImage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="featured_in_articles",
        verbose_name="featured image",
        help_text="Optional. Shown at the top of the article, on its cards and when it is "
        "shared, with the description, caption and credit kept in the media library.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    author_profile = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_written",
        verbose_name="author",
        help_text="The person the byline credits, linked to their profile page.",
    )
    byline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Only for an author without a profile (imported posts): the name to show. "
        "With neither, the byline credits the editorial team.",
    )
    reviewer = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_reviewed",
        verbose_name="medical reviewer",
        help_text='Shown as "Medically reviewed by" with a link to their profile. Leave '
        "empty if the article has not been medically reviewed.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date of the latest medical review."
    )
    wordpress_id = models.PositiveBigIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Filled by update_search_vector(); what each holds is in search/vectors.py.
    search_vector = SearchVectorField(null=True, editable=False)
    search_rank_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    # Every save keeps a revision (who, when, what); the admin can restore one.
    history = HistoricalRecords(
        excluded_fields=[*SEARCH_VECTOR_FIELDS, *Publishable.history_excluded_fields],
        **Publishable.history_names,
    )

    stored_page_fields = ("category_id",)
    image_fields = (*Publishable.image_fields, "featured_image")

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_cat_idx"),
            # The home page's featured articles, without scanning the table.
            models.Index(
                fields=["-published_at"],
                condition=Q(is_featured=True, status=Status.PUBLISHED),
                name="article_featured_idx",
            ),
        ]
        constraints = publishing_constraints("article")

    def saved(self, previous):
        self.update_search_vector()

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def update_search_vector(self):
        refresh_vectors(Article.objects.filter(pk=self.pk))

    @property
    def reading_minutes(self):
        return max(1, round(self.rendered_body.word_count / WORDS_PER_MINUTE))

    def credit(self, request=None):
        """Who the byline names, as a `Credit`: the author's profile; else the name typed
        in `byline` (an author without a profile, as imports bring); else the site's
        editorial team. Never a login name. The one home of this rule: the page, the
        feed and the JSON-LD all call it."""
        if self.author_profile_id:
            return Credit(self.author_profile.display_name, self.author_profile)
        if self.byline:
            return Credit(self.byline)
        return Credit(editorial_team(request), is_team=True)

    @property
    def was_updated(self):
        """True when the article changed on a later day than it was published."""
        return bool(self.published_at and self.updated_at.date() > self.published_at.date())

    @property
    def thumbnail(self):
        """The smallest rendition of the featured image, for cards and lists."""
        return self.featured_image.thumbnail if self.featured_image_id else None


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    url = models.URLField(
        "URL", max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    publisher = models.CharField(max_length=200, blank=True, help_text='For example "NIH".')
    accessed = models.DateField("accessed on", null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def href(self):
        """The URL if it is a web address; rows written outside the admin skip validation."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""
