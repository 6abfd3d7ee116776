"""Google Lighthouse on the public pages, as a phone sees them: `make lighthouse`.

Builds a throwaway demo site, serves it with gunicorn under production settings
(debug off, WhiteNoise's compressed and hashed static files, the page cache on),
and runs Lighthouse (npm, scripts/lighthouse/package.json) with Debian's Chromium
and its mobile preset (a mid-range phone, slow 4G and a 4x slower CPU, all
simulated) on home, an article, the article list, a category, search results and
the call-back form. Each page is measured RUNS times (default 3) and the run with
the median performance score is kept. Writes the four scores, the main timings
and every audit that did not pass to docs/lighthouse.md (ONLY=Article,Home
measures just those pages and only prints). Nothing is downloaded.
"""

import datetime
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from scripts.demo_site import environment, free_port, load_demo, wait_for  # noqa: E402
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LIGHTHOUSE = BASE_DIR / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
OUTPUT = BASE_DIR / "docs" / "lighthouse.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = [
    ("Home", "/"),
    ("Article", "/articles/how-does-klonopin-work/"),
    ("Article list", "/articles/"),
    ("Category", "/articles/category/opioids/"),
    ("Search results", "/search/?q=withdrawal"),
    ("Call-back form", "/call-back/"),
]
METRICS = [
    ("FCP", "first-contentful-paint"),
    ("LCP", "largest-contentful-paint"),
    ("TBT", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
    ("SI", "speed-index"),
]
# Lower than 100 on purpose, and why (shown under the table).
ON_PURPOSE = {
    "Search results": (
        "SEO: robots.txt keeps crawlers out of /search/, so that made-up queries "
        "(search spam) never become indexed pages."
    ),
    "Call-back form": (
        "SEO: the form is sent with `X-Robots-Tag: noindex`; it is a step in asking "
        "for help, not a page to land on from a search engine."
    ),
}


def serve(port, workdir):
    """gunicorn with the settings a production install uses (no TLS here)."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        # Production serves /media/ from the web server; here Django does, with the
        # same headers.
        "DJANGO_SERVE_MEDIA": "1",
        "DJANGO_PAGE_CACHE": "1",
    }
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    return subprocess.Popen(  # noqa: S603 - our own gunicorn
        [
            *(sys.executable, "-m", "gunicorn", "recovery_site.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30"),
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(workdir) / "gunicorn.log", "w"),  # noqa: SIM115
    )


def lighthouse(url, workdir, run, attempts=3):
    """One Lighthouse run. On a busy machine Lighthouse sometimes fails to record its
    trace (NO_NAVSTART, NO_FCP); such a run is tried again."""
    report = Path(workdir) / f"report-{run}.json"
    flags = " ".join(arg for arg in CHROMIUM_ARGS if arg != "--headless")
    for attempt in range(1, attempts + 1):
        finished = subprocess.run(  # noqa: S603 - our own arguments
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags=--headless=new {flags}",
            ],
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            timeout=300,
            check=False,
        )
        if finished.returncode == 0:
            return json.loads(report.read_text())
        print(f"    Lighthouse failed (attempt {attempt} of {attempts})", flush=True)
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


def median_run(url, workdir, runs):
    results = [lighthouse(url, workdir, n) for n in range(runs)]
    results.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
    return results[len(results) // 2], [r["categories"]["performance"]["score"] for r in results]


def failing_audits(result):
    """Audits that count towards a category score and did not fully pass."""
    counted = {
        ref["id"]
        for category in result["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
    }
    failing = []
    for audit_id in sorted(counted):
        audit = result["audits"][audit_id]
        if audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"):
            if audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                failing.append(f"`{audit_id}`: {audit['title']}{value}, score {audit['score']}")
    return failing


def score(result, category):
    return round(result["categories"][category]["score"] * 100)


def write_report(rows, runs, started, load_before, load_after, versions):
    lines = [
        "# Lighthouse",
        "",
        "Written by `make lighthouse` (`scripts/lighthouse.py`): Lighthouse "
        f"{versions['lighthouse']}, mobile preset (simulated slow 4G, 4x CPU slowdown), "
        f"{versions['chromium']}, against gunicorn with production settings serving the demo "
        f"content. Each page was measured {runs} time(s); the run with the median performance "
        "score is shown, with the performance scores of all runs.",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC at commit `{versions['commit']}` on "
        f"{versions['machine']}. Load average (1 min) {load_before:.2f} before, "
        f"{load_after:.2f} after: performance is simulated from what the page needs, "
        "but a busy machine still slows the measured page a little.",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO | "
        + " | ".join(name for name, _ in METRICS)
        + " | Runs (performance) |",
        "|---|---|---|---|---|" + "---|" * len(METRICS) + "---|",
    ]
    for name, path, result, all_scores in rows:
        metrics = " | ".join(result["audits"][key]["displayValue"] for _, key in METRICS)
        lines.append(
            f"| {name} (`{path}`) | "
            + " | ".join(str(score(result, c)) for c in CATEGORIES)
            + f" | {metrics} | "
            + ", ".join(str(round((s or 0) * 100)) for s in all_scores)
            + " |"
        )
    lines += load_note(rows)
    lines += ["", "## Below 100 on purpose", ""]
    lines += [f"- **{name}**: {why}" for name, why in ON_PURPOSE.items()]
    lines += ["", "## Audits that did not pass", ""]
    for name, _, result, _ in rows:
        failing = failing_audits(result)
        lines.append(f"**{name}**: " + ("none." if not failing else ""))
        lines += [f"- {line}" for line in failing]
        lines.append("")
    OUTPUT.write_text("\n".join(lines).rstrip() + "\n")


def load_note(rows):
    """Say which median performance scores fell short although a run of the same page
    scored 100: what changed between runs is the machine's load, not the page."""
    below = [
        name
        for name, _, result, all_scores in rows
        if score(result, "performance") < 100 and max(s or 0 for s in all_scores) == 1
    ]
    if not below:
        return []
    return [
        "",
        f"Below 100 in the median run but 100 in another run of the same page: "
        f"{', '.join(below)}. Only Total Blocking Time differed, which grows when other "
        "work shares the CPU.",
    ]


def versions():
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git, read-only
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    ).stdout.strip()
    chromium = subprocess.run(  # noqa: S603 - Debian's Chromium
        [str(CHROMIUM), "--version"], capture_output=True, text=True
    ).stdout.strip()
    lighthouse_version = subprocess.run(  # noqa: S603 - our own npm package
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "commit": commit,
        "chromium": chromium,
        "lighthouse": lighthouse_version,
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
    }


def main():
    if not CHROMIUM.exists():
        raise SystemExit(f"Lighthouse needs Debian's Chromium at {CHROMIUM}: apt-get install it")
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse` (npm ci).")
    runs = int(os.environ.get("RUNS", "3"))
    # ONLY=Article,Home measures just those pages and prints, leaving the report alone.
    only = [name.strip() for name in os.environ.get("ONLY", "").split(",") if name.strip()]
    pages = [(name, path) for name, path in PAGES if not only or name in only]
    started = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as workdir:
        environment(workdir, DJANGO_DEBUG="1")
        print("Building a demo site in", workdir)
        load_demo()
        port = free_port()
        base = f"http://localhost:{port}"
        server = serve(port, workdir)
        try:
            wait_for(f"{base}/healthz", server)
            load_before = os.getloadavg()[0]
            rows = []
            for name, path in pages:
                print(f"  {name} ({path}), {runs} run(s)", flush=True)
                result, all_scores = median_run(base + path, workdir, runs)
                rows.append((name, path, result, all_scores))
                print(
                    "    "
                    + ", ".join(f"{c} {score(result, c)}" for c in CATEGORIES)
                    + "; "
                    + ", ".join(f"{n} {result['audits'][k]['displayValue']}" for n, k in METRICS),
                    flush=True,
                )
            load_after = os.getloadavg()[0]
        finally:
            server.terminate()
            server.wait(timeout=10)
    if only:
        return
    write_report(rows, runs, started, load_before, load_after, versions())
    print(f"Wrote {OUTPUT.relative_to(BASE_DIR)}")
    if statistics.mean(score(r, "performance") for _, _, r, _ in rows) < 100:
        print("Performance below 100 somewhere: if the machine was busy, run it again later.")


if __name__ == "__main__":
    main()
