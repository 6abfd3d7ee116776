"""The plain HTML a builder element becomes, written in one place.

Every builder converts to the same few shapes, so an Elementor button and a Divi
button read alike in an article: headings, paragraphs, figures, a call to action as
a link in its own paragraph, a quote with its attribution, a video as a link to it.
Text taken from attributes is escaped here; HTML taken from an element's content is
passed on as it is, because the sanitizer decides what of it stays.
"""

import html
import re
from urllib.parse import urlsplit

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
HEADING_LEVELS = {f"h{n}" for n in range(1, 7)}
TITLE_LEVEL = "h3"  # an element's own title (toggle, tab, blurb, call to action)
BLOCK = "\n\n{}\n\n"  # block output stands in paragraphs of its own, whatever surrounds it
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
PARAGRAPH_TAG = re.compile(r"</?p\b[^<>]*>", re.IGNORECASE)


def plain(value):
    """An attribute value as text: entities decoded, spaces collapsed."""
    return " ".join(html.unescape(value or "").split())


def link_target(url):
    """`url` when a reader may follow it (http, https, mailto, tel, or an address on
    this site), else None. Control characters inside a scheme are how "java\\tscript:"
    slips past naive checks, so they are removed before looking."""
    url = CONTROL_CHARACTERS.sub("", html.unescape(url or "")).strip()
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in LINK_SCHEMES:
        return None
    return url


def image_source(url):
    """`url` when it can name an image file here (http, https or a path), else None."""
    target = link_target(url)
    if target is None or urlsplit(target).scheme.lower() in ("mailto", "tel"):
        return None
    return target


def refused_scheme(url):
    """What a refused link's scheme was, for the report ("javascript:")."""
    url = CONTROL_CHARACTERS.sub("", html.unescape(url or "")).strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return f"{scheme[:20]}:" if scheme else "an address that cannot be read"


def heading(text, level=TITLE_LEVEL, *, link=None, is_html=False):
    level = level if level in HEADING_LEVELS else TITLE_LEVEL
    # A heading holds a line of text: paragraphs an editor typed into it are unwrapped.
    content = PARAGRAPH_TAG.sub(" ", text).strip() if is_html else html.escape(plain(text))
    if not content.strip():
        return ""
    if link:
        content = f'<a href="{html.escape(link)}">{content}</a>'
    return BLOCK.format(f"<{level}>{content}</{level}>")


def paragraph(text):
    text = plain(text)
    return BLOCK.format(f"<p>{html.escape(text)}</p>") if text else ""


def button(url, text):
    """A call to action: a link alone in its paragraph."""
    return BLOCK.format(f'<p><a href="{html.escape(url)}">{html.escape(plain(text))}</a></p>')


def image(src, alt, *, caption="", link=None):
    """An image as a figure, with its caption and link if it has them."""
    tag = f'<img src="{html.escape(src)}" alt="{html.escape(plain(alt))}">'
    if link:
        tag = f'<a href="{html.escape(link)}">{tag}</a>'
    caption = plain(caption)
    if caption:
        tag += f"<figcaption>{html.escape(caption)}</figcaption>"
    return BLOCK.format(f"<figure>{tag}</figure>")


def quote(body_html, attribution):
    """A testimonial: the quote, then who said it."""
    parts = [f"<blockquote>\n\n{body_html.strip()}\n\n</blockquote>"]
    attribution = plain(attribution)
    if attribution:
        parts.append(f"<figcaption>— {html.escape(attribution)}</figcaption>")
    return BLOCK.format(f"<figure>{''.join(parts)}</figure>")


def video(url, title=""):
    """A video as a link to it: the player needs the provider's script, which the
    site never loads."""
    label = html.escape(plain(title) or url)
    return BLOCK.format(f'<p><a href="{html.escape(url)}">{label}</a></p>')


def bulleted(items_html):
    items = [item.strip() for item in items_html if item and item.strip()]
    if not items:
        return ""
    return BLOCK.format("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def linked(text_html, url):
    return f'<a href="{html.escape(url)}">{text_html}</a>' if url else text_html
