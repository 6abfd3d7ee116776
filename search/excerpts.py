"""Short excerpts of where a search matched, with the matched words marked.

One implementation for both databases. PostgreSQL's ts_headline was measured at
3-5 ms a result on the benchmark machine (it parses and stems the whole article),
40-60 ms for a page of twelve, against a budget of 100 ms for the whole search;
finding the densest stretch of matches with Python's regular expressions costs
well under a millisecond a result. Word forms are matched by search.text.word_pattern.

Excerpt text is always treated as text: it is escaped here, and the only markup
added is <mark> around matched words.
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# About how long an excerpt is.
EXCERPT_WORDS = 30
_SPAN = EXCERPT_WORDS * 7  # characters, at about 7 a word with its space
_LEAD = 40  # characters shown before the first match
_TAG = re.compile(r"<[^>]*>")
_HEADING_END = re.compile(r"(?<![.?!:;])</h[2-6]>")  # one that ends without punctuation
_ITEM_END = re.compile(r"(?<![.?!:;])</li>")
# Matches looked at to find the densest stretch; enough for any article.
_MAX_MATCHES = 400


def text_of(body_html):
    """The words of a sanitized body, for an excerpt: a heading ends with a full stop
    and a list item with a semicolon, so they do not run into the next words; tags
    out, entities decoded (whitespace is tidied in the excerpt only, which is quicker)."""
    text = _HEADING_END.sub(". ", body_html or "")
    text = _ITEM_END.sub("; ", text)
    return html.unescape(_TAG.sub(" ", text))


def excerpt(text, pattern):
    """Safe HTML: the stretch of plain `text` (not HTML) with the most matches of
    `pattern` (a compiled regular expression), matches marked; None without a match."""
    matches = []
    for match in pattern.finditer(text):
        matches.append(match.start())
        if len(matches) >= _MAX_MATCHES:
            break
    if not matches:
        return None
    best, best_count, j = 0, 0, 0
    for i, start in enumerate(matches):
        while j < len(matches) and matches[j] - start < _SPAN - _LEAD:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    start = max(0, matches[best] - _LEAD)
    if start:
        start = text.find(" ", start) + 1 or start  # begin at a word
    parts = text[start:].split(maxsplit=EXCERPT_WORDS)
    window = " ".join(parts[:EXCERPT_WORDS])
    cut = len(parts) > EXCERPT_WORDS

    out, position = [], 0
    for match in pattern.finditer(window):
        out.append(escape(window[position : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    out.append(escape(window[position:]))
    marked = "".join(out).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if cut else ""
    return mark_safe(prefix + marked + suffix)  # noqa: S308 - every piece escaped above
