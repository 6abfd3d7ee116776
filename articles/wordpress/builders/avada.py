"""Avada's Fusion Builder `fusion_*` shortcodes.

An Avada post is `[fusion_builder_container][fusion_builder_row]
[fusion_builder_column]` around elements such as `[fusion_text]...[/fusion_text]`,
`[fusion_imageframe image_id="123|full" link="..."]https://.../a.jpg[/fusion_imageframe]`
(the image's address is the content) and `[fusion_button link="..."]Call us[/fusion_button]`
(the label is the content). Containers, rows and columns are layout. Attribute names
are those of Avada's element defaults; a code block keeps its HTML base64-encoded.
"""

import base64
import binascii
import html
import re

from articles.wordpress.builders import markup
from articles.wordpress.builders.elements import DECORATION, EMBED, FORM, LIBRARY, ON_THE_FLY

NAME = "Avada"
PREFIX = "fusion_"

IMG_SRC = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
IMG_ALT = re.compile(r"""<img\b[^<>]*?\salt\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
TAG = re.compile(r"<[^<>]*>")


def prepare(text):
    return text


def decode(value):
    return value


def _content_text(element):
    """The element's content as plain text (a label, an address)."""
    return markup.plain(TAG.sub(" ", element.inner))


def text(element):
    return markup.BLOCK.format(element.inner)


def image_frame(element):
    """The address is the content (older versions: an <img> in the content); the
    attachment id in `image_id` ("123|full") finds the export's copy otherwise."""
    raw = element.raw.strip()
    src_match = IMG_SRC.search(raw)
    src = html.unescape(src_match.group(1)) if src_match else markup.plain(raw)
    alt_match = IMG_ALT.search(raw)
    alt = element.attr("alt") or (html.unescape(alt_match.group(1)) if alt_match else "")
    target = None if element.attr("lightbox") == "yes" else element.attr("link")
    return element.image(
        src,
        attachment=element.attr("image_id"),
        alt=alt,
        caption=element.attr("caption_text"),
        link=target,
    )


def button(element):
    return element.button(element.attr("link"), _content_text(element) or element.attr("title"))


def title(element):
    size = element.attr("size") or "1"
    level = f"h{size}" if size in {"1", "2", "3", "4", "5", "6"} else "h2"
    return markup.heading(element.inner, level, is_html=True)


def titled(element):
    """Toggles (in an accordion) and tabs: the title, then the content."""
    return markup.heading(element.attr("title")) + markup.BLOCK.format(element.inner)


def container(element):
    return markup.BLOCK.format(element.inner)


def youtube(element):
    video_id = element.attr("id")
    url = video_id if "/" in video_id else f"https://www.youtube.com/watch?v={video_id}"
    return element.video(url if video_id else "")


def vimeo(element):
    video_id = element.attr("id")
    url = video_id if "/" in video_id else f"https://vimeo.com/{video_id}"
    return element.video(url if video_id else "")


def code(element):
    """Avada stores a code block's HTML base64-encoded when it can (its
    fusion_decode_if_needed): decoded, entities undone, shortcodes inside expanded."""
    content = element.raw.strip()
    decoded = _base64_if_needed(content)
    decoded = html.unescape(decoded)
    return markup.BLOCK.format(element.expand(decoded) if element.expand else decoded)


def _base64_if_needed(value):
    """`value` decoded when it is base64 that encodes back to itself, else as it is."""
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return value
    if base64.b64encode(data).decode("ascii") != value:
        return value
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return value


def checklist(element):
    return markup.BLOCK.format(f"<ul>{element.inner}</ul>")


def checklist_item(element):
    return f"<li>{element.inner.strip()}</li>"


def testimonial(element):
    who = ", ".join(
        part
        for part in (markup.plain(element.attr("name")), markup.plain(element.attr("company")))
        if part
    )
    return markup.quote(element.inner, who)


def tagline(element):
    """A tagline box is a call to action: title, description, text and a button."""
    parts = [
        markup.heading(element.attr("title")),
        markup.paragraph(element.attr("description")),
        markup.BLOCK.format(element.inner),
    ]
    if element.attr("button") or element.attr("link"):
        parts.append(element.button(element.attr("link"), element.attr("button")))
    return "".join(parts)


def alert(element):
    return markup.BLOCK.format(element.inner)


LAYOUT = {
    *("fusion_builder_container", "fusion_builder_row", "fusion_builder_row_inner"),
    *("fusion_builder_column", "fusion_builder_column_inner"),
}
CONVERTERS = {
    "fusion_text": text,
    "fusion_imageframe": image_frame,
    "fusion_button": button,
    "fusion_title": title,
    "fusion_accordion": container,
    "fusion_toggle": titled,
    "fusion_tabs": container,
    "fusion_tab": titled,
    "fusion_youtube": youtube,
    "fusion_vimeo": vimeo,
    "fusion_code": code,
    "fusion_checklist": checklist,
    "fusion_li_item": checklist_item,
    "fusion_testimonials": container,
    "fusion_testimonial": testimonial,
    "fusion_tagline_box": tagline,
    "fusion_alert": alert,
}
DROPPED = {
    **dict.fromkeys(
        ("fusion_separator", "fusion_section_separator", "fusion_fontawesome"), DECORATION
    ),
    **dict.fromkeys(
        (
            *("fusion_blog", "fusion_recent_posts", "fusion_portfolio", "fusion_post_slider"),
            *("fusion_widget_area", "fusion_search", "fusion_menu"),
            *("fusion_builder_next_page", "fusion_breadcrumbs", "fusion_events"),
        ),
        ON_THE_FLY,
    ),
    "fusion_global": LIBRARY,
    **dict.fromkeys(("fusion_form", "fusion_contact_form7", "fusion_gravity_form"), FORM),
    **dict.fromkeys(
        ("fusion_map", "fusion_instagram", "fusion_facebook_page", "fusion_twitter_timeline"),
        EMBED,
    ),
}
