import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles import images
from articles.models import Article, Category, Source
from articles.revisions import ArticleRevisionHelper

REVIEW_OVERDUE_AFTER = datetime.timedelta(days=365)
# Far above any real article (the longest demo article is about 9,000 characters), and
# low enough that sanitizing the body stays quick even for pathological markup.
BODY_MAX_CHARACTERS = 300_000


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            *("title", "slug", "category", "body", "summary", "featured_image"),
            *("featured_image_alt", "is_featured", "author", "byline", "medical_reviewer"),
            *("last_reviewed", "status", "published_at"),
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}

    class Media:
        js = ["articles/admin/editor-csrf.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            self.fields["published_at"].help_text += f" Times are in {settings.TIME_ZONE}."
        if "body" in self.fields:
            # Pasted and dropped images upload here too (the dialog uses filebrowserUploadUrl).
            widget = self.fields["body"].widget
            widget.config = {**widget.config, "uploadUrl": reverse("ckeditor_upload")}

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        if len(body) > BODY_MAX_CHARACTERS:
            raise ValidationError(
                "This article is too long to save in one piece "
                f"({len(body):,} characters of HTML; the limit is {BODY_MAX_CHARACTERS:,}). "
                "Please split it into two articles."
            )
        return body

    def clean_featured_image(self):
        image = self.cleaned_data.get("featured_image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            clean = images.clean_image(image)
            clean.content.name = f"upload.{clean.extension}"
            return clean.content
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("featured_image") and not (cleaned.get("featured_image_alt") or "").strip():
            self.add_error(
                "featured_image_alt",
                ValidationError("Describe the image for people who cannot see it."),
            )
        return cleaned


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["position", "title", "url", "publisher", "accessed"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


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
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    inlines = [SourceInline]
    list_display = [
        "title",
        "category",
        "status",
        "published",
        "published_at",
        "updated_at",
        "medical_reviewer",
        "thumbnail",
    ]
    list_filter = ["status", "category", "author", ReviewOverdueFilter, "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    save_on_top = True
    actions = ["publish_now", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        ("Content", {"fields": ["title", "slug", "category", "body"]}),
        (
            "Summary and SEO",
            {"fields": ["summary", "featured_image", "featured_image_alt", "is_featured"]},
        ),
        ("Medical review", {"fields": ["author", "byline", "medical_reviewer", "last_reviewed"]}),
        ("Publishing", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "search_vector")

    def get_historical_record_context_helper(self, request, historical_record):
        return ArticleRevisionHelper(self.model, historical_record)

    @admin.display(boolean=True, description="live")
    def published(self, article):
        return article.is_published

    @admin.display(description="image")
    def thumbnail(self, article):
        if not article.featured_image:
            return ""
        return format_html(
            '<img src="{}" alt="" width="60" style="height:auto">', article.featured_image.url
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected articles now", permissions=["change"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset:
            article.status = Article.Status.PUBLISHED
            if article.published_at is None or article.published_at > now:
                article.published_at = now
            article.save()
            count += 1
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset:
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
        self.message_user(request, f"Moved {count} article(s) back to draft.", messages.SUCCESS)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
