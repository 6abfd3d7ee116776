"""The library in the admin: a grid of thumbnails, searched by description, caption,
credit or file name, filtered by use; uploads checked like every other upload; a
used image cannot be deleted, and the page says where it is used."""

from django import forms
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from articles import images
from media_library.models import MediaImage
from media_library.services import image_store, original_name
from recovery_site.admin_lists import DeclaredFiltersOnly

LIST_PAGE_SIZE = 48


class MediaImageForm(forms.ModelForm):
    class Meta:
        model = MediaImage
        fields = ["file", "alt_text", "caption", "credit"]

    def clean_file(self):
        """A new upload is checked and re-encoded (articles.images.clean_image)."""
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.cleaned_image = images.clean_image(upload)
            self.original_filename = original_name(upload)
        return upload


class UseFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", "Not used"), ("used", "Used")]

    def queryset(self, request, queryset):
        if self.value() == "unused":
            return queryset.filter(is_used=False)
        if self.value() == "used":
            return queryset.filter(is_used=True)
        return queryset


class DescriptionFilter(admin.SimpleListFilter):
    title = "description"
    parameter_name = "described"

    def lookups(self, request, model_admin):
        return [("no", "Needs a description")]

    def queryset(self, request, queryset):
        return queryset.filter(alt_text="") if self.value() == "no" else queryset


@admin.register(MediaImage)
class MediaImageAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    form = MediaImageForm
    list_display = ["thumbnail", "description", "details", "in_use"]
    list_display_links = ["thumbnail", "description"]
    list_filter = [UseFilter, DescriptionFilter]
    list_per_page = LIST_PAGE_SIZE
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit", "original_filename", "file"]
    readonly_fields = [
        "preview",
        "size",
        "original_filename",
        "uploaded_by",
        "uploaded_at",
        "where_used",
    ]

    class Media:
        css = {"all": ["media_library/admin/library.css"]}
        # In the chooser's lookup window, a click hands the thumbnail to the form.
        js = ["media_library/admin/chooser.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_use()

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["file", "alt_text", "caption", "credit"]
        return [
            "preview",
            "alt_text",
            "caption",
            "credit",
            "size",
            "original_filename",
            "uploaded_by",
            "uploaded_at",
            "where_used",
        ]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        obj.uploaded_by = request.user
        obj.original_filename = form.original_filename
        image_store(obj, form.cleaned_image)

    # The list

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" loading="lazy">',
            image.thumbnail_url,
            *_fit(image.width, image.height, 240),
        )

    @admin.display(description="description", ordering="alt_text")
    def description(self, image):
        return image.alt_text or format_html(
            '<span class="needs-alt">{}</span>', "No description yet"
        )

    @admin.display(description="file", ordering="uploaded_at")
    def details(self, image):
        return format_html(
            '<span class="file-name">{}</span> {} × {}',
            image.original_filename or image.name,
            image.width or "?",
            image.height or "?",
        )

    @admin.display(description="use", ordering="is_used")
    def in_use(self, image):
        return "Used" if image.is_used else "Not used"

    # One image

    @admin.display(description="image")
    def preview(self, image):
        return format_html(
            '<a href="{0}"><img class="library-preview" src="{1}" alt="" width="{2}" '
            'height="{3}"></a>',
            image.url,
            image.thumbnail_url,
            *_fit(image.width, image.height, 480),
        )

    @admin.display(description="size in pixels")
    def size(self, image):
        return f"{image.width} × {image.height}"

    @admin.display(description="where it is used")
    def where_used(self, image):
        uses = image.uses()
        if not uses:
            return "Nowhere: it can be deleted."
        return format_html(
            "<ul class='library-uses'>{}</ul>",
            format_html_join("", "<li>{}</li>", ((_linked(use),) for use in uses)),
        )

    # Deleting: only what is not used

    def get_deleted_objects(self, objs, request):
        """Used images are "protected", with where they are used (Django's own list of
        protected objects would name only the foreign keys, not bodies)."""
        deleted, counts, perms_needed, _ = super().get_deleted_objects(objs, request)
        protected = []
        for image in objs:
            uses = image.uses()
            if uses:
                protected.append(image.in_use_error(uses).messages[0])
        return deleted, counts, perms_needed, protected

    def delete_queryset(self, request, queryset):
        for image in queryset:
            image.delete()


def _fit(width, height, box):
    """Width and height of a picture shown at most `box` pixels wide."""
    if not width or not height:
        return box, box
    shown = min(width, box)
    return shown, max(1, round(height * shown / width))


def _linked(use):
    opts = use.item._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[use.item.pk])
    except NoReverseMatch:
        return str(use)
    return format_html('<a href="{}">{}</a>', url, str(use))
