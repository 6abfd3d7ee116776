"""Featured and social images chosen from the media library: each file becomes (or
finds) its library image, described by the article's alt text; revisions too."""

import django.db.models.deletion
from django.db import migrations, models

from publishing.migration_history import (
    checked_now,
    images_into_library,
    images_out_of_library,
)

MODELS = ["article", "historicalarticle"]
PREFIXES = ["featured_image", "social_image"]


def into_library(apps, schema_editor):
    images_into_library(apps, "articles", MODELS, PREFIXES)
    checked_now(schema_editor)


def out_of_library(apps, schema_editor):
    images_out_of_library(apps, "articles", MODELS, PREFIXES)
    checked_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_body_images"),
        ("media_library", "0002_editors_and_existing_images"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="article", name="article_image_has_alt"),
        migrations.RemoveConstraint(model_name="article", name="article_social_has_alt"),
        migrations.RenameField(
            model_name="article", old_name="featured_image", new_name="featured_image_file"
        ),
        migrations.RenameField(
            model_name="article", old_name="social_image", new_name="social_image_file"
        ),
        migrations.RenameField(
            model_name="historicalarticle",
            old_name="featured_image",
            new_name="featured_image_file",
        ),
        migrations.RenameField(
            model_name="historicalarticle", old_name="social_image", new_name="social_image_file"
        ),
        migrations.AddField(
            model_name="article",
            name="featured_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="featured_in_articles",
                to="media_library.mediaimage",
                verbose_name="featured image",
                help_text="Optional. Shown at the top of the article, on its cards and when it is shared, with the description, caption and credit kept in the media library.",
            ),
        ),
        migrations.AddField(
            model_name="article",
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
            model_name="historicalarticle",
            name="featured_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="media_library.mediaimage",
                verbose_name="featured image",
                help_text="Optional. Shown at the top of the article, on its cards and when it is shared, with the description, caption and credit kept in the media library.",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
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
        migrations.RemoveField(model_name="article", name="featured_image_file"),
        migrations.RemoveField(model_name="article", name="featured_image_width"),
        migrations.RemoveField(model_name="article", name="featured_image_height"),
        migrations.RemoveField(model_name="article", name="featured_image_alt"),
        migrations.RemoveField(model_name="article", name="social_image_file"),
        migrations.RemoveField(model_name="article", name="social_image_width"),
        migrations.RemoveField(model_name="article", name="social_image_height"),
        migrations.RemoveField(model_name="article", name="social_image_alt"),
        migrations.RemoveField(model_name="historicalarticle", name="featured_image_file"),
        migrations.RemoveField(model_name="historicalarticle", name="featured_image_width"),
        migrations.RemoveField(model_name="historicalarticle", name="featured_image_height"),
        migrations.RemoveField(model_name="historicalarticle", name="featured_image_alt"),
        migrations.RemoveField(model_name="historicalarticle", name="social_image_file"),
        migrations.RemoveField(model_name="historicalarticle", name="social_image_width"),
        migrations.RemoveField(model_name="historicalarticle", name="social_image_height"),
        migrations.RemoveField(model_name="historicalarticle", name="social_image_alt"),
    ]
