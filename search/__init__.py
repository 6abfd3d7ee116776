"""Site search: a visitor's words, however they spell them, to the right articles
(and the centre's own pages, listed apart and marked as pages).

Module map:
- text.py       how text is cut into words; stop words and question words
- query.py      a visitor's query read into terms, each with every name it stands for
- synonyms.py   the synonym list (synonyms.txt, shipped) and its cached index
- words.py      the site's vocabulary and spelling suggestions (pg_trgm on PostgreSQL)
- vectors.py    what the full-text vectors of a searchable model hold (PostgreSQL)
- engine.py     the plan for a query, ranking, counting, PostgreSQL and SQLite
- excerpts.py   highlighted excerpts, always escaped
- models.py     SynonymSet (editors extend it in the admin), SearchWord (the vocabulary)

The view is articles.views.SearchView; `Article.objects.published().search(q)` (and
the same on pages) is the entry point. Nothing here stores or logs what anyone searched for.
"""
