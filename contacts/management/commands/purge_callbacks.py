from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contacts.models import CallbackRequest, CallbackRequestEvent

PURGED_STATUSES = (CallbackRequest.Status.CLOSED, CallbackRequest.Status.SPAM)


class Command(BaseCommand):
    help = (
        "Delete closed and spam call-back requests (with their history and access log) "
        "received more than CALLBACK_RETENTION_DAYS days ago, and requests sent fast that "
        "nobody worked (still new). Other new, attempted and connected requests are never "
        "touched. Records of CSV exports stay, holding no personal data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        days = settings.CALLBACK_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            # Sent fast and never worked: treated like spam.
            unworked_fast = Q(sent_fast=True, status=CallbackRequest.Status.NEW)
            expired = CallbackRequest.objects.filter(
                Q(status__in=PURGED_STATUSES) | unworked_fast, created_at__lt=cutoff
            )
            counts = {status: expired.filter(status=status).count() for status in PURGED_STATUSES}
            fast = expired.filter(unworked_fast).count()
            events = CallbackRequestEvent.objects.filter(request__in=expired)
            history = events.filter(kind__in=CallbackRequestEvent.HISTORY_KINDS).count()
            access = events.filter(kind__in=CallbackRequestEvent.ACCESS_KINDS).count()
            if not dry_run:
                expired.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts[CallbackRequest.Status.CLOSED]} closed and "
            f"{counts[CallbackRequest.Status.SPAM]} spam call-back request(s) and {fast} sent "
            f"fast that nobody worked, received before "
            f"{timezone.localdate(cutoff):%Y-%m-%d} ({days} days), with {history} history "
            f"event(s) and {access} access log entr{'y' if access == 1 else 'ies'}."
        )
