"""The people behind the articles: author and medical reviewer profiles.

A profile is public (its page lists the published articles the person wrote or
reviewed) and is what bylines, "Medically reviewed by" and the JSON-LD `Person`
name. A profile may belong to a staff login, so the admin can credit the person
who writes an article; a byline never shows a login name (Article.credit()).
"""

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

from articles import images
from publishing.models import clean_line

BIO_MAX_LENGTH = 1500


def photo_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return images.random_name("people", extension)


def clean_bio(text):
    """A bio as it is stored: plain text (any markup dropped), paragraphs kept,
    whitespace inside each collapsed. Shown escaped, one <p> per paragraph."""
    from articles.sanitize import plain_text

    parts = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
    paragraphs = (" ".join(plain_text(part).split()) for part in parts)
    return "\n\n".join(part for part in paragraphs if part)


class Person(models.Model):
    name = models.CharField(max_length=120, help_text='As readers should see it: "Dana Reyes".')
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The web address of the profile page."
    )
    credentials = models.CharField(
        max_length=80,
        blank=True,
        help_text='Letters after the name, as the person uses them: "MD", "LCSW", '
        '"PhD, LADC". Shown after the name in bylines.',
    )
    job_title = models.CharField(
        "role",
        max_length=120,
        blank=True,
        help_text='What they do here: "Medical Director", "Clinical Therapist", "Staff writer".',
    )
    photo = models.ImageField(
        upload_to=photo_path,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text="Optional. A head-and-shoulders photo, JPEG, PNG or WebP, up to 5 MB. "
        "It is re-encoded without its metadata (camera, location).",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    bio = models.TextField(
        blank=True,
        max_length=BIO_MAX_LENGTH,
        help_text="A few plain sentences for the profile page: experience, what they care "
        "about. Plain text; leave an empty line between paragraphs.",
    )
    licence = models.CharField(
        "licence or board certification",
        max_length=300,
        blank=True,
        help_text='For clinicians: "Board certified in Addiction Medicine (ABPM)", '
        '"Licensed Clinical Social Worker, California #12345".',
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profile",
        verbose_name="staff login",
        help_text="Optional. Articles this login adds are credited to this profile.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    line_fields = ("name", "credentials", "job_title", "licence")

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.normalize()
        previous = type(self).objects.filter(pk=self.pk).values_list("photo", flat=True).first()
        super().save(*args, **kwargs)
        if self.photo and self.photo.name != previous:
            images.make_renditions(self.photo.name, self.photo.storage)

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.slug])

    @property
    def display_name(self):
        """The name with credentials, as bylines show it: "Dana Reyes, MD"."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def normalize(self):
        for name in self.line_fields:
            setattr(self, name, clean_line(getattr(self, name)))
        self.bio = clean_bio(self.bio)

    def clean(self):
        super().clean()
        self.normalize()

    @property
    def bio_paragraphs(self):
        return self.bio.split("\n\n") if self.bio else []

    @cached_property
    def portrait(self):
        """The photo at the smallest stored width, for the profile page and bylines."""
        if not self.photo:
            return None
        width, height = self.photo_width or 0, self.photo_height or 0
        widths = images.rendition_widths(width)
        if not widths:
            return {"url": self.photo.url, "width": width, "height": height}
        small = widths[0]
        return {
            "url": self.photo.storage.url(images.rendition_name(self.photo.name, small)),
            "width": small,
            "height": round(height * small / width),
        }
