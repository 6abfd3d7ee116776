"""The media library: every image the site stores is a record here.

- Uploads: `image_create()` (media_library/services.py) is the one way in; the
  editor's upload, the library's own upload form, the featured and social image
  fields and the WordPress importer all go through it, so every image gets the
  checks and re-encoding of `articles.images.clean_image` and a random name.
- Where an image is used is never stored by hand: it is read from the relations
  that point at a record (featured and social images are foreign keys; images in
  a body are kept by `Publishable.save()` in its `body_images`). `uses()` lists
  them, `used()` and `unused()` filter by them.
- The alt-text rule has its one home here (`require_description()`): an image shown
  as an article's featured image or as a social image needs a description. The
  article and page forms ask it of the image chosen, and the library refuses to clear
  the description of an image used that way.
- A used image cannot be deleted (`delete()` refuses and says where it is used);
  deleting an unused one deletes its file and renditions too.
"""

import html
import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles import images
from publishing.models import ALT_TEXT_MAX_LENGTH, ALT_TEXT_REQUIRED, clean_line


def references():
    """Every relation that points at an image (foreign keys and many-to-many fields of
    other models), found from the model graph so that a new one counts at once."""
    return [
        rel
        for rel in MediaImage._meta.related_objects
        if not rel.hidden and not rel.related_model._meta.label.startswith("media_library.")
    ]


def _used_by(rel):
    return Exists(rel.related_model._base_manager.filter(**{rel.field.name: OuterRef("pk")}))


class MediaImageQuerySet(models.QuerySet):
    def with_use(self):
        """Annotated with `is_used`: one subquery per reference, no query per row."""
        return self.annotate(is_used=reduce(operator.or_, map(_used_by, references())))

    def used(self):
        return self.with_use().filter(is_used=True)

    def unused(self):
        return self.with_use().filter(is_used=False)

    def delete(self):
        """Delete unused images with their files; refused whole if one is used."""
        in_use = [image for image in self if image.uses()]
        if in_use:
            raise in_use[0].in_use_error()
        files = [(image.file.name, image.file.storage) for image in self]
        result = super().delete()
        transaction.on_commit(lambda: [delete_files(*file) for file in files])
        return result


@dataclass(frozen=True)
class Use:
    """One place an image is used: `item` (an article, a page...) and `how` ("featured
    image", "body"...)."""

    item: models.Model
    how: str

    def __str__(self):
        kind = self.item._meta.verbose_name
        where = "in the body" if self.how == "body" else f"as the {self.how}"
        return f"{where} of the {kind} “{self.item}”"


class ImageInUse(ValidationError):
    pass


class MediaImage(models.Model):
    file = models.ImageField(
        max_length=255,
        unique=True,
        help_text="JPEG, PNG, WebP or GIF, up to 5 MB. It is re-encoded (only the pixels are "
        "kept: no camera or location details) and stored under a random name.",
    )
    original_filename = models.CharField("uploaded as", max_length=255, blank=True, editable=False)
    alt_text = models.CharField(
        "description (alt text)",
        max_length=ALT_TEXT_MAX_LENGTH,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. Offered whenever "
        "the image is chosen for an article or page.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made the picture or where it comes from."
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    objects = MediaImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "image"
        get_latest_by = "uploaded_at"

    def __str__(self):
        label = self.alt_text or self.original_filename or self.name
        return label if len(label) <= 80 else f"{label[:79]}…"

    @property
    def name(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def url(self):
        return self.file.url

    @property
    def thumbnail_url(self):
        """The smallest rendition, or the file itself when it is small already."""
        widths = images.rendition_widths(self.width)
        if not widths:
            return self.file.url
        return self.file.storage.url(images.rendition_name(self.file.name, widths[0]))

    @property
    def thumbnail(self):
        """The smallest rendition as {url, width, height}, for cards and lists."""
        widths = images.rendition_widths(self.width)
        if not widths:
            return {"url": self.file.url, "width": self.width, "height": self.height}
        small = widths[0]
        return {
            "url": self.thumbnail_url,
            "width": small,
            "height": round((self.height or 0) * small / self.width),
        }

    @property
    def srcset(self):
        storage = self.file.storage
        parts = [
            f"{storage.url(images.rendition_name(self.file.name, w))} {w}w"
            for w in images.rendition_widths(self.width)
        ]
        parts.append(f"{self.file.url} {self.width}w")
        return ", ".join(parts)

    def jsonld(self, absolute):
        """schema.org ImageObject; `absolute(path)` gives the full address."""
        data = {
            "@type": "ImageObject",
            "url": absolute(self.url),
            "width": self.width,
            "height": self.height,
            "caption": self.caption or self.alt_text,
            "creditText": self.credit,
        }
        return {key: value for key, value in data.items() if value not in (None, "")}

    def require_description(self):
        """The alt-text rule: an image an article or page shows by choice (featured or
        social image) must say what it shows."""
        if not clean_line(self.alt_text):
            raise ValidationError(
                "%(image)s has no description yet. Describe it in the media library "
                "first: %(rule)s",
                code="alt_required",
                params={
                    "image": f"“{self.original_filename or self.name}”",
                    "rule": ALT_TEXT_REQUIRED,
                },
            )

    def clean(self):
        super().clean()
        self.alt_text = clean_line(self.alt_text)
        if not self.alt_text and self.pk is not None:
            shown = [use for use in self.uses() if use.how != "body"]
            if shown:
                raise ValidationError(
                    {
                        "alt_text": ValidationError(
                            "%(rule)s This image is used %(where)s.",
                            code="alt_required",
                            params={
                                "rule": ALT_TEXT_REQUIRED,
                                "where": "; ".join(str(use) for use in shown),
                            },
                        )
                    }
                )

    def uses(self):
        """Every place this image is used, trashed items included (they can come back)."""
        found = []
        for rel in references():
            how = "body" if rel.many_to_many else str(rel.field.verbose_name)
            for item in rel.related_model._base_manager.filter(**{rel.field.name: self}):
                found.append(Use(item, how))
        return found

    def in_use_error(self, uses=None):
        where = "; ".join(str(use) for use in (uses or self.uses()))
        return ImageInUse(
            "“%(image)s” cannot be deleted: it is used %(where)s. Remove it there first.",
            code="in_use",
            params={"image": self, "where": where},
        )

    def delete(self, *args, **kwargs):
        """Delete an unused image with its file; a used one is refused, saying where."""
        if self.uses():
            raise self.in_use_error()
        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: delete_files(name, storage))
        return result


def delete_files(name, storage):
    for width in images.RENDITION_WIDTHS:
        storage.delete(images.rendition_name(name, width))
    storage.delete(name)


_IMG_SRC = re.compile(r'<img\s[^>]*?\bsrc="([^"]*)"')
_PROBE = "media-library-probe"


def names_in_body(body):
    """The stored file names of this site's images in a (sanitized) body, in order."""
    prefixes = {settings.MEDIA_URL, default_storage.url(_PROBE).split(_PROBE)[0]}
    names = []
    for src in _IMG_SRC.findall(body or ""):
        src = html.unescape(src)
        for prefix in prefixes:
            if prefix and src.startswith(prefix):
                name = src.removeprefix(prefix)
                if name and name not in names:
                    names.append(name)
                break
    return names
