"""What the full-text index of a searchable model holds (PostgreSQL).

A searchable model (articles, pages) has `title`, `summary` and `body` (sanitized
HTML) fields and two SearchVectorFields, both filled by one UPDATE with
`vector_updates()`:

- `search_vector`: title and headings (weight A), summary (B) and body (C). It
  decides what matches; a GIN index serves it.
- `search_rank_vector`: title and headings (A) and summary (B) only. Ranking and
  the first page of a very common word read this small vector instead of the
  large one, which PostgreSQL keeps compressed out of line (TOAST) and would
  otherwise have to fetch and decompress for every matching row.

Headings are found in SQL, so the same UPDATE serves one article or all of them.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connections
from django.db.models import Func, TextField

CONFIG = "english"


class Headings(Func):
    """The text of the h2-h6 headings of a sanitized body (nh3 leaves them without
    attributes, so the pattern needs none)."""

    template = (
        "array_to_string(ARRAY(SELECT m[1] FROM regexp_matches(%(expressions)s, "
        "'<h[2-6]>(.*?)</h[2-6]>', 'g') AS m), ' ')"
    )
    output_field = TextField()


def _title_and_summary():
    return SearchVector("title", Headings("body"), weight="A", config=CONFIG) + SearchVector(
        "summary", weight="B", config=CONFIG
    )


def vector_updates():
    """Keyword arguments for QuerySet.update() that refresh both vectors."""
    return {
        "search_vector": _title_and_summary() + SearchVector("body", weight="C", config=CONFIG),
        "search_rank_vector": _title_and_summary(),
    }


def refresh_vectors(queryset):
    """Fill both vectors of these rows. PostgreSQL only: SQLite searches the text."""
    if connections[queryset.db].vendor == "postgresql":
        queryset.update(**vector_updates())
