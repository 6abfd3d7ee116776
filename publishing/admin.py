"""The admin articles and pages share: publishing actions, revisions, the editor."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from publishing.revisions import RevisionHelper
from recovery_site.admin_lists import DeclaredFiltersOnly


class PublishableAdminForm(forms.ModelForm):
    """Publishing times in the centre's time zone; the editor's pasted images upload."""

    class Media:
        js = ["articles/admin/editor-csrf.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            self.fields["published_at"].help_text += f" Times are in {settings.TIME_ZONE}."
        if "summary" in self.fields:
            self.fields["summary"].widget = forms.Textarea(
                attrs={"rows": 3, **self.fields["summary"].widget.attrs}
            )
        if "body" in self.fields:
            # Pasted and dropped images upload here too (the dialog uses filebrowserUploadUrl).
            widget = self.fields["body"].widget
            widget.config = {**widget.config, "uploadUrl": reverse("ckeditor_upload")}


class PublishableAdmin(DeclaredFiltersOnly, SimpleHistoryAdmin):
    """Publish or unpublish in bulk, a "live" column, readable revisions; the list
    filters only by what it declares."""

    actions = ["publish_now", "unpublish"]
    save_on_top = True
    readonly_fields = ["created_at", "updated_at"]

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionHelper(self.model, historical_record)

    @admin.display(boolean=True, description="live")
    def published(self, obj):
        return obj.is_published

    def _count(self, count):
        opts = self.model._meta
        return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"

    @admin.action(
        description="Publish selected %(verbose_name_plural)s now", permissions=["change"]
    )
    def publish_now(self, request, queryset):
        count = 0
        for obj in queryset:
            obj.publish()
            count += 1
        self.message_user(request, f"Published {self._count(count)}.", messages.SUCCESS)

    @admin.action(
        description="Unpublish selected %(verbose_name_plural)s (back to draft)",
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        count = 0
        for obj in queryset:
            obj.unpublish()
            count += 1
        self.message_user(request, f"Moved {self._count(count)} back to draft.", messages.SUCCESS)
