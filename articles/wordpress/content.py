"""WordPress post bodies to the clean HTML our articles store.

WordPress stores two kinds of body. Classic-editor posts are HTML with bare line
breaks for paragraphs, which WordPress turns into <p> and <br> on every page view
(`wpautop`); block-editor posts are finished HTML wrapped in `<!-- wp:... -->`
comments, and WordPress does not run wpautop on them. Both may contain
shortcodes (`[caption]...[/caption]`), which only WordPress can render, and a post
made with a page builder is mostly the builder's shortcodes (or, for Elementor,
JSON kept beside the body); `builders` converts those.

`convert_body()` does what WordPress would have done on the page, as far as it
can without WordPress: builders' elements converted, blocks reduced, shortcodes
expanded or removed (and counted), paragraphs restored, URLs rewritten by the
caller's function. The result still goes through `articles.sanitize` like every
body; this module makes it sensible, the sanitizer makes it safe.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from articles.sanitize import sanitize_html
from articles.wordpress import shortcodes
from articles.wordpress.builders import Conversion, elementor
from publishing.models import SUMMARY_MAX_LENGTH as SUMMARY_MAX

SUMMARY_ENOUGH = 80  # characters: a generated summary stops at a paragraph end after this


@dataclass
class BodyStats:
    """What happened to one body, summed into the import report."""

    shortcodes_converted: Counter = field(default_factory=Counter)
    shortcodes_removed: Counter = field(default_factory=Counter)
    blocks_dropped: Counter = field(default_factory=Counter)
    builder_converted: Counter = field(default_factory=Counter)  # (builder, element)
    builder_dropped: Counter = field(default_factory=Counter)  # (builder, element, reason)


def convert_body(
    text,
    *,
    shortcode_handlers,
    rewrite_url,
    reusable_blocks,
    stats,
    attachments=None,
    post_meta=None,
):
    """The clean, sanitized HTML for a WordPress post body.

    `shortcode_handlers` maps a shortcode name to a function (attributes, inner
    html) -> html; `rewrite_url(tag, attribute, value)` returns a new URL, None to
    leave the value as it is, or REMOVE to drop the element; `reusable_blocks` maps
    a reusable block's post id to its content. Page builders' markup is converted
    (see `builders`), with `attachments` (post id -> index.Attachment) for the
    images builders name by id and `post_meta` for Elementor's saved structure.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    conversion = Conversion(stats, attachments)
    text = elementor.convert(post_meta, conversion) or text
    text = conversion.prepare(text)
    if has_blocks(text):
        text = reduce_blocks(text, reusable_blocks, stats)
        # Block wrappers (group, columns, buttons...) are divs the sanitizer unwraps;
        # a blank line keeps what each held in a paragraph of its own.
        text = re.sub(r"</?div\b[^<>]*>", "\n\n", text, flags=re.IGNORECASE)
        text = expand_shortcodes(text, shortcode_handlers, stats, conversion)
    else:
        text = expand_shortcodes(text, shortcode_handlers, stats, conversion)
        text = wpautop(text)
    # The article title is the page's only h1; body headings start at h2.
    text = re.sub(r"<(/?)h1\b", r"<\1h2", text, flags=re.IGNORECASE)
    text = rewrite_urls(text, rewrite_url)
    return tidy(sanitize_html(text))


# Block-editor markup -------------------------------------------------------------


def has_blocks(text):
    """WordPress's own test (`has_blocks()`): any block delimiter at all."""
    return "<!-- wp:" in text


# The inside of a block delimiter comment. WordPress escapes "--" in block
# attributes, so a delimiter always ends at the first "-->".
BLOCK_DELIMITER = re.compile(
    r"\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*\}\s+)?(?P<void>/)?",
    re.DOTALL,
)
REUSABLE_REF = re.compile(r'"ref"\s*:\s*(\d+)')
EMBED_URL = re.compile(
    r'<div class="wp-block-embed__wrapper">\s*(https?://[^\s<"]+)\s*</div>', re.IGNORECASE
)
MAX_REUSABLE_DEPTH = 5
MAX_REUSABLE_EXPANSIONS = 50  # per post: reusable blocks inside reusable blocks multiply


def reduce_blocks(text, reusable_blocks, stats):
    """Block markup to the HTML it saved: delimiters removed, reusable blocks
    inlined, embeds turned into links. Void blocks other than reusable ones are
    dynamic (latest posts, search, archives...): WordPress renders them at view
    time, so there is nothing to keep; they are counted by name."""
    budget = [MAX_REUSABLE_EXPANSIONS]

    def reduce(text, depth):
        out, position = [], 0
        for start, end, inside in _comments(text):
            out.append(text[position:start])
            position = end
            match = BLOCK_DELIMITER.fullmatch(inside)
            if match is None:
                out.append(text[start:end])  # an ordinary comment: the sanitizer drops it
            elif match["void"]:
                out.append(void_block(match, depth))
        out.append(text[position:])
        return "".join(out)

    def void_block(match, depth):
        name = match["name"].removeprefix("core/")
        ref = REUSABLE_REF.search(match["attrs"] or "") if name == "block" else None
        content = reusable_blocks.get(int(ref.group(1))) if ref else None
        if content is not None and depth < MAX_REUSABLE_DEPTH and budget[0] > 0:
            budget[0] -= 1
            return reduce(content, depth + 1)
        stats.blocks_dropped[name] += 1
        return ""

    return EMBED_URL.sub(r'<a href="\1">\1</a>', reduce(text, 0))


def _comments(text):
    """(start, end, inside) of each HTML comment, found in one pass."""
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            return
        yield start, end + 3, text[start + 4 : end]
        position = end + 3


# Shortcodes -----------------------------------------------------------------------


def expand_shortcodes(text, handlers, stats, builders=None):
    """Expand the shortcodes we can render; remove the others, keeping their inner
    content, and count them by name (see `shortcodes.Shortcode.looks_like_one`). With
    `builders` (a builders.Conversion), page builders' shortcodes are converted by
    their builder and counted there instead."""
    return _expand_nodes(shortcodes.parse(text), handlers, stats, builders)


def _expand_nodes(nodes, handlers, stats, builders):
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.escaped:
            out.append(node.text[1:-1])
        elif not node.looks_like_one():
            out.append(node.text)
        else:
            out.append(_expand(node, handlers, stats, builders))
    return "".join(out)


def _expand(node, handlers, stats, builders):
    def inner():
        return _expand_nodes(node.children or (), handlers, stats, builders)

    builder = builders.builder_for(node.name) if builders is not None else None
    if builder is not None:

        def expand(decoded):
            """Shortcodes in content a builder stored encoded."""
            return expand_shortcodes(decoded, handlers, stats, builders) if decoded else decoded

        return builders.shortcode(builder, node, inner, expand)
    inner = inner()
    handler = handlers.get(node.name.lower())
    if handler is None or node.oversized or node.truncated:
        stats.shortcodes_removed[node.name] += 1
        return inner
    stats.shortcodes_converted[node.name.lower()] += 1
    return handler(node.attributes(), inner)


CAPTIONED_IMAGE = re.compile(
    r"((?:<a\s[^>]+>\s*)?<img\s[^>]+>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL
)


def caption_shortcode(attributes, inner):
    """[caption]<img> text[/caption] -> <figure><img><figcaption>text</figcaption>
    (WordPress's img_caption_shortcode; the caption is the `caption` attribute in
    old posts, the text after the image in newer ones)."""
    caption = attributes.get("caption", "")
    image = inner
    if not caption:
        match = CAPTIONED_IMAGE.match(inner.strip())
        if match:
            image, caption = match.group(1), match.group(2)
    caption = " ".join(caption.split())
    if not caption:
        return inner
    return f"<figure>{image.strip()}<figcaption>{caption}</figcaption></figure>"


def embed_shortcode(attributes, inner):
    """[embed]https://...[/embed]: the video or post itself needs the provider's
    script, which we do not run; a link to it keeps the reference."""
    url = html.unescape(inner.strip())
    if not re.match(r"https?://\S+$", url):
        return inner
    escaped = html.escape(url)
    return f'<p><a href="{escaped}">{escaped}</a></p>'


def figure_html(src, alt, caption=""):
    """One image as a figure (used for galleries)."""
    parts = [f'<figure><img src="{html.escape(src)}" alt="{html.escape(alt)}">']
    if caption:
        parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


# wpautop ---------------------------------------------------------------------------

# A port of WordPress's wpautop() (wp-includes/formatting.php), rule for rule, so
# classic posts get the paragraphs their readers saw.
ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
NEWLINE_PLACEHOLDER = " <!-- wpnl --> "


def wpautop(text, br=True):
    """Double line breaks become paragraphs, single ones <br>, except around and
    inside block elements and <pre>."""
    if not text.strip():
        return ""
    text = (text + "\n").replace("\r\n", "\n").replace("\r", "\n")
    text, pre_tags = _hide_pre(text)
    text = re.sub(r"[^\S\n]{2,}", " ", text)  # invisible in HTML; keeps the rules below linear
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{ALLBLOCKS}[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</{ALLBLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    # Newlines inside tags (attributes over several lines) are not paragraphs.
    text = re.sub(r"<(?!!--)[^<>]*>", lambda m: m.group(0).replace("\n", NEWLINE_PLACEHOLDER), text)
    text = _collapse_inside_media(text)
    text = re.sub(r"\n\n+", "\n\n", text)

    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)

    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{ALLBLOCKS}[^<>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li(?:(?!<p>).)*?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^<>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{ALLBLOCKS}[^<>]*>)", r"\1", text)
    text = re.sub(rf"(</?{ALLBLOCKS}[^<>]*>)\s*</p>", r"\1", text)
    if br:
        # (WordPress first shields newlines inside script, style, svg and math;
        # the sanitizer drops those elements whole, so that step is left out.)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{ALLBLOCKS}[^<>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^<>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for placeholder, original in pre_tags.items():
        text = text.replace(placeholder, original)
    return text.replace(NEWLINE_PLACEHOLDER, "\n").replace(NEWLINE_PLACEHOLDER.strip(), "\n")


def _hide_pre(text):
    """Swap each <pre>...</pre> for a placeholder; wpautop leaves their insides alone."""
    if "<pre" not in text:
        return text, {}
    *parts, last = text.split("</pre>")
    pre_tags = {}
    rebuilt = []
    for number, part in enumerate(parts):
        start = part.find("<pre")
        if start == -1:  # malformed HTML: a </pre> without its <pre
            rebuilt.append(part)
            continue
        placeholder = f"<pre wp-pre-tag-{number}></pre>"
        pre_tags[placeholder] = part[start:] + "</pre>"
        rebuilt.append(part[:start] + placeholder)
    rebuilt.append(last)
    return "".join(rebuilt), pre_tags


def _collapse_inside_media(text):
    """No paragraphs between <option>s, <object> params, <source>/<track> or
    around <figcaption> (wpautop's special cases)."""
    if "<option" in text:
        text = re.sub(r"(?<!\s)\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^<>]*>)\s*", r"\1", text)
        text = re.sub(r"(?<!\s)\s*</object>", "</object>", text)
        text = re.sub(r"(?<!\s)\s*(</?(?:param|embed)[^<>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^<>\[\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"(?<!\s)\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"(?<!\s)\s*(<(?:source|track)[^<>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"(?<!\s)\s*(<figcaption[^<>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    return text


# URLs --------------------------------------------------------------------------------

REMOVE = object()
URL_TAG = re.compile(r"<(a|img)\b[^<>]*>", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(
    r"""(?P<prefix>\s(?P<name>href|src)\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""",
    re.IGNORECASE,
)


def rewrite_urls(text, rewrite):
    """Pass every <a href> and <img src> through `rewrite(tag, attribute, url)`."""

    def replace_tag(tag_match):
        tag = tag_match.group(1).lower()
        wanted = "href" if tag == "a" else "src"
        removed = False

        def replace_attribute(match):
            nonlocal removed
            if match["name"].lower() != wanted:
                return match.group(0)
            raw = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
            new = rewrite(tag, wanted, html.unescape(raw))
            if new is REMOVE:
                removed = True
                return match.group(0)
            if new is None:
                return match.group(0)
            return f'{match["prefix"]}"{html.escape(new)}"'

        rewritten = URL_ATTRIBUTE.sub(replace_attribute, tag_match.group(0))
        return "" if removed else rewritten

    return URL_TAG.sub(replace_tag, text)


# After sanitizing -----------------------------------------------------------------

# These only ever see nh3's serialisation: lower-case tags, quoted attributes, no
# comments, and any "<" in text escaped.
EMPTY_ELEMENTS = re.compile(
    r"<p>(?:\s|<br>|&nbsp;)*</p>|<(figure|ul|ol|blockquote)>\s*</\1>|<a(?: [^>]*)?>\s*</a>"
    r"|<(strong|em|b|i|u|s|small)>\s*</\2>"
)
ANCHOR_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
TRAILING_BREAKS = re.compile(r"(?:<br>\s*)+(?=</(?:a|p|li|figcaption|h[2-6]|td|th)>)")
TOKEN = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>|[^<]+")
TOP_LEVEL_BLOCKS = {
    *("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "figure", "blockquote", "table", "hr"),
}
VOID_ELEMENTS = {"br", "hr", "img"}
BLANK_LINE = re.compile(r"\n\s*\n")


def tidy(clean_html):
    """Drop the empty shells that removed comments, wrappers and media leave, and
    put loose inline content (what a button or custom-HTML block leaves) in <p>."""
    clean_html = wrap_loose_inline(ANCHOR_WITHOUT_HREF.sub(r"\1", clean_html))
    clean_html = TRAILING_BREAKS.sub("", clean_html)
    previous = None
    while previous != clean_html:
        previous = clean_html
        clean_html = EMPTY_ELEMENTS.sub("", clean_html)
    return re.sub(r"\n\s*\n", "\n", clean_html).strip()


def wrap_loose_inline(clean_html):
    """Wrap runs of top-level text and inline elements in <p> (a blank line ends a
    run), as the neighbours of block elements in a body should be."""
    out, run, depth, target = [], [], 0, []
    for match in TOKEN.finditer(clean_html):
        token, closing, tag = match.group(0), match.group(1), match.group(2)
        if depth == 0 and not tag:
            *before, token = BLANK_LINE.split(token)
            for text in before:
                out.append(_paragraph([*run, text]) + "\n")
                run = []
        if depth == 0:
            if tag in TOP_LEVEL_BLOCKS and not closing:
                out.append(_paragraph(run))
                run = []
                target = out
            else:
                target = run
        target.append(token)
        if tag and tag not in VOID_ELEMENTS:
            depth = max(0, depth - 1) if closing else depth + 1
        if depth == 0 and target is out:
            out.append("\n")
    out.append(_paragraph(run))
    return "".join(out)


def _paragraph(tokens):
    text = "".join(tokens)
    return f"<p>{text.strip()}</p>\n" if text.strip() else text


# Plain text ------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TEXT_BREAKING_TAG = re.compile(
    r"</?(?:p|br|li|h[1-6]|figure|figcaption|blockquote|tr|td|th|ul|ol|table|hr|div)\b[^<>]*>",
    re.IGNORECASE,
)


def visible_text(fragment):
    """The text a reader sees: block tags separate words, inline tags do not
    ("<a>more tag</a>." stays "more tag.")."""
    text = re.sub(r"<[^<>]*>", "", TEXT_BREAKING_TAG.sub(" ", fragment or ""))
    return " ".join(html.unescape(text).split())


def title_text(title, limit=200):
    """A title as plain text ("Mark<sup>up</sup>" -> "Markup"), entities decoded."""
    return shorten(visible_text(title), limit)


def summary_from_excerpt(excerpt):
    return shorten(visible_text(excerpt), SUMMARY_MAX)


def summary_from_body(body_html):
    """The body's first sentences, up to the summary's length: those of the first
    paragraph, and of the next ones while that is still shorter than a sentence
    or two."""
    paragraphs = [visible_text(p) for p in PARAGRAPH.findall(body_html)] or [
        visible_text(body_html)
    ]
    summary = ""
    for paragraph in paragraphs:
        if len(summary) >= SUMMARY_ENOUGH:
            break
        for sentence in SENTENCE_END.split(paragraph):
            candidate = f"{summary} {sentence}".strip()
            if len(candidate) > SUMMARY_MAX:
                return summary or shorten(candidate, SUMMARY_MAX)
            summary = candidate
    return summary


def shorten(text, limit):
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
