"""Excerpts: where the words matched, marked, and never anything but text."""

import re

from search.excerpts import EXCERPT_WORDS, excerpt, text_of
from search.text import word_pattern

WITHDRAWAL = re.compile(word_pattern("withdrawal"), re.IGNORECASE)


def test_the_stretch_with_the_matches_is_shown_with_them_marked():
    text = " ".join(["filler"] * 200 + ["Withdrawal", "can", "be", "hard."] + ["more"] * 200)
    shown = excerpt(text, WITHDRAWAL)
    assert "<mark>Withdrawal</mark> can be hard." in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown.split()) <= EXCERPT_WORDS + 8


def test_the_densest_stretch_wins():
    text = "withdrawal once. " + "filler " * 100 + "withdrawal and withdrawals again. " + "x " * 50
    shown = excerpt(text, WITHDRAWAL)
    assert shown.count("<mark>") == 2


def test_no_match_no_excerpt():
    assert excerpt("Nothing here.", WITHDRAWAL) is None


def test_article_text_is_escaped_and_only_marks_are_markup():
    body = (
        "<p>Withdrawal &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
        '<a href="https://x.example/" title="a>b">more</a> &quot;quotes&quot;</p>'
    )
    shown = excerpt(text_of(body), WITHDRAWAL)
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert re.sub(r"</?mark>", "", shown).count("<") == 0


def test_headings_and_list_items_do_not_run_into_the_next_words():
    body = (
        "<h2>What detox is</h2><p>Withdrawal with care.</p><h3>Why?</h3>"
        "<ul><li>Rest</li><li>Water.</li></ul>"
    )
    assert " ".join(text_of(body).split()) == (
        "What detox is. Withdrawal with care. Why? Rest; Water."
    )
