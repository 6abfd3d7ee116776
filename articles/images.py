"""Image checks and renditions, shared by every way an image enters the media library
(media_library.services: the editor's upload, the library's upload form, the featured
and social image uploads, the WordPress importer; all call `clean_image`).

Every image is opened by Pillow, must be JPEG, PNG, WebP or GIF, stays under the
byte and pixel limits, and is re-encoded from its pixels alone: turned upright by
its EXIF orientation, converted to sRGB by its colour profile, then copied into a
new image that carries nothing else. No comment, EXIF (camera, GPS), XMP, colour
profile, text chunk or trailing byte reaches storage. Files are stored under
random names.
"""

import io
import secrets
import struct
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 8000 x 5000
MAX_SIDE = 2400  # larger photos are scaled down; nobody reads an article at 6000 px
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_WIDTHS = (480, 800, 1200)
# Modes whose pixels are copied as they are; any other is converted to RGB(A).
KEPT_MODES = {"1", "L", "LA", "P", "RGB", "RGBA"}
SRGB = ImageCms.createProfile("sRGB")


@dataclass
class CleanImage:
    content: ContentFile
    extension: str
    width: int
    height: int


def _open(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Only JPEG, PNG, WebP and GIF images can be uploaded.", code="format"
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("This image has too many pixels.", code="pixels")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError("This image has too many pixels.", code="pixels") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF.",
                code="invalid",
            ) from None
    return image


def clean_image(uploaded):
    """Check an uploaded file and return it re-encoded, or raise ValidationError."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError("Images must be 5 MB or smaller.", code="size")
    uploaded.seek(0)
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError("Images must be 5 MB or smaller.", code="size")
    image = _open(data)
    source_format = image.format
    image = _pixels_only(_in_srgb(_upright(image)))
    image.thumbnail((MAX_SIDE, MAX_SIDE))

    out = io.BytesIO()
    if source_format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif source_format == "GIF":
        # Only the first frame is kept: re-encoding is what guarantees a clean file.
        image.convert("RGBA" if "transparency" in image.info else "RGB").save(out, "PNG")
        source_format = "PNG"
    elif source_format == "WEBP":
        image.save(out, "WEBP", quality=85)
    else:
        image.save(out, "PNG", optimize=True)
    extension = ALLOWED_FORMATS[source_format]
    return CleanImage(ContentFile(out.getvalue()), extension, image.width, image.height)


def clean_form_image(value):
    """A form's image field value: a new upload checked and re-encoded (named for its
    format, so upload_to gives it a random name), a file already stored as it is."""
    if value and hasattr(value, "content_type"):
        clean = clean_image(value)
        clean.content.name = f"upload.{clean.extension}"
        return clean.content
    return value


def _upright(image):
    """Rotated as its EXIF orientation says; unchanged when the EXIF is unreadable."""
    try:
        return ImageOps.exif_transpose(image)
    except (SyntaxError, ValueError, OSError, struct.error):
        return image


def _in_srgb(image):
    """Converted to sRGB by its embedded colour profile, if it has one we can read:
    the profile itself is not kept, so the colours must not depend on it."""
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable or mismatched profile: the pixels as they are


def _pixels_only(image):
    """A new image with the same pixels (and palette) and nothing else."""
    if image.mode.startswith("I"):  # 16-bit grey: 8 bits are all a screen shows
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode not in KEPT_MODES:
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P":
        clean.putpalette(image.getpalette(rawmode="RGBA"), rawmode="RGBA")
    transparency = image.info.get("transparency")
    if isinstance(transparency, (int, tuple)):  # which colour is see-through: pixel data
        clean.info["transparency"] = transparency
    return clean


def random_name(folder, extension):
    return f"{folder}/{secrets.token_urlsafe(16)}.{extension}"


def rendition_name(name, width):
    stem = name.rsplit(".", 1)[0]
    return f"renditions/{stem}-{width}.webp"


def rendition_widths(original_width):
    return [w for w in RENDITION_WIDTHS if original_width and w < original_width]


def make_renditions(name, storage=default_storage):
    """Write WebP copies of a stored image at the widths a srcset offers."""
    with storage.open(name, "rb") as fh:
        image = Image.open(fh)
        image.load()
    for width in rendition_widths(image.width):
        target = rendition_name(name, width)
        if storage.exists(target):
            continue
        copy = image.copy()
        copy.thumbnail((width, width * 4))
        out = io.BytesIO()
        copy.convert("RGBA" if copy.mode in ("RGBA", "LA", "P") else "RGB").save(
            out, "WEBP", quality=80
        )
        storage.save(target, ContentFile(out.getvalue()))
