"""The admin articles and pages share: publishing actions, revisions, the trash.

Deleting moves an item to the trash, as in WordPress: the item leaves the site at
once and keeps its address, redirects and revisions. The list's "Trash" view shows
what is there, with "Restore" and "Delete for good"; a trashed item opens read-only
with a Restore button. `purge_trash` (daily) deletes what has waited
TRASH_RETENTION_DAYS.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from articles import images
from articles.sanitize import IMAGE_CLASSES
from media_library.models import MediaImage
from media_library.services import image_store, original_name
from media_library.widgets import ImageChooserWidget
from publishing.models import (
    ALT_TEXT_MAX_LENGTH,
    ALT_TEXT_REQUIRED,
    META_DESCRIPTION_GUIDE,
    SEO_TITLE_GUIDE,
    clean_line,
)
from publishing.revisions import RevisionHelper
from recovery_site.admin_lists import DeclaredFiltersOnly
from recovery_site.admin_widgets import ValidIdsAutocomplete, is_valid_value

TRASH_PARAMETER = "trash"


CHANGE_NOTE_MAX_LENGTH = 100  # django-simple-history's history_change_reason


def image_upload_fields(noun):
    """The form fields beside an image chooser: upload a new image into the library,
    with its description (declared on the form as `<field>_upload(_alt)`)."""
    upload = forms.FileField(
        label=f"…or upload a new {noun}",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text="JPEG, PNG, WebP or GIF, up to 5 MB. It joins the media library and "
        "replaces the image chosen above.",
    )
    alt = forms.CharField(
        label=f"Description of the new {noun}",
        required=False,
        max_length=ALT_TEXT_MAX_LENGTH,
        help_text="What the picture shows, for people who cannot see it (required with an "
        "upload). Kept with the image in the media library.",
    )
    return upload, alt


class PublishableAdminForm(forms.ModelForm):
    """Publishing times in the centre's time zone; the editor's pasted images upload;
    images chosen from the media library or uploaded into it; an optional note saved
    with the revision."""

    social_image_upload, social_image_upload_alt = image_upload_fields("social image")

    change_note = forms.CharField(
        label="Note about this change",
        required=False,
        max_length=CHANGE_NOTE_MAX_LENGTH,
        help_text='Optional. Shown with this revision under History, e.g. "Updated the '
        'withdrawal timeline after review".',
    )

    class Media:
        js = [
            "articles/admin/editor-csrf.js",
            "publishing/admin/image-dialog.js",
            "publishing/admin/length-guide.js",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, guide in (
            ("seo_title", SEO_TITLE_GUIDE),
            ("meta_description", META_DESCRIPTION_GUIDE),
        ):
            if name in self.fields:
                self.fields[name].widget.attrs["data-length-guide"] = guide
        if "meta_description" in self.fields:
            self.fields["meta_description"].widget = forms.Textarea(
                attrs={"rows": 2, **self.fields["meta_description"].widget.attrs}
            )
        if "published_at" in self.fields:
            self.fields["published_at"].help_text += f" Times are in {settings.TIME_ZONE}."
        if "summary" in self.fields:
            self.fields["summary"].widget = forms.Textarea(
                attrs={"rows": 3, **self.fields["summary"].widget.attrs}
            )
        if "body" in self.fields:
            # Pasted and dropped images upload here too (the dialog uses filebrowserUploadUrl),
            # and the image dialog's "Browse Server" opens the media library.
            widget = self.fields["body"].widget
            widget.config = {
                **widget.config,
                "uploadUrl": reverse("ckeditor_upload"),
                "filebrowserImageBrowseUrl": reverse("ckeditor_browse"),
                # The image dialog's alignment and size (image-dialog.js).
                "extraAllowedContent": f"img({','.join(IMAGE_CLASSES)})",
            }

    def clean(self):
        """An upload beside an image chooser is checked and re-encoded here, needs a
        description, and replaces the chosen image; `save()` puts it in the library."""
        cleaned_data = super().clean()
        self.image_uploads = {}
        for name in self._meta.model.image_fields:
            upload = cleaned_data.get(f"{name}_upload")
            if f"{name}_upload" not in self.fields or not upload:
                continue
            try:
                clean = images.clean_image(upload)
            except ValidationError as error:
                self.add_error(f"{name}_upload", error)
                continue
            alt = clean_line(cleaned_data.get(f"{name}_upload_alt"))
            if not alt:
                self.add_error(f"{name}_upload_alt", ALT_TEXT_REQUIRED)
                continue
            record = MediaImage(alt_text=alt, original_filename=original_name(upload))
            self.image_uploads[name] = (record, clean)
            cleaned_data[name] = None  # checked against the rule once it is stored
        return cleaned_data

    def save(self, commit=True):
        for name, (record, clean) in getattr(self, "image_uploads", {}).items():
            record.uploaded_by = getattr(self, "uploaded_by", None)
            folder = name.removesuffix("_image")
            setattr(self.instance, name, image_store(record, clean, folder=folder))
        return super().save(commit)


class TrashFilter(admin.SimpleListFilter):
    """The list shows what is not in the trash; "In the trash" shows the trash."""

    title = "trash"
    parameter_name = TRASH_PARAMETER

    def lookups(self, request, model_admin):
        return [("yes", "In the trash")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.in_trash()
        return queryset.not_in_trash()

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["query_string"] == changelist.get_query_string(remove=[TRASH_PARAMETER]):
                choice["display"] = "Not in the trash"
            yield choice


def _shown(field):
    return "body_as_shown" if field == "body" else field


def viewing_trash(request):
    return request.GET.get(TRASH_PARAMETER) == "yes"


class TrashAwareInline:
    """Inline rows of an item in the trash are read-only, like the item."""

    def _in_trash(self, obj):
        return obj is not None and getattr(obj, "in_trash", False)

    def has_add_permission(self, request, obj=None):
        return not self._in_trash(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._in_trash(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._in_trash(obj) and super().has_delete_permission(request, obj)


class PublishableAdmin(DeclaredFiltersOnly, ValidIdsAutocomplete, SimpleHistoryAdmin):
    """Publish or unpublish in bulk, a "live" column, readable revisions, the trash;
    the list filters only by what it declares."""

    actions = ["publish_now", "unpublish", "move_to_trash", "restore_selected"]
    save_on_top = True
    object_history_list_template = "admin/publishing/revisions_list.html"
    readonly_fields = ["created_at", "updated_at"]
    change_form_template = "admin/publishing/change_form.html"
    change_list_template = "admin/publishing/change_list.html"
    delete_confirmation_template = "admin/publishing/delete_confirmation.html"
    trash_list_display = ["title", "status", "moved_to_trash", "moved_by", "deleted_for_good_on"]

    class Media:
        css = {"all": ["publishing/admin/publishing.css"]}

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # The library's images are chosen in its grid (the lookup window), not a list.
        self.raw_id_fields = [*self.raw_id_fields, *model.image_fields]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.model.image_fields:
            kwargs["widget"] = ImageChooserWidget(
                db_field.remote_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_form(self, request, form, change):
        form.uploaded_by = request.user
        return super().save_form(request, form, change)

    # The trash

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TrashFilter]

    def get_list_display(self, request):
        if viewing_trash(request):
            return self.trash_list_display
        return super().get_list_display(request)

    def get_list_display_links(self, request, list_display):
        return (
            ["title"]
            if viewing_trash(request)
            else super().get_list_display_links(request, list_display)
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if viewing_trash(request):
            actions = {
                k: v for k, v in actions.items() if k in ("restore_selected", "delete_selected")
            }
            if "delete_selected" in actions:
                func, name, _ = actions["delete_selected"]
                actions[name] = (func, name, "Delete selected %(verbose_name_plural)s for good")
        else:
            actions.pop("delete_selected", None)
            actions.pop("restore_selected", None)
        return actions

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "<path:object_id>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name=f"{info[0]}_{info[1]}_restore",
            ),
            # Where django-reversion keeps deleted items: send people to the trash.
            path(
                "recover/",
                self.admin_site.admin_view(self.recover_view),
                name=f"{info[0]}_{info[1]}_recover",
            ),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        """An item in the trash opens read-only, with a Restore button."""
        if obj is not None and obj.in_trash:
            return False
        return super().has_change_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        extra = {
            "trash_count": self.model.objects.in_trash().count(),
            "viewing_trash": viewing_trash(request),
            "trash_retention_days": settings.TRASH_RETENTION_DAYS,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra)

    def delete_view(self, request, object_id, extra_context=None):
        extra = {"trash_retention_days": settings.TRASH_RETENTION_DAYS, **(extra_context or {})}
        return super().delete_view(request, object_id, extra)

    def get_fieldsets(self, request, obj=None):
        """An item in the trash is read-only: its body is shown as visitors saw it.
        Otherwise the form ends with the note saved with the revision."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.in_trash:
            return [*fieldsets, ("Revision", {"fields": ["change_note"]})]
        form_only = self.form.declared_fields
        return [
            (
                name,
                {**options, "fields": [_shown(f) for f in options["fields"] if f not in form_only]},
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "body_as_shown"] if obj is not None and obj.in_trash else readonly

    @admin.display(description="body")
    def body_as_shown(self, obj):
        return obj.rendered_body.html  # sanitized on save and again on render

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["trash_retention_days"] = settings.TRASH_RETENTION_DAYS
        if obj is not None and obj.in_trash:
            context["can_restore"] = self.has_delete_permission(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_note") or None
        super().save_model(request, obj, form, change)

    def history_view_title(self, request, obj):
        return f"Revisions of “{obj}”"

    def delete_model(self, request, obj):
        """The admin's delete: into the trash; from the trash, for good."""
        if obj.in_trash:
            obj.delete()
        else:
            obj.move_to_trash(request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def log_deletions(self, request, queryset):
        """Called before `delete_model()`: a move to the trash is logged as a change."""
        for obj in queryset:
            if not obj.in_trash:
                self.log_change(request, obj, "Moved to the trash.")
        return super().log_deletions(request, [obj for obj in queryset if obj.in_trash])

    def response_delete(self, request, obj_display, obj_id):
        if not self.model._base_manager.filter(pk=obj_id).exists():
            return super().response_delete(request, obj_display, obj_id)
        self._message_trashed(request, [obj_display])
        return HttpResponseRedirect(self._changelist_url())

    def _changelist_url(self, trash=False):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{TRASH_PARAMETER}=yes" if trash else url

    def _message_trashed(self, request, names):
        what = f"“{names[0]}”" if len(names) == 1 else self._count(len(names))
        self.message_user(
            request,
            format_html(
                "{} moved to the trash. Visitors can no longer see it; you can restore it "
                'from the <a href="{}">trash</a> for {} days.',
                what,
                self._changelist_url(trash=True),
                settings.TRASH_RETENTION_DAYS,
            ),
            messages.SUCCESS,
        )

    def restore_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))  # None for "abc", not a 500
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} at this address.")
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        if obj.in_trash:
            obj.restore_from_trash(request.user)
            self.log_change(request, obj, "Restored from the trash.")
            self._message_restored(request, [obj])
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    def _message_restored(self, request, objs):
        if len(objs) == 1:
            obj = objs[0]
            where = (
                format_html('it is live again at <a href="{0}">{0}</a>', obj.get_absolute_url())
                if obj.is_published
                else "it is scheduled again"
                if obj.is_scheduled
                else "it is a draft again"
            )
            message = format_html("“{}” is restored: {}.", obj, where)
        else:
            message = f"Restored {self._count(len(objs))}, each as it was before."
        self.message_user(request, message, messages.SUCCESS)

    def recover_view(self, request):
        return HttpResponseRedirect(self._changelist_url(trash=True))

    def history_view(self, request, object_id, extra_context=None):
        self._require_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting a revision never takes an item out of the trash behind its back."""
        self._require_ids(object_id, version_id)
        if request.method == "POST" and self._in_trash(object_id):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_ids(self, object_id, version_id=None):
        """404 for an address whose ids are not ids: simple_history filters on them
        as given, and "abc" in place of a number was a 500."""
        ids = [(self.model._meta.pk, unquote(str(object_id)))]
        if version_id is not None:
            ids.append((self.model.history.model._meta.pk, version_id))
        if not all(is_valid_value(field, value) for field, value in ids):
            raise Http404(f"No {self.model._meta.verbose_name} or revision at this address.")

    def get_form(self, request, obj=None, change=False, **kwargs):
        # An old revision (simple_history marks its instance with `_history`) can name
        # an image deleted from the library since: its form opens without it.
        if obj is not None and getattr(obj, "_history", None) is not None:
            forgotten = obj.forget_deleted_images()
            if forgotten and request.method == "GET":
                messages.warning(
                    request,
                    f"This revision's {' and '.join(forgotten)} was deleted from the media "
                    "library since. It is left empty here: choose another image before "
                    "restoring, or restore without one.",
                )
        return super().get_form(request, obj, change, **kwargs)

    def revert_disabled(self, request, obj=None):
        return (obj is not None and self._in_trash(obj.pk)) or super().revert_disabled(request, obj)

    def _in_trash(self, object_id):
        return self.model.objects.in_trash().filter(pk=unquote(str(object_id))).exists()

    @admin.display(description="moved here", ordering="trashed_at")
    def moved_to_trash(self, obj):
        return obj.trashed_at

    @admin.display(description="by")
    def moved_by(self, obj):
        user = obj.trashed_by
        return (user.get_full_name() or user.get_username()) if user else "-"

    @admin.display(description="deleted for good on", ordering="trashed_at")
    def deleted_for_good_on(self, obj):
        return obj.purge_after

    # Publishing

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionHelper(self.model, historical_record)

    @admin.display(boolean=True, description="live")
    def published(self, obj):
        return obj.is_published

    @admin.display(description="status", ordering="status")
    def publishing_status(self, obj):
        """Live, scheduled (with when) or draft, in one short column."""
        if obj.is_published:
            return "Live"
        if obj.is_scheduled:
            return f"Scheduled: {date_format(timezone.localtime(obj.published_at), 'N j, g:i a')}"
        return "Draft"

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, obj):
        return date_format(timezone.localtime(obj.updated_at), "N j, Y")

    def _count(self, count):
        opts = self.model._meta
        return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"

    @admin.action(
        description="Publish selected %(verbose_name_plural)s now", permissions=["change"]
    )
    def publish_now(self, request, queryset):
        count = 0
        for obj in queryset:
            obj._history_user = request.user
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
            obj._history_user = request.user
            obj.unpublish()
            count += 1
        self.message_user(request, f"Moved {self._count(count)} back to draft.", messages.SUCCESS)

    @admin.action(
        description="Move selected %(verbose_name_plural)s to the trash", permissions=["delete"]
    )
    def move_to_trash(self, request, queryset):
        names = []
        for obj in queryset.not_in_trash():
            obj.move_to_trash(request.user)
            self.log_change(request, obj, "Moved to the trash.")
            names.append(str(obj))
        if names:
            self._message_trashed(request, names)

    @admin.action(description="Restore selected %(verbose_name_plural)s", permissions=["delete"])
    def restore_selected(self, request, queryset):
        restored = []
        for obj in queryset.in_trash():
            obj.restore_from_trash(request.user)
            self.log_change(request, obj, "Restored from the trash.")
            restored.append(obj)
        if restored:
            self._message_restored(request, restored)
