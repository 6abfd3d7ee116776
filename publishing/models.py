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
  longer is ever stored). The alt-text rule has its home on the image itself
  (`media_library.models.MediaImage.require_description`): the featured and social
  images are chosen from the media library, and their description is the image's.
- The trash: `move_to_trash()` and `restore_from_trash()`; what is in the trash is
  neither published nor scheduled, keeps its address, redirects and revisions, and
  is deleted for good by `purge_trash` after TRASH_RETENTION_DAYS.
- Search and sharing: optional SEO title, meta description and social image, with
  `search_title`, `search_description` and `share_image` falling back to the title,
  the summary and the featured image.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from articles.editor import RichTextField
from articles.sanitize import plain_text, render_body, sanitize_html

SUMMARY_MAX_LENGTH = 300
# The most HTML a body may hold once sanitized. Far above any real article (the longest
# demo article is about 9,000 characters); it bounds the work and memory one body costs
# every process that renders it.
BODY_MAX_CHARACTERS = 300_000
ALT_TEXT_MAX_LENGTH = 250
ALT_TEXT_REQUIRED = "Describe the image for people who cannot see it."
# What search engines show; longer titles and descriptions are cut off in results.
SEO_TITLE_GUIDE = 60
META_DESCRIPTION_GUIDE = 160


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def published_q(now=None):
    """The visibility rule as a query: published, its time has come, not in the trash."""
    return Q(
        status=Status.PUBLISHED, published_at__lte=now or timezone.now(), trashed_at__isnull=True
    )


def scheduled_q(now=None):
    """Published with a publishing time still ahead: it goes live on its own."""
    return Q(
        status=Status.PUBLISHED, published_at__gt=now or timezone.now(), trashed_at__isnull=True
    )


def now_to_the_second():
    """The time "publish now" stores: to the second, as the form shows and sends it, so
    saving the form afterwards changes nothing (and no revision shows a change)."""
    return timezone.now().replace(microsecond=0)


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

    def in_trash(self):
        return self.filter(trashed_at__isnull=False)

    def not_in_trash(self):
        return self.filter(trashed_at__isnull=True)

    def due_for_purge(self, now=None):
        """In the trash for longer than TRASH_RETENTION_DAYS."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.TRASH_RETENTION_DAYS)
        return self.filter(trashed_at__lt=cutoff)

    def search(self, query):
        """These rows matching a visitor's `query`, best first: a lazy result list that
        paginates like a queryset (see search.engine). The model needs the two search
        vectors of search.vectors."""
        from search.engine import SearchResults

        return SearchResults(self, query)


def published_has_time(name):
    """The database's half of "empty means now": a published row always has a time."""
    return models.CheckConstraint(
        condition=Q(status=Status.DRAFT) | Q(published_at__isnull=False), name=name
    )


def publishing_constraints(prefix):
    """The constraints every publishable type declares (names need the type's prefix)."""
    return [published_has_time(f"{prefix}_published_has_time")]


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
    seo_title = models.CharField(
        "SEO title",
        max_length=120,
        blank=True,
        help_text=f"Optional. The title search results and browser tabs show instead of the "
        f"title; search engines show about {SEO_TITLE_GUIDE} characters. The site name is "
        "added after it.",
    )
    meta_description = models.CharField(
        max_length=300,
        blank=True,
        help_text=f"Optional. The description under the title in search results and when "
        f"shared; search engines show about {META_DESCRIPTION_GUIDE} characters. Empty: the "
        "summary is used.",
    )
    # Chosen from the media library. PROTECT: the library refuses to delete an image in
    # use anyway, and the database says the same to every other path, so a page never
    # loses its picture behind the editor's back.
    social_image = models.ForeignKey(
        "media_library.MediaImage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_social_uses",
        verbose_name="social image",
        help_text="Optional. The picture shown when this is shared on social media "
        "(1200 x 630 px suits most sites). Empty: the featured image, if there is one.",
    )
    # The library's images this body shows, kept by `save()` from the body itself: how
    # the library knows where an image is used (media_library).
    body_images = models.ManyToManyField(
        "media_library.MediaImage",
        blank=True,
        editable=False,
        related_name="%(class)s_bodies",
        verbose_name="images in the body",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    trashed_at = models.DateTimeField("moved to the trash", null=True, blank=True, editable=False)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="moved to the trash by",
    )

    objects = PublishableQuerySet.as_manager()

    # Fields a stored page's slots need besides the pk (publishing.stored_pages).
    stored_page_fields = ()
    # Fields a save compares with the stored row (see `saved()`).
    tracked_fields = ("slug", "status", "published_at", "trashed_at")
    # One-line text fields stored with their whitespace collapsed.
    line_fields = ("seo_title", "meta_description")
    # Images chosen from the media library (foreign keys): each needs a description.
    image_fields = ("social_image",)
    # Never part of a revision: restoring an old revision must not take an item out of
    # the trash, and the search index is derived (use in `HistoricalRecords`).
    history_excluded_fields = ["trashed_at", "trashed_by"]
    # What the admin calls the saved versions (`HistoricalRecords(**history_names)`).
    history_names = {"verbose_name": "revision", "verbose_name_plural": "revisions"}

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.normalize()
        validate_body_length(self.body, self._meta.verbose_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.image_fields):
            for error in self.image_errors().values():
                raise error
        previous = self.stored_version()
        with transaction.atomic():
            super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or "body" in update_fields:
                self.record_body_images()
            self.keep_old_address(previous)
            self.saved(previous)

    def record_body_images(self):
        """Link the library's images that the body shows (see `body_images`)."""
        from media_library.models import MediaImage, names_in_body

        self.body_images.set(MediaImage.objects.filter(file__in=names_in_body(self.body)))

    # The rule, on one instance

    @property
    def is_published(self):
        """The instance copy of `published()`: the two agree for every state."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.trashed_at is None
        )

    @property
    def is_scheduled(self):
        """The instance copy of `scheduled()`."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
            and self.trashed_at is None
        )

    @property
    def in_trash(self):
        return self.trashed_at is not None

    # State changes

    def publish(self, *, save=True):
        """Publish now: a draft or a scheduled item goes live; a past time is kept."""
        now = now_to_the_second()
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

    def move_to_trash(self, user=None):
        """Take it off the site, keeping everything (address, redirects, revisions) so
        that `restore_from_trash()` brings it back as it was."""
        self.trashed_at = timezone.now()
        self.trashed_by = user if user is not None and user.is_authenticated else None
        self._change_reason = "Moved to the trash"
        self._history_user = self.trashed_by
        self.save(update_fields=["trashed_at", "trashed_by"])

    def restore_from_trash(self, user=None):
        """Back where it was: a published item is public again, a draft a draft."""
        self.trashed_at = None
        self.trashed_by = None
        self._change_reason = "Restored from the trash"
        self._history_user = user if user is not None and user.is_authenticated else None
        self.save(update_fields=["trashed_at", "trashed_by"])

    @property
    def purge_after(self):
        """When `purge_trash` deletes it for good, if it is in the trash."""
        if self.trashed_at is None:
            return None
        return self.trashed_at + datetime.timedelta(days=settings.TRASH_RETENTION_DAYS)

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
            self.published_at = now_to_the_second()

    def clean(self):
        super().clean()
        self.normalize()
        errors = self.image_errors()
        try:
            validate_body_length(self.body, self._meta.verbose_name)
        except ValidationError as error:
            errors["body"] = error
        if errors:
            raise ValidationError(errors)

    def image_errors(self):
        """{field: error} for the chosen images the alt-text rule refuses, or that the
        library no longer has."""
        errors = {}
        for name in self.image_fields:
            if getattr(self, f"{name}_id") is not None:
                try:
                    getattr(self, name).require_description()
                except ValidationError as error:
                    errors[name] = error
                except models.ObjectDoesNotExist:
                    errors[name] = ValidationError(
                        "This image was deleted from the media library. Choose another, "
                        "or leave it empty.",
                        code="deleted",
                    )
        return errors

    def forget_deleted_images(self):
        """Empty each image field whose image was deleted from the library since, and
        return their labels.

        The database keeps a used image from being deleted, but an old revision can
        name one that was deleted after the item stopped using it: restoring that
        revision then goes on without the image (the editor is told) instead of
        failing on it.
        """
        forgotten = []
        for name in self.image_fields:
            field = self._meta.get_field(name)
            pk = getattr(self, field.attname)
            if pk is not None and not field.related_model.objects.filter(pk=pk).exists():
                setattr(self, name, None)
                forgotten.append(str(field.verbose_name))
        return forgotten

    def validate_unique(self, exclude=None):
        """An address held by an item in the trash says so: the editor cannot see it."""
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            errors = getattr(error, "error_dict", {})
            in_trash = type(self).objects.in_trash().filter(slug=self.slug).exclude(pk=self.pk)
            if "slug" in errors and in_trash.exists():
                errors["slug"] = [
                    ValidationError(
                        f"A {self._meta.verbose_name} in the trash has this address. Restore "
                        "it, or delete it from the trash for good, to use the address again.",
                        code="unique",
                    )
                ]
            raise

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

    def delete(self, *args, **kwargs):
        """Delete for good, with its revisions (the admin's delete moves to the trash
        instead; the trash is where a mistake is undone). Redirects that led here go
        too: the old addresses then get the site's helpful 404 page, not a redirect
        to one."""
        from articles.redirects import forget_redirects_to

        pk = self.pk
        history = getattr(type(self), "history", None)
        with transaction.atomic():
            forget_redirects_to(self.get_absolute_url())
            result = super().delete(*args, **kwargs)
            if history is not None:
                history.filter(id=pk).delete()
        return result

    @cached_property
    def rendered_body(self):
        return render_body(self.body)

    # Search and sharing

    @property
    def search_title(self):
        return self.seo_title or self.title

    @property
    def search_description(self):
        return self.meta_description or self.summary

    @property
    def share_image(self):
        """The library image to share (url, alt_text, width, height), or None: the
        social image, else the featured image of types that have one."""
        return self.social_image or getattr(self, "featured_image", None)


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


def next_change_time():
    """When what a public page shows next changes without anybody saving anything: the
    next scheduled item going live, or the new year in the centre's time zone (every
    footer shows the year). Kept and cached pages are kept no longer than this."""
    this_year = timezone.localdate().year
    new_year = timezone.make_aware(datetime.datetime(this_year + 1, 1, 1))
    scheduled = next_scheduled_time()
    return min(scheduled, new_year) if scheduled else new_year


class SiteVersion(models.Model):
    """Two counters all processes agree on without a shared cache, read in the same
    query as a stored page (publishing.stored_pages): `layout` counts changes to what
    every page shows around its content (branding, contact settings, menus, pages,
    categories); `content` counts changes to what lists of articles show."""

    layout = models.BigIntegerField(default=1)
    content = models.BigIntegerField(default=1)

    def __str__(self):
        return f"layout {self.layout}, content {self.content}"


class StoredPage(models.Model):
    """A published item's page as the templates rendered it, with named slots for the
    pieces other content changes (publishing.stored_pages). Served only while it is
    still what a render would give: same templates and code (`fingerprint`), same row
    (`source_updated_at`), same layout, before `expires_at`."""

    kind = models.CharField(max_length=100)  # the model's label, "articles.Article"
    object_id = models.PositiveBigIntegerField()
    html = models.TextField()
    last_modified = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=100)
    source_updated_at = models.DateTimeField()
    layout_version = models.BigIntegerField()
    expires_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="stored_page_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
