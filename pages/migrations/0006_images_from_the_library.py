"""Social images chosen from the media library: each file becomes (or finds) its
library image, described by the page's alt text; revisions too."""

import django.db.models.deletion
from django.db import migrations, models

from publishing.migration_history import (
    checked_now,
    images_into_library,
    images_out_of_library,
)

MODELS = ["page", "historicalpage"]
PREFIXES = ["social_image"]


def into_library(apps, schema_editor):
    images_into_library(apps, "pages", MODELS, PREFIXES)
    checked_now(schema_editor)


def out_of_library(apps, schema_editor):
    images_out_of_library(apps, "pages", MODELS, PREFIXES)
    checked_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_body_images"),
        ("media_library", "0002_editors_and_existing_images"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="page", name="page_social_has_alt"),
        migrations.RenameField(
            model_name="page", old_name="social_image", new_name="social_image_file"
        ),
        migrations.RenameField(
            model_name="historicalpage", old_name="social_image", new_name="social_image_file"
        ),
        migrations.AddField(
            model_name="page",
            name="social_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="%(class)s_social_uses",
                to="media_library.mediaimage",
                verbose_name="social image",
                help_text="Optional. The picture shown when this is shared on social media (1200 x 630 px suits most sites). Empty: the featured image, if there is one.",
            ),
        ),
        migrations.AddField(
            model_name="historicalpage",
            name="social_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="media_library.mediaimage",
                verbose_name="social image",
                help_text="Optional. The picture shown when this is shared on social media (1200 x 630 px suits most sites). Empty: the featured image, if there is one.",
            ),
        ),
        migrations.RunPython(into_library, out_of_library),
        migrations.RemoveField(model_name="page", name="social_image_file"),
        migrations.RemoveField(model_name="page", name="social_image_width"),
        migrations.RemoveField(model_name="page", name="social_image_height"),
        migrations.RemoveField(model_name="page", name="social_image_alt"),
        migrations.RemoveField(model_name="historicalpage", name="social_image_file"),
        migrations.RemoveField(model_name="historicalpage", name="social_image_width"),
        migrations.RemoveField(model_name="historicalpage", name="social_image_height"),
        migrations.RemoveField(model_name="historicalpage", name="social_image_alt"),
    ]
