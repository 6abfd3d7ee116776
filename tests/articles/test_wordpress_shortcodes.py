"""The shortcode tokenizer: WordPress's pairing and attribute rules, in linear time."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.wordpress import shortcodes
from articles.wordpress.shortcodes import Shortcode, parse, parse_attributes


def tree(text):
    """parse() as plain data: strings, and (name, attributes, children) tuples."""

    def plain(nodes):
        return [
            node
            if isinstance(node, str)
            else (
                node.name,
                node.attributes(),
                None if node.children is None else plain(node.children),
            )
            for node in nodes
        ]

    return plain(parse(text))


def written(nodes):
    return "".join(node if isinstance(node, str) else node.text for node in nodes)


# Attributes ------------------------------------------------------------------------


def test_shortcode_attributes_are_parsed_like_wordpress():
    assert parse_attributes(
        """id="5" Align='left' width=300 "positional" https://x.example/a.mp3"""
    ) == {"id": "5", "align": "left", "width": "300", 0: "positional", 1: "https://x.example/a.mp3"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quote that never closes: WordPress reads the run up to the space as a value.
        ('a="b c="d e', {0: 'a="b', 1: 'c="d', 2: "e"}),
        # A closing quote must be followed by a space or the end.
        ('title="x"y z=1', {0: 'title="x"y', "z": "1"}),
        ("a = 'spaced'  b\t=\tc", {"a": "spaced", "b": "c"}),
        ("a=\u00a0b", {"a": "b"}),  # a non-breaking space is a space
        ('alt="<b>bold</b>" title="<b"', {"alt": "<b>bold</b>", "title": ""}),  # unclosed tag
        ("", {}),
        ("   ", {}),
    ],
)
def test_attribute_edge_cases_follow_wordpress(text, expected):
    assert parse_attributes(text) == expected


# Pairing ---------------------------------------------------------------------------


def test_a_tag_pairs_with_the_first_closing_tag_of_its_name():
    assert tree('[a x="1"]one[b]two[/b][/a] [c/] [d_e]') == [
        ("a", {"x": "1"}, ["one", ("b", {}, ["two"])]),
        " ",
        ("c", {}, None),
        " ",
        ("d_e", {}, None),
    ]


def test_same_name_nesting_closes_at_the_first_closing_tag_as_in_wordpress():
    assert tree("[a_]1[a_]2[/a_]3[/a_]") == [("a_", {}, ["1", ("a_", {}, None), "2"]), "3[/a_]"]


def test_a_closing_tag_outside_the_parent_does_not_pair():
    """[b] inside [a] cannot close after [/a]: WordPress cuts the content first."""
    assert tree("[a][b_]x[/a]y[/b_]") == [("a", {}, [("b_", {}, None), "x"]), "y[/b_]"]


def test_escaped_and_half_escaped_shortcodes():
    nodes = parse("[[gallery]] [[caption]x[/caption]] [[video]")

    assert [node.escaped for node in nodes if isinstance(node, Shortcode)] == [True, True, False]
    assert nodes[-2:][0] == " ["  # a lone extra bracket is text
    assert written(nodes) == "[[gallery]] [[caption]x[/caption]] [[video]"


def test_self_closing_slash_is_only_the_one_before_the_bracket():
    (link,) = parse("[link url=https://x.example/a/b/]")

    assert link.self_closing and link.attributes() == {"url": "https://x.example/a/b"}


def test_bracketed_words_stay_in_the_text():
    """ "[sic]" is a shortcode only where something registered it; a post's brackets
    stay text unless they look like a shortcode (see Shortcode.looks_like_one)."""
    nodes = parse("[sic] [1] [simple boat] [vc_row] [a x=1] [b/] [[sic]]")

    assert nodes[0] == "[sic] [1] [simple boat] "
    assert [node.name for node in nodes if isinstance(node, Shortcode)] == [
        *("vc_row", "a", "b", "sic")  # the last one escaped: WordPress shows "[sic]"
    ]


@given(st.text(alphabet="[]/ab_=\"' x<>", max_size=60))
def test_parsing_loses_nothing(text):
    """Whatever the input, the nodes written out are the input again."""
    assert written(parse(text)) == text


# Limits ----------------------------------------------------------------------------


def test_attributes_over_the_limit_are_not_read():
    huge = "x" * (shortcodes.MAX_ATTRIBUTES_CHARS + 1)
    (node,) = parse(f'[et_pb_text title="{huge}"]words[/et_pb_text]')

    assert node.oversized and node.attributes() == {}
    assert node.children == ["words"]


def test_nesting_deeper_than_the_limit_is_flattened_to_its_text():
    depth = shortcodes.MAX_DEPTH + 5
    text = (
        "".join(f"[n{i}]" for i in range(depth))
        + "core"
        + "".join(f"[/n{i}]" for i in reversed(range(depth)))
    )

    node = parse(text)[0]
    for _ in range(shortcodes.MAX_DEPTH):
        node = node.children[0]
    assert node.truncated and node.children == ["core"]


class CountingText(str):
    """A body that counts the characters `find` reads: the tokenizer's only scan."""

    def __new__(cls, value):
        text = super().__new__(cls, value)
        text.read = 0
        return text

    def find(self, sub, start=0, end=None):
        end = len(self) if end is None else end
        found = super().find(sub, start, end)
        self.read += (found + len(sub) if found != -1 else end) - start
        return found


@pytest.mark.parametrize(
    "text",
    [
        "[a " * 60_000,  # openings that never reach a "]"
        "[a x=1 " * 20_000 + "]",  # every "[" runs to the same far "]"
        '[et_pb_text title="' + "[" * 100_000 + '"]',  # nested brackets
        "[/b]" + "[b]" * 50_000,  # closing tags before their openings
        "[" * 100_000 + "]" * 100_000,
        '[vc_btn title="' + '"' * 50_000,  # quotes that never balance
    ],
    ids=["open", "far-bracket", "brackets", "unpaired", "walls", "quotes"],
)
def test_the_tokenizer_reads_each_character_a_bounded_number_of_times(text):
    """Linear time, shown without a clock: `find` is how the tokenizer moves, and
    over the whole body it reads no more than a few times the body's length."""
    counted = CountingText(text)

    list(shortcodes._tags(counted))

    assert counted.read <= 3 * len(text)


@pytest.mark.parametrize(
    "attributes",
    [
        'a="' * 20_000,
        "a='b " * 20_000,
        '"' + "x " * 30_000,
        "k=" * 30_000,
    ],
    ids=["open-quotes", "single", "one-quote", "equals"],
)
def test_hostile_attributes_parse_without_backtracking(attributes):
    """Each attempt at a quoted value stops at the next quote of its kind, so the
    whole parse reads a bounded multiple of the text."""
    counted = CountingText(attributes)

    parsed = shortcodes.parse_attributes(counted)

    assert parsed  # something was read, nothing raised
    assert counted.read <= 3 * len(attributes)
