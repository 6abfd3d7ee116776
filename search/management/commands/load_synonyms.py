"""Add the shipped synonym list to the database: `python manage.py load_synonyms`.

Safe to run again: names already present are left alone and nothing is removed, so
editors' changes in the admin survive.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from search.models import SynonymSet
from search.synonyms import SHIPPED_FILE, forget_synonyms, merge_shipped_sets, read_shipped_sets
from search.words import add_words, vocabulary


class Command(BaseCommand):
    help = "Add the shipped synonym list (search/synonyms.txt) to the synonym sets."

    def handle(self, *args, **options):
        sets = read_shipped_sets()
        with transaction.atomic():
            created, extended = merge_shipped_sets(SynonymSet, sets)
            add_words(vocabulary(*(", ".join([*s.names, s.broader]) for s in sets)))
        forget_synonyms()
        self.stdout.write(
            f"{SHIPPED_FILE.name}: {len(sets)} sets; {created} created, {extended} given "
            f"new names, {len(sets) - created - extended} already complete."
        )
