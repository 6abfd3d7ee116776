from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from publishing.models import publishable_models


class Command(BaseCommand):
    help = (
        "Delete for good the articles and pages that have been in the trash for more than "
        "TRASH_RETENTION_DAYS days, with the redirects that led to them. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        verb = "Would delete" if dry_run else "Deleted"
        parts = []
        with transaction.atomic():
            for model in publishable_models():
                due = list(model.objects.in_trash().due_for_purge())
                if not dry_run:
                    for obj in due:
                        obj.delete()  # one by one: each takes its redirects along
                parts.append(f"{len(due)} {model._meta.verbose_name_plural}")
        self.stdout.write(
            f"{verb} {' and '.join(parts)} from the trash (in it for more than "
            f"{settings.TRASH_RETENTION_DAYS} days)."
        )
