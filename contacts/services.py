"""The writes that go together: save a call-back request, audit it, notify staff."""

import hashlib
import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from contacts.models import (
    CallbackExport,
    CallbackRequest,
    CallbackRequestEvent,
    short_duration,
)
from recovery_site.networks import client_network

logger = logging.getLogger(__name__)

RATE_LIMIT_WINDOW = timedelta(hours=1)
# The second, coarser rate-limit bucket for IPv6 clients.
NETWORK_IPV6_PREFIX = 48
DUPLICATE_WINDOW = timedelta(minutes=10)
AUDITED_FIELDS = ("status", "assigned_to", "staff_notes")


class RateLimited(Exception):
    """The client has sent CALLBACK_RATE_LIMIT requests within the last hour."""


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies.

    Each of the TRUSTED_PROXY_COUNT proxies appends the address it was reached from,
    so the client is the Nth entry from the right; anything further left is whatever
    the client chose to send.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            address = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return address


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
):
    """Store a call-back request and notify staff after commit.

    Returns (request, created). A request from the same phone within the last ten
    minutes is returned as it is, with created False. Raises RateLimited when the
    client has sent CALLBACK_RATE_LIMIT requests within the last hour.
    """
    with transaction.atomic():
        _serialize(f"client:{client_hash}", f"phone:{phone}")
        now = timezone.now()
        recent = CallbackRequest.objects.filter(client_hash=client_hash)
        if recent.filter(created_at__gte=now - RATE_LIMIT_WINDOW).count() >= (
            settings.CALLBACK_RATE_LIMIT
        ):
            raise RateLimited
        duplicate = (
            CallbackRequest.objects.filter(phone=phone, created_at__gte=now - DUPLICATE_WINDOW)
            .order_by("-created_at")
            .first()
        )
        if duplicate is not None:
            return duplicate, False
        callback_request = CallbackRequest.objects.create(
            name=name,
            phone=phone,
            best_time=best_time,
            message=message,
            consent_text_version=consent_text_version,
            consented_at=now,
            source_path=source_path,
            client_hash=client_hash,
            created_at=now,
        )
        CallbackRequestEvent.objects.create(
            request=callback_request, kind=CallbackRequestEvent.Kind.CREATED, created_at=now
        )
        transaction.on_commit(partial(callback_request_notify, callback_request.pk), robust=True)
    logger.info("Call-back request #%s received", callback_request.pk)
    return callback_request, True


def _display(field, value):
    if value is None:
        return ""
    if field == "status":
        return CallbackRequest.Status(value).label
    if field == "assigned_to":
        return value.get_username()
    return str(value)


def callback_request_change(callback_request, *, actor, **changes):
    """Change status, assignment or notes, recording each change (who, when, old, new)."""
    unknown = set(changes) - set(AUDITED_FIELDS)
    if unknown:
        raise ValueError(f"Not a staff-editable field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = CallbackRequest.objects.select_for_update().get(pk=callback_request.pk)
        now = timezone.now()
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
        if events:
            locked.save()
            CallbackRequestEvent.objects.bulk_create(events)
    for field in ("first_contact_at", "updated_at", *AUDITED_FIELDS):
        setattr(callback_request, field, getattr(locked, field))
    return callback_request


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


def admin_change_url(callback_request):
    path = reverse("admin:contacts_callbackrequest_change", args=[callback_request.pk])
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{Site.objects.get_current().domain}{path}"


def notification_message(callback_request, now=None):
    """Subject and body of the staff email: no message text, contact details only if allowed."""
    now = now or timezone.now()
    context = {
        "request": callback_request,
        "waiting": short_duration(now - callback_request.created_at),
        "admin_url": admin_change_url(callback_request),
        "include_contact": settings.CALLBACK_EMAIL_INCLUDE_CONTACT,
    }
    subject = f"New call-back request #{callback_request.pk}"
    body = render_to_string("contacts/email/new_request.txt", context)
    return subject, body


def _send(callback_request):
    subject, body = notification_message(callback_request)
    send_mail(subject, body, None, settings.CALLBACK_NOTIFY_EMAILS)


def callback_request_notify(pk):
    """Email staff about one request, once. Returns True when sent.

    Safe to call for the same request from several processes at once. On failure the
    request keeps notified_at empty, for send_pending_notifications to retry.
    """
    if not settings.CALLBACK_NOTIFY_EMAILS:
        logger.warning("Call-back request #%s: no CALLBACK_NOTIFY_EMAILS to notify", pk)
        return False
    try:
        if connection.vendor == "postgresql":
            return _notify_locked(pk)
        return _notify_claimed(pk)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning(
            "Call-back request #%s: notification email failed (%s); it will be retried",
            pk,
            exc.__class__.__name__,
        )
        return False


def _notify_locked(pk):
    """PostgreSQL: hold the row lock while sending; a crash rolls back and leaves it unsent."""
    with transaction.atomic():
        callback_request = (
            CallbackRequest.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, notified_at__isnull=True)
            .first()
        )
        if callback_request is None:
            return False
        _send(callback_request)
        CallbackRequest.objects.filter(pk=pk).update(notified_at=timezone.now())
    logger.info("Call-back request #%s: staff notified", pk)
    return True


def _notify_claimed(pk):
    """Elsewhere: claim the row with an atomic UPDATE, and release the claim on failure.

    SQLite has no row locks, and holding its write lock while talking to a mail server
    would make visitors' submissions wait.
    """
    claimed_at = timezone.now()
    claimed = CallbackRequest.objects.filter(pk=pk, notified_at__isnull=True).update(
        notified_at=claimed_at
    )
    if not claimed:
        return False
    try:
        callback_request = CallbackRequest.objects.get(pk=pk)
        _send(callback_request)
    except BaseException:
        CallbackRequest.objects.filter(pk=pk, notified_at=claimed_at).update(notified_at=None)
        raise
    logger.info("Call-back request #%s: staff notified", pk)
    return True


def pending_notification_ids(limit=100):
    return list(
        CallbackRequest.objects.filter(notified_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
