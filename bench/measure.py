"""In-process measurements for bench/run, against the loaded benchmark database.

python -m bench.measure session       # log in an Intake user; print the session key
python -m bench.measure urls          # the benchmarked pages: "label<TAB>path<TAB>connections"
python -m bench.measure queries KEY   # SQL queries per request, as JSON
python -m bench.measure searches      # search service times by kind of query, as JSON
python -m bench.measure sitemap       # the sitemap index and the size of every page it names, JSON
python -m bench.measure bump-cache    # invalidate every cached page (new content version)
python -m bench.measure rss PID       # peak and current RSS of gunicorn PID's workers, JSON
"""

import argparse
import json
import re
import statistics
import time
from pathlib import Path

from bench.common import setup_django

SEARCH_WORD = "withdrawal"
INTAKE_USERNAME = "bench-intake"
ADMIN_PATH = "/admin/contacts/callbackrequest/"
# wrk connections: 16 for public pages; the admin list at the concurrency an intake
# team produces (a handful of people working the list at once).
PUBLIC_CONNECTIONS = 16
ADMIN_CONNECTIONS = 4
HOST = "127.0.0.1"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
# What the small data set keeps, to show query counts do not grow with content.
SMALL_ARTICLES = 30
SMALL_CALLBACKS = 60
TIMED_REQUESTS = 5
# Searches timed one by one in-process (search pages are never page-cached): the kinds
# of query visitors send, at the benchmark's 10,000 articles.
SEARCHES = [
    ("common word", "withdrawal"),
    ("common word, page 5", "withdrawal&page=5"),
    ("common word, misspelt", "withdrawl"),
    ("rare word", "thiamine"),
    ("brand name", "percocet"),
    ("street name", "china white"),
    ("question", "how long does xanax stay in your system"),
    ("long, partial", "my husband drinks every night and gets the shakes in the morning"),
    ("no results", "zebrafish"),
]
SEARCH_REPEATS = 40
SHRUNK_TABLES = [
    "articles_source",
    "articles_article",
    "contacts_callbackrequestevent",
    "contacts_callbackrequest",
]


def session():
    """A logged-in session for a staff member of the Intake group, as the login view makes."""
    setup_django()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    user, _ = get_user_model().objects.get_or_create(
        username=INTAKE_USERNAME, defaults={"is_staff": True, "first_name": "Intake"}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name="Intake"))
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    print(store.session_key)


def bench_urls():
    """(label, path) for every benchmarked page; the detail page is a real, mid-list article,
    the sitemap page the first page of articles (a full page)."""
    from django.urls import reverse

    from articles.models import Article, Category

    published = Article.objects.published()
    article = published.order_by("-published_at")[published.count() // 2]
    category = Category.objects.order_by("name").first()
    return [
        ("robots.txt (floor)", "/robots.txt"),
        ("home", "/"),
        ("article list", "/articles/"),
        ("article detail", article.get_absolute_url()),
        ("category", category.get_absolute_url()),
        ("search", f"/search/?q={SEARCH_WORD}"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap page", reverse("sitemap-section", args=["articles"])),
        ("feed", "/feed/"),
        ("admin call-back list", ADMIN_PATH),
    ]


def urls():
    setup_django()
    for label, path in bench_urls():
        connections = ADMIN_CONNECTIONS if path == ADMIN_PATH else PUBLIC_CONNECTIONS
        print(f"{label}\t{path}\t{connections}")


def count_queries(client, path):
    """Queries for one request, after one warm-up request of the same page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm = client.get(path, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=HOST)
    if warm.status_code != 200 or response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}, not 200")
    return len(captured)


def service_time(client, path, repeat=TIMED_REQUESTS):
    """Median milliseconds for one request in-process: no HTTP, no concurrency."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path, HTTP_HOST=HOST)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def shrink_content(keep_paths):
    """Delete all but a small data set (inside the caller's transaction)."""
    from django.db import connection

    from articles.models import Article
    from contacts.models import CallbackRequest

    slugs = [p.rstrip("/").rsplit("/", 1)[-1] for p in keep_paths]
    recent = list(Article.objects.published().values_list("pk", flat=True)[:SMALL_ARTICLES])
    kept = set(recent)
    kept |= set(Article.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    kept |= set(Article.objects.filter(is_featured=True).values_list("pk", flat=True))
    for category_id in Article.objects.filter(slug__in=slugs).values_list("category", flat=True):
        kept |= set(
            Article.objects.published()
            .filter(category_id=category_id)
            .values_list("pk", flat=True)[:SMALL_ARTICLES]
        )
    calls = list(CallbackRequest.objects.values_list("pk", flat=True)[:SMALL_CALLBACKS])
    deletes = [
        ("articles_source", "article_id", list(kept)),
        ("articles_article", "id", list(kept)),
        ("contacts_callbackrequestevent", "request_id", calls),
        ("contacts_callbackrequest", "id", calls),
    ]
    assert [table for table, _, _ in deletes] == SHRUNK_TABLES
    with connection.cursor() as cursor:
        # Raw deletes: the ORM's would send a signal per row.
        for table, column, keep in deletes:
            cursor.execute(f"DELETE FROM {table} WHERE NOT ({column} = ANY(%s))", [keep])  # noqa: S608
    return Article.objects.count(), CallbackRequest.objects.count()


def queries(session_key):
    """Queries per request: uncached and cached on the full data, uncached on a small one."""
    setup_django()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client, override_settings

    from articles.models import Article
    from contacts.models import CallbackRequest

    pages = bench_urls()
    anonymous, staff = Client(), Client()
    staff.cookies["sessionid"] = session_key

    def client_for(path):
        return staff if path == ADMIN_PATH else anonymous

    result = {
        "full_content": [Article.objects.count(), CallbackRequest.objects.count()],
        "pages": {},
    }
    # A private cache: clearing it must never touch a shared Redis.
    private = override_settings(CACHES={"default": {"BACKEND": LOCMEM}})
    private.enable()
    cache.clear()
    with override_settings(PAGE_CACHE=False):
        for label, path in pages:
            result["pages"][label] = {
                "cold": count_queries(client_for(path), path),
                "cold_ms": service_time(client_for(path), path),
            }
    with override_settings(PAGE_CACHE=True):
        for label, path in pages:
            result["pages"][label]["warm"] = count_queries(client_for(path), path)
            result["pages"][label]["warm_ms"] = service_time(client_for(path), path)
    cache.clear()
    with transaction.atomic(), override_settings(PAGE_CACHE=False):
        result["small_content"] = shrink_content([path for _, path in pages])
        for label, path in pages:
            result["pages"][label]["small"] = count_queries(client_for(path), path)
        transaction.set_rollback(True)
    cache.clear()
    private.disable()
    with connection.cursor() as cursor:
        # The rolled-back deletes cleared the visibility map (index-only scans would visit
        # the heap again) and marked every row; vacuum puts the tables back as loaded.
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(SHRUNK_TABLES)}")
    print(json.dumps(result, indent=2))


def searches():
    """Each kind of search through the whole view, in-process, page cache off: its
    first request (synonyms not cached yet), then SEARCH_REPEATS more, each rendered
    (the search pages the process keeps are forgotten first), then SEARCH_REPEATS
    answered from the kept page."""
    setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from articles import views
    from search.synonyms import forget_synonyms

    client = Client()
    result = []
    with override_settings(PAGE_CACHE=False, CACHES={"default": {"BACKEND": LOCMEM}}):
        cache.clear()
        client.get("/search/?q=warm+up", HTTP_HOST=HOST)  # templates, URLs, connection
        for kind, query in SEARCHES:
            path = f"/search/?q={query}"
            forget_synonyms()
            views.recent_searches.values.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, HTTP_HOST=HOST)
            first = (time.perf_counter() - started) * 1000
            query_count = len(captured)  # read now: the next request clears the log
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}, not 200")
            found = re.search(r'class="search-count"[^>]*>([^<]*)<', response.content.decode())
            times, kept = [], []
            for _ in range(SEARCH_REPEATS):
                views.recent_searches.values.clear()
                started = time.perf_counter()
                client.get(path, HTTP_HOST=HOST)
                times.append((time.perf_counter() - started) * 1000)
            for _ in range(SEARCH_REPEATS):
                started = time.perf_counter()
                client.get(path, HTTP_HOST=HOST)
                kept.append((time.perf_counter() - started) * 1000)
            times.sort()
            result.append(
                {
                    "kind": kind,
                    "query": query.replace("&page=5", "")
                    + (" (page 5)" if "page=5" in query else ""),
                    "results": " ".join(found.group(1).split()[:3]) if found else "",
                    "queries": query_count,
                    "first_ms": round(first, 1),
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                    "max_ms": round(times[-1], 1),
                    "kept_p50_ms": round(statistics.median(kept), 2),
                }
            )
    print(json.dumps(result, indent=2))


def sitemap():
    """Read the sitemap as a search engine does: the index, then every page it names;
    how many addresses each page lists."""
    setup_django()
    from urllib.parse import urlsplit

    from django.core.cache import cache
    from django.test import Client, override_settings

    from articles.models import Article

    client = Client()
    pages = []
    with override_settings(PAGE_CACHE=False, CACHES={"default": {"BACKEND": LOCMEM}}):
        cache.clear()
        index = client.get("/sitemap.xml", HTTP_HOST=HOST).content.decode()
        for location in re.findall(r"<loc>([^<]+)</loc>", index):
            address = urlsplit(location)
            path = f"{address.path}?{address.query}" if address.query else address.path
            response = client.get(path, HTTP_HOST=HOST)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}, not 200")
            pages.append({"path": path, "urls": response.content.decode().count("<url>")})
    result = {
        "is_index": "<sitemapindex" in index,
        "published_articles": Article.objects.published().count(),
        "pages": pages,
    }
    print(json.dumps(result, indent=2))


def bump_cache():
    setup_django()
    from recovery_site.page_cache import bump_content_version

    bump_content_version()


def rss(master_pid):
    """VmHWM (peak) and VmRSS of each child of the gunicorn master, in kB."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) != master_pid:
            continue
        status = dict(
            line.split(":", 1)
            for line in (stat.parent / "status").read_text().splitlines()
            if ":" in line
        )
        workers.append(
            {
                "pid": int(stat.parent.name),
                "peak_kb": int(status["VmHWM"].split()[0]),
                "rss_kb": int(status["VmRSS"].split()[0]),
            }
        )
    print(json.dumps(sorted(workers, key=lambda w: w["pid"])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command",
        choices=["session", "urls", "queries", "searches", "sitemap", "bump-cache", "rss"],
    )
    parser.add_argument("argument", nargs="?")
    args = parser.parse_args()
    if args.command == "session":
        session()
    elif args.command == "urls":
        urls()
    elif args.command == "queries":
        queries(args.argument)
    elif args.command == "searches":
        searches()
    elif args.command == "sitemap":
        sitemap()
    elif args.command == "bump-cache":
        bump_cache()
    else:
        rss(int(args.argument))


if __name__ == "__main__":
    main()
