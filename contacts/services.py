"""The writes that go together: save a call-back request, audit it, notify staff."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.crypto import salted_hmac

from contacts.models import (
    CallAttempt,
    CallbackExport,
    CallbackNote,
    CallbackRequest,
    CallbackRequestEvent,
    SpamTrapCount,
    assignable_staff,
)
from contacts.tasks import notify_staff
from recovery_site.networks import client_network

logger = logging.getLogger(__name__)

RATE_LIMIT_WINDOW = timedelta(hours=1)
# The second, coarser rate-limit bucket for IPv6 clients.
NETWORK_IPV6_PREFIX = 48
# A repeat from the same phone joins the request still waiting for a conversation...
ASKED_AGAIN_WINDOW = timedelta(days=30)
WAITING_STATUSES = CallbackRequest.WAITING_STATUSES
# ... and the very same words again this soon are one request sent twice.
DUPLICATE_WINDOW = timedelta(minutes=10)
AUDITED_FIELDS = ("status", "assigned_to")


class RateLimited(Exception):
    """The client has sent CALLBACK_RATE_LIMIT requests within the last hour."""


def client_hash(address):
    """A keyed hash of the client (IPv6 counted per /64 network): the rate-limit key."""
    return _keyed(client_network(address) or "unknown:" + address[:100])


def network_rate_limited(address):
    """True when the client's IPv6 /48 has sent CALLBACK_NETWORK_RATE_LIMIT requests
    this hour: the second, coarser bucket, so that the 65,536 /64s of one /48 are not
    65,536 separate limits. Counted in the cache (shared across processes with
    REDIS_URL); if the cache is out of reach, nobody is turned away."""
    network = client_network(address, ipv6_prefix=NETWORK_IPV6_PREFIX)
    if network is None or "/" not in network:
        return False  # IPv4: one address is already the finest bucket there is
    hour = int(timezone.now().timestamp() // 3600)
    key = f"contacts:network-rate:{_keyed(network)}:{hour}"
    try:
        cache.add(key, 0, 2 * 60 * 60)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - a cache outage must not turn a person away
        logger.warning("Call-back form: cache unavailable, network rate limit not checked")
        return False
    return count > settings.CALLBACK_NETWORK_RATE_LIMIT


def _keyed(key):
    return salted_hmac("contacts.client-hash", key, algorithm="sha256").hexdigest()


def _serialize(*keys):
    """On PostgreSQL, make concurrent submissions for the same client or phone queue.

    SQLite needs nothing: its transactions start IMMEDIATE, so writers already queue.
    Locks are taken in sorted order so two transactions can never wait on each other.
    """
    if connection.vendor != "postgresql":
        return
    lock_ids = sorted(
        int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        for key in keys
    )
    with connection.cursor() as cursor:
        for lock_id in lock_ids:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])


def callback_request_create(
    *,
    name,
    phone,
    best_time,
    message,
    consent_text_version,
    client_hash,
    source_path="",
    sent_fast=False,
):
    """Store a call-back request and queue the staff email, in one transaction.

    Returns (request, created). When the same phone already has a request waiting for
    a conversation (new or attempted, received within ASKED_AGAIN_WINDOW), nothing new
    is created: the repeat is kept on that request as an "asked again" entry with its
    own name, best time and message, and no second email goes out. The same entry sent
    again within DUPLICATE_WINDOW (a double click, the back button) is not recorded
    twice. Raises RateLimited when the client has sent CALLBACK_RATE_LIMIT requests or
    repeats within the last hour.
    """
    with transaction.atomic():
        _serialize(f"client:{client_hash}", f"phone:{phone}")
        now = timezone.now()
        since = now - RATE_LIMIT_WINDOW
        sent = CallbackRequest.objects.filter(client_hash=client_hash, created_at__gte=since)
        repeats = CallbackRequestEvent.objects.filter(
            kind=CallbackRequestEvent.Kind.ASKED_AGAIN,
            client_hash=client_hash,
            created_at__gte=since,
        )
        if sent.count() + repeats.count() >= settings.CALLBACK_RATE_LIMIT:
            raise RateLimited
        waiting = (
            CallbackRequest.objects.filter(
                phone=phone, status__in=WAITING_STATUSES, created_at__gte=now - ASKED_AGAIN_WINDOW
            )
            .order_by("-created_at")
            .first()
        )
        if waiting is not None:
            _asked_again(
                waiting,
                now,
                name=name,
                best_time=best_time,
                message=message,
                client_hash=client_hash,
            )
            return waiting, False
        callback_request = CallbackRequest.objects.create(
            name=name,
            phone=phone,
            best_time=best_time,
            message=message,
            consent_text_version=consent_text_version,
            consented_at=now,
            source_path=source_path,
            client_hash=client_hash,
            sent_fast=sent_fast,
            created_at=now,
            last_asked_at=now,
        )
        CallbackRequestEvent.objects.create(
            request=callback_request, kind=CallbackRequestEvent.Kind.CREATED, created_at=now
        )
        _queue_notification(callback_request.pk)
    logger.info("Call-back request #%s received", callback_request.pk)
    return callback_request, True


def _asked_again(callback_request, now, *, name, best_time, message, client_hash):
    """Keep a repeat from the same phone on the request it repeats (see above)."""
    said = {"name": name, "best_time": best_time, "message": message}
    recent = now - DUPLICATE_WINDOW
    if callback_request.created_at >= recent and said == {
        "name": callback_request.name,
        "best_time": callback_request.best_time,
        "message": callback_request.message,
    }:
        return
    if callback_request.events.filter(
        kind=CallbackRequestEvent.Kind.ASKED_AGAIN, created_at__gte=recent, **said
    ).exists():
        return
    CallbackRequestEvent.objects.create(
        request=callback_request,
        kind=CallbackRequestEvent.Kind.ASKED_AGAIN,
        client_hash=client_hash,
        created_at=now,
        **said,
    )
    # Asking again makes the call due now, unless it already was: up the queue it goes.
    CallbackRequest.objects.filter(pk=callback_request.pk).update(
        last_asked_at=now,
        updated_at=now,
        next_call_at=Case(When(next_call_at__lte=now, then=F("next_call_at")), default=Value(now)),
    )
    callback_request.refresh_from_db(fields=["last_asked_at", "updated_at", "next_call_at"])
    logger.info("Call-back request #%s: asked again", callback_request.pk)


def spam_trap_caught():
    """Count one submission caught by the honeypot (today, in the centre's time zone)."""
    today = timezone.localdate()
    try:
        with transaction.atomic():
            counted = SpamTrapCount.objects.filter(day=today).update(count=F("count") + 1)
            if not counted:
                _serialize(f"spam-trap:{today}")
                counter, _ = SpamTrapCount.objects.get_or_create(day=today)
                SpamTrapCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    except DatabaseError as exc:
        logger.warning("Spam trap: could not count a catch (%s)", type(exc).__name__)


def _queue_notification(pk):
    """Queue the staff email in the request's own transaction (the worker sends it).

    A failure here must not cost the visitor their request: it is logged, and the cron
    safety net (`send_pending_notifications`) sends every email still unsent.
    """
    try:
        with transaction.atomic():
            notify_staff.enqueue(pk)
    except Exception as exc:  # noqa: BLE001 - the request matters more than its email
        logger.error(
            "Call-back request #%s: the notification could not be queued (%s)",
            pk,
            type(exc).__name__,
        )


def _display(field, value):
    if value is None:
        return ""
    if field == "status":
        return CallbackRequest.Status(value).label
    if field == "assigned_to":
        return value.get_username()
    return str(value)


def _apply_changes(locked, *, actor, now, changes):
    """Set each changed field on the locked request; the CHANGED events to record."""
    events = []
    for field, new in changes.items():
        old = getattr(locked, field)
        if old == new:
            continue
        events.append(
            CallbackRequestEvent(
                request=locked,
                kind=CallbackRequestEvent.Kind.CHANGED,
                actor=actor,
                field=field,
                old_value=_display(field, old),
                new_value=_display(field, new),
                created_at=now,
            )
        )
        setattr(locked, field, new)
    return events


# What working a request changes besides the audited fields; copied back to the caller's
# instance so that the admin shows what was saved.
DERIVED_FIELDS = ("first_contact_at", "next_call_at", "attempt_count", "updated_at")


def _copy_back(locked, callback_request):
    for field in (*DERIVED_FIELDS, *AUDITED_FIELDS):
        setattr(callback_request, field, getattr(locked, field))
    return callback_request


def callback_request_change(callback_request, *, actor, **changes):
    """Change status or assignment, recording each change (who, when, old, new)."""
    unknown = set(changes) - set(AUDITED_FIELDS)
    if unknown:
        raise ValueError(f"Not a staff-editable field: {', '.join(sorted(unknown))}")
    assignee = changes.get("assigned_to")
    if assignee is not None and not _assignable(assignee):
        raise ValidationError({"assigned_to": "Only intake staff can be assigned requests."})
    with transaction.atomic():
        locked = CallbackRequest.objects.select_for_update().get(pk=callback_request.pk)
        events = _apply_changes(locked, actor=actor, now=timezone.now(), changes=changes)
        if events:
            locked.save()
            CallbackRequestEvent.objects.bulk_create(events)
    return _copy_back(locked, callback_request)


def _assignable(user):
    return get_user_model().objects.filter(assignable_staff(), pk=user.pk).exists()


def callback_note_add(callback_request, *, author, text):
    """Add a note (its author, its time) to the request and to its history.

    Raises ValidationError for an empty or over-long note, and stores nothing then.
    """
    note = CallbackNote(request=callback_request, author=author, text=(text or "").strip())
    note.full_clean(exclude=["request", "author"])
    with transaction.atomic():
        now = timezone.now()
        note.created_at = now
        note.save()
        CallbackRequestEvent.objects.create(
            request=callback_request,
            kind=CallbackRequestEvent.Kind.NOTE,
            actor=author,
            note=note,
            created_at=now,
        )
        CallbackRequest.objects.filter(pk=callback_request.pk).update(updated_at=now)
    return note


def call_attempt_log(callback_request, *, made_by, outcome, next_call_at=None, note=""):
    """Record a call to the person and what follows from how it went, in one transaction.

    A first attempt moves a new request to Attempted; Connected moves a waiting request
    to Connected (which sets first contact). After no answer, a voicemail or "call me
    later" the request is due again at `next_call_at` (now when not given); after the
    other outcomes nobody needs to call. Closed and spam requests keep their status.
    Raises ValidationError for an outcome and next call that do not go together, and
    stores nothing then.
    """
    attempt = CallAttempt(
        request=callback_request,
        made_by=made_by,
        outcome=outcome,
        next_call_at=next_call_at,
        note=(note or "").strip(),
    )
    attempt.full_clean(exclude=["request", "made_by"])
    Status = CallbackRequest.Status
    with transaction.atomic():
        locked = CallbackRequest.objects.select_for_update().get(pk=callback_request.pk)
        now = timezone.now()
        attempt.request = locked
        attempt.created_at = now
        attempt.save()
        status = locked.status
        if outcome == CallAttempt.Outcome.CONNECTED and status in WAITING_STATUSES:
            status = Status.CONNECTED
        elif status == Status.NEW:
            status = Status.ATTEMPTED
        events = _apply_changes(locked, actor=made_by, now=now, changes={"status": status})
        if outcome == CallAttempt.Outcome.CONNECTED and locked.first_contact_at is None:
            locked.first_contact_at = now  # reached, whatever the status says
        if outcome in CallAttempt.CALL_AGAIN_OUTCOMES:
            locked.next_call_at = attempt.next_call_at or now
        else:
            locked.next_call_at = None
        locked.attempt_count = F("attempt_count") + 1
        locked.save()
        locked.refresh_from_db(fields=["attempt_count"])
        CallbackRequestEvent.objects.bulk_create(
            [
                CallbackRequestEvent(
                    request=locked,
                    kind=CallbackRequestEvent.Kind.ATTEMPT,
                    actor=made_by,
                    attempt=attempt,
                    created_at=now,
                ),
                *events,
            ]
        )
    _copy_back(locked, callback_request)
    return attempt


def callback_request_viewed(callback_request, *, actor):
    """Record in the access log that a staff member opened the request's page."""
    return CallbackRequestEvent.objects.create(
        request=callback_request, kind=CallbackRequestEvent.Kind.VIEWED, actor=actor
    )


def callback_export_record(*, actor, row_count=None, request_ids=None, filters=""):
    """Record a CSV export, and an access log entry for each request it held."""
    request_ids = list(request_ids or ())
    with transaction.atomic():
        now = timezone.now()
        export = CallbackExport.objects.create(
            exported_by=actor,
            row_count=len(request_ids) if row_count is None else row_count,
            filters=filters[:500],
            created_at=now,
        )
        CallbackRequestEvent.objects.bulk_create(
            (
                CallbackRequestEvent(
                    request_id=pk,
                    kind=CallbackRequestEvent.Kind.EXPORTED,
                    actor=actor,
                    export=export,
                    created_at=now,
                )
                for pk in request_ids
            ),
            batch_size=1000,
        )
    return export
