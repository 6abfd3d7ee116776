"""Posts built with a page builder, to the plain HTML an article holds.

A builder stores a post as its own markup: Divi, WPBakery and Avada as shortcodes
whose attributes hold the images, links and titles; Elementor as JSON in the post's
meta, with a rendered copy in the body. WordPress without the builder shows none of
it, so each element is converted here to the shapes in `markup`, and the result goes
through the same steps as any body: images copied, links between posts rewritten,
everything sanitized.

- `markup`: the HTML each element becomes (heading, figure, call to action, quote).
- `elements`: an element being converted; the reasons one is dropped.
- `divi`: Divi's `et_pb_*` shortcodes.
- `wpbakery`: WPBakery's (Visual Composer's) `vc_*` shortcodes.
- `avada`: Avada's (Fusion Builder's) `fusion_*` shortcodes.
- `elementor`: Elementor's `_elementor_data` JSON.

`Conversion` holds one body's conversion: it finds the builder of a shortcode by
its prefix, runs the element's converter and counts, per builder, what was
converted and what was dropped and why. A builder's element with no converter keeps
what every unknown shortcode gets: the tags go, the text inside stays.
"""

from articles.wordpress.builders import avada, divi, markup, wpbakery
from articles.wordpress.builders.elements import (
    ATTACHMENT_ID,
    LAYOUT,
    NOT_SUPPORTED,
    OVERSIZED,
    TOO_DEEP,
    Element,
)

SHORTCODE_BUILDERS = (divi, wpbakery, avada)


class Conversion:
    """One body's builder conversion and its counts (in `stats`, a BodyStats)."""

    def __init__(self, stats, attachments=None):
        self.stats = stats
        self.attachments = attachments or {}

    def builder_for(self, name):
        """The shortcode builder `name` belongs to ("et_pb_text" -> divi), or None."""
        lower = name.lower()
        for builder in SHORTCODE_BUILDERS:
            if lower.startswith(builder.PREFIX):
                return builder
        return None

    def prepare(self, text):
        """Undo what builders store in place of characters they cannot keep in a body
        (Divi's line-break placeholders), before shortcodes are read."""
        for builder in SHORTCODE_BUILDERS:
            text = builder.prepare(text)
        return text

    def shortcode(self, builder, node, inner, expand):
        """The HTML for a builder's shortcode `node`. `inner()` converts its content
        (not done for an element dropped whole, so what it held is not counted);
        `expand(html)` expands shortcodes in content the builder stored encoded."""
        name = node.name.lower()
        if name in builder.DROPPED:
            self.dropped(builder.NAME, name, builder.DROPPED[name])
            return ""
        if node.oversized or node.truncated:
            self.dropped(builder.NAME, name, OVERSIZED if node.oversized else TOO_DEEP)
            return inner()
        if name in builder.LAYOUT:
            self.converted(builder.NAME, LAYOUT)
            return markup.BLOCK.format(inner())
        converter = builder.CONVERTERS.get(name)
        if converter is None:
            self.dropped(builder.NAME, name, NOT_SUPPORTED)
            return inner()
        attrs = {
            key: builder.decode(value) if isinstance(value, str) else value
            for key, value in node.attributes().items()
        }
        element = Element(builder.NAME, name, attrs, inner(), node.content, self, expand)
        html = converter(element)
        if not element.dropped:
            self.converted(builder.NAME, name.removeprefix(builder.PREFIX))
        return html

    def attachment(self, value):
        """The export's attachment for an id ("123", "123|full", 123), or None."""
        match = ATTACHMENT_ID.match(str(value or ""))
        return self.attachments.get(int(match.group(1))) if match else None

    def converted(self, builder, label):
        self.stats.builder_converted[(builder, label)] += 1

    def dropped(self, builder, element, reason):
        self.stats.builder_dropped[(builder, element, reason)] += 1
