from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from pages.models import Menu, MenuLink, Page
from publishing.admin import PublishableAdmin, PublishableAdminForm
from recovery_site.admin_lists import DeclaredFiltersOnly


class PageAdminForm(PublishableAdminForm):
    class Meta:
        model = Page
        fields = [
            *("title", "slug", "body", "summary", "role", "status", "published_at"),
            *("seo_title", "meta_description", "social_image"),
        ]


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    form = PageAdminForm
    list_display = ["title", "address", "role", "status", "published"]
    list_filter = ["status", "role"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        ("Content", {"fields": ["title", "slug", "body"]}),
        ("Summary", {"fields": ["summary", "role"]}),
        (
            "Search engines and sharing",
            {
                "description": "All optional: without them the title and the summary are used.",
                "fields": [
                    *("seo_title", "meta_description", "social_image"),
                    *("social_image_upload", "social_image_upload_alt"),
                ],
            },
        ),
        ("Publishing", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    @admin.display(description="address", ordering="slug")
    def address(self, page):
        return format_html("<code>{}</code>", page.get_absolute_url())


class MenuLinkInline(admin.TabularInline):
    model = MenuLink
    extra = 1
    fields = ["position", "page", "category", "url", "label"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("page", "category"):
            # Plain choices: the add/change/view icons beside them only crowd the row.
            formfield.widget = formfield.widget.widget
        elif db_field.name in ("url", "label"):
            formfield.widget.attrs["class"] = f"menu-link-{db_field.name}"
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "page":
            kwargs["queryset"] = Page.objects.not_in_trash().only("title")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Menu)
class MenuAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    """Two menus, header and footer, made by a migration: edited, never added or deleted."""

    inlines = [MenuLinkInline]
    list_display = ["__str__", "link_count"]

    class Media:
        css = {"all": ["pages/admin/menus.css"]}

    readonly_fields = ["location", "when_empty"]
    fields = ["location", "when_empty"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(link_total=Count("links"))

    @admin.display(description="links")
    def link_count(self, menu):
        return menu.link_total or "none: the default links are shown"

    @admin.display(description="with no links")
    def when_empty(self, menu):
        if menu.location == Menu.Location.HEADER:
            return "The header shows Articles, Search and Get help."
        return (
            "The footer lists every published page (the privacy notice, accessibility "
            "statement and terms are always linked in its small print)."
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
