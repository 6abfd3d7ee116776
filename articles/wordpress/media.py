"""Images from a copy of wp-content/uploads, into our media storage.

Every image goes through `articles.images.clean_image`, the checks and
re-encoding every upload gets, and is stored under a random name. Nothing is
read from the network: an image whose file is not in --media-dir is reported
as missing.

Re-running an import must not pile up copies of the same pictures. Re-encoding
is deterministic, so an image whose cleaned bytes match a file the article
already uses (or one stored earlier in this run) reuses that file.

An import runs in one transaction, and a failed one deletes the files it wrote. One
killed outright (kill -9, a lost machine) cannot, so files are named after their
cleaned content (`wp-<digest>`): the next run finds the ones it needs already there
and uses them instead of writing copies, and replaces one cut short mid-write.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from articles import images
from articles.wordpress.redirects import host

UPLOADS_MARKER = "/wp-content/uploads/"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"}
# "photo-300x200.jpg" is a size WordPress generated from "photo.jpg".
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass(frozen=True)
class ImageResult:
    """What became of one image URL.

    status is "stored" (name is set; new when this run stored it, or would have
    in a dry run, else an earlier copy reused), "missing" (an upload whose file is
    not in the media dir), "refused" (the checks said no; reason says why) or
    "external" (not an upload of the old site: left alone).
    """

    status: str
    name: str = ""
    new: bool = False
    reason: str = ""

    @property
    def url(self):
        return default_storage.url(self.name) if self.name else ""


EXTERNAL = ImageResult("external")


class Uploads:
    """Maps the old site's upload URLs to files in a copy of wp-content/uploads."""

    def __init__(self, media_dir, hosts):
        self.root = Path(media_dir).resolve() if media_dir else None
        self.hosts = hosts

    def relative_path(self, url):
        """The path inside the uploads folder ("2024/05/a.jpg" for
        https://old.example/wp-content/uploads/2024/05/a.jpg), or None when the URL
        does not look like a WordPress upload."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("", "http", "https"):
            return None
        path = unquote(parts.path)
        if UPLOADS_MARKER in path:
            return path.split(UPLOADS_MARKER, 1)[1]
        # Sites hosted on WordPress.com keep uploads at <site>.files.wordpress.com/2024/05/a.jpg.
        if host(url).endswith(".files.wordpress.com") and path.strip("/"):
            return path.lstrip("/")
        return None

    def is_own(self, url):
        """True for the old site's own addresses (and relative ones): uploads there
        are expected in the media dir; other sites' images are theirs to serve."""
        name = host(url)
        return not name or name in self.hosts or name.replace(".files.", ".", 1) in self.hosts

    def find(self, relative):
        """The file for an upload path, or None. A generated size falls back to
        the original; nothing outside the media dir is ever read."""
        if self.root is None:
            return None
        for candidate in (relative, SIZE_SUFFIX.sub("", relative)):
            parts = PurePosixPath(candidate).parts
            if not parts or ".." in parts or candidate.startswith("/"):
                continue
            path = (self.root / candidate).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return path
        return None


def content_name(folder, digest, extension):
    """The stored name of an imported image: the same picture, the same name."""
    return f"{folder}/wp-{digest[:32]}.{extension}"


class ImageCopier:
    """Cleans and stores images; remembers what it stored, to reuse and to undo."""

    def __init__(self, uploads, *, dry_run=False, storage=default_storage):
        self.uploads = uploads
        self.dry_run = dry_run
        self.storage = storage
        self.written = []  # names saved in this run (deleted again if the import fails)
        self._by_source = {}  # source path -> digest of the cleaned image, or a refusal
        self._by_digest = {}  # digest of cleaned bytes -> stored name
        self._stored_digests = {}  # stored name -> digest (for reuse across runs)

    def copy(self, url, folder, reuse_names=()):
        """Store the upload at `url` in `folder`; `reuse_names` are files the article
        already uses, reused when the picture is the same."""
        relative = self.uploads.relative_path(url)
        if relative is None:
            return EXTERNAL
        source = self.uploads.find(relative)
        if source is None:
            own = self.uploads.is_own(url)
            return ImageResult("missing", reason=relative) if own else EXTERNAL
        known = self._by_source.get(source)
        if isinstance(known, ImageResult):
            return known
        if known is not None:
            name = self._reusable(known, reuse_names) or self._by_digest[known]
            return ImageResult("stored", name=name)
        cleaned = self._clean(source)
        if isinstance(cleaned, ImageResult):
            self._by_source[source] = cleaned
            return cleaned
        digest, content, extension = cleaned
        self._by_source[source] = digest
        name = self._reusable(digest, reuse_names) or self._by_digest.get(digest)
        if name:
            self._by_digest.setdefault(digest, name)
            return ImageResult("stored", name=name)
        name = content_name(folder, digest, extension)
        if not self.dry_run:
            if self._digest_of_stored(name) == digest:
                # Written by an earlier run (perhaps one that was killed): the same picture.
                self._by_digest[digest] = name
                return ImageResult("stored", name=name)
            if self.storage.exists(name):
                self.storage.delete(name)  # cut short by a killed run
            name = self.storage.save(name, content)
            self.written.append(name)
            self._stored_digests[name] = digest
        self._by_digest[digest] = name
        return ImageResult("stored", name=name, new=True)

    @staticmethod
    def _clean(source):
        """(digest, content, extension) of the cleaned image, or a refusal."""
        if source.suffix.lower() not in IMAGE_SUFFIXES:
            return ImageResult("refused", reason=f"{source.name}: not an image file name")
        try:
            with source.open("rb") as fh:
                image = images.clean_image(File(fh, name=source.name))
        except ValidationError as error:
            return ImageResult("refused", reason=f"{source.name}: {' '.join(error.messages)}")
        data = image.content.read()
        image.content.seek(0)
        return hashlib.sha256(data).hexdigest(), image.content, image.extension

    def _reusable(self, digest, names):
        for name in names:
            if name and self._digest_of_stored(name) == digest:
                return name
        return None

    def _digest_of_stored(self, name):
        if name not in self._stored_digests:
            try:
                with self.storage.open(name, "rb") as fh:
                    self._stored_digests[name] = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                self._stored_digests[name] = None
        return self._stored_digests[name]

    def discard_written(self):
        """Delete what this run stored (and the renditions of it): the import failed."""
        for name in self.written:
            for width in images.RENDITION_WIDTHS:
                self.storage.delete(images.rendition_name(name, width))
            self.storage.delete(name)
        self.written.clear()
