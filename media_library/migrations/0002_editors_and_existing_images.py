"""The Editors group's permissions for the library, and a record for every uploaded
image that article and page bodies already show (with its use)."""

from django.contrib.auth.management import create_permissions
from django.core.files.storage import default_storage
from django.db import migrations
from PIL import Image, UnidentifiedImageError

from articles import images
from media_library.models import names_in_body


def editors_may_use_the_library(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now.
    app_config = apps.get_app_config("media_library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="media_library"))


def dimensions(name):
    try:
        with default_storage.open(name, "rb") as fh:
            return Image.open(fh).size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def record_existing_images(apps, schema_editor):
    MediaImage = apps.get_model("media_library", "MediaImage")
    for model in (apps.get_model("articles", "Article"), apps.get_model("pages", "Page")):
        for item in model.objects.exclude(body="").only("pk", "body", "created_at").iterator():
            records = []
            for name in names_in_body(item.body):
                record = MediaImage.objects.filter(file=name).first()
                if record is None:
                    size = dimensions(name)
                    if size is None:
                        continue  # not a file in storage: nothing to keep a record of
                    record = MediaImage.objects.create(
                        file=name,
                        original_filename=name.rsplit("/", 1)[-1],
                        width=size[0],
                        height=size[1],
                        uploaded_at=item.created_at,
                    )
                    try:
                        images.make_renditions(name)
                    except OSError:
                        pass  # the thumbnail falls back to nothing; the image still works
                records.append(record)
            item.body_images.set(records)


class Migration(migrations.Migration):
    dependencies = [
        ("media_library", "0001_initial"),
        ("articles", "0010_body_images"),
        ("pages", "0005_body_images"),
        ("contacts", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(editors_may_use_the_library, migrations.RunPython.noop),
        migrations.RunPython(record_existing_images, migrations.RunPython.noop),
    ]
