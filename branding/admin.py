from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.html import format_html

from branding.models import SiteIdentity, clean_logo


class SiteIdentityForm(forms.ModelForm):
    class Meta:
        model = SiteIdentity
        fields = ("name", "tagline", "logo")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return clean_logo(logo)
        return logo


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    """One record: the list page opens it; it can be neither added nor deleted."""

    form = SiteIdentityForm
    fields = ("name", "tagline", "logo", "logo_preview", "updated_at")
    readonly_fields = ("logo_preview", "updated_at")

    @admin.display(description="Logo as shown")
    def logo_preview(self, obj):
        if not obj.logo:
            return "No logo: the site name is shown alone."
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}">',
            obj.logo.url,
            obj.logo_display_width,
            obj.logo_display_height,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return redirect("admin:branding_siteidentity_change", SiteIdentity.load().pk)
