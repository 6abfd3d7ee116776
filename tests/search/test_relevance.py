"""The relevance set (tests/search/relevance.py), searched on this test run's database.

Prints hit-at-3 (a right article among the first three results) and mean reciprocal
rank (1 for a right article first, 1/2 second, ...; 0 if none in the first ten), by
kind of query, and fails below the floor for the database: spelling tolerance and
stemming are PostgreSQL's, so SQLite's floor is lower.
"""

from collections import defaultdict

from django.db import connection

from articles.models import Article
from tests.search.relevance import QUERIES

FLOOR = {"postgresql": 0.95, "sqlite": 0.80}
DEPTH = 10


def rank_of_first_right_answer(query, right):
    slugs = [a.slug for a in Article.objects.published().search(query)[:DEPTH]]
    return next((i for i, slug in enumerate(slugs, 1) if slug in right), None)


def test_visitors_queries_find_the_right_article_in_the_first_three(demo_articles, capsys):
    assert len(QUERIES) >= 40
    by_kind = defaultdict(list)
    for kind, query, right in QUERIES:
        by_kind[kind].append((query, rank_of_first_right_answer(query, right)))

    def figures(results):
        hits = sum(1 for _, rank in results if rank and rank <= 3) / len(results)
        mrr = sum(1 / rank for _, rank in results if rank) / len(results)
        return hits, mrr

    every = [r for results in by_kind.values() for r in results]
    hit_at_3, mrr = figures(every)
    lines = [
        f"Relevance on {connection.vendor}: {len(every)} queries, "
        f"hit@3 {hit_at_3:.0%}, MRR {mrr:.2f}"
    ]
    for kind, results in by_kind.items():
        hits, kind_mrr = figures(results)
        lines.append(f"  {kind:9} {len(results):2} queries  hit@3 {hits:4.0%}  MRR {kind_mrr:.2f}")
    misses = [f"{q!r} (rank {rank or '-'})" for q, rank in every if not rank or rank > 3]
    if misses:
        lines.append("  missed: " + ", ".join(misses))
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert hit_at_3 >= FLOOR[connection.vendor]
