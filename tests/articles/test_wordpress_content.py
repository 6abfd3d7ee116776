"""WordPress bodies to clean HTML: wpautop, shortcodes, block markup, URLs, summaries."""

import sys

import pytest

from articles.wordpress import content
from articles.wordpress.content import (
    REMOVE,
    BodyStats,
    expand_shortcodes,
    reduce_blocks,
    summary_from_body,
    summary_from_excerpt,
    tidy,
    title_text,
    wpautop,
)

HANDLERS = {"caption": content.caption_shortcode, "embed": content.embed_shortcode}


def convert(text, rewrite=lambda tag, attribute, url: None, reusable=None):
    stats = BodyStats()
    body = content.convert_body(
        text,
        shortcode_handlers=HANDLERS,
        rewrite_url=rewrite,
        reusable_blocks=reusable or {},
        stats=stats,
    )
    return body, stats


# wpautop: WordPress's own expectations ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One\ntwo\n\nThree", "<p>One<br />\ntwo</p>\n<p>Three</p>\n"),
        ("One\n\n\n\nTwo", "<p>One</p>\n<p>Two</p>\n"),
        ("One\r\n\r\nTwo", "<p>One</p>\n<p>Two</p>\n"),
        ("<h2>Title</h2>\nText", "<h2>Title</h2>\n<p>Text</p>\n"),
        ("<div>foo</div>", "<div>foo</div>\n"),
        ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        ("<blockquote>Quoted</blockquote>", "<blockquote><p>Quoted</p></blockquote>\n"),
        ("A<br>\n<br>\nB", "<p>A</p>\n<p>B</p>\n"),
        ("", ""),
        ("  \n ", ""),
    ],
)
def test_wpautop_makes_paragraphs_and_line_breaks_like_wordpress(text, expected):
    assert wpautop(text) == expected


def test_wpautop_leaves_pre_alone():
    text = "Before\n\n<pre>line one\n\nline two\n</pre>\n\nAfter"

    assert wpautop(text) == ("<p>Before</p>\n<pre>line one\n\nline two\n</pre>\n<p>After</p>\n")


def test_wpautop_ignores_newlines_inside_tags():
    text = 'See <a\nhref="/x"\ntitle="y">this</a> now'

    assert wpautop(text) == '<p>See <a\nhref="/x"\ntitle="y">this</a> now</p>\n'


def test_wpautop_keeps_figcaptions_inside_their_figure():
    text = "Intro\n\n<figure><img src='a.jpg'>\n<figcaption>Caption</figcaption></figure>\n\nEnd"

    assert wpautop(text) == (
        "<p>Intro</p>\n<figure><img src='a.jpg'><figcaption>Caption</figcaption></figure>\n"
        "<p>End</p>\n"
    )


# Shortcodes ------------------------------------------------------------------------


def test_caption_becomes_a_figure_in_both_of_its_forms():
    stats = BodyStats()
    new_style = (
        '[caption id="a" width="300"]<a href="/big.jpg"><img src="a.jpg" /></a> A bell[/caption]'
    )
    old_style = '[caption id="a" caption="The harbor"]<img src="b.jpg" />[/caption]'

    assert expand_shortcodes(new_style, HANDLERS, stats) == (
        '<figure><a href="/big.jpg"><img src="a.jpg" /></a><figcaption>A bell</figcaption></figure>'
    )
    assert expand_shortcodes(old_style, HANDLERS, stats) == (
        '<figure><img src="b.jpg" /><figcaption>The harbor</figcaption></figure>'
    )
    assert stats.shortcodes_converted == {"caption": 2}


def test_a_caption_without_text_leaves_the_image_as_it_was():
    assert expand_shortcodes('[caption]<img src="a.jpg">[/caption]', HANDLERS, BodyStats()) == (
        '<img src="a.jpg">'
    )


def test_unknown_shortcodes_are_removed_keeping_their_content_and_counted():
    stats = BodyStats()
    text = '[vc_row][vc_column]Call us[/vc_column][/vc_row] [contact-form-7 id="4"] [button/]'

    assert expand_shortcodes(text, HANDLERS, stats) == "Call us  "
    assert stats.shortcodes_removed == {
        "vc_row": 1,
        "vc_column": 1,
        "contact-form-7": 1,
        "button": 1,
    }


@pytest.mark.parametrize(
    "text", ["He said [sic] it.", "Studies show [1] that", "[simple boat]", "[citation needed]"]
)
def test_bracketed_words_are_text_not_shortcodes(text):
    stats = BodyStats()

    assert expand_shortcodes(text, HANDLERS, stats) == text
    assert not stats.shortcodes_removed


def test_an_escaped_shortcode_is_shown_literally():
    stats = BodyStats()

    assert expand_shortcodes("Type [[gallery]] to add one.", HANDLERS, stats) == (
        "Type [gallery] to add one."
    )
    assert not stats.shortcodes_removed and not stats.shortcodes_converted


def test_core_shortcodes_without_attributes_are_still_shortcodes():
    stats = BodyStats()

    assert expand_shortcodes("[gallery] [playlist]", {}, stats) == " "
    assert stats.shortcodes_removed == {"gallery": 1, "playlist": 1}


def test_embed_becomes_a_link():
    stats = BodyStats()

    assert expand_shortcodes("[embed]https://youtu.be/x?a=1&b=2[/embed]", HANDLERS, stats) == (
        '<p><a href="https://youtu.be/x?a=1&amp;b=2">https://youtu.be/x?a=1&amp;b=2</a></p>'
    )


# Block markup ----------------------------------------------------------------------


def test_block_delimiters_go_and_dynamic_blocks_are_counted():
    stats = BodyStats()
    text = (
        '<!-- wp:paragraph {"align":"center"} -->\n<p class="x">Hi</p>\n<!-- /wp:paragraph -->\n'
        '<!-- wp:latest-posts {"postsToShow":3} /-->\n<!-- wp:core/archives /-->'
    )

    assert reduce_blocks(text, {}, stats).split() == ["<p", 'class="x">Hi</p>']
    assert stats.blocks_dropped == {"latest-posts": 1, "archives": 1}


def test_block_attributes_with_brackets_are_not_mistaken_for_shortcodes():
    body, stats = convert('<!-- wp:gallery {"ids":[1,2]} -->\n<p>Photos</p>\n<!-- /wp:gallery -->')

    assert body == "<p>Photos</p>"
    assert not stats.shortcodes_removed


def test_reusable_blocks_are_inlined():
    reusable = {42: "<!-- wp:paragraph -->\n<p>Call 988.</p>\n<!-- /wp:paragraph -->"}

    body, stats = convert('<!-- wp:block {"ref":42} /-->', reusable=reusable)

    assert body == "<p>Call 988.</p>"
    assert not stats.blocks_dropped


def test_a_reusable_block_that_includes_itself_stops():
    reusable = {7: '<p>Again</p><!-- wp:block {"ref":7} /-->'}

    body, stats = convert('<!-- wp:block {"ref":7} /-->', reusable=reusable)

    assert body.count("Again") == content.MAX_REUSABLE_DEPTH
    assert stats.blocks_dropped == {"block": 1}


def test_block_content_keeps_its_line_breaks_as_written():
    body, _ = convert("<!-- wp:paragraph -->\n<p>One\nTwo</p>\n<!-- /wp:paragraph -->")

    assert body == "<p>One\nTwo</p>"


def test_block_wrappers_leave_sensible_html():
    text = (
        '<!-- wp:buttons --><div class="wp-block-buttons"><!-- wp:button -->'
        '<div class="wp-block-button"><a class="wp-block-button__link">Call now</a></div>'
        '<!-- /wp:button --><!-- wp:button --><div class="wp-block-button">'
        '<a class="wp-block-button__link" href="https://example.org/">Visit</a></div>'
        "<!-- /wp:button --></div><!-- /wp:buttons -->\n"
        '<!-- wp:embed {"url":"https://youtu.be/abc"} --><figure class="wp-block-embed">'
        '<div class="wp-block-embed__wrapper">\nhttps://youtu.be/abc\n</div></figure>'
        "<!-- /wp:embed -->\n"
        '<!-- wp:spacer --><div style="height:100px" aria-hidden="true" class="wp-block-spacer">'
        "</div><!-- /wp:spacer -->\n<!-- wp:heading --><h1>Big</h1><!-- /wp:heading -->"
    )

    body, _ = convert(text)

    assert body == (
        "<p>Call now</p>\n"
        '<p><a href="https://example.org/" rel="noopener noreferrer">Visit</a></p>\n'
        '<figure><a href="https://youtu.be/abc" rel="noopener noreferrer">https://youtu.be/abc</a>'
        "</figure>\n<h2>Big</h2>"
    )


# URLs ------------------------------------------------------------------------------


def test_urls_go_through_the_rewrite_function():
    seen = []

    def rewrite(tag, attribute, url):
        seen.append((tag, attribute, url))
        if url.endswith("gone.jpg"):
            return REMOVE
        if url.endswith("a.jpg"):
            return "/media/uploads/x.jpg"
        if url == "https://old.example/?p=1&x=2":
            return "/articles/one/"
        return None

    body, _ = convert(
        '<p><img src="https://old.example/a.jpg" alt="A"> <img src=\'https://old.example/gone.jpg\'>'
        ' <a href="https://old.example/?p=1&amp;x=2">one</a> <a href=/elsewhere>two</a></p>',
        rewrite,
    )

    assert body == (
        '<p><img src="/media/uploads/x.jpg" alt="A">  '
        '<a href="/articles/one/" rel="noopener noreferrer">one</a> '
        '<a href="/elsewhere" rel="noopener noreferrer">two</a></p>'
    )
    assert ("a", "href", "https://old.example/?p=1&x=2") in seen  # entities decoded


# After sanitizing ------------------------------------------------------------------


def test_tidy_removes_empty_shells_and_wraps_loose_text():
    assert tidy("<p></p><p> <br> </p><figure></figure><ul>\n</ul>") == ""
    assert tidy("Loose <b>text</b>\n<h2>Heading</h2>\nmore") == (
        "<p>Loose <b>text</b></p>\n<h2>Heading</h2>\n<p>more</p>"
    )
    assert tidy('<p><a rel="noopener noreferrer">Button<br></a></p>') == "<p>Button</p>"


# Plain text ------------------------------------------------------------------------


def test_titles_are_plain_text():
    assert title_text("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>") == (
        "Markup: Title With Markup"
    )
    assert title_text("Fish &amp; Chips &#8211; Now") == "Fish & Chips – Now"
    assert len(title_text("word " * 100, 200)) <= 200


def test_summary_from_an_excerpt_is_plain_text_within_300_characters():
    assert summary_from_excerpt("<p>Where to <strong>start</strong> &amp; how.</p>") == (
        "Where to start & how."
    )
    long = summary_from_excerpt("<p>" + "Many words here " * 40 + "</p>")
    assert len(long) <= 300 and long.endswith("…") and " " not in long[-2:]


def test_summary_from_a_body_is_its_first_sentences():
    body = (
        "<h2>Skip me</h2><p>Withdrawal is the body adjusting to the absence of a drug. "
        "It is uncomfortable, but it passes.</p><p>A later paragraph, not needed.</p>"
    )
    assert summary_from_body(body) == (
        "Withdrawal is the body adjusting to the absence of a drug. "
        "It is uncomfortable, but it passes."
    )
    assert summary_from_body("<p>Short.</p><p>Then more text.</p>") == "Short. Then more text."
    one_long_sentence = "<p>" + "word " * 100 + "end.</p>"
    summary = summary_from_body(one_long_sentence)
    assert len(summary) <= 300 and summary.endswith("word…")
    assert summary_from_body("") == ""


# Hostile bodies ----------------------------------------------------------------------


# Each builds a hostile body from a size: openings that never close their attributes,
# openings whose closing tag came earlier, deep nesting, and runs of delimiters.
HOSTILE_BODIES = {
    "brackets": lambda n: "[a " * n,
    "unpaired": lambda n: "[/b]" + "[b]" * n,
    "nested": lambda n: (
        "".join(f"[n{i}]" for i in range(n)) + "".join(f"[/n{i}]" for i in range(n))
    ),
    "lt": lambda n: "<" * n,
    "p-li": lambda n: "<p><li" * n,
    "delimiters": lambda n: "<!-- wp:a {" * n,
    "comments": lambda n: "<!--" * n,
    "spaces": lambda n: "a" + " " * n + "b",
}


def calls_to_convert(text):
    """Python and C function calls (regex searches and substitutions, their callbacks,
    every helper) made converting `text` as classic and as block-editor content: a step
    count that does not depend on how busy the machine is."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        for prefix in ("", "<!-- wp:paragraph -->"):
            convert(prefix + text)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("build", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_conversion_work_grows_linearly_on_hostile_bodies(build):
    """Every rule scans linearly: twice the hostile body costs at most about twice the
    steps (naive shortcode and comment rules grew quadratically and took minutes on a
    crafted 200 KB body)."""
    small, large = calls_to_convert(build(2_000)), calls_to_convert(build(4_000))

    assert large <= 2.2 * small


@pytest.mark.parametrize("build", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_conversion_finishes_on_200_kb_hostile_bodies(build):
    text = build(200_000 // max(1, len(build(1))))

    for prefix in ("", "<!-- wp:paragraph -->"):
        body, _ = convert(prefix + text)
        assert isinstance(body, str)


def test_reusable_blocks_cannot_multiply_without_bound():
    """The block-editor version of "billion laughs": each block includes the next
    one a hundred times."""
    reusable = {n: f'<p>{n}</p><!-- wp:block {{"ref":{n + 1}}} /-->' * 100 for n in range(10)}

    body, stats = convert('<!-- wp:block {"ref":0} /-->', reusable=reusable)

    assert body.count("<p>") <= 100 * content.MAX_REUSABLE_EXPANSIONS
    assert stats.blocks_dropped["block"] > 0
