"""Turn a bench/run's raw output (bench/.work/) into a table and bench/RESULTS.md.

python -m bench.report
"""

import json
import os
import platform
import re
import subprocess
from datetime import datetime, timezone

from bench.common import BENCH_DIR, WORK_DIR, setup_django
from bench.measure import SEARCH_REPEATS, TIMED_REQUESTS

PHASES = ("cold", "warm")
FLOOR = "robots.txt (floor)"
DETAIL = "article detail"
# Uncached (cold) requests/second over the floor's, at 16 connections.
UNCACHED_MINIMUM = {DETAIL: 0.5, "home": 0.25, "article list": 0.25, "category": 0.25}
DETAIL_P99_MS = 100
SEARCH = "search"
SEARCH_P99_MS = 100
ADMIN = "admin call-back list"
ADMIN_P99_MS = 300
# Page-cached pages (warm) over the floor's.
CACHED_PAGES = (
    "home",
    "article list",
    DETAIL,
    "category",
    "sitemap index",
    "sitemap page",
    "feed",
)
CACHED_MINIMUM = 0.9
SEARCH_P95_MS = 100
RSS_LIMIT_MB = 150
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(value) * UNITS_MS[unit]


def parse_wrk(text):
    """requests/second, p50 and p99 in ms, non-2xx/3xx responses and socket errors."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    total = re.search(r"(\d+) requests in", text)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    if not (rps and p50 and p99 and total):
        return None
    requests = int(total.group(1))
    return {
        "rps": float(rps.group(1)),
        # With no completed request wrk prints zeros, which are not latencies.
        "p50": to_ms(p50.group(1)) if requests else None,
        "p99": to_ms(p99.group(1)) if requests else None,
        "requests": requests,
        "non_2xx": int(bad.group(1)) if bad else 0,
        # Sync workers close every connection, so wrk's "read" errors are normal closes
        # at the end of a run; connect errors and timeouts are real trouble.
        "socket_errors": int(sockets.group(1)) + int(sockets.group(4)) if sockets else 0,
    }


def read_meta():
    meta = {}
    path = WORK_DIR / "meta.txt"
    for line in path.read_text().splitlines() if path.exists() else []:
        key, _, value = line.partition("=")
        meta[key.strip()] = value.strip()
    return meta


def machine(meta):
    setup_django()
    import django
    from django.db import connection

    cpuinfo = open("/proc/cpuinfo").read()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = open("/proc/meminfo").read()
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        release = open("/etc/os-release").read()
        found = re.search(r'PRETTY_NAME="([^"]+)"', release)
        os_name = f"{found.group(1)}, Linux {platform.release()}" if found else os_name
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "CPU": model.group(1).strip() if model else platform.processor(),
        "Cores": f"{os.cpu_count()} (shared by wrk, gunicorn, PostgreSQL and Redis)",
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": os_name,
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "gunicorn": _version(["gunicorn", "--version"]),
        "wrk": _version(["wrk", "--version"]),
        "Cache (warm phase)": meta.get("cache", "?"),
        "Load average (1 min) before the server starts, after its last wrk run": "; ".join(
            f"{p} {meta.get(f'load-{p}-start', '?')} -> {meta.get(f'load-{p}-end', '?')}"
            for p in PHASES
        ),
    }


def _version(command):
    if command[0] == "gunicorn":
        command = [str(BENCH_DIR.parent / ".venv" / "bin" / "gunicorn"), *command[1:]]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError:
        return "?"
    return (result.stdout + result.stderr).strip().splitlines()[0]


def git_commit():
    """The commit checked out, "+changes" when tracked files differ (bench/*.md aside)."""

    def git(*args):
        result = subprocess.run(  # noqa: S603 - fixed git arguments
            ["git", *args],  # noqa: S607
            cwd=BENCH_DIR.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip()

    commit = git("rev-parse", "--short=10", "HEAD") or "unknown"
    changed = git(
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        ":!bench/RESULTS.md",
        ":!bench/ANALYSIS.md",
    )
    return f"{commit} +changes" if changed else commit


def collect():
    pages = [
        tuple(line.split("\t")[:2])
        for line in (WORK_DIR / "urls.tsv").read_text().splitlines()
        if line.strip()
    ]
    runs = {}
    for phase in PHASES:
        for index, (label, _) in enumerate(pages):
            path = WORK_DIR / f"wrk-{phase}-{index}.txt"
            runs[phase, label] = parse_wrk(path.read_text()) if path.exists() else None
    floors = {}
    for phase in PHASES:
        for index, (label, _) in enumerate(pages):
            path = WORK_DIR / f"wrk-{phase}-floor-{index}.txt"
            if path.exists():
                floors[phase, label] = parse_wrk(path.read_text())
    queries = json.loads((WORK_DIR / "queries.json").read_text())
    rss = {
        phase: json.loads((WORK_DIR / f"rss-{phase}.json").read_text())
        for phase in PHASES
        if (WORK_DIR / f"rss-{phase}.json").exists()
    }
    searches_file = WORK_DIR / "searches.json"
    searches = json.loads(searches_file.read_text()) if searches_file.exists() else []
    sitemap_file = WORK_DIR / "sitemap.json"
    sitemap = json.loads(sitemap_file.read_text()) if sitemap_file.exists() else None
    return pages, runs, floors, queries, rss, searches, sitemap


def ratio(runs, floors, phase, label):
    """Requests/second over the floor's, the floor measured just before this page."""
    run = runs.get((phase, label))
    floor = floors.get((phase, label)) or runs.get((phase, FLOOR))
    if not run or not floor or not floor["rps"]:
        return None
    return run["rps"] / floor["rps"]


def floor_range(runs, floors, phase):
    values = [run["rps"] for (p, _), run in floors.items() if p == phase and run]
    if runs.get((phase, FLOOR)):
        values.append(runs[phase, FLOOR]["rps"])
    return (min(values), max(values)) if values else None


def verdict(ok):
    return "PASS" if ok else "FAIL"


def targets(runs, floors, queries, rss, searches=(), sitemap=None):
    """(target, what was measured, PASS/FAIL) for every target of the benchmark."""
    from articles.sitemaps import SITEMAP_PAGE_SIZE

    rows = []

    def add(name, measured, ok):
        rows.append((name, measured, verdict(ok) if ok is not None else "n/a"))

    def p99_row(name, label, phase, limit):
        run = runs.get((phase, label))
        measured = run is not None and run["p99"] is not None
        add(
            f"{name} p99 < {limit} ms ({phase})",
            f"{_ms(run['p99'])} ms" if measured else "no data",
            measured and run["p99"] < limit and _clean(run),
        )

    for label, minimum in UNCACHED_MINIMUM.items():
        value = ratio(runs, floors, "cold", label)
        run = runs.get(("cold", label))
        add(
            f"{label.capitalize()} uncached >= {minimum} x floor req/s",
            f"{value:.2f} x" if value is not None else "no data",
            value is not None and value >= minimum and _clean(run),
        )
        if label == DETAIL:
            p99_row("Article detail uncached, 16 connections,", DETAIL, "cold", DETAIL_P99_MS)
    for phase in PHASES:
        p99_row("Search for a very common word, 16 connections,", SEARCH, phase, SEARCH_P99_MS)
    if sitemap:
        sizes = [page["urls"] for page in sitemap["pages"]]
        largest = max(sizes, default=0)
        add(
            f"Sitemap: an index, pages of at most {SITEMAP_PAGE_SIZE:,} addresses "
            "(no request renders every article)",
            f"{'index' if sitemap['is_index'] else 'NOT an index'} of {len(sizes)} pages, "
            f"largest {largest:,} addresses, {sitemap['published_articles']:,} articles",
            sitemap["is_index"]
            and largest <= SITEMAP_PAGE_SIZE
            and largest < sitemap["published_articles"],
        )
    else:
        add("Sitemap: an index, pages of limited size", "not measured", False)
    for phase in PHASES:
        p99_row("Admin call-back list, 4 connections,", ADMIN, phase, ADMIN_P99_MS)
    cached = [(label, ratio(runs, floors, "warm", label)) for label in CACHED_PAGES]
    missing = [label for label, value in cached if value is None]
    measured = [(value, label) for label, value in cached if value is not None]
    slowest = min(measured, default=None)
    add(
        f"Cached pages >= {CACHED_MINIMUM} x floor req/s ({', '.join(CACHED_PAGES)})",
        (f"lowest: {slowest[1]}, {slowest[0]:.2f} x" if slowest else "no data")
        + (f"; no data: {', '.join(missing)}" if missing else ""),
        bool(measured)
        and not missing
        and slowest[0] >= CACHED_MINIMUM
        and all(_clean(runs["warm", label]) for label in CACHED_PAGES),
    )
    pages = queries["pages"]
    moving = [label for label, counts in pages.items() if counts["cold"] != counts["small"]]
    articles, calls = queries["full_content"]
    small_articles, small_calls = queries["small_content"]
    add(
        "Query counts independent of content",
        f"same on {articles:,}/{calls:,} and {small_articles}/{small_calls} articles/call-backs"
        if not moving
        else "differ: " + ", ".join(moving),
        not moving,
    )
    peaks = [w["peak_kb"] / 1024 for workers in rss.values() for w in workers]
    add(
        f"Worker peak RSS < {RSS_LIMIT_MB} MB",
        f"max {max(peaks):.0f} MB" if peaks else "no data",
        bool(peaks) and max(peaks) < RSS_LIMIT_MB,
    )
    if searches:
        slowest = max(searches, key=lambda s: s["p95_ms"])
        add(
            f"Search service time p95 < {SEARCH_P95_MS} ms, every kind of query (in-process)",
            f"slowest: {slowest['kind']}, {_ms(slowest['p95_ms'])} ms",
            slowest["p95_ms"] < SEARCH_P95_MS,
        )
    return rows


def _ms(value):
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _clean(run):
    return run["non_2xx"] == 0 and run["socket_errors"] == 0


def page_rows(pages, runs, floors, queries):
    rows = []
    for label, path in pages:
        counts = queries["pages"].get(label, {})
        row = [label, f"`{path}`" if len(path) < 40 else f"`{path[:37]}...`"]
        for phase in PHASES:
            run = runs.get((phase, label))
            value = ratio(runs, floors, phase, label)
            if run is None:
                row += ["-", "-", "-", "-", "-"]
                continue
            problems = run["non_2xx"] + run["socket_errors"]
            row += [
                f"{run['rps']:,.1f}" if run["rps"] < 10 else f"{run['rps']:,.0f}",
                _ms(run["p50"]),
                _ms(run["p99"]),
                f"{value:.2f}" if value is not None else "-",
                f"**{problems}**" if problems else "0",
            ]
        row.append(f"{counts.get('cold', '-')} / {counts.get('warm', '-')}")
        row.append(str(counts.get("small", "-")))
        row.append(f"{_ms(counts.get('cold_ms'))} / {_ms(counts.get('warm_ms'))}")
        rows.append(row)
    return rows


HEADER = [
    "Page",
    "Path",
    "cold req/s",
    "cold p50 ms",
    "cold p99 ms",
    "cold x floor",
    "cold errors",
    "warm req/s",
    "warm p50 ms",
    "warm p99 ms",
    "warm x floor",
    "warm errors",
    "queries cold / warm",
    "queries small DB",
    "in-process ms cold / warm",
]


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header, rows):
    rows = [[str(cell).replace("`", "").replace("**", "") for cell in row] for row in rows]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(out)


SEARCH_HEADER = [
    "Kind",
    "Query",
    "Results",
    "Queries",
    "first ms",
    "p50 ms",
    "p95 ms",
    "max ms",
    "kept p50 ms",
]


def search_rows(searches):
    return [
        [
            s["kind"],
            f"`{s['query']}`",
            s["results"],
            s["queries"],
            _ms(s["first_ms"]),
            _ms(s["p50_ms"]),
            _ms(s["p95_ms"]),
            _ms(s["max_ms"]),
            _ms(s["kept_p50_ms"]) if "kept_p50_ms" in s else "",
        ]
        for s in searches
    ]


def main():
    meta = read_meta()
    pages, runs, floors, queries, rss, searches, sitemap = collect()
    about = machine(meta)
    rows = page_rows(pages, runs, floors, queries)
    goals = targets(runs, floors, queries, rss, searches, sitemap)
    rss_rows = [
        [phase, w["pid"], f"{w['peak_kb'] / 1024:.0f}", f"{w['rss_kb'] / 1024:.0f}"]
        for phase, workers in rss.items()
        for w in workers
    ]
    errors = [
        f"{label} ({phase}): {run['non_2xx']} non-2xx/3xx, {run['socket_errors']} socket "
        "connect/timeout errors"
        for (phase, label), run in runs.items()
        if run and not _clean(run)
    ]
    missing = [f"{label} ({phase})" for (phase, label), run in runs.items() if run is None]
    for phase in PHASES:
        load = float(meta.get(f"load-{phase}-start", "0") or 0)
        if load > (os.cpu_count() or 1) / 2:
            errors.append(
                f"the machine was already busy before the {phase} phase (load average {load} on "
                f"{os.cpu_count()} cores): figures are lower than on an idle machine"
            )
    ranges = []
    for phase in PHASES:
        found = floor_range(runs, floors, phase)
        if found:
            ranges.append(f"{found[0]:,.0f}-{found[1]:,.0f} req/s {phase}")
    ranges = "; ".join(ranges)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")  # noqa: UP017

    print()
    print(text_table(HEADER, rows))
    print()
    print(text_table(["Phase", "Worker pid", "Peak RSS MB", "RSS at end MB"], rss_rows))
    print()
    if searches:
        print(text_table(SEARCH_HEADER, search_rows(searches)))
        print()
    print(text_table(["Target", "Measured", "Result"], goals))
    for line in errors + [f"no wrk result: {m}" for m in missing]:
        print(f"WARNING: {line}")

    md = [
        "# Benchmark results",
        "",
        f"Written by `bench/run` on {when}; run it again to refresh this file.",
        "",
        "## Machine",
        "",
        markdown_table(["", ""], list(about.items())),
        "",
        "## Set-up",
        "",
        f"- Code: commit `{meta.get('commit') or git_commit()}` of this repository.",
        f"- Data: {meta.get('data', '?')}",
        f"- Server: `{meta.get('gunicorn', '?')}`, debug off, production settings.",
        f"- Load: `{meta.get('wrk', '?')}` per page, after {meta.get('warmup', '?')} warm-up "
        "requests per page.",
        "- Cold: `DJANGO_PAGE_CACHE=0` (every request rendered). Warm: `DJANGO_PAGE_CACHE=1`, "
        f"cache {meta.get('cache', '?')}.",
        "- The floor is `/robots.txt`: the full middleware stack and a view with no database.",
        "  `x floor` is a page's requests/second over the floor's, the floor measured for "
        f"{meta.get('floor-duration', '?')} s",
        "  just before that page in the same phase (the machine's speed drifts). The floor "
        f"ranged {ranges}.",
        "- Queries per request: Django's test client in-process against the same database,",
        '  after one warm-up request (cold = page cache off, warm = on). "small DB" repeats the',
        "  cold count after deleting all but "
        f"{queries['small_content'][0]} articles and {queries['small_content'][1]} call-back "
        "requests (in a transaction that is rolled back).",
        "- In-process ms: median time of one request through Django's test client (no HTTP,",
        f"  no concurrency; {TIMED_REQUESTS} requests): the service time behind the latencies.",
        "- Errors: non-2xx/3xx responses plus socket connect errors and timeouts reported by wrk.",
        "",
        "## Pages",
        "",
        markdown_table(HEADER, rows),
        "",
        "## Searches",
        "",
        "Search pages are never page-cached (a query is private); each worker keeps the pages",
        "of recent searches in its own memory under the site's versions",
        "(`articles.views.recent_searches`), so the wrk runs above repeat a kept search.",
        "Below, each kind of query through the whole view, in-process with the page cache",
        "off: its first request (synonym list not yet cached), then",
        f"{SEARCH_REPEATS} more, one at a time, each rendered (the kept pages forgotten first;",
        f"first/p50/p95/max), then {SEARCH_REPEATS} answered from the kept page (kept p50);",
        "the count stops at 200 results. Queries: those of the first request.",
        "",
        markdown_table(SEARCH_HEADER, search_rows(searches)) if searches else "Not measured.",
        "",
        "## Worker memory",
        "",
        markdown_table(["Phase", "Worker pid", "Peak RSS (VmHWM) MB", "RSS at end MB"], rss_rows),
        "",
        "## Targets",
        "",
        markdown_table(["Target", "Measured", "Result"], goals),
        "",
    ]
    analysis = BENCH_DIR / "ANALYSIS.md"
    if analysis.exists():
        md += [analysis.read_text().rstrip(), ""]
    if errors or missing:
        md += ["## Warnings", ""]
        md += [f"- {line}" for line in errors]
        md += [f"- no wrk result: {m}" for m in missing]
        md.append("")
    (BENCH_DIR / "RESULTS.md").write_text("\n".join(md))
    print(f"\nWrote {BENCH_DIR / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
