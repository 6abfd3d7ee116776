"""Synonym sets, the vocabulary, and pg_trgm with a trigram index on the vocabulary
(PostgreSQL only; SQLite compares words in Python)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX = "search_word_trigram"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchword "
            "USING gist (word gist_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        # Does nothing on SQLite.
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True)),
            ],
            options={
                "ordering": ["word"],
            },
        ),
        migrations.CreateModel(
            name="SynonymSet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text='Names that mean the same thing, separated by commas, for example "clonazepam, Klonopin, k-pins". Put the name our articles use first. A search for any of them also finds articles that use another. Capitals, hyphens and small words such as "the" do not matter. Leave out names that are everyday words in our articles (such as "rock" or "glass"): they would bring up unrelated articles.',
                        verbose_name="names",
                    ),
                ),
                (
                    "broader",
                    models.CharField(
                        blank=True,
                        help_text='Optional: a broader name these are a kind of, such as "opioid" for oxycodone. A search for one of these names then also finds articles about the broader name, after those that use one of these names. Not the other way round.',
                        max_length=60,
                        verbose_name="kind of",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text='For editors only, e.g. "street names, 2026" or where the names came from.',
                        max_length=200,
                    ),
                ),
                ("shipped_terms", models.TextField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "synonym set",
                "ordering": ["terms"],
            },
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
