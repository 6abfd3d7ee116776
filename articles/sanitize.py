"""The one sanitizer for article bodies, and the one place body HTML is marked safe.

Bodies are cleaned with nh3 (the Rust ammonia library, an html5ever parser) against
an allowlist every time an article is saved, and cleaned again when rendered, so
HTML that reached the database by any path (admin, import, shell, an older
allowlist) is never trusted on its own.
"""

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

ALLOWED_TAGS = {
    *("h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li"),
    *("strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "abbr", "cite", "q"),
    *("blockquote", "a", "img", "figure", "figcaption"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
}
ALLOWED_ATTRIBUTES = {
    "*": set(),  # nh3 would otherwise allow lang and title on every element
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
TAG_ATTRIBUTE_VALUES = {"th": {"scope": {"row", "col", "rowgroup", "colgroup"}}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not just unwrapped: their content is code,
# or is parsed differently (the classic mutation-XSS namespaces).
DROPPED_WITH_CONTENT = {
    *("script", "style", "template", "noscript", "noembed", "noframes", "xmp"),
    *("iframe", "object", "embed", "svg", "math", "textarea", "select", "title"),
}
NUMERIC_ATTRIBUTES = {"width", "height", "colspan", "rowspan"}
# What the editor's image dialog offers besides the address and the description
# (publishing/static/publishing/admin/image-dialog.js): alignment and size, as
# classes the site's stylesheet knows. Any other class is dropped.
IMAGE_CLASSES = ("align-left", "align-right", "align-center", "size-medium", "size-small")
_DIGITS = re.compile(r"\d{1,4}")


# Local image paths may hold only what our own file names are made of (random upload
# names, hashed static names): with no "%" or "\", no ".." can hide from the check.
# Browsers drop tabs and newlines inside addresses and read "\" as "/".
_LOCAL_PATH = re.compile(r"/[A-Za-z0-9._~/-]*")
_UNPARSED_ALIKE = re.compile(r"[\\\s\x00-\x1f\x7f]")


# nh3 leaves `class=""` where no allowed class was left.
_EMPTY_IMAGE_CLASS = re.compile(r'(<img\b[^>]*?) class=""')


def _filter_attribute(tag, attribute, value):
    if attribute in NUMERIC_ATTRIBUTES:
        return value if _DIGITS.fullmatch(value.strip()) else None
    if tag == "img" and attribute == "src":
        return image_source(value)
    return value


def image_source(value):
    """The address an article image may load from, normalised, or None.

    An image is fetched by every reader's browser, with their cookies when it is on
    this site, so an address here must be an uploaded (media) or static file:
    "/media/../<admin>/..." or "https://<this site>/<admin>/..." would make every
    staff member who reads the article open that admin page. Other https: hosts
    are allowed (the admin refuses any request a page makes for an image:
    recovery_site.admin_site). Addresses on this site's own hosts are stored as paths.
    """
    src = value.strip()
    if _UNPARSED_ALIKE.search(src):
        return None  # browsers drop or reinterpret these; a check here could be fooled
    if src.lower().startswith("https://"):
        parts = urlsplit(src)
        if not _is_own_host(parts.netloc.rpartition("@")[2]):
            return src
        src = parts.path
    if not _LOCAL_PATH.fullmatch(src) or src.startswith("//"):
        return None
    segments = []
    for segment in src.split("/")[1:]:  # dot segments resolved as a browser resolves them
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    path = "/" + "/".join(segments)
    local_roots = [url for url in (settings.MEDIA_URL, settings.STATIC_URL) if url.startswith("/")]
    return path if path.startswith(tuple(local_roots)) and not path.endswith("/") else None


def _is_own_host(host):
    """True when `host` (host[:port]) is one this site answers to (DJANGO_ALLOWED_HOSTS,
    DJANGO_SITE_DOMAIN; a lone "*" cannot be told apart from any other host)."""
    domain, _port = split_domain_port(host.lower())
    hosts = [name for name in (*settings.ALLOWED_HOSTS, settings.SITE_DOMAIN) if name != "*"]
    return not domain or validate_host(domain, hosts)


def sanitize_html(dirty):
    """Return `dirty` reduced to the article allowlist."""
    if not dirty:
        return ""
    clean = nh3.clean(
        dirty,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        attribute_filter=_filter_attribute,
        allowed_classes={"img": set(IMAGE_CLASSES)},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _EMPTY_IMAGE_CLASS.sub(r"\1", clean)


def plain_text(fragment):
    """The visible text of an HTML fragment (for summaries, search and reading time)."""
    text = re.sub(r"<[^>]*>", " ", fragment or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    toc: tuple = ()  # ((anchor, heading text), ...)
    word_count: int = 0


_H2 = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
# Bodies up to this long are memoised (512 of them: about 50 MB per process at most);
# longer ones, rare and still quick to render, are rendered on each view.
MEMOISED_BODY_MAX_CHARACTERS = 50_000


def render_body(stored_html):
    """Sanitize again, anchor the h2 headings for the table of contents, mark safe.

    The result depends only on the stored HTML, so it is memoised per process:
    popular articles are not sanitized again on every view.
    """
    if len(stored_html or "") > MEMOISED_BODY_MAX_CHARACTERS:
        return _render(stored_html)
    return _render_memoised(stored_html)


def _render(stored_html):
    """The regular expressions below only ever see nh3's serialisation, in which an
    h2 carries no attributes and any literal "<" in text is escaped. Every step is
    linear in the length of the body."""
    clean = sanitize_html(stored_html)
    toc = []
    used = set()
    next_number = {}  # base -> the first suffix not yet tried for it

    def anchor(match):
        text = plain_text(match.group(1))
        base = slugify(text)[:60] or "section"
        slug = base
        if slug in used:
            # Resume where the last duplicate of this base stopped, so a body of
            # thousands of equal headings costs linear time, not quadratic.
            n = next_number.get(base, 2)
            slug = f"{base}-{n}"
            while slug in used:
                n += 1
                slug = f"{base}-{n}"
            next_number[base] = n + 1
        used.add(slug)
        toc.append((slug, text))
        return f'<h2 id="{slug}">{match.group(1)}</h2>'

    clean = _H2.sub(anchor, clean)
    clean = clean.replace("<img ", '<img loading="lazy" decoding="async" ')
    return RenderedBody(
        html=mark_safe(clean),  # noqa: S308 - sanitized just above
        toc=tuple(toc),
        word_count=len(plain_text(clean).split()),
    )


_render_memoised = lru_cache(maxsize=512)(_render)
