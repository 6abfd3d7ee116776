from urllib.parse import urlsplit

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from simple_history.models import HistoricalRecords

from articles.models import Category
from publishing.models import Publishable, publishing_constraints
from recovery_site.addresses import address_in_use
from search.vectors import refresh_vectors


def validate_menu_address(value):
    """An address on this site (/call-back/) or a web, mail or phone address."""
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise ValidationError("An address cannot contain spaces or invisible characters.")
    if value.startswith("/") and not value.startswith("//"):
        return
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return
    if parts.scheme in ("mailto", "tel") and parts.path:
        return
    raise ValidationError(
        "Enter an address on this site (starting with /) or a full address starting with "
        "https://, mailto: or tel:."
    )


class Page(Publishable):
    """One of the centre's own pages, at a top-level address such as /about/."""

    class Role(models.TextChoices):
        PRIVACY = "privacy", "Privacy notice"
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        TERMS = "terms", "Terms of use"

    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The page's web address: “about” makes it /about/. Addresses the site "
        "already uses (such as “articles” or “search”) are refused. Changing it on a "
        "published page keeps the old address working (it redirects to the new one).",
    )
    role = models.CharField(
        "linked as the site's",
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text="Optional. The footer of every page links to the privacy notice, the "
        "accessibility statement and the terms, and the call-back form to the privacy "
        "notice; this makes this page the one they link to. One page each.",
    )
    wordpress_id = models.PositiveBigIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Site search finds pages too (search/vectors.py says what each vector holds).
    search_vector = SearchVectorField(null=True, editable=False)
    search_rank_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "search_vector",
            "search_rank_vector",
            *Publishable.history_excluded_fields,
        ],
        **Publishable.history_names,
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            *publishing_constraints("page"),
            models.UniqueConstraint(
                fields=["role"],
                condition=~Q(role=""),
                name="page_one_per_role",
                violation_error_message="Another page already has this role (look in the "
                "trash too). Clear it there first.",
            ),
        ]

    def get_absolute_url(self):
        return reverse("pages:detail", args=[self.slug])

    def saved(self, previous):
        refresh_vectors(Page.objects.filter(pk=self.pk))

    def clean(self):
        super().clean()
        self.validate_address()

    def validate_address(self):
        """The address must be one the site does not serve itself. (Another page's
        address is the unique check's business, with its own message.)"""
        try:
            path = self.get_absolute_url()
        except NoReverseMatch:
            return  # not a valid slug: the field's own validation says so
        if Page.objects.filter(slug=self.slug).exists():
            return
        reason = address_in_use(path)
        if reason:
            raise ValidationError(
                {"slug": f"{path} is already taken ({reason}). Choose another address."}
            )


class Menu(models.Model):
    """The header or the footer navigation: created by a migration, edited in place."""

    class Location(models.TextChoices):
        HEADER = "header", "Header"
        FOOTER = "footer", "Footer"

    location = models.CharField(max_length=20, choices=Location.choices, unique=True)

    class Meta:
        ordering = ["location"]

    def __str__(self):
        return f"{self.get_location_display()} menu"


class MenuLink(models.Model):
    """A link in a menu: to a page, a category, or any address."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField(default=0)
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown only while the page is published.",
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    url = models.CharField(
        "or an address",
        max_length=500,
        blank=True,
        validators=[validate_menu_address],
        help_text="An address on this site, such as /call-back/, or elsewhere, such as "
        "https://988lifeline.org/.",
    )
    label = models.CharField(
        "words shown",
        max_length=60,
        blank=True,
        help_text="Empty: the page's title or the category's name.",
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "link"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(page__isnull=False, category__isnull=True, url="")
                    | Q(page__isnull=True, category__isnull=False, url="")
                    | (Q(page__isnull=True, category__isnull=True) & ~Q(url=""))
                ),
                name="menulink_one_target",
                violation_error_message="Choose one of a page, a category or an address.",
            ),
            models.CheckConstraint(
                condition=Q(url="") | ~Q(label=""),
                name="menulink_address_has_words",
                violation_error_message="Give a link to an address the words to show.",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        if self.label:
            return self.label
        if self.page_id:
            return self.page.title
        if self.category_id:
            return self.category.name
        return self.url

    @property
    def href(self):
        if self.page_id:
            return self.page.get_absolute_url()
        if self.category_id:
            return self.category.get_absolute_url()
        return self.url

    @property
    def is_shown(self):
        """A link to a page is shown only while the page is (the public rule)."""
        return self.page.is_published if self.page_id else True
