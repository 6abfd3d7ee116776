"""A streaming reader for WordPress eXtended RSS (WXR 1.0-1.2) exports.

The file is read with iterparse, one element at a time, and every element is
detached from the tree as soon as it has been read, so memory stays bounded by
the largest single item rather than growing with the file (a 200 MB export
reads like a 2 MB one).

Hostile files are refused, never half-read:
- a DTD (`<!DOCTYPE`) is refused outright. WordPress never writes one, and it is
  where entity-expansion attacks ("billion laughs") and external entities live;
- broken XML stops with its line and column;
- a field we use that is implausibly large stops the whole import (the issue
  asks for it: an export with a 50 MB title is not one to trust item by item).

Errors are raised as `WxrError` with a sentence meant for the person running
the import.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import iterparse

from articles.wordpress.builders.elementor import DATA_KEY as ELEMENTOR_DATA_KEY
from articles.wordpress.builders.elementor import META_KEYS as ELEMENTOR_META_KEYS

# Post bodies and excerpts: far above any real post (WordPress itself chokes long
# before), far below what would exhaust memory.
MAX_BODY_CHARS = 5_000_000
# Titles, slugs, addresses, names, the few post meta values we read.
MAX_FIELD_CHARS = 10_000

WXR_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
NAMESPACE_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
# Post meta we use: a post's featured image, an attachment's alt text, and the
# structure of a post built with Elementor (as large as a body can be).
WANTED_META = {"_thumbnail_id", "_wp_attachment_image_alt", *ELEMENTOR_META_KEYS}
BODY_META = {ELEMENTOR_DATA_KEY}

ITEM_FIELDS = {
    "title": "title",
    "link": "link",
    "guid": "guid",
    "dc:creator": "creator",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_id": "post_id",
    "wp:post_date": "date",
    "wp:post_date_gmt": "date_gmt",
    "wp:post_name": "slug",
    "wp:status": "status",
    "wp:post_parent": "parent_id",
    "wp:menu_order": "menu_order",
    "wp:post_type": "post_type",
    "wp:post_password": "password",
    "wp:is_sticky": "is_sticky",
    "wp:attachment_url": "attachment_url",
}
BODY_FIELDS = {"content", "excerpt"}
CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "wp:base_blog_url": "base_blog_url",
    "wp:wxr_version": "wxr_version",
}


class WxrError(Exception):
    """The export cannot be imported; the message says why, for a person."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class Term:
    """A category from the channel header (`<wp:category>`)."""

    term_id: int
    nicename: str
    parent: str
    name: str
    description: str


@dataclass
class Item:
    """One `<item>`: a post, page, attachment, menu item or other post type."""

    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_id: str = ""
    date: str = ""
    date_gmt: str = ""
    slug: str = ""
    status: str = ""
    parent_id: str = ""
    menu_order: str = ""
    post_type: str = ""
    password: str = ""
    is_sticky: str = ""
    attachment_url: str = ""
    # (nicename, name) of each `<category domain="category">`, in export order.
    categories: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: int = 0

    @property
    def id(self):
        return _int(self.post_id)

    @property
    def parent(self):
        return _int(self.parent_id)

    @property
    def order(self):
        return _int(self.menu_order)

    @property
    def sticky(self):
        return self.is_sticky.strip() == "1"


def read_export(path):
    """Yield the export's records in file order: one `Site` (before the first
    item), then `Author`, `Term` and `Item` objects as they are read."""
    try:
        with open(path, "rb") as source:
            yield from _records(source)
    except ET.ParseError as error:
        line, column = error.position
        reason = expat.errors.messages.get(error.code, str(error))
        raise WxrError(
            f"{path} is not well-formed XML: {reason} at line {line}, column {column + 1}. "
            "Nothing was imported."
        ) from None
    except (DTDForbidden, EntitiesForbidden) as error:
        raise WxrError(
            f"{path} declares a DTD or XML entities ({type(error).__name__}). WordPress "
            "exports never do; the file was refused to guard against entity-expansion "
            "attacks. Nothing was imported."
        ) from None
    except DefusedXmlException as error:
        raise WxrError(
            f"{path} was refused as unsafe XML ({error}). Nothing was imported."
        ) from None
    except OSError as error:
        raise WxrError(f"Cannot read {path}: {error.strerror or error}.") from None


def _records(source):
    stack = []
    site = Site()
    site_sent = False
    item = None
    items_seen = 0
    for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            stack.append(element)
            depth = len(stack)
            if depth == 1 and element.tag != "rss":
                raise WxrError(_not_wxr(f"its root element is <{_name(element.tag)}>, not <rss>"))
            if depth == 3 and element.tag == "item":
                if not site_sent:
                    _check_site(site)
                    site_sent = True
                    yield site
                items_seen += 1
                item = Item()
            continue

        stack.pop()
        depth = len(stack)
        name = _name(element.tag)
        if depth == 3 and item is not None:
            _fold_into_item(item, name, element, items_seen)
            stack[-1].remove(element)
        elif depth == 2:
            if name == "item":
                yield item
                item = None
            elif name == "wp:author":
                yield _author(element)
            elif name == "wp:category":
                yield _term(element)
            elif name in CHANNEL_FIELDS:
                setattr(site, CHANNEL_FIELDS[name], _text(element, name, MAX_FIELD_CHARS))
            stack[-1].remove(element)
    if not site_sent:
        _check_site(site)
        yield site


def _check_site(site):
    if not site.wxr_version:
        raise WxrError(_not_wxr("it has no <wp:wxr_version>"))


def _not_wxr(reason):
    return (
        f"This is not a WordPress export (WXR): {reason}. Export the site from WordPress "
        "with Tools > Export > All content."
    )


def _fold_into_item(item, name, element, position):
    """Copy what we use from one child of `<item>` into `item`."""
    if name == "category":
        if element.get("domain") == "category":
            nicename = element.get("nicename") or ""
            label = _text(element, "category", MAX_FIELD_CHARS)
            _check_length(nicename, "category nicename", MAX_FIELD_CHARS, item, position)
            item.categories.append((nicename, label))
    elif name == "wp:postmeta":
        key = _child_text(element, "wp:meta_key")
        if key in WANTED_META:
            value = _child_text(element, "wp:meta_value")
            limit = MAX_BODY_CHARS if key in BODY_META else MAX_FIELD_CHARS
            _check_length(value, f"post meta {key}", limit, item, position)
            item.meta[key] = value
    elif name == "wp:comment":
        if _child_text(element, "wp:comment_approved") == "1":
            item.comments += 1
    elif name in ITEM_FIELDS:
        attribute = ITEM_FIELDS[name]
        limit = MAX_BODY_CHARS if attribute in BODY_FIELDS else MAX_FIELD_CHARS
        value = "".join(element.itertext())
        _check_length(value, name, limit, item, position)
        setattr(item, attribute, value)


def _check_length(value, what, limit, item, position):
    if len(value) <= limit:
        return
    if item.title and len(item.title) <= 80:
        which = f'item {position} ("{item.title}")'
    else:
        which = f"item {position}"
    raise WxrError(
        f"The export's {which} has a {what} of {len(value):,} characters; the limit is "
        f"{limit:,}. A real WordPress export never comes close, so the file was refused. "
        "Nothing was imported."
    )


def _author(element):
    values = _children(element)
    login = values.get("wp:author_login", "")
    return Author(login=login, display_name=values.get("wp:author_display_name", "") or login)


def _term(element):
    values = _children(element)
    return Term(
        term_id=_int(values.get("wp:term_id", "")),
        nicename=values.get("wp:category_nicename", ""),
        parent=values.get("wp:category_parent", ""),
        name=values.get("wp:cat_name", ""),
        description=values.get("wp:category_description", ""),
    )


def _children(element):
    return {_name(child.tag): _text(child, _name(child.tag), MAX_FIELD_CHARS) for child in element}


def _child_text(element, name):
    for child in element:
        if _name(child.tag) == name:
            return "".join(child.itertext()).strip()
    return ""


def _text(element, name, limit):
    value = "".join(element.itertext()).strip()
    if len(value) > limit:
        raise WxrError(
            f"The export's <{name}> is {len(value):,} characters long; the limit is {limit:,}. "
            "Nothing was imported."
        )
    return value


def _name(tag):
    """A tag with its usual prefix, whatever the WXR version (1.0-1.2, http or
    https namespace URI): "{http://wordpress.org/export/1.2/}post_id" -> "wp:post_id"."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if EXCERPT_NAMESPACE.match(uri):
        return f"excerpt:{local}"
    if WXR_NAMESPACE.match(uri):
        return f"wp:{local}"
    prefix = NAMESPACE_PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else tag


def _int(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0
