"""Divi (Elegant Themes) `et_pb_*` shortcodes.

A Divi post is `[et_pb_section][et_pb_row][et_pb_column]` around modules such as
`[et_pb_text]...[/et_pb_text]`, `[et_pb_image src="..." alt="..."]` and
`[et_pb_button button_url="..." button_text="..."]`. Sections, rows and columns are
layout: unwrapped, their content kept in order. Text lives between a module's tags;
titles, images and links live in its attributes (names from Divi's module fields).

Divi cannot keep `"`, `[` or `]` in an attribute value, so it writes them as `%22`,
`%91` and `%93` (a backslash as `%92`); code modules store line breaks as
`<!-- [et_pb_line_break_holder] -->`. Both are undone before anything else.
"""

import re

from articles.wordpress.builders import markup
from articles.wordpress.builders.elements import DECORATION, EMBED, FORM, ON_THE_FLY

NAME = "Divi"
PREFIX = "et_pb_"

ATTRIBUTE_CODES = {"%22": '"', "%91": "[", "%93": "]", "%92": "\\"}
ATTRIBUTE_CODE = re.compile("|".join(ATTRIBUTE_CODES))
LINE_BREAK_HOLDER = re.compile(r"<!-{1,2}\s*\[et_pb_line_break_holder\]\s*-{1,2}>")


def prepare(text):
    return LINE_BREAK_HOLDER.sub("\n", text) if "et_pb_line_break_holder" in text else text


def decode(value):
    return ATTRIBUTE_CODE.sub(lambda match: ATTRIBUTE_CODES[match.group(0)], value)


def _level(element, default=markup.TITLE_LEVEL):
    """The heading level the editor chose in Divi (`header_level`), else `default`."""
    chosen = element.attr("header_level").lower()
    return chosen if chosen in markup.HEADING_LEVELS else default


def text(element):
    return markup.BLOCK.format(element.inner)


def image(element):
    link = None if element.attr("show_in_lightbox") == "on" else element.attr("url")
    return element.image(element.attr("src"), alt=element.attr("alt"), link=link)


def button(element):
    return element.button(element.attr("button_url"), element.attr("button_text"))


def call_to_action(element):
    title = markup.heading(element.attr("title"), _level(element))
    action = ""
    if element.attr("button_text") or element.attr("button_url"):
        action = element.button(element.attr("button_url"), element.attr("button_text"))
    return title + markup.BLOCK.format(element.inner) + action


def blurb(element):
    """Image (an icon is decoration) or none, the title (linked when the blurb is),
    then the text."""
    picture = ""
    if element.attr("use_icon") != "on" and element.attr("image"):
        picture = element.image(element.attr("image"), alt=element.attr("alt"))
    link = element.link(element.attr("url"))
    title = markup.heading(element.attr("title"), _level(element), link=link)
    return picture + title + markup.BLOCK.format(element.inner)


def titled(element):
    """Toggles, accordion items and tabs: the title as a heading, then the content."""
    return markup.heading(element.attr("title"), _level(element)) + markup.BLOCK.format(
        element.inner
    )


def container(element):
    """Accordions, tabs and sliders hold titled items; the items do the work."""
    return markup.BLOCK.format(element.inner)


def testimonial(element):
    who = ", ".join(
        part
        for part in (
            markup.plain(element.attr("author")),
            markup.plain(element.attr("job_title")),
            markup.plain(element.attr("company_name")),
        )
        if part
    )
    return markup.quote(element.inner, who)


def video(element):
    return element.video(element.attr("src") or element.attr("src_webm"))


def code(element):
    """A code module holds HTML written by hand: the sanitizer keeps what is safe."""
    return markup.BLOCK.format(element.inner)


def slide(element):
    picture = ""
    if element.attr("image"):
        picture = element.image(element.attr("image"), alt=element.attr("image_alt"))
    action = ""
    if element.attr("button_text") or element.attr("button_link"):
        action = element.button(element.attr("button_link"), element.attr("button_text"))
    heading = markup.heading(element.attr("heading"), _level(element))
    return heading + picture + markup.BLOCK.format(element.inner) + action


def header(element):
    """The full-width header: title, subheading, text and up to two buttons."""
    parts = [
        markup.heading(element.attr("title"), _level(element, "h2")),
        markup.paragraph(element.attr("subhead")),
        markup.BLOCK.format(element.inner),
    ]
    for which in ("one", "two"):
        url, label = element.attr(f"button_{which}_url"), element.attr(f"button_{which}_text")
        if url or label:
            parts.append(element.button(url, label))
    return "".join(parts)


def gallery(element):
    return element.gallery(element.attr("gallery_ids"))


def audio(element):
    return element.video(element.attr("audio"), element.attr("title"))


def fullwidth_image(element):
    return element.image(element.attr("src"), alt=element.attr("alt"), link=element.attr("url"))


LAYOUT = {
    *("et_pb_section", "et_pb_row", "et_pb_row_inner", "et_pb_column", "et_pb_column_inner"),
}
CONVERTERS = {
    "et_pb_text": text,
    "et_pb_image": image,
    "et_pb_fullwidth_image": fullwidth_image,
    "et_pb_button": button,
    "et_pb_cta": call_to_action,
    "et_pb_blurb": blurb,
    "et_pb_toggle": titled,
    "et_pb_accordion": container,
    "et_pb_accordion_item": titled,
    "et_pb_tabs": container,
    "et_pb_tab": titled,
    "et_pb_testimonial": testimonial,
    "et_pb_video": video,
    "et_pb_code": code,
    "et_pb_fullwidth_code": code,
    "et_pb_slider": container,
    "et_pb_fullwidth_slider": container,
    "et_pb_slide": slide,
    "et_pb_fullwidth_header": header,
    "et_pb_gallery": gallery,
    "et_pb_audio": audio,
}
DROPPED = {
    "et_pb_divider": DECORATION,
    "et_pb_icon": DECORATION,
    **dict.fromkeys(
        (
            *("et_pb_blog", "et_pb_portfolio", "et_pb_filterable_portfolio", "et_pb_post_slider"),
            *("et_pb_post_title", "et_pb_post_nav", "et_pb_post_content", "et_pb_comments"),
            *("et_pb_search", "et_pb_sidebar", "et_pb_menu", "et_pb_shop", "et_pb_countdown_timer"),
            *("et_pb_fullwidth_menu", "et_pb_fullwidth_portfolio", "et_pb_fullwidth_post_title"),
            *("et_pb_fullwidth_post_slider", "et_pb_fullwidth_post_content"),
        ),
        ON_THE_FLY,
    ),
    **dict.fromkeys(("et_pb_contact_form", "et_pb_signup", "et_pb_login"), FORM),
    **dict.fromkeys(("et_pb_map", "et_pb_fullwidth_map", "et_pb_social_media_follow"), EMBED),
}
