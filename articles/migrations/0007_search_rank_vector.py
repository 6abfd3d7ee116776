"""A small title, headings and summary vector for ranking, with a GIN index, and headings
weighted like the title in the full vector (search/vectors.py); both filled for the
articles already here. PostgreSQL only: SQLite searches with regular expressions."""

import django.contrib.postgres.search
from django.db import migrations

from search.vectors import vector_updates

INDEX = "article_search_rank_vector_gin"


def fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    Article.objects.using(schema_editor.connection.alias).update(**vector_updates())
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin (search_rank_vector)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_seo_fields_and_trash"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_vectors, drop_index, elidable=False),
    ]
