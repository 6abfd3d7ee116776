"""The publishing machinery articles and pages share.

One home for each rule:

- Visibility: `PublishableQuerySet.published()` (published, and the time has come)
  and `scheduled()` (published, time still ahead), built from one Q each;
  `Publishable.is_published` is the one instance copy of the same rule.
- State changes: `Publishable.publish()` and `unpublish()`; the admin actions, the
  shell and the importer call them.
- What is stored: `Publishable.normalize()`, called by `save()` and `clean()`, and by
  the importer to predict what a save would store.
- Limits: `SUMMARY_MAX_LENGTH`; `BODY_MAX_CHARACTERS`, checked by `clean()` (the
  admin's error next to the body) and by `save()` (the shell, the importer: nothing
  longer is ever stored); and the alt-text rule as an `ImageAltConstraint` (the
  database check and the form's error next to the field, from one declaration).
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from articles.editor import RichTextField
from articles.sanitize import plain_text, sanitize_html

SUMMARY_MAX_LENGTH = 300
# The most HTML a body may hold once sanitized. Far above any real article (the longest
# demo article is about 9,000 characters); it bounds the work and memory one body costs
# every process that renders it.
BODY_MAX_CHARACTERS = 300_000
ALT_TEXT_MAX_LENGTH = 250
ALT_TEXT_REQUIRED = "Describe the image for people who cannot see it."


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def published_q(now=None):
    """The visibility rule as a query: published, and its publishing time has come."""
    return Q(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


def scheduled_q(now=None):
    """Published with a publishing time still ahead: it goes live on its own."""
    return Q(status=Status.PUBLISHED, published_at__gt=now or timezone.now())


def clean_summary(text):
    """A summary as it is stored: plain text on one line, at most SUMMARY_MAX_LENGTH."""
    return " ".join(plain_text(text).split())[:SUMMARY_MAX_LENGTH]


def validate_body_length(body, noun="article"):
    """Refuse a (sanitized) body longer than BODY_MAX_CHARACTERS, saying what to do."""
    if len(body) > BODY_MAX_CHARACTERS:
        raise ValidationError(
            "This %(noun)s is too long to save in one piece (%(length)s characters of HTML; "
            "the limit is %(limit)s). Please split it into two %(noun)ss.",
            code="body_too_long",
            params={"noun": noun, "length": f"{len(body):,}", "limit": f"{BODY_MAX_CHARACTERS:,}"},
        )


def clean_line(text):
    """A one-line text field as it is stored (alt texts): whitespace collapsed."""
    return " ".join((text or "").split())


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one visibility rule: every public view, feed, sitemap and list uses it."""
        return self.filter(published_q())

    def scheduled(self):
        return self.filter(scheduled_q())


def published_has_time(name):
    """The database's half of "empty means now": a published row always has a time."""
    return models.CheckConstraint(
        condition=Q(status=Status.DRAFT) | Q(published_at__isnull=False), name=name
    )


class ImageAltConstraint(models.CheckConstraint):
    """An image needs a description: checked by the database on every path, and by
    `Model.full_clean()` (so by every admin form) with the error on the alt field."""

    def __init__(self, *, image_field, alt_field, name):
        self.image_field = image_field
        self.alt_field = alt_field
        super().__init__(
            condition=Q(**{image_field: ""}) | ~Q(**{alt_field: ""}),
            name=name,
            violation_error_message=ALT_TEXT_REQUIRED,
        )

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and (self.image_field in exclude or self.alt_field in exclude):
            return
        if getattr(instance, self.image_field) and not clean_line(
            getattr(instance, self.alt_field)
        ):
            raise ValidationError({self.alt_field: self.get_violation_error_message()})

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        kwargs = {"image_field": self.image_field, "alt_field": self.alt_field, "name": self.name}
        return path, (), kwargs


class Publishable(models.Model):
    """A piece of public content with a title, an address, a body and a publishing state.

    Subclasses define `slug` (their address rules differ), `get_absolute_url()`, and
    may extend `saved()` for work that belongs in the same transaction as a save.
    """

    Status = Status

    title = models.CharField(max_length=200)
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text=f"One or two plain sentences (up to {SUMMARY_MAX_LENGTH} characters). Shown "
        "under the title, in lists and as the description search engines display.",
    )
    body = RichTextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publishing time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When it goes live. A future time schedules it; empty means now when you "
        "publish.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    # Fields a save compares with the stored row (see `saved()`).
    tracked_fields = ("slug", "status", "published_at")
    # One-line text fields stored with their whitespace collapsed.
    line_fields = ()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.normalize()
        validate_body_length(self.body, self._meta.verbose_name)
        previous = self.stored_version()
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.keep_old_address(previous)
            self.saved(previous)

    # The rule, on one instance

    @property
    def is_published(self):
        """The instance copy of `published()`: the two agree for every state."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and not self.is_published

    # State changes

    def publish(self, *, save=True):
        """Publish now: a draft or a scheduled item goes live; a past time is kept."""
        now = timezone.now()
        self.status = Status.PUBLISHED
        if self.published_at is None or self.published_at > now:
            self.published_at = now
        if save:
            self.save()

    def unpublish(self, *, save=True):
        """Back to draft; the publishing time is kept for when it is published again."""
        self.status = Status.DRAFT
        if save:
            self.save()

    # What is stored

    def normalize(self):
        """Bring the fields to the form they are stored in. Idempotent; `save()` and
        `clean()` call it, and so does the importer to predict what a save stores."""
        self.body = sanitize_html(self.body)
        self.summary = clean_summary(self.summary)
        for name in self.line_fields:
            setattr(self, name, clean_line(getattr(self, name)))
        if self.status == Status.PUBLISHED and self.published_at is None:
            # "Empty means now", before the database check that wants a time.
            self.published_at = timezone.now()

    def clean(self):
        super().clean()
        self.normalize()
        try:
            validate_body_length(self.body, self._meta.verbose_name)
        except ValidationError as error:
            raise ValidationError({"body": error}) from None

    def stored_version(self):
        """The row as it is in the database (only the tracked fields), or None."""
        if self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).only(*self.tracked_fields).first()

    def keep_old_address(self, previous):
        """A public item whose address changed keeps answering at the old one (301)."""
        if previous is None or not previous.is_published:
            return
        old, new = previous.get_absolute_url(), self.get_absolute_url()
        if old != new:
            from articles.redirects import redirect_old_path

            redirect_old_path(old, new)

    def saved(self, previous):
        """Called inside the save's transaction, with the row as it was before."""


def publishable_models():
    """Every concrete model built on Publishable (articles, pages)."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def next_scheduled_time():
    """The earliest time anything scheduled goes live, or None: one query for all types."""
    times = [
        model.objects.scheduled().order_by().values("published_at")
        for model in publishable_models()
    ]
    if not times:
        return None
    union = times[0].union(*times[1:]) if len(times) > 1 else times[0]
    row = union.order_by("published_at").first()
    return row["published_at"] if row else None
