"""The site's vocabulary, and spelling suggestions drawn from it.

The vocabulary (SearchWord) holds the words of article titles, summaries and
headings and of the synonym sets: the words a visitor is most likely trying to
type. Bodies are left out on purpose: they are long, and full of words nobody
searches for. Saving an article or a synonym set adds its words (search.apps);
`manage.py rebuild_search_words` starts the list afresh (words of deleted articles
go). A suggestion is only ever shown when it finds published articles, so a word
from a draft never reveals anything.

Suggestions: on PostgreSQL, pg_trgm's index finds the closest words by trigram
distance, and difflib's ratio picks among them; on SQLite difflib compares against
the whole vocabulary (fine for a demo's few thousand words).
"""

import difflib
import re

from django.db import connections

from search.text import is_searchable, words

MIN_WORD_LENGTH = 3
MAX_WORD_LENGTH = 40
# A term shorter than this is too short to guess at.
MIN_TYPO_LENGTH = 4
# How close a vocabulary word must be (difflib ratio, 0-1) to be suggested.
MIN_SIMILARITY = 0.75
MIN_SIMILARITY_SHORT = 0.8  # terms of up to 5 letters
# Candidates pg_trgm hands to difflib for each term.
CANDIDATES = 8

_HEADING = re.compile(r"<h[2-6]>(.*?)</h[2-6]>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def headings_text(body_html):
    """The text of a sanitized body's headings (nh3 leaves no attributes on them)."""
    return " ".join(_TAG.sub(" ", h) for h in _HEADING.findall(body_html or ""))


def vocabulary(*texts):
    """The words of `texts` worth suggesting: searchable, alphabetic, of a sane length."""
    return {
        w
        for text in texts
        for w in words(text)
        if is_searchable(w) and w.isalpha() and MIN_WORD_LENGTH <= len(w) <= MAX_WORD_LENGTH
    }


def article_vocabulary(title, summary, body):
    return vocabulary(title, summary, headings_text(body))


def add_words(new_words, using="default"):
    from search.models import SearchWord

    SearchWord.objects.using(using).bulk_create(
        [SearchWord(word=w) for w in sorted(new_words)], ignore_conflicts=True, batch_size=1000
    )


def rebuild_vocabulary(using="default"):
    """Start the vocabulary afresh from every article and synonym set; returns its size."""
    from django.db import transaction

    from articles.models import Article
    from search.models import SearchWord, SynonymSet

    found = set()
    rows = Article.objects.using(using).values_list("title", "summary", "body")
    for title, summary, body in rows.iterator(chunk_size=500):
        found |= article_vocabulary(title, summary, body)
    for terms, broader in SynonymSet.objects.using(using).values_list("terms", "broader"):
        found |= vocabulary(terms, broader)
    with transaction.atomic(using=using):
        SearchWord.objects.using(using).all().delete()
        add_words(found, using=using)
    return len(found)


# Spellings of the same sound, so "detocks" is as close to "detox" as it sounds.
_SOUNDS = [("ph", "f"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("c", "k"), ("z", "s"), ("y", "i")]
_DOUBLED = re.compile(r"(.)\1+")


def sounds_like(word):
    for spelling, sound in _SOUNDS:
        word = word.replace(spelling, sound)
    return _DOUBLED.sub(r"\1", word)


def _ratio(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity(term, word):
    """0-1: how alike two words are, in letters or in sound."""
    return max(_ratio(term, word), _ratio(sounds_like(term), sounds_like(word)))


def best_match(term, candidates):
    """The candidate the visitor most likely meant, or None when none is close enough."""
    threshold = MIN_SIMILARITY_SHORT if len(term) <= 5 else MIN_SIMILARITY
    scored = [
        # Closest first; then the same first letter (people rarely get that wrong),
        # then the closest length, then alphabetical for a stable answer.
        (-similarity(term, word), word[0] != term[0], abs(len(word) - len(term)), word)
        for word in candidates
        if word != term
    ]
    scored = [s for s in scored if -s[0] >= threshold]
    return min(scored)[3] if scored else None


def corrections(terms, using="default"):
    """{term: word} for each term that is not in the vocabulary but close to a word
    that is. Terms must be single lowercase words."""
    terms = sorted({t for t in terms if len(t) >= MIN_TYPO_LENGTH and t.isalpha()})
    if not terms:
        return {}
    connection = connections[using]
    if connection.vendor == "postgresql":
        candidates = _trigram_candidates(terms, connection)
    else:
        from search.models import SearchWord

        known = set(SearchWord.objects.using(using).values_list("word", flat=True))
        candidates = {
            t: {t} if t in known else difflib.get_close_matches(t, known, CANDIDATES, 0.6)
            for t in terms
        }
    found = {}
    for term in terms:
        nearby = candidates.get(term, ())
        if term in nearby:
            continue  # a known word: nothing to correct
        word = best_match(term, nearby)
        if word:
            found[term] = word
    return found


def _trigram_candidates(terms, connection):
    """The closest vocabulary words to each term, by pg_trgm distance (GiST index)."""
    from search.models import SearchWord

    table = connection.ops.quote_name(SearchWord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.term, w.word FROM unnest(%s::text[]) AS t(term) "  # noqa: S608
            f"CROSS JOIN LATERAL (SELECT word FROM {table} "
            f"ORDER BY word <-> t.term LIMIT {CANDIDATES}) AS w",
            [terms],
        )
        found = {}
        for term, word in cursor.fetchall():
            found.setdefault(term, set()).add(word)
    return found
