from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from articles import images
from articles.editor import RichTextField
from articles.sanitize import plain_text, render_body, sanitize_html

SEARCH_QUERY_MAX_LENGTH = 200
WORDS_PER_MINUTE = 200


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The web address of the category page."
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the category page."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one visibility rule: published, and the publishing time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        return self.select_related("category").defer("body", "search_vector")

    def search(self, query):
        """Articles matching `query`, best first. Full-text search with ranking on
        PostgreSQL; a plain case-insensitive contains search elsewhere."""
        query = clean_search_query(query)
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            search_query = SearchQuery(query, search_type="websearch", config="english")
            return (
                self.filter(search_vector=search_query)
                .annotate(rank=SearchRank(F("search_vector"), search_query))
                .order_by("-rank", "-published_at")
            )
        return self.filter(
            Q(title__icontains=query) | Q(summary__icontains=query) | Q(body__icontains=query)
        ).order_by("-published_at")


def clean_search_query(query):
    """Keep what a person could have meant; drop control characters and excess."""
    query = "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in (query or ""))
    return " ".join(query.split())[:SEARCH_QUERY_MAX_LENGTH]


def featured_image_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return images.random_name("featured", extension)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The article's web address. Changing it on a published article keeps "
        "the old address working (it redirects to the new one).",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two plain sentences (up to 300 characters). Shown under the title, "
        "in lists and as the description search engines display.",
    )
    body = RichTextField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    is_featured = models.BooleanField(
        "feature on the home page",
        default=False,
        help_text="Featured articles are shown first on the home page.",
    )
    featured_image = models.ImageField(
        upload_to=featured_image_path,
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        help_text="Optional. JPEG, PNG, WebP or GIF, up to 5 MB. Shown at the top of the "
        "article and when it is shared.",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_alt = models.CharField(
        "featured image description",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it (required with an image).",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    byline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Author name to show when the author has no account here (imported posts).",
    )
    medical_reviewer = models.CharField(
        max_length=200,
        blank=True,
        help_text='Name and credentials, for example "Jane Doe, MD". Leave empty if the '
        "article has not been medically reviewed.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date of the latest medical review."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publishing time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When the article goes live. A future time schedules it; empty means now "
        "when you publish.",
    )
    wordpress_id = models.PositiveBigIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # Every save keeps a revision (who, when, what); the admin can restore one.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_cat_idx"),
            # The home page's featured articles, without scanning the table.
            models.Index(
                fields=["-published_at"],
                condition=Q(is_featured=True, status="published"),
                name="article_featured_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(featured_image="") | ~Q(featured_image_alt=""),
                name="article_image_has_alt",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.summary = " ".join(plain_text(self.summary).split())[:300]
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        previous = None
        if self.pk:
            previous = (
                Article.objects.filter(pk=self.pk)
                .values("slug", "status", "published_at", "featured_image")
                .first()
            )
        image_changed = bool(self.featured_image) and (
            previous is None or previous["featured_image"] != self.featured_image.name
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            if previous and previous["slug"] != self.slug and _was_public(previous):
                from articles.redirects import redirect_old_path

                redirect_old_path(
                    reverse("articles:detail", args=[previous["slug"]]), self.get_absolute_url()
                )
            self.update_search_vector()
        if image_changed:
            images.make_renditions(self.featured_image.name, self.featured_image.storage)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # "Empty means now": set before the constraint check, which needs a time.
            self.published_at = timezone.now()
        if self.featured_image and not self.featured_image_alt.strip():
            raise ValidationError(
                {"featured_image_alt": "Describe the image for people who cannot see it."}
            )

    def update_search_vector(self):
        if connection.vendor != "postgresql":
            return
        Article.objects.filter(pk=self.pk).update(search_vector=SEARCH_VECTOR)

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_published

    @cached_property
    def rendered_body(self):
        return render_body(self.body)

    @property
    def reading_minutes(self):
        return max(1, round(self.rendered_body.word_count / WORDS_PER_MINUTE))

    @property
    def author_name(self):
        if self.author_id:
            return self.author.get_full_name() or self.author.get_username()
        return self.byline

    @property
    def was_updated(self):
        """True when the article changed on a later day than it was published."""
        return bool(self.published_at and self.updated_at.date() > self.published_at.date())

    @cached_property
    def thumbnail(self):
        """The smallest rendition of the featured image, for cards and lists."""
        if not self.featured_image:
            return None
        width, height = self.featured_image_width or 0, self.featured_image_height or 0
        widths = images.rendition_widths(width)
        if not widths:
            return {"url": self.featured_image.url, "width": width, "height": height}
        small = widths[0]
        return {
            "url": self.featured_image.storage.url(
                images.rendition_name(self.featured_image.name, small)
            ),
            "width": small,
            "height": round(height * small / width),
        }

    @property
    def featured_image_srcset(self):
        if not self.featured_image:
            return ""
        storage = self.featured_image.storage
        parts = [
            f"{storage.url(images.rendition_name(self.featured_image.name, w))} {w}w"
            for w in images.rendition_widths(self.featured_image_width)
        ]
        parts.append(f"{self.featured_image.url} {self.featured_image_width}w")
        return ", ".join(parts)


SEARCH_VECTOR = (
    SearchVector("title", weight="A", config="english")
    + SearchVector("summary", weight="B", config="english")
    + SearchVector("body", weight="C", config="english")
)


def _was_public(previous):
    return (
        previous["status"] == Article.Status.PUBLISHED
        and previous["published_at"] is not None
        and previous["published_at"] <= timezone.now()
    )


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
