"""WPBakery Page Builder (formerly Visual Composer) `vc_*` shortcodes.

A WPBakery post is `[vc_row][vc_column]` around elements such as
`[vc_column_text]...[/vc_column_text]`, `[vc_single_image image="123"]` (an
attachment id) and `[vc_btn title="..." link="url:...|title:..."]`. Rows, columns
and sections are layout. Attribute names are those of WPBakery's element maps.

WPBakery writes what an attribute cannot hold in three ways, all undone here:
brackets and quotes as `` `{` ``, `` `}` `` and ``` `` ```; some values as base64 behind
`#E-8_`; links (`vc_link`) as `url:...|title:...|target:...` with each part
URL-encoded. Raw HTML elements keep their HTML base64-encoded and URL-encoded in
their content.
"""

import base64
import binascii
import re
from urllib.parse import unquote

from articles.wordpress.builders import markup
from articles.wordpress.builders.elements import DECORATION, EMBED, ON_THE_FLY, SCRIPT

NAME = "WPBakery"
PREFIX = "vc_"

SAFE_CODES = {"`{`": "[", "`}`": "]", "``": '"'}
SAFE_CODE = re.compile("`{`|`}`|``")
BASE64_MARK = "#E-8_"
TAG = re.compile(r"<[^<>]*>")


def prepare(text):
    return text


def decode(value):
    if value.startswith(BASE64_MARK):
        value = _base64_then_url(value[len(BASE64_MARK) :]) or ""
    return SAFE_CODE.sub(lambda match: SAFE_CODES[match.group(0)], value)


def _base64_then_url(value):
    """WPBakery's encoding of raw HTML (`rawurlencode`, then base64), undone; None
    when it is not that."""
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return unquote(data.decode("utf-8", errors="replace"))


def link(value):
    """`url:https%3A%2F%2F...|title:Call%20us|target:_blank` -> {"url": ..., "title": ...}
    (WPBakery's vc_build_link)."""
    parts = {}
    for pair in (value or "").split("|"):
        key, _, encoded = pair.partition(":")
        if key and _:
            parts[key.strip()] = unquote(encoded).strip()
    return parts


def _font_container(value):
    """`tag:h2|text_align:left` -> {"tag": "h2", "text_align": "left"}."""
    return link(value)


def column_text(element):
    return markup.BLOCK.format(element.inner)


def single_image(element):
    """An image from the media library (by attachment id) or from an address."""
    source = element.attr("source") or "media_library"
    if source == "featured_image":
        return element.drop("the post's featured image (imported as the article's image)")
    caption = ""
    found = element.conversion.attachment(element.attr("image"))
    if element.attr("add_caption") == "yes" and found:
        caption = found.caption
    onclick = element.attr("onclick")
    target = ""
    if onclick == "custom_link" or (not onclick and element.attr("img_link")):
        target = element.attr("link") or element.attr("img_link")
    if source == "external_link":
        picture = element.image(element.attr("custom_src"), alt=element.attr("alt"), link=target)
    else:
        picture = element.image(attachment=element.attr("image"), caption=caption, link=target)
    return markup.heading(element.attr("title")) + picture


def gallery(element):
    return element.gallery(element.attr("images"))


def button(element):
    """vc_btn and vc_button2 (a vc_link), vc_button (href)."""
    if element.name == "vc_button":
        return element.button(element.attr("href"), element.attr("title"))
    return element.button(link(element.attr("link")).get("url", ""), element.attr("title"))


def call_to_action(element):
    """vc_cta: heading (`h2`), subheading (`h4`), text, and a button when added."""
    parts = [
        markup.heading(element.attr("h2"), "h2"),
        markup.paragraph(element.attr("h4")),
        markup.BLOCK.format(element.inner),
    ]
    if element.attr("add_button"):
        url = link(element.attr("btn_link")).get("url", "")
        parts.append(element.button(url, element.attr("btn_title")))
    return "".join(parts)


def old_call_to_action(element):
    """vc_cta_button (call_text, title, href) and vc_cta_button2 (h2, h4, title, link)."""
    if element.name == "vc_cta_button":
        text = markup.paragraph(element.attr("call_text"))
        return text + element.button(element.attr("href"), element.attr("title"))
    parts = [
        markup.heading(element.attr("h2"), "h2"),
        markup.paragraph(element.attr("h4")),
        markup.BLOCK.format(element.inner),
        element.button(link(element.attr("link")).get("url", ""), element.attr("title")),
    ]
    return "".join(parts)


def titled(element):
    """Toggles and the sections of tabs, tours and accordions: title, then content."""
    return markup.heading(element.attr("title")) + markup.BLOCK.format(element.inner)


def container(element):
    return markup.BLOCK.format(element.inner)


def video(element):
    return element.video(element.attr("link"), element.attr("title"))


def raw_html(element):
    """The element's HTML, stored base64- and URL-encoded, for the sanitizer to judge."""
    decoded = _base64_then_url(TAG.sub("", element.raw))
    if decoded is None:
        return element.drop("raw HTML that could not be decoded")
    return markup.BLOCK.format(decoded)


def custom_heading(element):
    level = _font_container(element.attr("font_container")).get("tag", "h2")
    target = element.link(link(element.attr("link")).get("url", ""))
    return markup.heading(element.attr("text"), level, link=target)


def text_separator(element):
    """A separator with a title is a section heading to a reader."""
    if not element.attr("title"):
        return element.drop(DECORATION)
    return markup.heading(element.attr("title"))


def message(element):
    return markup.BLOCK.format(element.inner)


LAYOUT = {
    *("vc_section", "vc_row", "vc_row_inner", "vc_column", "vc_column_inner"),
}
CONVERTERS = {
    "vc_column_text": column_text,
    "vc_single_image": single_image,
    "vc_gallery": gallery,
    "vc_images_carousel": gallery,
    "vc_btn": button,
    "vc_button": button,
    "vc_button2": button,
    "vc_cta": call_to_action,
    "vc_cta_button": old_call_to_action,
    "vc_cta_button2": old_call_to_action,
    "vc_toggle": titled,
    **dict.fromkeys(("vc_tta_tabs", "vc_tta_tour", "vc_tta_accordion"), container),
    "vc_tta_pageable": container,
    "vc_tta_section": titled,
    **dict.fromkeys(("vc_tabs", "vc_tour", "vc_accordion"), container),
    "vc_tab": titled,
    "vc_accordion_tab": titled,
    "vc_video": video,
    "vc_raw_html": raw_html,
    "vc_custom_heading": custom_heading,
    "vc_text_separator": text_separator,
    "vc_message": message,
    "vc_wp_text": column_text,
}
DROPPED = {
    **dict.fromkeys(("vc_separator", "vc_empty_space", "vc_zigzag", "vc_icon"), DECORATION),
    "vc_raw_js": SCRIPT,
    **dict.fromkeys(
        (
            *("vc_basic_grid", "vc_media_grid", "vc_masonry_grid", "vc_masonry_media_grid"),
            *("vc_posts_slider", "vc_widget_sidebar", "vc_wp_search", "vc_wp_meta"),
            *("vc_wp_recentcomments", "vc_wp_calendar", "vc_wp_pages", "vc_wp_tagcloud"),
            *("vc_wp_custommenu", "vc_wp_posts", "vc_wp_links"),
            *("vc_wp_categories", "vc_wp_archives", "vc_wp_rss"),
        ),
        ON_THE_FLY,
    ),
    **dict.fromkeys(
        (
            *("vc_gmaps", "vc_facebook", "vc_tweetmeme", "vc_googleplus", "vc_pinterest"),
            "vc_flickr",
        ),
        EMBED,
    ),
}
