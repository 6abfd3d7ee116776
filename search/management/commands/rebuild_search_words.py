"""Rebuild the vocabulary spelling suggestions come from: `manage.py rebuild_search_words`.

Saving articles and synonym sets keeps it up to date; run this after bulk changes
made around the ORM (raw SQL, bulk imports) or to let words of deleted articles go.
"""

from django.core.management.base import BaseCommand

from search.words import rebuild_vocabulary


class Command(BaseCommand):
    help = "Rebuild the search vocabulary from every article and synonym set."

    def handle(self, *args, **options):
        size = rebuild_vocabulary()
        self.stdout.write(f"Search vocabulary: {size} words.")
