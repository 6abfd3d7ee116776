"""Running a search: the plan for a query, and the result list a page shows.

`SearchResults(queryset, query)` is what `Article.objects.published().search(q)`
returns. It is lazy, and Django's Paginator pages through it like a queryset
(`count()` and slicing). Its plan, made on first use, widens step by step only
while the query finds fewer than FEW articles:

1. Read the query (search.query): stop words out, names looked up in the synonym
   list, question words optional. Count the articles matching every required term
   (by any of its names).
2. Misspelt terms (search.words) also stand for the word they resemble; the
   corrected query is offered as "Did you mean ...?" when it finds more.
3. Named drugs also stand for what they are a kind of (Percocet: opioids).
4. Articles matching any required term: the best partial matches.

Ranking (PostgreSQL): each term scores its weight (named drugs and treatments 2,
words 1, question words 0.5) when it is in the title or a heading, half that in
the summary, half again for a broader name; then ts_rank on the small title and
summary vector; then, when there are few enough results to afford it, ts_rank on
the whole article; then the newest. Counting stops at RESULT_CAP. When a query
matches more (a common word such as "withdrawal"), the results are those matching
in the title, headings or summary, ranked, then body-only matches newest first,
so PostgreSQL never reads the large body vector of every matching article.

SQLite (the demo database) follows the same plan with a simple ranking: a word
in the title counts 3, in the summary 2, in the body 1, times its term's weight.

Any model with title, summary, body, published_at and the two search vectors
(search.vectors) can be searched the same way. The centre's pages are listed apart,
found by the query as the article search settled it (`alongside`).
"""

import re
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from search import excerpts, words
from search.query import clean_query, parse
from search.synonyms import synonym_index
from search.text import word_pattern
from search.vectors import CONFIG

RESULT_CAP = 200
FEW = 3
ALL, ANY = "all", "any"
# Terms of a many-word query checked for misspelling (a query each).
MAX_SPELLING_CHECKS = 3
# A term in the summary counts this much of one in the title or a heading, and a
# broader name ("opioid" for a search for oxycodone) this much of the name itself.
SUMMARY_FACTOR = 0.5
BROADER_FACTOR = 0.5


class SearchResults:
    def __init__(self, queryset, query):
        self.query = clean_query(query)
        self._queryset = queryset
        self._planned = False
        self._parsed = None
        self._mode = ALL
        self._suggestion = ""
        self._partial = False
        self._complete_count = 0
        self._capped = False
        self._total = 0

    @property
    def suggestion(self):
        """The query with misspelt words corrected, when it finds more; else ""."""
        self._plan()
        return self._suggestion

    @property
    def partial(self):
        """True when some results lack some of the words."""
        self._plan()
        return self._partial

    @property
    def complete_count(self):
        """When partial: how many results have every word (they come first)."""
        self._plan()
        return self._complete_count

    @property
    def capped(self):
        """True when there are more than RESULT_CAP results (only that many are listed)."""
        self._plan()
        return self._capped

    @property
    def parsed(self):
        self._plan()
        return self._parsed

    def _plan(self):
        if self._planned:
            return
        self._planned = True
        synonyms = synonym_index()
        query = parse(self.query, synonyms)
        self._parsed = query.narrow()
        if not query.terms:
            return
        backend = self._backend = backend_for(self._queryset)
        total = backend.count(self._parsed, ALL)
        if total < FEW:
            misspelt = self._maybe_misspelt(query, total)
            fixes = words.corrections(misspelt, using=self._queryset.db)
            if fixes:
                query = query.corrected(fixes, synonyms)
                found = backend.count(query.narrow(), ALL)
                if found > total:
                    self._suggestion = query.suggestion
                # A misspelt term still stands for what was typed too, so the
                # corrected query never finds less.
                self._parsed, total = query.narrow(), max(found, total)
        if total < FEW and query.has_broader:
            found = backend.count(query, ALL)
            if found > total:
                self._parsed, total = query, found
        if total < FEW and len(self._parsed.required) > 1:
            found = backend.count(self._parsed, ANY)
            if found > total:
                self._mode, self._partial, self._complete_count = ANY, True, total
                total = found
                # Offer the corrected words only if published articles use them (a
                # word of a draft must never be suggested).
                corrected = [t for t in query.terms if t.correction]
                if corrected and not self._suggestion and backend.exists_all(corrected):
                    self._suggestion = query.suggestion
        self._capped = total > RESULT_CAP
        self._total = min(total, RESULT_CAP)

    def _maybe_misspelt(self, query, total):
        """Single words the synonym list does not know, not question words, that find
        nothing on their own."""
        if total and len(query.terms) == 1:
            return []
        terms = [t for t in query.terms if t.is_single_word and len(t.names) == 1]
        terms = [t for t in terms if not t.optional]
        if len(query.terms) > 1:
            terms = [t for t in terms[:MAX_SPELLING_CHECKS] if not self._backend.exists(t)]
        return [t.text for t in terms]

    def count(self):
        self._plan()
        return self._total

    def __len__(self):
        return self.count()

    def __bool__(self):
        return self.count() > 0

    def __getitem__(self, index):
        total = self.count()
        if isinstance(index, slice):
            start, stop, step = index.indices(total)
            if step != 1:
                raise ValueError("Search results are sliced without a step.")
            if start >= stop:
                return []
            rows = self._backend.page(self._parsed, self._mode, start, stop, many=self._capped)
            return add_excerpts(rows, self._parsed)
        if index < 0:
            index += total
        found = self[index : index + 1] if 0 <= index < total else []
        if not found:
            raise IndexError("search result index out of range")
        return found[0]

    def __iter__(self):
        return iter(self[: self.count()])

    def alongside(self, queryset, limit):
        """The best `limit` rows of another searchable model (the centre's pages) for
        this query as this search settled it (corrected, broader names, partial
        matches): one query more, not a plan of its own."""
        self._plan()
        if not self._parsed or not self._parsed.required:
            return []
        rows = backend_for(queryset).page(self._parsed, self._mode, 0, limit, many=False)
        return add_excerpts(rows, self._parsed)

    @property
    def other_names(self):
        """(what was typed, [other names searched for it, broader names last]) for terms
        the synonym list expanded, to say why an article without the typed word is listed."""
        return [
            (t.correction or t.text, [*t.other_names, *t.broader])
            for t in self.parsed.terms
            if t.other_names or t.broader
        ]


def backend_for(queryset):
    vendor = connections[queryset.db].vendor
    return (PostgresBackend if vendor == "postgresql" else SqliteBackend)(queryset)


def add_excerpts(rows, parsed):
    """Give each row (with `search_body` loaded) its `search_excerpt`, marking the
    words of every term but question words (unless there is nothing else)."""
    terms = [t for t in parsed.terms if not t.optional] or parsed.terms
    found = {w for t in terms for name in t.all_names for w in name.split()}
    pattern = re.compile("|".join(map(word_pattern, sorted(found))), re.IGNORECASE)
    for row in rows:
        text = f"{row.summary} {excerpts.text_of(row.search_body)}"
        row.search_excerpt = excerpts.excerpt(text, pattern)
    return rows


def _tsquery(names, weight=""):
    """A tsquery for any of `names`; a name of several words needs them all.
    `weight` ":A" finds them in the title or headings only."""
    alternatives = [" & ".join(f"{w}{weight}" for w in name.split()) for name in names]
    text = " | ".join(f"({a})" if " " in a else a for a in alternatives)
    return SearchQuery(f"({text})", search_type="raw", config=CONFIG)


def _join(queries, operator):
    return reduce(operator, queries)


class PostgresBackend:
    def __init__(self, queryset):
        self.queryset = queryset

    def _filter(self, parsed, mode):
        queries = (_tsquery(t.all_names) for t in parsed.required)
        return _join(queries, and_ if mode == ALL else or_)

    def count(self, parsed, mode):
        matches = self.queryset.filter(search_vector=self._filter(parsed, mode))
        return matches.order_by().values("pk")[: RESULT_CAP + 1].count()

    def exists(self, term):
        return self.queryset.filter(search_vector=_tsquery(term.names)).exists()

    def exists_all(self, terms):
        """Does an article use the correction of each of these corrected terms?"""
        queries = (_tsquery((t.correction,)) for t in terms)
        return self.queryset.filter(search_vector=_join(queries, and_)).exists()

    @staticmethod
    def _term_score(term):
        """The term's weight if in the title or a heading, less in the summary or
        by a broader name, 0 elsewhere (read from the small vector)."""
        whens = []
        for names, factor in ((term.names, 1.0), (term.broader, BROADER_FACTOR)):
            if names:
                whens.append(
                    When(search_rank_vector=_tsquery(names, ":A"), then=term.weight * factor)
                )
                whens.append(
                    When(
                        search_rank_vector=_tsquery(names),
                        then=term.weight * factor * SUMMARY_FACTOR,
                    )
                )
        return Case(*whens, default=0.0, output_field=FloatField())

    def _complete(self, parsed, mode, vector):
        """1 for a result with every required term (in `vector`), else 0."""
        if mode == ALL:
            return Value(1)
        return Case(When(**{vector: self._filter(parsed, ALL)}, then=Value(1)), default=Value(0))

    def page(self, parsed, mode, start, stop, many):
        match = self._filter(parsed, mode)
        any_name = _join((_tsquery(t.all_names) for t in parsed.terms), or_)
        ranked = self.queryset.annotate(
            search_score=_join(map(self._term_score, parsed.terms), add),
            search_rank=SearchRank(F("search_rank_vector"), any_name),
            search_body=F("body"),
        )
        if not many:
            return list(
                ranked.filter(search_vector=match)
                .annotate(
                    search_complete=self._complete(parsed, mode, "search_vector"),
                    search_body_rank=SearchRank(F("search_vector"), any_name),
                )
                .order_by(
                    "-search_score",
                    "-search_complete",
                    "-search_rank",
                    "-search_body_rank",
                    "-published_at",
                    "-pk",
                )[start:stop]
            )
        # Too many to rank whole: matches in the title, headings or summary,
        # ranked, then body-only matches, newest first.
        first = (
            ranked.filter(search_rank_vector=match)
            .annotate(search_complete=self._complete(parsed, mode, "search_rank_vector"))
            .order_by("-search_score", "-search_complete", "-search_rank", "-published_at", "-pk")
        )
        rows = list(first[start:stop])
        wanted = stop - start - len(rows)
        if wanted:
            before = start + len(rows) if rows or start == 0 else first.count()
            rest = (
                self.queryset.filter(search_vector=match)
                .exclude(search_rank_vector=match)
                .annotate(search_body=F("body"))
                .order_by("-published_at", "-pk")
            )
            skip = max(0, start - before)
            rows += list(rest[skip : skip + wanted])
        return rows


class SqliteBackend:
    """Word by word with regular expressions (Python's, as Django gives SQLite), the
    same synonyms and a simple ranking: each word of a name counts 3 in the title, 2
    in the summary, 1 in the body; a term counts its best name, times its weight."""

    FIELD_POINTS = (("title", 3.0), ("summary", 2.0), ("body", 1.0))

    def __init__(self, queryset):
        self.queryset = queryset

    @staticmethod
    def _word_in(field, word):
        # Not inside a tag: the body is HTML.
        return Q(**{f"{field}__iregex": word_pattern(word) + r"(?![^<>]*>)"})

    @classmethod
    def _name_match(cls, name):
        fields = [f for f, _ in cls.FIELD_POINTS]
        return _join((_join((cls._word_in(f, w) for f in fields), or_) for w in name.split()), and_)

    @classmethod
    def _match(cls, term, names=None):
        return _join((cls._name_match(name) for name in names or term.all_names), or_)

    @classmethod
    def _name_score(cls, name):
        """Each word's best field, averaged, if every word is there; else 0."""
        split = name.split()
        points = _join(
            (
                Case(
                    *(When(cls._word_in(f, w), then=Value(p)) for f, p in cls.FIELD_POINTS),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
                for w in split
            ),
            add,
        )
        return Case(
            When(cls._name_match(name), then=points / Value(float(len(split)))),
            default=Value(0.0),
            output_field=FloatField(),
        )

    @classmethod
    def _term_score(cls, term):
        scores = [cls._name_score(n) for n in term.names]
        scores += [cls._name_score(n) * Value(BROADER_FACTOR) for n in term.broader]
        best = scores[0] if len(scores) == 1 else Greatest(*scores)
        return best * Value(term.weight)

    def _filter(self, parsed, mode):
        return _join((self._match(t) for t in parsed.required), and_ if mode == ALL else or_)

    def count(self, parsed, mode):
        matches = self.queryset.filter(self._filter(parsed, mode))
        return matches.order_by().values("pk")[: RESULT_CAP + 1].count()

    def exists(self, term):
        return self.queryset.filter(self._match(term, term.names)).exists()

    def exists_all(self, terms):
        """Does an article use the correction of each of these corrected terms?"""
        return self.queryset.filter(
            _join((self._name_match(t.correction) for t in terms), and_)
        ).exists()

    def page(self, parsed, mode, start, stop, many):
        complete = (
            Value(1)
            if mode == ALL
            else Case(When(self._filter(parsed, ALL), then=Value(1)), default=Value(0))
        )
        return list(
            self.queryset.filter(self._filter(parsed, mode))
            .annotate(
                search_score=_join(map(self._term_score, parsed.terms), add),
                search_complete=complete,
                search_body=F("body"),
            )
            .order_by("-search_score", "-search_complete", "-published_at", "-pk")[start:stop]
        )
