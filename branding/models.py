"""The site's identity: its name, logo and tagline, edited in the admin.

One record, read through one cached accessor (`get_site_identity`), like the
contact settings. Every template gets it as `site_identity` (and its name as
`site_name`); the feed, the JSON-LD and the admin header read it too.
"""

import io
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models, transaction
from PIL import Image

from articles import images

logger = logging.getLogger(__name__)

SITE_IDENTITY_CACHE_KEY = "branding:site-identity:v1"
SITE_IDENTITY_CACHE_SECONDS = 60 * 60
DEFAULT_TAGLINE = "Life can be good again"
LOGO_FORMATS = {"PNG", "WEBP"}
# The header shows the logo LOGO_HEIGHT px tall; twice that keeps it sharp on phones.
LOGO_HEIGHT = 44
LOGO_MAX_HEIGHT = LOGO_HEIGHT * 2


def default_site_name():
    return settings.SITE_NAME


def logo_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return images.random_name("branding", extension)


def clean_logo(uploaded):
    """Check and re-encode a logo upload like any image, PNG or WebP only, scaled to the
    height the header needs. Returns a ContentFile named for its format."""
    clean = images.clean_image(uploaded)  # refuses anything that is not a sound image
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        source_format = original.format
    if source_format not in LOGO_FORMATS:
        raise ValidationError(
            "Upload the logo as a PNG or WebP file (they keep a transparent background).",
            code="format",
        )
    if clean.height > LOGO_MAX_HEIGHT:
        picture = Image.open(io.BytesIO(clean.content.read()))
        picture.thumbnail((picture.width * LOGO_MAX_HEIGHT // picture.height, LOGO_MAX_HEIGHT))
        out = io.BytesIO()
        if clean.extension == "webp":
            picture.save(out, "WEBP", quality=90)
        else:
            picture.save(out, "PNG", optimize=True)
        clean.content = ContentFile(out.getvalue())
    clean.content.name = f"logo.{clean.extension}"
    return clean.content


class SiteIdentity(models.Model):
    """The one record holding the site's name, logo and tagline."""

    name = models.CharField(
        max_length=80,
        default=default_site_name,
        help_text="Shown at the top of every page, in browser tabs, the feed and search results.",
    )
    tagline = models.CharField(
        max_length=120,
        default=DEFAULT_TAGLINE,
        blank=True,
        help_text=(
            "A few hopeful words, shown as the home page's heading and beside the call to "
            "action on articles. Leave empty to show the site name instead."
        ),
    )
    logo = models.ImageField(
        upload_to=logo_path,
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        help_text=(
            f"Optional. A PNG or WebP file at least {LOGO_MAX_HEIGHT} px tall, ideally with a "
            f"transparent background; it is re-encoded and shown {LOGO_HEIGHT} px tall "
            "beside the site name."
        ),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site identity"
        verbose_name_plural = "site identity"

    def __str__(self):
        return "Site identity"

    def save(self, *args, **kwargs):
        self.pk = 1  # There is only ever one record.
        super().save(*args, **kwargs)
        _remember(self)
        self._forget_cached()
        if connection.in_atomic_block:
            # A request reading between save and commit may cache the old values again.
            transaction.on_commit(self._forget_cached, robust=True)

    @staticmethod
    def _forget_cached():
        try:
            cache.delete(SITE_IDENTITY_CACHE_KEY)
        except Exception:  # noqa: BLE001 - the save stands; the entry expires within the hour
            logger.warning("Site identity: cache unavailable, the old values may linger")

    @property
    def heading(self):
        """The home page's heading: the tagline, or the name when there is none."""
        return self.tagline or self.name

    @property
    def logo_display_width(self):
        if not (self.logo and self.logo_height):
            return None
        return round(self.logo_width * LOGO_HEIGHT / self.logo_height)

    @property
    def logo_display_height(self):
        return LOGO_HEIGHT

    @classmethod
    def load(cls):
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


# The identity this process last read from the cache or the database, shown when both
# are out of reach rather than the built-in defaults.
_last_known_good = None


def _remember(identity):
    global _last_known_good
    _last_known_good = identity
    return identity


def get_site_identity(request=None, *, allow_database=True):
    """The site identity: from the cache, else the database, else the last one this
    process read, else the defaults. Never raises: a page must render when the
    database or the cache is down.

    Given the request, it is read once for it, however many templates ask. With
    allow_database=False (the 500 page) the database is not tried.
    """
    if request is not None:
        identity = getattr(request, "_site_identity", None)
        if identity is None:
            identity = request._site_identity = get_site_identity(allow_database=allow_database)
        return identity
    try:
        identity = cache.get(SITE_IDENTITY_CACHE_KEY)
    except Exception:  # noqa: BLE001 - a broken cache must not break the page
        logger.warning("Site identity: cache unavailable")
        identity = cached = None
    else:
        cached = True
    if identity is not None:
        return _remember(identity)
    if not allow_database:
        return _last_known_good or SiteIdentity()
    try:
        identity = SiteIdentity.objects.filter(pk=1).first() or SiteIdentity()
    except DatabaseError:
        logger.warning("Site identity: database unavailable, using the last one read")
        return _last_known_good or SiteIdentity()
    if cached:
        try:
            cache.set(SITE_IDENTITY_CACHE_KEY, identity, SITE_IDENTITY_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("Site identity: cache unavailable")
    return _remember(identity)
