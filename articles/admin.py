import datetime

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, Category, Source
from people.models import Person
from publishing.admin import (
    PublishableAdmin,
    PublishableAdminForm,
    TrashAwareInline,
    image_upload_fields,
)
from recovery_site.admin_lists import DeclaredFiltersOnly

REVIEW_OVERDUE_AFTER = datetime.timedelta(days=365)


class ArticleAdminForm(PublishableAdminForm):
    featured_image_upload, featured_image_upload_alt = image_upload_fields("image")

    class Meta:
        model = Article
        fields = [
            *("title", "slug", "category", "body", "summary", "featured_image"),
            *("is_featured", "author_profile", "byline", "reviewer"),
            *("last_reviewed", "author", "status", "published_at"),
            *("seo_title", "meta_description", "social_image"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "author" in self.fields:
            self.fields["author"].queryset = author_choices(self.instance.author_id)
            # Not the byline (that is the author profile above): whose article it is here.
            self.fields["author"].label = "Staff login"
            self.fields["author"].help_text = (
                "Whose article this is in the admin (the list's author filter); set to "
                "whoever adds it. Never shown to readers."
            )


def author_choices(current_author_id=None):
    """Who can be named an article's author: active staff who may write articles (by
    group or by their own permission), and whoever is named now. Editors never see
    the usernames of Intake staff or of superusers who write nothing."""
    may_write = Permission.objects.filter(
        content_type__app_label="articles", codename="change_article"
    )
    writers = (Q(groups__permissions__in=may_write) | Q(user_permissions__in=may_write)) & Q(
        is_active=True, is_staff=True
    )
    return (
        get_user_model()
        .objects.filter(writers | Q(pk=current_author_id))
        .distinct()
        .order_by("username")
    )


class SourceInline(TrashAwareInline, admin.TabularInline):
    model = Source
    extra = 1
    fields = ["position", "title", "url", "publisher", "accessed"]
    # A plain address box: the admin's URL widget repeats the address as a link above
    # it ("Currently: ..."), which made the table wider than the form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https", "widget": forms.URLInput}}


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue (over 12 months or never)")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            cutoff = timezone.localdate() - REVIEW_OVERDUE_AFTER
            return queryset.filter(Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True))
        return queryset


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    form = ArticleAdminForm
    inlines = [SourceInline]
    # Fits a 1280 px screen beside the filters; the publishing time is in the status
    # (scheduled) and the date hierarchy.
    list_display = ["title", "publishing_status", "category", "updated", "reviewed_by"]
    list_filter = [
        "status",
        "category",
        # Only people who have written something, not every account on the site.
        ("author", admin.RelatedOnlyFieldListFilter),
        ReviewOverdueFilter,
        "is_featured",
    ]
    list_select_related = ["category", "reviewer"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "author_profile", "reviewer"]
    fieldsets = [
        ("Content", {"fields": ["title", "slug", "category", "body"]}),
        (
            "Summary and image",
            {
                "fields": [
                    *("summary", "featured_image", "featured_image_upload"),
                    *("featured_image_upload_alt", "is_featured"),
                ]
            },
        ),
        (
            "Search engines and sharing",
            {
                "description": "All optional: without them the title, the summary and the "
                "featured image are used.",
                "fields": [
                    *("seo_title", "meta_description", "social_image"),
                    *("social_image_upload", "social_image_upload_alt"),
                ],
            },
        ),
        (
            "Author and medical review",
            {"fields": ["author_profile", "byline", "reviewer", "last_reviewed"]},
        ),
        (
            "Publishing",
            {"fields": ["status", "published_at", "author", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    @admin.display(description="medical reviewer", ordering="reviewer__name")
    def reviewed_by(self, article):
        return article.reviewer.name if article.reviewer_id else ""

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        if not change and obj.author_profile_id is None and not obj.byline:
            # Credit the person writing, if their login has a profile.
            obj.author_profile = Person.objects.filter(user=request.user).first()
        super().save_model(request, obj, form, change)


@admin.register(Category)
class CategoryAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
