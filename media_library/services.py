"""The one way an image enters the library: checked, re-encoded, renamed, recorded."""

from pathlib import PurePath

from django.core.files.storage import default_storage
from PIL import Image

from articles import images
from media_library.models import MediaImage

FOLDER = "uploads"


def original_name(upload):
    """The uploader's file name, for searching (folders dropped, at most 255 characters)."""
    name = PurePath((getattr(upload, "name", "") or "").replace("\\", "/")).name
    return " ".join(name.split())[-255:]


def image_create(upload, *, uploaded_by=None, folder=FOLDER, **fields):
    """Check and re-encode `upload` (articles.images.clean_image raises ValidationError
    for anything but a JPEG, PNG, WebP or GIF within the limits), store it under a
    random name and return its new record."""
    clean = images.clean_image(upload)
    record = MediaImage(uploaded_by=uploaded_by, original_filename=original_name(upload), **fields)
    return image_store(record, clean, folder=folder)


def image_store(record, clean, *, folder=FOLDER):
    """Store an image `clean_image` returned, under a random name, as `record`'s file."""
    record.file = default_storage.save(images.random_name(folder, clean.extension), clean.content)
    record.width, record.height = clean.width, clean.height
    record.save()
    images.make_renditions(record.file.name)
    return record


def image_record(name, *, width=None, height=None, model=MediaImage, **fields):
    """The record of a file already in storage (the importer's files, named after their
    content; featured and social images from before the library), made once: the same
    file always gives the same record. A migration passes its own `model`."""
    record = model._default_manager.filter(file=name).first()
    if record is not None:
        return record
    if width is None or height is None:
        with default_storage.open(name, "rb") as fh:
            width, height = Image.open(fh).size
    record = model._default_manager.create(file=name, width=width, height=height, **fields)
    images.make_renditions(name)
    return record
