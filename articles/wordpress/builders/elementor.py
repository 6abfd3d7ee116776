"""Elementor's saved structure (the `_elementor_data` post meta), to article HTML.

Elementor keeps a post as JSON: a list of sections (or containers) holding columns
holding widgets, each element with its `settings`. It also saves a rendered copy in
the body, but that copy is whatever the widgets printed, wrappers and all. When the
post was last saved in Elementor (`_elementor_edit_mode` is "builder", Elementor's
own test), the JSON is what readers saw and is converted here; otherwise the body
is (someone switched back to the WordPress editor, and the JSON is stale). JSON that
cannot be read falls back to the body too, and the report says so.

Setting names are those of Elementor's widget controls, old and new
(`youtube_url`, and `link` before it).
"""

import html
import json

from articles.wordpress.builders import markup
from articles.wordpress.builders.elements import (
    DECORATION,
    EMBED,
    FORM,
    LAYOUT,
    LIBRARY,
    NOT_SUPPORTED,
    ON_THE_FLY,
    Element,
)

NAME = "Elementor"
DATA_KEY = "_elementor_data"
EDIT_MODE_KEY = "_elementor_edit_mode"
META_KEYS = (DATA_KEY, EDIT_MODE_KEY)
MAX_DEPTH = 30
UNREADABLE = "its saved structure could not be read: the body's HTML copy was used"
TOO_DEEP = "nested too deep"
# Settings that hold a widget's words, read from widgets there is no converter for.
TEXT_SETTINGS = (
    *("title", "title_text", "description_text", "text", "editor", "content"),
    *("description", "caption", "tab_title", "tab_content", "item_title"),
    *("testimonial_content", "testimonial_name", "alert_title", "alert_description"),
)


def saved_structure(meta):
    """The JSON to convert, or None when the body is what readers saw."""
    if (meta or {}).get(EDIT_MODE_KEY, "").strip() != "builder":
        return None
    return (meta.get(DATA_KEY) or "").strip() or None


def convert(meta, conversion):
    """The post's HTML from its Elementor structure, or None to use the body."""
    data = saved_structure(meta)
    if data is None:
        return None
    try:
        tree = json.loads(data)
        if isinstance(tree, str):  # stored encoded twice by some migration tools
            tree = json.loads(tree)
    except (ValueError, RecursionError):
        tree = None
    if not isinstance(tree, list):
        conversion.dropped(NAME, DATA_KEY, UNREADABLE)
        return None
    return _Walk(conversion).elements(tree, 0)


class _Walk:
    def __init__(self, conversion):
        self.conversion = conversion

    def elements(self, items, depth):
        return "".join(self.element(item, depth) for item in items if isinstance(item, dict))

    def element(self, item, depth):
        kind = item.get("elType") if isinstance(item.get("elType"), str) else ""
        children = item.get("elements") if isinstance(item.get("elements"), list) else []
        if depth >= MAX_DEPTH:
            self.conversion.dropped(NAME, kind or "element", TOO_DEEP)
            return ""
        if kind == "widget":
            return self.widget(item, children, depth)
        # section, column, container, and newer layout kinds: their children in order
        self.conversion.converted(NAME, LAYOUT)
        return markup.BLOCK.format(self.elements(children, depth + 1))

    def widget(self, item, children, depth):
        name = item.get("widgetType") if isinstance(item.get("widgetType"), str) else ""
        settings = item.get("settings") if isinstance(item.get("settings"), dict) else {}
        element = Element(NAME, name or "widget", settings, "", "", self.conversion)
        if name in DROPPED:
            return element.drop(DROPPED[name])
        if name in NESTED:
            html = NESTED[name](element, [self.elements([c], depth + 1) for c in children])
        elif name in WIDGETS:
            html = WIDGETS[name](element)
        else:
            return unknown(element)
        if not element.dropped:
            self.conversion.converted(NAME, name)
        return html


def _text(settings, key):
    value = settings.get(key)
    return value if isinstance(value, str) else ""


def _url(settings, key):
    """The address in a URL or media control ({"url": ...}), or a plain string."""
    value = settings.get(key)
    if isinstance(value, dict):
        value = value.get("url")
    return value.strip() if isinstance(value, str) else ""


def _items(settings, key):
    value = settings.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def heading(element):
    settings = element.attrs
    level = _text(settings, "header_size") or "h2"
    target = element.link(_url(settings, "link"))
    return markup.heading(_text(settings, "title"), level, link=target, is_html=True)


def text_editor(element):
    return markup.BLOCK.format(_text(element.attrs, "editor"))


def image(element):
    settings = element.attrs
    picture = settings.get("image") if isinstance(settings.get("image"), dict) else {}
    caption = ""
    source = _text(settings, "caption_source")
    if source == "custom" or (not source and _text(settings, "caption")):
        caption = _text(settings, "caption")
    elif source == "attachment":
        found = element.conversion.attachment(picture.get("id"))
        caption = found.caption if found else ""
    target = _url(settings, "link") if _text(settings, "link_to") == "custom" else None
    return element.image(
        _url(settings, "image"),
        attachment=picture.get("id"),
        alt=picture.get("alt") if isinstance(picture.get("alt"), str) else "",
        caption=caption,
        link=target,
    )


def button(element):
    return element.button(_url(element.attrs, "link"), _text(element.attrs, "text"))


def icon_list(element):
    items = []
    for item in _items(element.attrs, "icon_list"):
        text = markup.plain(_text(item, "text"))
        if text:
            target = element.link(_url(item, "link"))
            items.append(markup.linked(html.escape(text), target))
    if not items:
        return element.drop("a list without text")
    return markup.bulleted(items)


def tabs(element):
    """Accordions, toggles and tabs: each item's title as a heading, then its text."""
    parts = []
    for item in _items(element.attrs, "tabs"):
        parts.append(markup.heading(_text(item, "tab_title")))
        parts.append(markup.BLOCK.format(_text(item, "tab_content")))
    return "".join(parts)


def nested(element, children_html):
    """Nested accordions and tabs: titles in the settings (`items` or `tabs`), one
    container child per title."""
    items = _items(element.attrs, "items") or _items(element.attrs, "tabs")
    parts = []
    for index, child in enumerate(children_html):
        title = ""
        if index < len(items):
            title = _text(items[index], "item_title") or _text(items[index], "tab_title")
        parts.append(markup.heading(title) + child)
    return "".join(parts)


def video(element):
    settings = element.attrs
    kind = _text(settings, "video_type") or "youtube"
    if kind == "hosted":
        url = (
            _url(settings, "external_url")
            if _text(settings, "insert_url") == "yes"
            else _url(settings, "hosted_url")
        ) or _text(settings, "hosted_link")
    else:
        url = _text(settings, f"{kind}_url") or _text(
            settings, {"youtube": "link", "vimeo": "vimeo_link"}.get(kind, "")
        )
    return element.video(url)


def html_widget(element):
    return markup.BLOCK.format(_text(element.attrs, "html"))


def shortcode(element):
    """The shortcode is expanded with the rest of the body."""
    return markup.BLOCK.format(_text(element.attrs, "shortcode"))


def image_box(element):
    settings = element.attrs
    picture = settings.get("image") if isinstance(settings.get("image"), dict) else {}
    target = element.link(_url(settings, "link"))
    parts = []
    if _url(settings, "image") or picture.get("id"):
        parts.append(element.image(_url(settings, "image"), attachment=picture.get("id")))
    parts.append(markup.heading(_text(settings, "title_text"), link=target))
    parts.append(markup.BLOCK.format(_text(settings, "description_text")))
    return "".join(parts)


def testimonial(element):
    settings = element.attrs
    who = ", ".join(
        part
        for part in (
            markup.plain(_text(settings, "testimonial_name")),
            markup.plain(_text(settings, "testimonial_job")),
        )
        if part
    )
    return markup.quote(_text(settings, "testimonial_content"), who)


def gallery(element):
    settings = element.attrs
    images = _items(settings, "wp_gallery") or _items(settings, "carousel")
    parts = [element.image(_url(item, "url"), attachment=item.get("id")) for item in images]
    if not parts:
        return element.drop("a gallery without images")
    return "".join(parts)


def unknown(element):
    """A widget with no converter keeps its words, as an unknown shortcode does."""
    texts = []
    for key in TEXT_SETTINGS:
        texts.append(_text(element.attrs, key))
    for value in element.attrs.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    texts.extend(_text(item, key) for key in TEXT_SETTINGS)
    texts = [text for text in texts if text.strip()]
    if not texts:
        return element.drop("not supported")
    return element.drop(NOT_SUPPORTED, keep="".join(markup.BLOCK.format(t) for t in texts))


WIDGETS = {
    "heading": heading,
    "text-editor": text_editor,
    "image": image,
    "button": button,
    "icon-list": icon_list,
    "accordion": tabs,
    "toggle": tabs,
    "tabs": tabs,
    "video": video,
    "html": html_widget,
    "shortcode": shortcode,
    "image-box": image_box,
    "icon-box": image_box,
    "testimonial": testimonial,
    "image-gallery": gallery,
    "image-carousel": gallery,
}
NESTED = {"nested-accordion": nested, "nested-tabs": nested}
DROPPED = {
    **dict.fromkeys(("divider", "spacer", "icon", "social-icons", "star-rating"), DECORATION),
    **dict.fromkeys(("google_maps", "soundcloud"), EMBED),
    **dict.fromkeys(("form", "login"), FORM),
    **dict.fromkeys(("sidebar", "posts", "archive-posts", "nav-menu", "search-form"), ON_THE_FLY),
    **dict.fromkeys(("global", "template"), LIBRARY),
}
