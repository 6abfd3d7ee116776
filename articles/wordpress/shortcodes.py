"""WordPress shortcodes (`[name attr="value"]content[/name]`), read by a tokenizer.

WordPress finds shortcodes with one large regular expression (get_shortcode_regex)
and parses attributes with another (shortcode_parse_atts). Both backtrack, and on a
hostile body ("[a " 70,000 times, a quote that never closes) a faithful copy runs for
minutes. This module reads the same grammar in passes that never look back:

- `parse()` finds tags with `str.find` and one anchored name match per "[", so each
  character of a body is read a bounded number of times, and pairs tags as WordPress
  does: an opening tag with the first closing tag of its name after it, inside its
  parent; `[[name]]` is shown literally.
- `parse_attributes()` reads `name="v" name='v' name=v "positional" bare` left to
  right, with WordPress's results on anything WordPress itself writes.

Two limits keep hostile input cheap and visible rather than silently mangled:
attributes longer than MAX_ATTRIBUTES_CHARS are not read (the tag is marked
`oversized`, so whoever expands it can say so), and nesting deeper than MAX_DEPTH is
flattened to its text (`truncated`).

One deliberate difference from WordPress: a tag's attributes stop at a "[" as well as
at the closing "]". It keeps scanning linear; page builders encode brackets inside
attribute values anyway, because a literal "]" would end the tag in WordPress too.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_ATTRIBUTES_CHARS = 65_536  # a Divi section with custom CSS and gradients stays far below
MAX_DEPTH = 20  # builders nest section > row > column > module > item: about eight levels

# WordPress core's own shortcodes: always shortcodes, even bare ("[gallery]").
CORE_SHORTCODES = {"audio", "caption", "wp_caption", "embed", "gallery", "playlist", "video"}

NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")  # anchored at each "[": no backtracking
SPACE = " \t\n\r\f\v"


class _Tag(NamedTuple):
    closing: bool
    name: str
    start: int  # the "["
    end: int  # just after the "]"
    attrs_start: int
    attrs_end: int
    self_closing: bool


@dataclass(eq=False, slots=True)
class Shortcode:
    """One shortcode in a body. `children` is the parsed content (text and
    Shortcodes), None when the tag has no closing tag."""

    source: str = field(repr=False)
    name: str
    start: int
    end: int
    attrs_start: int
    attrs_end: int
    content_start: int
    content_end: int
    children: list | None
    self_closing: bool
    escaped: bool = False  # [[name]]: WordPress shows it literally
    truncated: bool = False  # nested too deep: children hold its text only

    @property
    def text(self):
        """The shortcode as written."""
        return self.source[self.start : self.end]

    @property
    def content(self):
        """The content between the tags as written, "" without a closing tag."""
        return self.source[self.content_start : self.content_end]

    @property
    def oversized(self):
        return self.attrs_end - self.attrs_start > MAX_ATTRIBUTES_CHARS

    def attributes(self):
        """The parsed attributes; none at all when they are over the limit."""
        if self.oversized:
            return {}
        return parse_attributes(self.source[self.attrs_start : self.attrs_end])

    def looks_like_one(self):
        """WordPress only treats registered names as shortcodes, so "[sic]" or "[1]"
        in a post is plain text there. We cannot know what was registered on the
        old site, so bracketed text counts as a shortcode only when it looks like
        one: a core name, a closing tag, attributes (name=value), a self-closing
        slash, or a name with "_" or "-" ("[contact-form-7 id=1]", "[vc_row]").
        Plain bracketed words ("[sic]", "[simple boat]") stay as text."""
        return (
            self.children is not None
            or self.self_closing
            or "=" in self.source[self.attrs_start : self.attrs_end]
            or _named_like_one(self.name)
        )


def parse(text):
    """`text` as a list of strings and Shortcodes, in order; joined back together
    (each Shortcode as its `.text`) it is `text` again. A lone bracketed word that
    does not look like a shortcode ("[sic]") stays in the text around it."""
    tags = list(_tags(text))
    closings = defaultdict(list)  # name -> indexes into tags, in order
    for index, tag in enumerate(tags):
        if tag.closing:
            closings[tag.name].append(index)
    # Tags are paired left to right, so the search for "the first closing tag of this
    # name after index k" only ever moves forward: one pointer per name.
    pointers = defaultdict(int)

    def closing_for(name, after, limit):
        indexes = closings.get(name)
        if not indexes:
            return None
        pointer = pointers[name]
        while pointer < len(indexes) and indexes[pointer] <= after:
            pointer += 1
        pointers[name] = pointer
        if pointer < len(indexes) and indexes[pointer] < limit:
            return indexes[pointer]
        return None

    def build(low, high, text_start, text_end, depth):
        """The nodes for tags[low:high], which lie in text[text_start:text_end]."""
        nodes, position, k = [], text_start, low
        while k < high:
            tag = tags[k]
            if tag.closing:  # a closing tag without its opening: text
                k += 1
                continue
            closing = None if tag.self_closing else closing_for(tag.name, k, high)
            if closing is None and _plain_text(text, tag, text_start, text_end):
                k += 1  # "[sic]": left in the text around it
                continue
            node = Shortcode(
                source=text,
                name=tag.name,
                start=tag.start,
                end=tag.end,
                attrs_start=tag.attrs_start,
                attrs_end=tag.attrs_end,
                content_start=tag.end,
                content_end=tag.end,
                children=None,
                self_closing=tag.self_closing,
            )
            k += 1
            if closing is not None:
                end_tag = tags[closing]
                node.end, node.content_end = end_tag.end, end_tag.start
                if depth < MAX_DEPTH:
                    node.children = build(k, closing, tag.end, end_tag.start, depth + 1)
                else:
                    node.children = [_text_between(text, tags, k, closing, tag.end, end_tag.start)]
                    node.truncated = True
                k = closing + 1
            # [[name]] is escaped; a lone extra "[" before a shortcode is text.
            if (
                node.start > text_start
                and text[node.start - 1] == "["
                and node.end < text_end
                and text[node.end] == "]"
            ):
                node.start, node.end, node.escaped = node.start - 1, node.end + 1, True
            nodes.append(text[position : node.start])
            nodes.append(node)
            position = node.end
        nodes.append(text[position:text_end])
        return [node for node in nodes if node != ""]

    return build(0, len(tags), 0, len(text), 0)


def _plain_text(text, tag, text_start, text_end):
    """True for a lone tag that is text by `Shortcode.looks_like_one`'s rules and is
    not escaped: most brackets in a body, decided without building a node."""
    if tag.self_closing or _named_like_one(tag.name):
        return False
    if "=" in text[tag.attrs_start : tag.attrs_end]:
        return False
    return not (
        tag.start > text_start
        and text[tag.start - 1] == "["
        and tag.end < text_end
        and text[tag.end] == "]"
    )


def _named_like_one(name):
    return "_" in name or "-" in name or name.lower() in CORE_SHORTCODES


def _text_between(text, tags, low, high, text_start, text_end):
    """text[text_start:text_end] without the tags tags[low:high] in it."""
    parts, position = [], text_start
    for tag in tags[low:high]:
        parts.append(text[position : tag.start])
        position = tag.end
    parts.append(text[position:text_end])
    return "".join(parts)


def _tags(text):
    """Every opening and closing tag, left to right, each character read a bounded
    number of times: the next "]" is found once and reused until passed, and a "["
    inside a tag's attributes ends the attempt at that "[", where the scan resumes."""
    position = 0
    next_bracket = -1  # the first "]" at or after the name being read
    while (start := text.find("[", position)) != -1:
        if text.startswith("/", start + 1):
            name = NAME.match(text, start + 2)
            if name and text.startswith("]", name.end()):
                yield _Tag(True, name.group(), start, name.end() + 1, 0, 0, False)
                position = name.end() + 1
            else:
                position = start + 1
            continue
        name = NAME.match(text, start + 1)
        if name is None:
            position = start + 1
            continue
        name_end = name.end()
        if next_bracket < name_end:
            next_bracket = text.find("]", name_end)
            if next_bracket == -1:
                return  # no "]" ahead: no tag can end
        inner_start = text.find("[", name_end, next_bracket)
        if inner_start != -1:
            position = inner_start
            continue
        close = next_bracket
        self_closing = close > name_end and text[close - 1] == "/"
        attrs_end = close - 1 if self_closing else close
        yield _Tag(False, name.group(), start, close + 1, name_end, attrs_end, self_closing)
        position = close + 1


# Attributes ------------------------------------------------------------------------


def parse_attributes(text):
    """`id="5" align=left "positional"` -> {"id": "5", "align": "left", 0: "positional"}
    (WordPress's shortcode_parse_atts: names lower-cased, values as written)."""
    if "\u00a0" in text or "\u200b" in text:
        text = text.replace("\u00a0", " ").replace("\u200b", " ")
    attributes, positional = {}, 0
    length, i = len(text), 0
    while i < length:
        if text[i] in SPACE:
            i += 1
            continue
        named = _named(text, i)
        if named is not None:
            name, value, i = named
            attributes[name.lower()] = value
            continue
        if text[i] in "\"'":
            value_end = _closing_quote(text, i)
            if value_end is not None:
                attributes[positional] = text[i + 1 : value_end]
                positional += 1
                i = value_end + 2
                continue
        end = _next_space(text, i)
        attributes[positional] = text[i:end]
        positional += 1
        i = end + 1
    return {name: _without_unclosed_tags(value) for name, value in attributes.items()}


def _named(text, i):
    """(name, value, next index) for `name = "value"` (or 'value', or value) at i."""
    name_end = i
    while name_end < len(text) and _is_name_char(text[name_end]):
        name_end += 1
    if name_end == i:
        return None
    j = _skip_space(text, name_end)
    if not text.startswith("=", j):
        return None
    j = _skip_space(text, j + 1)
    if j < len(text) and text[j] in "\"'":
        value_end = _closing_quote(text, j)
        if value_end is None:
            return None
        return text[i:name_end], text[j + 1 : value_end], value_end + 2
    end = j
    while end < len(text) and text[end] not in SPACE and text[end] not in "\"'":
        end += 1
    if end == j or (end < len(text) and text[end] not in SPACE):
        return None  # nothing, or a quote straight after the value
    return text[i:name_end], text[j:end], end + 1


def _is_name_char(char):
    return char.isascii() and (char.isalnum() or char in "_-")


def _closing_quote(text, i):
    """The index of the quote closing the one at i when whitespace or the end follows
    it (WordPress's `"([^"]*)"(?:\\s|$)`), else None."""
    end = text.find(text[i], i + 1)
    if end == -1 or (end + 1 < len(text) and text[end + 1] not in SPACE):
        return None
    return end


def _skip_space(text, i):
    while i < len(text) and text[i] in SPACE:
        i += 1
    return i


def _next_space(text, i):
    while i < len(text) and text[i] not in SPACE:
        i += 1
    return i


def _without_unclosed_tags(value):
    """WordPress empties a value with an unclosed HTML tag ("<b" without ">")."""
    if not isinstance(value, str) or "<" not in value:
        return value
    position = 0
    while (opening := value.find("<", position)) != -1:
        closing = value.find(">", opening + 1)
        if closing == -1:
            return ""
        position = closing + 1
    return value
