import csv
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Max, Q, Value
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from contacts import dashboard, targets
from contacts.models import (
    TRIAGE_ORDERING,
    AccessLogEntry,
    CallAttempt,
    CallbackExport,
    CallbackNote,
    CallbackRequest,
    CallbackRequestEvent,
    ContactSettings,
    assignable_staff,
    get_contact_settings,
    short_duration,
)
from contacts.notifications import notifications_configured
from contacts.phone import spreadsheet_phone
from contacts.services import (
    AUDITED_FIELDS,
    call_attempt_log,
    callback_export_record,
    callback_note_add,
    callback_request_change,
    callback_request_viewed,
)
from contacts.targets import WEEKDAYS
from recovery_site.admin_lists import DeclaredFiltersOnly

Status = CallbackRequest.Status

# How often an open call-back list asks whether requests arrived.
LIVE_POLL_SECONDS = 15
# What the live list counts: a request received, or one that someone asked for again.
ARRIVALS = (CallbackRequestEvent.Kind.CREATED, CallbackRequestEvent.Kind.ASKED_AGAIN)

# Spreadsheets run cells that start with these as formulas; a leading quote keeps them text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = [
    ("Request", lambda r: r.pk),
    ("Received", lambda r: _local(r.created_at)),
    ("Name", lambda r: r.name),
    ("Phone", lambda r: spreadsheet_phone(r.phone)),
    ("Best time", lambda r: r.get_best_time_display()),
    ("Status", lambda r: r.get_status_display()),
    ("Assigned to", lambda r: r.assigned_to.get_username() if r.assigned_to else ""),
    ("First contact", lambda r: _local(r.first_contact_at)),
    ("Staff notified", lambda r: _local(r.notified_at)),
    ("Page", lambda r: r.source_path),
    ("Message", lambda r: r.message),
    ("Consent version", lambda r: r.consent_text_version),
    ("Consented at", lambda r: _local(r.consented_at)),
]


def _local(value):
    """2026-12-02T07:10:00-08:00: the centre's local time, with its offset, so a
    spreadsheet anywhere reads the same moment."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def csv_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@admin.register(ContactSettings)
class ContactSettingsAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    """One record: the list page opens it; it can be neither added nor deleted."""

    fieldsets = (
        (None, {"fields": ("phone", "shown_as", "banner_text", "updated_at")}),
        (
            "Intake hours and first-contact target",
            {
                "description": (
                    "The sentence is what visitors read; the hours below are what the "
                    "first-contact target is counted within, in the centre's time zone "
                    f"({settings.TIME_ZONE}). Keep the two saying the same thing."
                ),
                "fields": (
                    "intake_hours",
                    "first_contact_target",
                    "open_all_hours",
                    *((f"{day}_opens", f"{day}_closes") for day in WEEKDAYS),
                ),
            },
        ),
    )
    readonly_fields = ("shown_as", "updated_at")

    @admin.display(description="Shown on the site as")
    def shown_as(self, obj):
        return format_html('<a href="{}">{}</a>', obj.phone_href, obj.phone_display)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        contact, _ = ContactSettings.objects.get_or_create(pk=ContactSettings.SINGLETON_PK)
        return redirect("admin:contacts_contactsettings_change", contact.pk)


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        staff = (
            get_user_model()
            .objects.filter(assignable_staff())
            .exclude(pk=request.user.pk)
            .order_by("username")
        )
        return [("me", "Me"), ("none", "Nobody"), *((str(u.pk), u.get_username()) for u in staff)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "none":
            return queryset.filter(assigned_to__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        return queryset


class NotifiedFilter(admin.SimpleListFilter):
    title = "staff notified"
    parameter_name = "notified"

    def lookups(self, request, model_admin):
        return [("no", "Not notified"), ("yes", "Notified")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(notified_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(notified_at__isnull=False)
        return queryset


class NextCallFilter(admin.SimpleListFilter):
    title = "next call"
    parameter_name = "call"

    def lookups(self, request, model_admin):
        return [("due", "Due now"), ("later", "Later"), ("none", "No call needed")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "due":
            return queryset.filter(next_call_at__lte=now)
        if self.value() == "later":
            return queryset.filter(next_call_at__gt=now)
        if self.value() == "none":
            return queryset.filter(next_call_at__isnull=True)
        return queryset


class AddOnlyInline(admin.StackedInline):
    """A form to add one more entry; what was added shows in the history, where it can
    be neither changed nor deleted. The service writes it (see save_formset)."""

    extra = 1
    max_num = 1
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CallAttemptInline(AddOnlyInline):
    model = CallAttempt
    verbose_name = verbose_name_plural = "log a call attempt"
    fields = ("outcome", "next_call_at", "note")


class CallbackNoteInline(AddOnlyInline):
    model = CallbackNote
    verbose_name = verbose_name_plural = "add a note"
    fields = ("text",)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}


class CallbackRequestEventInline(admin.TabularInline):
    model = CallbackRequestEvent
    verbose_name = "history"
    verbose_name_plural = "history"
    fields = ("created_at", "actor", "entry")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        # Views and exports are the access log, for superusers only.
        return (
            super()
            .get_queryset(request)
            .filter(kind__in=CallbackRequestEvent.HISTORY_KINDS)
            .select_related("actor", "note", "attempt")
        )

    @admin.display(description="what happened")
    def entry(self, obj):
        return linebreaksbr(obj.description, autoescape=True)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CallbackRequest)
class CallbackRequestAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    list_display = (
        "received",
        "name",
        "phone_link",
        "status",
        "target",
        "attempts",
        "next_call",
        "assigned_to",
        "notified",
    )
    list_display_links = ("received", "name")
    list_filter = (
        NextCallFilter,
        "status",
        "best_time",
        AssignedFilter,
        ("created_at", admin.DateFieldListFilter),
        NotifiedFilter,
        "sent_fast",
    )
    search_fields = ("name", "phone")
    search_help_text = "Search by name or phone number (any format)."
    list_select_related = ("assigned_to",)
    list_per_page = 50
    # Counting every row on each page view is wasted work once there are many.
    show_full_result_count = False
    ordering = TRIAGE_ORDERING
    actions = (
        "assign_to_me",
        "mark_attempted",
        "mark_connected",
        "mark_closed",
        "mark_spam",
        "export_csv",
    )
    # The timeline first, then the forms to add to it, as in a conversation.
    inlines = (CallbackRequestEventInline, CallAttemptInline, CallbackNoteInline)

    class Media:
        css = {"all": ("contacts/admin/work.css",)}

    fieldsets = (
        (
            "What they sent",
            {
                "fields": (
                    "received",
                    "name",
                    "phone_link",
                    "best_time",
                    "message",
                    "source_path",
                    ("consent_text_version", "consented_at"),
                    "sent_fast",
                )
            },
        ),
        (
            "Work",
            {"fields": ("status", "assigned_to", "target", "next_call_at", "attempt_count")},
        ),
        (
            "Record",
            {
                "fields": ("last_asked_at", "first_contact_at", "notified_at", "updated_at"),
                "classes": ("collapse",),
            },
        ),
    )
    readonly_fields = (
        "received",
        "name",
        "phone_link",
        "best_time",
        "message",
        "source_path",
        "consent_text_version",
        "consented_at",
        "sent_fast",
        "target",
        "next_call_at",
        "attempt_count",
        "last_asked_at",
        "first_contact_at",
        "notified_at",
        "updated_at",
    )

    @admin.display(description="received", ordering="created_at")
    def received(self, obj):
        if obj.status == Status.NEW:
            return f"waiting {short_duration(timezone.now() - obj.created_at)}"
        created = timezone.localtime(obj.created_at)
        return f"{created:%b} {created.day}, {created:%Y, %H:%M}"

    def get_queryset(self, request):
        # The target in force now, read once per page: how soon "due soon" starts.
        target = get_contact_settings(request).first_contact_target
        return super().get_queryset(request).annotate(target_minutes=Value(target))

    @admin.display(description="target", ordering="first_contact_due_at")
    def target(self, obj):
        """On time, due soon or late against the first-contact target, and when it is
        due while nobody has been reached yet."""
        now = timezone.now()
        standing = targets.standing(obj, now, getattr(obj, "target_minutes", 15))
        if standing is None:
            return "–"
        if obj.first_contact_at is not None:
            return format_html('<span class="{}">{}</span>', standing.css_class, standing.label)
        due = timezone.localtime(obj.first_contact_due_at)
        when = (
            f"{due:%H:%M}"
            if due.date() == timezone.localdate(now)
            else f"{due:%b} {due.day}, {due:%H:%M}"
        )
        return format_html(
            '<span class="{}">{}</span> <span class="target-due">due {}</span>',
            standing.css_class,
            standing.label,
            when,
        )

    @admin.display(description="phone", ordering="phone")
    def phone_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.phone_href, obj.phone_display)

    @admin.display(description="attempts", ordering="attempt_count")
    def attempts(self, obj):
        return obj.attempt_count

    @admin.display(description="next call due", ordering="next_call_at")
    def next_call(self, obj):
        if obj.next_call_at is None:
            return "-"
        if obj.next_call_at <= timezone.now():
            due = "due now"
        else:
            local = timezone.localtime(obj.next_call_at)
            if local.date() == timezone.localdate():
                due = f"today {date_format(local, 'TIME_FORMAT')}"
            else:
                due = date_format(local, "N j, P")
        # Why a request is back up the queue: the same phone asked again.
        return f"{due}, asked again" if obj.last_asked_at > obj.created_at else due

    @admin.display(description="staff email", ordering="notified_at")
    def notified(self, obj):
        return "sent" if obj.notified_at else "not notified"

    def action_checkbox(self, obj):
        # Django renders this through the form widget templates: half the time of a page
        # of 50. The same markup, formatted directly.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            f"Select this object for an action - {obj}",
        )

    # Without anyone to email, no request is ever notified: saying so on each is noise.

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if notifications_configured():
            return shown
        return [f for f in shown if f != "notified"]

    def get_list_filter(self, request):
        shown = super().get_list_filter(request)
        return (
            shown if notifications_configured() else [f for f in shown if f is not NotifiedFilter]
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if notifications_configured():
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "notified_at"]})
            for name, options in fieldsets
        ]

    def has_add_permission(self, request):
        # Requests come from visitors only, through the form.
        return False

    def get_search_results(self, request, queryset, search_term):
        filtered = queryset
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        digits = re.sub(r"\D", "", search_term)
        if len(digits) >= 4:
            # Phones are stored as +18588880101; staff type (858) 888-0101.
            queryset |= filtered.filter(Q(phone__contains=digits))
        return queryset, may_have_duplicates

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            shown = (getattr(response, "context_data", None) or {}).get("original")
            if isinstance(shown, CallbackRequest):
                callback_request_viewed(shown, actor=request.user)
        return response

    def save_model(self, request, obj, form, change):
        changes = {
            field: form.cleaned_data[field]
            for field in AUDITED_FIELDS
            if field in form.changed_data
        }
        if changes:
            callback_request_change(obj, actor=request.user, **changes)

    def save_formset(self, request, form, formset, change):
        """Notes and call attempts are written by the services, with their history."""
        if formset.model not in (CallAttempt, CallbackNote):
            return super().save_formset(request, form, formset, change)
        added = []
        for entry in formset.save(commit=False):  # new entries only: nothing else is offered
            if isinstance(entry, CallAttempt):
                added.append(
                    call_attempt_log(
                        form.instance,
                        made_by=request.user,
                        outcome=entry.outcome,
                        next_call_at=entry.next_call_at,
                        note=entry.note,
                    )
                )
            else:
                added.append(callback_note_add(form.instance, author=request.user, text=entry.text))
        formset.new_objects = added
        return added

    def _change_each(self, request, queryset, message, **changes):
        count = 0
        for callback_request in queryset.select_related(None).only("pk"):
            callback_request_change(callback_request, actor=request.user, **changes)
            count += 1
        self.message_user(request, message.format(count=count))

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        if not get_user_model().objects.filter(assignable_staff(), pk=request.user.pk).exists():
            self.message_user(
                request, "Only intake staff can be assigned requests.", messages.ERROR
            )
            return
        self._change_each(
            request, queryset, "Assigned {count} request(s) to you.", assigned_to=request.user
        )

    @admin.action(description="Mark as attempted", permissions=["change"])
    def mark_attempted(self, request, queryset):
        self._change_each(
            request, queryset, "Marked {count} request(s) attempted.", status=Status.ATTEMPTED
        )

    @admin.action(description="Mark as connected", permissions=["change"])
    def mark_connected(self, request, queryset):
        self._change_each(
            request, queryset, "Marked {count} request(s) connected.", status=Status.CONNECTED
        )

    @admin.action(description="Mark as closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._change_each(
            request, queryset, "Marked {count} request(s) closed.", status=Status.CLOSED
        )

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._change_each(request, queryset, "Marked {count} request(s) spam.", status=Status.SPAM)

    @admin.action(description="Export to CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        filename = f"callback-requests-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow([title for title, _ in CSV_COLUMNS])
        exported = []
        rows = queryset.select_related("assigned_to").order_by("created_at", "pk")
        for callback_request in rows.iterator(chunk_size=2000):
            writer.writerow([csv_safe(value(callback_request)) for _, value in CSV_COLUMNS])
            exported.append(callback_request.pk)
        callback_export_record(
            actor=request.user, request_ids=exported, filters=self._export_filters(request)
        )
        return response

    def _export_filters(self, request):
        """The filters actually applied, as `status__exact=new&...`; search text is never kept."""
        described = self.get_changelist_instance(request).describe_filters()
        selected_all = request.POST.get("select_across") == "1"
        return f"{described}; {'all matching requests' if selected_all else 'selected requests'}"

    def get_urls(self):
        dashboard_url = path(
            "dashboard/",
            self.admin_site.admin_view(self.dashboard_view),
            name="contacts_callbackrequest_dashboard",
        )
        live_url = path(
            "live/",
            self.admin_site.admin_view(self.live_view),  # never cached
            name="contacts_callbackrequest_live",
        )
        return [dashboard_url, live_url, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        newest = CallbackRequestEvent.objects.aggregate(newest=Max("pk"))["newest"] or 0
        extra_context = {
            **(extra_context or {}),
            "live_newest": newest,
            "live_poll_ms": LIVE_POLL_SECONDS * 1000,
        }
        return super().changelist_view(request, extra_context)

    def live_view(self, request):
        """For the open list: how many requests arrived or were asked for again since
        history entry `after`, and the newest entry to ask from next time. Numbers only:
        nothing about the people who asked."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        after = request.GET.get("after", "")
        if not re.fullmatch(r"[0-9]{1,15}", after):
            return JsonResponse({"error": "Give after=<the newest number you have>."}, status=400)
        since = CallbackRequestEvent.objects.filter(pk__gt=int(after)).aggregate(
            newest=Max("pk"), arrived=Count("request", distinct=True, filter=Q(kind__in=ARRIVALS))
        )
        return JsonResponse({"newest": since["newest"] or int(after), "arrived": since["arrived"]})

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **dashboard.dashboard_context(timezone.now()),
            "contact": get_contact_settings(request),
            "title": "Speed to lead",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/contacts/callbackrequest/dashboard.html", context)


class SuperuserReadOnlyAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    """Audit records: superusers read them; nobody adds, changes or deletes them here."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AccessKindFilter(admin.SimpleListFilter):
    title = "access"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind.value, kind.label) for kind in CallbackRequestEvent.ACCESS_KINDS]

    def queryset(self, request, queryset):
        if self.value() in CallbackRequestEvent.ACCESS_KINDS:
            return queryset.filter(kind=self.value())
        return queryset


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(SuperuserReadOnlyAdmin):
    list_display = ("created_at", "actor", "kind", "request_link", "export")
    list_display_links = None
    list_filter = (AccessKindFilter, ("created_at", admin.DateFieldListFilter))
    list_select_related = ("actor", "export")
    search_fields = ("=request__id", "actor__username")
    search_help_text = "Search by request number (e.g. 42) or staff username."
    list_per_page = 100
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).access()

    @admin.display(description="call-back request", ordering="request_id")
    def request_link(self, obj):
        url = reverse("admin:contacts_callbackrequest_change", args=[obj.request_id])
        return format_html('<a href="{}">Call-back request #{}</a>', url, obj.request_id)


@admin.register(CallbackExport)
class CallbackExportAdmin(SuperuserReadOnlyAdmin):
    list_display = ("created_at", "exported_by", "row_count", "filters")
    list_select_related = ("exported_by",)
    fields = ("created_at", "exported_by", "row_count", "filters")
    readonly_fields = fields
