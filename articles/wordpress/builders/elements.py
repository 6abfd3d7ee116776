"""A builder element being converted, and the reasons one is dropped.

Converters in `divi`, `wpbakery`, `avada` and `elementor` receive an `Element` and
return HTML; what they cannot keep they drop through it, with a reason the import
report prints.
"""

import re
from dataclasses import dataclass, field

from articles.wordpress.builders import markup
from articles.wordpress.shortcodes import MAX_ATTRIBUTES_CHARS

# Why an element was dropped, as the report says it.
DECORATION = "decoration only"
ON_THE_FLY = "built by WordPress on each visit (post lists, menus, search)"
FORM = "a form (the call-back form takes its place here)"
EMBED = "a third-party embed (maps, social feeds)"
SCRIPT = "a script"
LIBRARY = "kept in the builder's library, not in the post"
NOT_SUPPORTED = "not supported: its text is kept"
OVERSIZED = f"attributes over {MAX_ATTRIBUTES_CHARS:,} characters: its text is kept"
TOO_DEEP = "nested too deep: its text is kept"
LAYOUT = "layout"  # how unwrapped rows, columns and sections are counted
MAX_GALLERY = 200  # images in one gallery
ATTACHMENT_ID = re.compile(r"\s*(\d{1,12})")


@dataclass
class Element:
    """One builder element being converted: its decoded attributes, its content
    (`inner` with nested shortcodes already converted, `raw` as written)."""

    builder: str
    name: str
    attrs: dict
    inner: str
    raw: str
    conversion: object  # the Conversion: counts and attachments
    expand: object = None  # expands shortcodes in decoded content
    dropped: bool = field(default=False, init=False)

    def attr(self, key, default=""):
        value = self.attrs.get(key, default)
        return value.strip() if isinstance(value, str) else default

    def drop(self, reason, keep=""):
        """Record that the element (or its part that mattered) was dropped."""
        self.dropped = True
        self.conversion.dropped(self.builder, self.name, reason)
        return keep

    def link(self, url):
        """The element's link when it may be followed; an unusable one is reported
        and None returned (the element is kept, unlinked)."""
        if not url:
            return None
        target = markup.link_target(url)
        if target is None:
            self.conversion.dropped(self.builder, self.name, unsafe_link(url))
        return target

    def button(self, url, text):
        """A call to action as a link; dropped with a reason when it cannot be one."""
        text = markup.plain(text)
        if not url:
            return self.drop("a button without a link", keep=markup.paragraph(text))
        target = markup.link_target(url)
        if target is None:
            return self.drop(unsafe_link(url), keep=markup.paragraph(text))
        if not text:
            return self.drop("a button without text")
        return markup.button(target, text)

    def image(self, src="", *, attachment=None, alt="", caption="", link=None):
        """An image named by URL or by attachment id ("123", "123|full"), as a figure.
        The URL goes through the import's image path like any other."""
        found = self.conversion.attachment(attachment) if attachment else None
        src = src or (found.url if found else "")
        if not src:
            if attachment:
                number = ATTACHMENT_ID.match(str(attachment))
                which = number.group(1) if number else "?"
                return self.drop(f"an image whose attachment ({which}) is not in the export")
            return self.drop("an image without a file")
        source = markup.image_source(src)
        if source is None:
            return self.drop(f"an image refused ({markup.refused_scheme(src)})")
        if not alt and found:
            alt = found.alt or found.title
        return markup.image(source, alt, caption=caption, link=self.link(link) if link else None)

    def gallery(self, ids):
        """The images of a gallery that names attachments ("12,13,14"), as figures."""
        numbers = [int(number) for number in re.findall(r"\d{1,12}", ids or "")[:MAX_GALLERY]]
        found = [self.conversion.attachment(number) for number in numbers]
        found = [attachment for attachment in found if attachment is not None]
        if not found:
            return self.drop("a gallery whose images are not in the export")
        return "".join(markup.image(a.url, a.alt or a.title, caption=a.caption) for a in found)

    def video(self, url, title=""):
        url = (url or "").strip()
        if not url:
            return self.drop("a video without an address")
        target = markup.link_target(url)
        if target is None:
            return self.drop(unsafe_link(url))
        return markup.video(target, title)


def unsafe_link(url):
    return f"a link refused ({markup.refused_scheme(url)})"
