"""The staff email about a new call-back request, sent by the task worker, never by the
visitor's request.

Delivery is at least once. The request row is the outbox: `notified_at` stays empty until
the email has been accepted by the mail server. A sender first claims the row for
NOTIFY_LEASE (two minutes) with one conditional UPDATE (so two workers, or the worker and the cron
safety net, never send the same email at once), then sends, then records `notified_at`.

A duplicate email needs a crash in the moment between the mail server accepting the
message and that last UPDATE, or a database away for longer than RECORD_RETRY_SECONDS
just then; the SMTP QUIT is left until after it, so a mail server that hangs on QUIT
cannot cause one. A sender killed before the server
accepted anything leaves the claim to expire, and the email goes out on a later try.
"""

import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError
from django.db import connection as db_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from contacts.models import CallbackRequest, short_duration
from recovery_site.http import canonical_url

logger = logging.getLogger(__name__)

# Longer than the slowest send can take (under ten SMTP exchanges, each cut off after
# EMAIL_TIMEOUT seconds), so an email is never claimed again while it is being sent.
NOTIFY_LEASE = timedelta(minutes=2)
# How long a sender keeps trying to record an email the mail server has accepted.
RECORD_RETRY_SECONDS = 30
RECORD_RETRY_PAUSE = 0.5


def notifications_configured():
    """Whether anyone is emailed about new requests. Without it no email is ever sent, so
    an empty `notified_at` means nothing and the admin does not show it."""
    return bool(settings.CALLBACK_NOTIFY_EMAILS)


def admin_change_url(callback_request):
    """The request's admin page on the site's canonical host (DJANGO_SITE_DOMAIN, which
    `make run PORT=...` sets to the port it serves): read from the settings, never from
    a Sites record a different run may have written."""
    path = reverse("admin:contacts_callbackrequest_change", args=[callback_request.pk])
    return canonical_url(None, path)


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


def unclaimed(now):
    """Requests whose email has not gone out and that no sender is working on."""
    return CallbackRequest.objects.filter(notified_at__isnull=True).filter(
        Q(notify_claimed_until__isnull=True) | Q(notify_claimed_until__lt=now)
    )


def callback_request_notify(pk):
    """Email staff about one request, once. Returns True when this call sent it.

    Safe to call for the same request from several processes at once. On failure the
    claim is released and `notified_at` stays empty, for a retry.
    """
    if not notifications_configured():
        logger.warning("Call-back request #%s: no CALLBACK_NOTIFY_EMAILS to notify", pk)
        return False
    now = timezone.now()
    claimed_until = now + NOTIFY_LEASE
    if not unclaimed(now).filter(pk=pk).update(notify_claimed_until=claimed_until):
        return False  # sent already, or another sender has it
    mine = CallbackRequest.objects.filter(pk=pk, notify_claimed_until=claimed_until)
    connection = None
    try:
        callback_request = CallbackRequest.objects.get(pk=pk)
        subject, body = notification_message(callback_request)
        connection = get_connection()
        connection.open()
        connection.send_messages(
            [EmailMessage(subject, body, None, settings.CALLBACK_NOTIFY_EMAILS)]
        )
    except (smtplib.SMTPException, OSError) as exc:
        mine.update(notify_claimed_until=None)
        logger.warning(
            "Call-back request #%s: notification email failed (%s); it will be retried",
            pk,
            exc.__class__.__name__,
        )
        _close_quietly(connection)
        return False
    except BaseException:
        mine.update(notify_claimed_until=None)
        _close_quietly(connection)
        raise
    _record_sent(pk)
    _close_quietly(connection)
    logger.info("Call-back request #%s: staff notified", pk)
    return True


def _record_sent(pk):
    """Record that the email went; recorded even if the claim ran out meanwhile.

    The mail server has accepted it, so a database that is away for a moment (a restart)
    is waited for, up to RECORD_RETRY_SECONDS, rather than leaving the email to be sent a
    second time when the claim runs out.
    """
    deadline = time.monotonic() + RECORD_RETRY_SECONDS
    while True:
        try:
            CallbackRequest.objects.filter(pk=pk, notified_at__isnull=True).update(
                notified_at=timezone.now(), notify_claimed_until=None
            )
            return
        except DatabaseError as exc:
            if time.monotonic() >= deadline:
                logger.error(
                    "Call-back request #%s: the email went but could not be recorded (%s); "
                    "it will be sent again when the claim runs out",
                    pk,
                    type(exc).__name__,
                )
                raise
            if not db_connection.in_atomic_block:
                db_connection.close()  # the next query reconnects
            time.sleep(RECORD_RETRY_PAUSE)


def _close_quietly(connection):
    """QUIT after the send is recorded: the message is accepted whatever QUIT does."""
    if connection is None:
        return
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass


def is_pending(pk):
    return CallbackRequest.objects.filter(pk=pk, notified_at__isnull=True).exists()


def pending_notification_ids(limit=100):
    return list(
        unclaimed(timezone.now()).order_by("created_at").values_list("pk", flat=True)[:limit]
    )
