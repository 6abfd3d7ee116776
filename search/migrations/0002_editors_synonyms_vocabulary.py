"""Editors manage the synonym sets; the shipped synonym list and the vocabulary of the
articles already here are loaded."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from search.synonyms import merge_shipped_sets
from search.words import article_vocabulary, vocabulary

EDITOR_PERMISSIONS = ["add_synonymset", "change_synonymset", "delete_synonymset", "view_synonymset"]


def give_editors_synonyms(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="search", codename__in=EDITOR_PERMISSIONS
        )
    )


def load_synonyms_and_vocabulary(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    SearchWord = apps.get_model("search", "SearchWord")
    Article = apps.get_model("articles", "Article")
    merge_shipped_sets(SynonymSet)
    found = set()
    for title, summary, body in Article.objects.values_list("title", "summary", "body"):
        found |= article_vocabulary(title, summary, body)
    for terms, broader in SynonymSet.objects.values_list("terms", "broader"):
        found |= vocabulary(terms, broader)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(found)], ignore_conflicts=True, batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("articles", "0007_search_rank_vector"),
        ("contacts", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(give_editors_synonyms, migrations.RunPython.noop),
        migrations.RunPython(load_synonyms_and_vocabulary, migrations.RunPython.noop),
    ]
