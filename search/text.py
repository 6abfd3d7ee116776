"""How text is cut into words, the same way for a visitor's query, the synonym list
and the word list, on every database.

Words are runs of letters and digits, lowercased; everything else separates them, so
"K-Pins", "k pins" and "k_pins" are the same two words. Stop words are PostgreSQL's
English list (its full-text search drops them too), so SQLite and PostgreSQL agree on
which words count.
"""

import re
import unicodedata

WORD = re.compile(r"[^\W_]+")

# PostgreSQL's tsearch_data/english.stop.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now
    """.split()
)

# Words a worried person adds around what they want to know ("how long does it stay
# in your system", "what does it feel like"). They help ranking but are never required.
QUESTION_WORDS = frozenset(
    """
    long much many often stay stays system feel feels feeling like happen happens
    happened happening take takes taking took get gets getting got know tell mean means
    need needs want wants really way ways thing things something someone somebody anyone
    anything everything people person ok okay normal safe safely help use uses used using
    last lasts lasting bad good best ever still also even say says would could might
    """.split()
)


def words(text):
    """The words of `text`, lowercased, accents kept, in order."""
    return WORD.findall(unicodedata.normalize("NFKC", text or "").lower())


def word_spans(text):
    """(word, start, end) for each word of `text` (already NFKC-normalized, as
    `clean_query` leaves it), with positions in `text` itself."""
    return [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text or "")]


def is_searchable(word):
    """A word worth looking for: not a stop word, and not a stray letter."""
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


def normalize_term(term):
    """A name as the search matches it: its words but stop words, joined by single
    spaces. Single letters stay ("k pins", "special k")."""
    return " ".join(w for w in words(term) if w not in STOP_WORDS)


def word_pattern(word):
    """A regular expression for `word` and its common forms ("stop" also finds "stops",
    "stopped", "stopping"), for searching and marking plain text where there is no
    stemmer (SQLite)."""
    stem = word
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            if suffix in ("ing", "ed") and stem[-1] == stem[-2]:
                stem = stem[:-1]
            break
    if len(stem) >= 5:
        return rf"\b{re.escape(stem)}\w*"
    return rf"\b{re.escape(stem)}(?:{re.escape(stem[-1])}?(?:ing|ed)|e?s)?\b"
