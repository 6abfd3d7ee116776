import logging
from datetime import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from contacts.phone import display_phone, parse_phone
from contacts.signals import contact_settings_changed
from contacts.targets import WEEKDAYS, first_contact_due, opening_hours

logger = logging.getLogger(__name__)

CONTACT_SETTINGS_CACHE_KEY = "contacts:contact-settings:v1"
CONTACT_SETTINGS_CACHE_SECONDS = 60 * 60


class DialablePhone:
    """`phone` (E.164) as people read it and as a tel: link dials it."""

    @property
    def phone_display(self):
        return display_phone(self.phone)

    @property
    def phone_href(self):
        return f"tel:{self.phone}"


def _opens(day):
    return models.TimeField(
        f"{day} opens", null=True, blank=True, default=time(8), help_text="Empty: closed."
    )


def _closes(day):
    return models.TimeField(
        f"{day} closes", null=True, blank=True, default=time(20), help_text="00:00 is midnight."
    )


class ContactSettings(DialablePhone, models.Model):
    """The one record holding the phone number, banner text and intake hours.

    Read it with `get_contact_settings()`, never with a query of your own: that is
    what keeps the number right when the cache or the database is down.
    """

    phone = models.CharField(
        max_length=20,
        default="+18588880101",
        help_text=(
            "The number visitors call, shown in the banner, on every call-to-action and on "
            "the error pages. Type it as you would dial it, e.g. 858-888-0101."
        ),
    )
    banner_text = models.CharField(
        max_length=30,
        default="CALL",
        help_text="The word or two before the number in the banner, e.g. CALL or Call us.",
    )
    intake_hours = models.CharField(
        max_length=200,
        default="Our intake team returns calls every day, 8 am to 8 pm Pacific time.",
        help_text=(
            "One sentence shown after someone asks for a call back, saying when to expect the call."
        ),
    )
    first_contact_target = models.PositiveSmallIntegerField(
        "first-contact target (minutes)",
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(7 * 24 * 60)],
        help_text=(
            "How soon intake should first reach someone who asked for a call back, counted "
            "within the intake hours below: a request that arrives while intake is closed is "
            "counted from the next opening. Each request is measured against the target in "
            "force when it arrived."
        ),
    )
    open_all_hours = models.BooleanField(
        "intake answers 24/7",
        default=False,
        help_text="Tick if someone works call-back requests at every hour; the hours below "
        "are then not used.",
    )
    monday_opens = _opens("Monday")
    monday_closes = _closes("Monday")
    tuesday_opens = _opens("Tuesday")
    tuesday_closes = _closes("Tuesday")
    wednesday_opens = _opens("Wednesday")
    wednesday_closes = _closes("Wednesday")
    thursday_opens = _opens("Thursday")
    thursday_closes = _closes("Thursday")
    friday_opens = _opens("Friday")
    friday_closes = _closes("Friday")
    saturday_opens = _opens("Saturday")
    saturday_closes = _closes("Saturday")
    sunday_opens = _opens("Sunday")
    sunday_closes = _closes("Sunday")
    updated_at = models.DateTimeField(auto_now=True)

    SINGLETON_PK = 1

    class Meta:
        verbose_name = "contact settings"
        verbose_name_plural = "contact settings"

    def __str__(self):
        return "Contact settings"

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK  # There is only ever one record.
        super().save(*args, **kwargs)
        self._changed()
        if connection.in_atomic_block:
            # A request reading between save and commit may cache the old values again.
            transaction.on_commit(self._changed, robust=True)

    def _changed(self):
        _remember(self)
        try:
            cache.delete(CONTACT_SETTINGS_CACHE_KEY)
        except Exception:  # noqa: BLE001 - the page-cache bump below still runs
            logger.warning("Contact settings: cache unavailable, the old values may linger")
        contact_settings_changed.send(sender=ContactSettings, instance=self)

    def clean(self):
        errors = {}
        e164 = parse_phone(self.phone)
        if e164 is None:
            errors["phone"] = "Enter a valid phone number, e.g. 858-888-0101."
        else:
            self.phone = e164
        for day in WEEKDAYS:
            opens, closes = getattr(self, f"{day}_opens"), getattr(self, f"{day}_closes")
            if (opens is None) != (closes is None):
                errors[f"{day}_closes" if closes is None else f"{day}_opens"] = (
                    f"Give both the opening and the closing time on {day.capitalize()}, or "
                    "neither if intake is closed that day."
                )
            elif opens is not None and closes != time.min and closes <= opens:
                errors[f"{day}_closes"] = (
                    f"{day.capitalize()} closes before it opens. For hours past midnight, "
                    "close at 00:00 and open at 00:00 the next day."
                )
        if (
            not self.open_all_hours
            and not errors
            and not any(opening_hours(self, weekday) for weekday in range(7))
        ):
            errors["open_all_hours"] = "Give intake's hours on at least one day, or tick 24/7."
        if errors:
            raise ValidationError(errors)


# The contact settings this process last read from the cache or the database. When both
# are out of reach, pages show these rather than the built-in defaults: the number a
# person in crisis dials must be the centre's. Only a process that has never read them
# (started during an outage of both) falls back to the defaults.
_last_known_good = None


def _remember(contact):
    global _last_known_good
    _last_known_good = contact


def _last_known_or_default():
    return _last_known_good or ContactSettings()


def get_contact_settings(request=None, *, allow_database=True):
    """The contact settings: from the cache, else the database, else the last ones this
    process read, else the defaults. Never raises.

    Given the request, they are read once for it, however many templates ask. With
    allow_database=False (the 500 page) the database is not tried.
    """
    if request is not None:
        contact = getattr(request, "_contact_settings", None)
        if contact is None:
            contact = request._contact_settings = get_contact_settings(
                allow_database=allow_database
            )
        return contact
    try:
        contact = cache.get(CONTACT_SETTINGS_CACHE_KEY)
    except Exception:  # noqa: BLE001 - a broken cache must not hide the phone number
        logger.warning("Contact settings: cache unavailable")
        contact = cached = None
    else:
        cached = True
    if contact is not None:
        _remember(contact)
        return contact
    if not allow_database:
        return _last_known_or_default()
    try:
        contact = ContactSettings.objects.filter(pk=ContactSettings.SINGLETON_PK).first()
    except DatabaseError:
        logger.warning("Contact settings: database unavailable, using the last ones read")
        return _last_known_or_default()
    contact = contact or ContactSettings()
    _remember(contact)
    if cached:
        try:
            cache.set(CONTACT_SETTINGS_CACHE_KEY, contact, CONTACT_SETTINGS_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("Contact settings: cache unavailable")
    return contact


def short_duration(delta):
    """12 min, 3 h 5 min, 2 days: how long someone has been waiting."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 1:
        return "less than a minute"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


# How intake staff see requests: the calls that are due first, the longest overdue at
# the top (a new request is due from the moment it arrives, a repeat from the same
# phone makes it due again at once, an attempt can set a later time); then the
# requests nobody needs to call, the most recently asked first.
TRIAGE_ORDERING = (
    F("next_call_at").asc(nulls_last=True),
    F("last_asked_at").desc(),
)


# The staff group that works the call-back requests (made by the groups migration).
INTAKE_GROUP = "Intake"


def assignable_staff():
    """Who may be given a call-back request: active staff in Intake, and superusers.
    Editors never are. A Q for `limit_choices_to` and for filtering users."""
    from django.contrib.auth.models import Group

    intake_members = Group.objects.filter(name=INTAKE_GROUP).values("user")
    return models.Q(is_active=True, is_staff=True) & (
        models.Q(is_superuser=True) | models.Q(pk__in=intake_members)
    )


class CallbackRequest(DialablePhone, models.Model):
    """A visitor asking to be called back: health information, seen by intake staff only."""

    class BestTime(models.TextChoices):
        ASAP = "asap", "As soon as possible"
        MORNING = "morning", "Morning"
        AFTERNOON = "afternoon", "Afternoon"
        EVENING = "evening", "Evening"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ATTEMPTED = "attempted", "Attempted"
        CONNECTED = "connected", "Connected"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    name = models.CharField(max_length=100)
    phone = models.CharField(max_length=20, help_text="International (E.164) format.")
    best_time = models.CharField(
        "best time to call", max_length=10, choices=BestTime, default=BestTime.ASAP
    )
    message = models.TextField(max_length=1000, blank=True)
    consent_text_version = models.CharField(
        max_length=20, help_text="Which wording of the consent checkbox the visitor ticked."
    )
    consented_at = models.DateTimeField()
    source_path = models.CharField(
        max_length=200, blank=True, help_text="The page the visitor asked from."
    )
    client_hash = models.CharField(
        max_length=64,
        help_text="A keyed hash of the visitor's network address, for rate limiting only.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="callback_requests",
        limit_choices_to=assignable_staff,
        help_text="The intake worker working this request.",
    )
    first_contact_due_at = models.DateTimeField(
        "first contact due",
        null=True,
        blank=True,
        editable=False,
        help_text="When the first-contact target runs out: set when the request arrives, from "
        "the target and intake hours in the contact settings.",
    )
    first_contact_at = models.DateTimeField(
        "first contact",
        null=True,
        blank=True,
        help_text="When somebody first spoke with them: set when the status first is Connected.",
    )
    notified_at = models.DateTimeField(
        "staff notified",
        null=True,
        blank=True,
        help_text="When the notification email went out; empty while it is still unsent.",
    )
    notify_claimed_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="A sender is emailing staff about this request until then (see notifications).",
    )
    sent_fast = models.BooleanField(
        "sent fast",
        default=False,
        help_text=(
            "Sent faster than a person usually fills in the form (autofill, or a bot). It was "
            "stored all the same: check it before calling. Purged like spam if nobody works it."
        ),
    )
    created_at = models.DateTimeField("received", default=timezone.now, editable=False)
    last_asked_at = models.DateTimeField(
        "last asked",
        default=timezone.now,
        editable=False,
        help_text="When the request was received, or when the same phone last asked again.",
    )
    next_call_at = models.DateTimeField(
        "next call due",
        null=True,
        blank=True,
        editable=False,
        help_text=(
            "When to call next: on arrival, at once; after an attempt, the time it set; "
            "empty once nobody needs to call (connected, closed, spam, wrong number)."
        ),
    )
    attempt_count = models.PositiveIntegerField("attempts", default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "call-back request"
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        indexes = [
            # Serves the intake list's order (the admin adds -pk for a total order), so a
            # page of 50 is an index scan rather than a sort of every request.
            # (An ascending index keeps NULLs last on PostgreSQL, as the order does;
            # SQLite cannot say so in an index.)
            models.Index(
                F("next_call_at").asc(),
                F("last_asked_at").desc(),
                F("id").desc(),
                name="callback_queue_order",
            ),
            # The same order within one status, and within one person's requests ("assigned
            # to me"): the list's two commonest filters read a page straight from an index
            # instead of walking the whole order and dropping the rows that do not match.
            models.Index(
                F("status"),
                F("next_call_at").asc(),
                F("last_asked_at").desc(),
                F("id").desc(),
                name="callback_status_triage",
            ),
            models.Index(
                F("assigned_to"),
                F("next_call_at").asc(),
                F("last_asked_at").desc(),
                F("id").desc(),
                name="callback_assigned_triage",
            ),
            # The list sorted by its target column ("late" first).
            models.Index(fields=["first_contact_due_at", "-id"], name="callback_due"),
            models.Index(fields=["status", "created_at"], name="callback_status_created"),
            models.Index(fields=["client_hash", "created_at"], name="callback_client_created"),
            models.Index(fields=["phone", "created_at"], name="callback_phone_created"),
            models.Index(fields=["created_at"], name="callback_created"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(notified_at__isnull=True),
                name="callback_unnotified",
            ),
        ]

    def __str__(self):
        # Never the name or phone: this string lands in logs, admin messages and history.
        return f"Call-back request #{self.pk}" if self.pk else "New call-back request"

    # Still waiting for a conversation: a repeat from the same phone joins these.
    WAITING_STATUSES = (Status.NEW, Status.ATTEMPTED)

    def save(self, *args, **kwargs):
        if self.first_contact_due_at is None and self._state.adding:
            self.first_contact_due_at = first_contact_due(self.created_at, get_contact_settings())
        derived = set()
        if self.status == self.Status.CONNECTED and self.first_contact_at is None:
            self.first_contact_at = timezone.now()
            derived.add("first_contact_at")
        if self.status not in self.WAITING_STATUSES and self.next_call_at is not None:
            self.next_call_at = None  # nobody needs to call any more
            derived.add("next_call_at")
        elif self.status == self.Status.NEW and self.next_call_at is None:
            self.next_call_at = self.created_at  # due from the moment it arrived
            derived.add("next_call_at")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and derived:
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)


class CallbackNote(models.Model):
    """One note on a call-back request: who wrote it and when. Notes are only ever
    added: a correction is another note, so what a colleague wrote stays as written."""

    request = models.ForeignKey(CallbackRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField("note", max_length=2000, validators=[MaxLengthValidator(2000)])
    earlier = models.BooleanField(
        "earlier notes",
        default=False,
        editable=False,
        help_text="Carried over from the single notes box requests used to have (author unknown).",
    )
    created_at = models.DateTimeField("written", default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "note"

    def __str__(self):
        # Never the text: this string lands in the admin's change messages.
        return f"Note #{self.pk} on call-back request #{self.request_id}"


class CallOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    VOICEMAIL = "voicemail", "Left voicemail"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    CONNECTED = "connected", "Connected"
    CALL_LATER = "call_later", "Asked to call later"


# After these, somebody calls again; after the others, nobody needs to.
CALL_AGAIN_OUTCOMES = (CallOutcome.NO_ANSWER, CallOutcome.VOICEMAIL, CallOutcome.CALL_LATER)


class CallAttempt(models.Model):
    """One call to the person who asked, with how it went and when to call next."""

    Outcome = CallOutcome
    CALL_AGAIN_OUTCOMES = CALL_AGAIN_OUTCOMES

    request = models.ForeignKey(CallbackRequest, on_delete=models.CASCADE, related_name="attempts")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=20, choices=CallOutcome)
    next_call_at = models.DateTimeField(
        "call again at",
        null=True,
        blank=True,
        help_text=(
            "When to try again (needed after Asked to call later). Left empty after no "
            "answer or a voicemail, the request stays due now."
        ),
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField("called at", default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "call attempt"
        indexes = [models.Index(fields=["request", "created_at"], name="call_attempt_request")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_call_at__isnull=True)
                | models.Q(outcome__in=CALL_AGAIN_OUTCOMES),
                name="call_attempt_next_call_only_when_calling_again",
            ),
        ]

    def __str__(self):
        return f"Call attempt #{self.pk} on call-back request #{self.request_id}"

    def clean(self):
        if self.outcome not in self.CALL_AGAIN_OUTCOMES:
            if self.next_call_at is not None:
                raise ValidationError(
                    {"next_call_at": "Nobody calls again after this outcome: leave it empty."}
                )
        elif self.outcome == self.Outcome.CALL_LATER and self.next_call_at is None:
            raise ValidationError({"next_call_at": "Say when they asked to be called."})
        if self.next_call_at is not None and self.next_call_at < timezone.now():
            raise ValidationError({"next_call_at": "The next call must be in the future."})

    @property
    def description(self):
        said = f"Call attempt: {self.get_outcome_display()}"
        if self.next_call_at:
            said += ", call again " + date_format(timezone.localtime(self.next_call_at), "N j, P")
        return f"{said.removesuffix('.')}. {self.note}" if self.note else said


class CallbackRequestEvent(models.Model):
    """One line of a call-back request's history (created, a field changed) or of the
    access log (staff viewed it, or exported it to CSV).

    Access entries are for superusers only (AccessLogEntry); the history that intake
    staff see leaves them out. All of them go when the request is deleted.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "Received"
        ASKED_AGAIN = "asked_again", "Asked again"
        CHANGED = "changed", "Changed"
        NOTE = "note", "Note"
        ATTEMPT = "attempt", "Call attempt"
        VIEWED = "viewed", "Viewed"
        EXPORTED = "exported", "Exported"

    request = models.ForeignKey(CallbackRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the visitor or the system did it.",
    )
    field = models.CharField(max_length=30, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    # What a repeat request from the same phone said (asked again only): often another
    # person on a family phone, so it is kept beside the first request, not merged into it.
    name = models.CharField(max_length=100, blank=True)
    best_time = models.CharField(
        "best time to call", max_length=10, choices=CallbackRequest.BestTime, blank=True
    )
    message = models.TextField(max_length=1000, blank=True)
    client_hash = models.CharField(
        max_length=64, blank=True, help_text="As on the request: counted by the rate limit."
    )
    export = models.ForeignKey(
        "CallbackExport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text="The CSV export that included the request (exports only).",
    )
    note = models.ForeignKey(
        CallbackNote, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    attempt = models.ForeignKey(
        CallAttempt, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("when", default=timezone.now, editable=False)

    HISTORY_KINDS = (Kind.CREATED, Kind.ASKED_AGAIN, Kind.CHANGED, Kind.NOTE, Kind.ATTEMPT)
    ACCESS_KINDS = (Kind.VIEWED, Kind.EXPORTED)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "call-back request event"
        indexes = [
            models.Index(fields=["kind", "created_at"], name="callback_event_kind_created"),
            # The rate limit counts repeats as well as new requests.
            models.Index(
                fields=["client_hash", "created_at"],
                condition=models.Q(kind="asked_again"),
                name="callback_event_asked_client",
            ),
        ]

    def __str__(self):
        return f"Event #{self.pk} on call-back request #{self.request_id}"

    @property
    def description(self):
        if self.kind == self.Kind.CREATED:
            return "Request received"
        if self.kind == self.Kind.ASKED_AGAIN:
            said = f"{self.name}, best time: {self.get_best_time_display() or '(not given)'}"
            return f"Asked again: {said}" + (f". Message: {self.message}" if self.message else "")
        if self.kind == self.Kind.NOTE:
            if self.note is None:
                return "Note"
            return ("Earlier notes: " if self.note.earlier else "Note: ") + self.note.text
        if self.kind == self.Kind.ATTEMPT:
            return self.attempt.description if self.attempt else "Call attempt"
        if self.kind == self.Kind.VIEWED:
            return "Viewed the request"
        if self.kind == self.Kind.EXPORTED:
            return f"Exported to CSV (export #{self.export_id})" if self.export_id else "Exported"
        old, new = self.old_value or "(empty)", self.new_value or "(empty)"
        return f"{self.field.replace('_', ' ')}: {old} → {new}"


class CallbackExport(models.Model):
    """A CSV export of call-back requests: who took how many, with which filter, and when.

    Which requests it held is in their access log (one EXPORTED event each), which
    the retention purge deletes with them; this record keeps no personal data.
    """

    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    row_count = models.PositiveIntegerField()
    filters = models.CharField(
        max_length=500,
        blank=True,
        help_text=(
            "The list filters in force, e.g. status=new. Search text is never kept: it may be "
            "a name or phone number."
        ),
    )
    created_at = models.DateTimeField("exported at", default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "call-back export"

    def __str__(self):
        return f"Export #{self.pk} ({self.row_count} requests)"


class SpamTrapCount(models.Model):
    """How many submissions the hidden honeypot field caught on one day.

    They are the only submissions the site discards: bots fill in a field people never
    see. Counted so that intake can see the trap working, and notice if it ever catches
    too much.
    """

    day = models.DateField(unique=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = "spam trap count"

    def __str__(self):
        return f"{self.day}: {self.count}"


class AccessLogQuerySet(models.QuerySet):
    def access(self):
        return self.filter(kind__in=CallbackRequestEvent.ACCESS_KINDS)


class AccessLogEntry(CallbackRequestEvent):
    """The access log: who viewed or exported which call-back request, and when."""

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        proxy = True
        ordering = ["-created_at", "-pk"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"
