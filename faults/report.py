"""faults/RESULTS.md from a finished run."""

import datetime
import os
import platform
import subprocess

from faults.services import REPO
from faults.visitors import CENTRE_NUMBER, DEFAULT_NUMBER, summary


def _statuses(stats):
    return ", ".join(f"{status} ×{count}" for status, count in stats["statuses"].items()) or "none"


def _saw(result):
    pages = summary(result.outcomes, "page")
    forms = summary(result.outcomes, "submit")
    parts = []
    if pages["count"]:
        parts.append(
            f"pages: {_statuses(pages)} (median {pages['p50'] * 1000:.0f} ms, slowest "
            f"{pages['max']:.1f} s)"
        )
    if forms["count"]:
        parts.append(f"call-back form: {_statuses(forms)} (slowest {forms['max']:.1f} s)")
    wrong = pages["wrong_number"] + forms["wrong_number"]
    missing = pages["no_number"] + forms["no_number"]
    parts.append(
        "wrong number shown: " + str(wrong) + (f"; no number on {missing}" if missing else "")
    )
    return "; ".join(parts)


def _thanked_stored(result):
    forms = summary(result.outcomes, "submit")
    thanked = forms["thanked_names"]
    lost = thanked - result.stored_names
    unthanked = result.stored_names - thanked
    text = f"{forms['thanked']} thanked / {result.stored} stored"
    if forms["thanked"] > len(thanked):
        text += " (one person sending again and again: one request, as intended)"
    if lost:
        text += f"; **{len(lost)} thanked but not stored**"
    if unthanked:
        text += f"; {len(unthanked)} stored without the thanks page (response lost)"
    return text


def _git(*args):
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return ""


def write(harness, seconds):
    rows = []
    for result in harness.results:
        emails = f"{result.emails} of {result.stored}"
        if result.duplicates:
            emails += f", **{result.duplicates} sent twice**"
        if result.unemailed:
            emails += f", {result.unemailed} unsent"
        rows.append(
            f"| {result.fault} | {result.injected} | {_saw(result)} | "
            f"{_thanked_stored(result)} | {emails} | {result.recovery} |"
        )
    notes = [f"- **{r.fault}**: {note}" for r in harness.results for note in r.notes]
    keys, megabytes = getattr(harness, "redis_memory", (0, 0.0))
    lines = [
        "# Fault injection results",
        "",
        f"Written by `faults/run` on {datetime.date.today():%Y-%m-%d} at commit "
        f"`{_git('rev-parse', '--short', 'HEAD')}` in {seconds / 60:.0f} minutes.",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}. The stack is the harness's own: PostgreSQL "
        f"({harness.pg.bindir.parent.name}), Redis and an SMTP sink on spare ports of "
        "127.0.0.1, gunicorn with 2 sync workers (`--timeout 30`), the task worker "
        "(`manage.py db_worker`), and `send_pending_notifications` every minute as cron. "
        "Production settings (debug off, page cache on Redis); the form's minimum time and "
        "rate limit are lifted because every visitor here posts at once from 127.0.0.1. "
        "Visitors are threads reading the home page, the article list, three articles and "
        "search results for words nobody searched before (so never from the page cache) "
        "and asking for a call back (GET the form, POST it, as a browser does).",
        "",
        f'"Wrong number shown" counts pages (error pages included) that showed the '
        f"built-in default {DEFAULT_NUMBER} instead of the centre's {CENTRE_NUMBER}. "
        '"Thanked" means the visitor got the 303 to the thanks page; "stored" counts '
        "rows carrying the names they sent; emails are counted at the sink, by request.",
        "",
        "| Fault | Injected | What visitors saw | Thanked / stored | Staff emails (by request) "
        "| Recovery |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "## Details",
        "",
        *notes,
        f"- **Task worker**: exited and was restarted by the supervisor "
        f"{getattr(harness.site, 'worker_restarts', 0)} time(s) (it stops on a database "
        "error).",
        f"- **Page cache keys**: 3,000 requests for one article with `?fbclid=N` added "
        f"made {keys} new Redis key(s), {megabytes:.2f} MB.",
        "",
        "Status 503 on the call-back form is the page that keeps what the person typed and "
        "shows the number to call; 500 is the site's error page, which shows it too. "
        "Raw logs: `faults/.work/` (gunicorn, task worker, PostgreSQL, Redis).",
        "",
    ]
    path = REPO / "faults" / "RESULTS.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
