"""What old migrations name and the models no longer use.

Featured and social images were image fields with their own description, checked by
a database constraint; they are now chosen from the media library, and the alt-text
rule lives on the image (media_library.models.MediaImage.require_description).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

ALT_TEXT_REQUIRED = "Describe the image for people who cannot see it."


def featured_image_path(instance, filename):
    return f"featured/{filename}"


def social_image_path(instance, filename):
    return f"social/{filename}"


class ImageAltConstraint(models.CheckConstraint):
    """The old check: an image field set needs its alt field set."""

    def __init__(self, *, image_field, alt_field, name):
        self.image_field = image_field
        self.alt_field = alt_field
        super().__init__(
            condition=Q(**{image_field: ""}) | ~Q(**{alt_field: ""}),
            name=name,
            violation_error_message=ALT_TEXT_REQUIRED,
        )

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and (self.image_field in exclude or self.alt_field in exclude):
            return
        if getattr(instance, self.image_field) and not getattr(instance, self.alt_field).strip():
            raise ValidationError({self.alt_field: self.get_violation_error_message()})

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        kwargs = {"image_field": self.image_field, "alt_field": self.alt_field, "name": self.name}
        return path, (), kwargs


def images_into_library(apps, app_label, model_names, prefixes):
    """Featured and social images become library images: each file the old
    `<prefix>_file` field names gets its record (one per file, however many rows name
    it, through media_library.services.image_record), described by the row's alt text
    while the record has no description; the new `<prefix>` foreign key points at it.
    Revisions too, so restoring one keeps its picture. A file no longer in storage
    leaves the field empty."""
    from django.core.files.storage import default_storage

    from media_library.services import image_record

    library = apps.get_model("media_library", "MediaImage")
    for model_name in model_names:
        model = apps.get_model(app_label, model_name)
        for prefix in prefixes:
            old = f"{prefix}_file"
            rows = (
                model._base_manager.exclude(**{old: ""})
                .exclude(**{f"{old}__isnull": True})
                .order_by("pk")
                # Values, not instances: an image field reads a file whose size is
                # missing when the row is loaded, and the file may be gone.
                .values_list("pk", old, f"{prefix}_width", f"{prefix}_height", f"{prefix}_alt")
            )
            for pk, name, width, height, alt in rows.iterator():
                if not default_storage.exists(name):
                    continue
                try:
                    record = image_record(
                        name,
                        width=width,
                        height=height,
                        model=library,
                        original_filename=name.rsplit("/", 1)[-1],
                    )
                except OSError:
                    continue  # unreadable: nothing to show, nothing to keep a record of
                alt = " ".join(alt.split())
                if alt and not record.alt_text:
                    record.alt_text = alt
                    record.save(update_fields=["alt_text"])
                model._base_manager.filter(pk=pk).update(**{prefix: record})


def images_out_of_library(apps, app_label, model_names, prefixes):
    """The way back: the file, its size and its description on the row again."""
    for model_name in model_names:
        model = apps.get_model(app_label, model_name)
        for prefix in prefixes:
            rows = model._base_manager.filter(**{f"{prefix}__isnull": False})
            for row in rows.select_related(prefix).iterator():
                image = getattr(row, prefix)
                if image is None:
                    continue  # a revision naming an image deleted since
                model._base_manager.filter(pk=row.pk).update(
                    **{
                        f"{prefix}_file": image.file.name,
                        f"{prefix}_width": image.width,
                        f"{prefix}_height": image.height,
                        f"{prefix}_alt": image.alt_text,
                    }
                )


def checked_now(schema_editor):
    """PostgreSQL checks the new foreign keys at commit; the columns the rows were
    copied from are dropped in the same transaction, which it refuses while checks
    are pending. Check them now."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
