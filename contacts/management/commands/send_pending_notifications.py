from django.core.management.base import BaseCommand

from contacts.notifications import (
    callback_request_notify,
    notifications_configured,
    pending_notification_ids,
)


class Command(BaseCommand):
    help = (
        "Email staff about call-back requests whose notification has not gone out yet: the "
        "safety net behind the task worker. Safe to run from cron every minute, and safe to "
        "run twice at once, or beside the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=100, help="At most this many emails per run."
        )

    def handle(self, *args, limit, **options):
        if not notifications_configured():
            self.stderr.write("CALLBACK_NOTIFY_EMAILS is empty: set DJANGO_CALLBACK_NOTIFY_EMAILS.")
            return
        pending = pending_notification_ids(limit=limit)
        sent = sum(1 for pk in pending if callback_request_notify(pk))
        # The rest failed, or another run sent them first.
        self.stdout.write(f"Sent {sent} of {len(pending)} pending notification(s).")
