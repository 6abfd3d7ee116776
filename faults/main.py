"""faults/run: break the stack as an operator meets it, and write faults/RESULTS.md.

Each fault runs under load from local visitors (faults/visitors.py), then the stack is
put right and the harness waits, bounded, for it to recover: the site answering again,
every stored request emailed. Counted per fault: what visitors saw, how many were
thanked and how many rows were stored (by the names they sent), emails at the sink
(and any second email for one request), and the time to recover.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

from faults import report
from faults.services import REPO, MailSink, PostgreSQL, Redis, Site, port_answers, wait_for
from faults.visitors import CENTRE_NUMBER, Load, submit, summary, view_page

WORK = REPO / "faults" / ".work"
EMAIL_WAIT = 240  # seconds: the worker retries after 30 s and 2 min, cron runs every minute
CRON_SECONDS = 60


def say(text):
    print(f"   {text}", flush=True)


def log(text):
    print(f"\n== {text} ==", flush=True)


@dataclass
class Result:
    fault: str
    injected: str
    outcomes: list = field(default_factory=list)
    stored: int = 0
    stored_names: set = field(default_factory=set)
    emails: int = 0
    duplicates: int = 0
    unemailed: int = 0
    recovery: str = ""
    notes: list = field(default_factory=list)


class Harness:
    def __init__(self, quick):
        self.quick = quick
        WORK.mkdir(parents=True, exist_ok=True)
        for old in WORK.glob("*.log"):
            old.unlink()
        for folder in ("media", "wordpress"):  # every run starts with no files of its own
            shutil.rmtree(WORK / folder, ignore_errors=True)
        self.pg = PostgreSQL(WORK)
        self.redis = Redis(WORK)
        self.sink = MailSink()
        self.results = []
        self._cron_stop = threading.Event()
        self.media = WORK / "media"

    # --- setup ---------------------------------------------------------------------

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
        env.update(
            DATABASE_URL=self.pg.url,
            REDIS_URL=self.redis.url,
            DJANGO_SECRET_KEY=self.secret,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(self.sink.port),
            DJANGO_CALLBACK_NOTIFY_EMAILS="intake@example.org",
            # The visitors here post at once and all from 127.0.0.1.
            DJANGO_CALLBACK_MIN_SECONDS="0",
            DJANGO_CALLBACK_RATE_LIMIT="1000000",
            DJANGO_LOG_LEVEL="WARNING",
            DJANGO_MEDIA_ROOT=str(self.media),
        )
        return env

    def setup(self):
        self.secret = secrets.token_urlsafe(50)
        log("Starting PostgreSQL, Redis and the mail sink on spare ports of 127.0.0.1")
        self.pg.init()
        self.pg.ctl("start")
        self.pg.create_database()
        say(f"PostgreSQL {self.pg.bindir.parent.name} on port {self.pg.port}")
        self.redis.start()
        say(f"Redis on port {self.redis.port}")
        self.sink.open()
        say(f"mail sink on port {self.sink.port}")
        self.site = Site(WORK, self.env())
        self.site.manage("migrate", "--noinput")
        self.site.manage("collectstatic", "--noinput")
        self.site.manage("load_demo_content")
        self.site.manage(
            "shell",
            "-c",
            "from contacts.models import ContactSettings; "
            "ContactSettings(phone='+16195550123', banner_text='CALL').save()",
        )
        self.paths = ["/", "/articles/", "/search/?q=withdrawal+{n}"] + [
            f"/articles/{slug}/"
            for slug in self.query(
                "select slug from articles_article where status = 'published' "
                "and published_at <= now() order by published_at desc limit 3"
            )
        ]
        say("visitors read " + ", ".join(self.paths))
        self.site.start()
        say(f"gunicorn (2 workers) on port {self.site.port}, and the task worker")
        for path in self.paths:  # every worker reads the centre's settings once
            view_page(self.site.port, path.replace("{n}", "warm-up"))
        threading.Thread(target=self._cron, daemon=True).start()
        threading.Thread(target=self.site.supervise, args=(self._cron_stop,), daemon=True).start()
        say("the task worker is restarted whenever it exits, as systemd would")
        say(f"cron: send_pending_notifications every {CRON_SECONDS} s")

    def _cron(self):
        while not self._cron_stop.wait(CRON_SECONDS):
            self.site.manage("send_pending_notifications", check=False, timeout=300)

    def query(self, sql, params=()):
        with psycopg2.connect(self.pg.url.replace("postgres://", "postgresql://")) as conn:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return [row[0] if len(row) == 1 else row for row in cursor.fetchall()]

    # --- measuring -----------------------------------------------------------------

    def settle(self, result, prefix):
        """After the fault: rows stored for this fault, and wait for their emails."""
        rows = self.query(
            "select id, name from contacts_callbackrequest where name like %s", [prefix + " %"]
        )
        result.stored = len(rows)
        result.stored_names = {name for _, name in rows}
        ids = {pk for pk, _ in rows}
        started = time.monotonic()
        wait_for(lambda: self._unnotified(ids) == 0, EMAIL_WAIT, interval=1)
        result.unemailed = self._unnotified(ids)
        numbers = self.sink.request_numbers()
        sent = [n for n in numbers if n in ids]
        result.emails = len(set(sent))
        result.duplicates = len(sent) - len(set(sent))
        return time.monotonic() - started

    def _unnotified(self, ids):
        if not ids:
            return 0
        return len(
            self.query(
                "select id from contacts_callbackrequest where notified_at is null and id in %s",
                [tuple(ids)],
            )
        )

    def healthz_probe(self, seconds):
        """Poll /healthz: when it first failed and when it answered again."""
        events = {"down": None, "up": None}
        deadline = time.monotonic() + seconds

        def run():
            while time.monotonic() < deadline:
                ok = view_page(self.site.port, "/healthz").status == 200
                now = time.monotonic()
                if not ok and events["down"] is None:
                    events["down"] = now
                if ok and events["down"] is not None and events["up"] is None:
                    events["up"] = now
                time.sleep(0.2)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return events, thread

    def cache_probe(self, seconds=30):
        """From now: when a page is first served from the page cache again."""
        began = time.monotonic()
        found = {}

        def run():
            while time.monotonic() - began < seconds:
                if _page_cache_hit(self.site.port, self.paths[3]):
                    found["after"] = time.monotonic() - began
                    return
                time.sleep(0.1)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        found["thread"] = thread
        return found

    def load(self, prefix, seconds, **kwargs):
        return Load(self.site.port, self.paths, prefix, **kwargs).start(seconds)

    # --- the faults ----------------------------------------------------------------

    def fault(self, name, injected, prefix):
        log(name)
        result = Result(name, injected)
        self.results.append(result)
        return result

    def baseline(self):
        result = self.fault("No fault (baseline)", "nothing", "Baseline")
        result.outcomes = self.load("Baseline", 10 if self.quick else 20).wait()
        waited = self.settle(result, "Baseline")
        result.recovery = f"emails within {waited:.0f} s"

    def postgres_restart(self):
        result = self.fault(
            "PostgreSQL restarted under load",
            "`pg_ctl restart -m fast` 5 s into the load",
            "PgRestart",
        )
        probe, thread = self.healthz_probe(25)
        load = self.load("PgRestart", 20)
        time.sleep(5)
        began = time.monotonic()
        self.pg.ctl("restart", "-m", "fast")
        say(f"restarted in {time.monotonic() - began:.1f} s")
        result.outcomes = load.wait()
        thread.join()
        self.settle(result, "PgRestart")
        result.recovery = _recovery(probe, began)

    def postgres_stop(self):
        result = self.fault(
            "PostgreSQL stopped under load",
            "`pg_ctl stop -m fast` for 10 s, then started",
            "PgStop",
        )
        probe, thread = self.healthz_probe(30)
        load = self.load("PgStop", 25)
        time.sleep(5)
        self.pg.ctl("stop", "-m", "fast")
        began = time.monotonic()
        time.sleep(10)
        self.pg.ctl("start")
        started = time.monotonic()
        result.outcomes = load.wait()
        thread.join()
        self.settle(result, "PgStop")
        up = probe["up"]
        result.recovery = (
            f"{max(up - started, 0):.1f} s after PostgreSQL was back" if up else "did not recover"
        )
        result.notes.append(f"database down for {started - began:.0f} s")

    def redis_kill(self):
        result = self.fault(
            "Redis killed under load",
            "`kill -9` of Redis for 8 s, then restarted empty",
            "RedisKill",
        )
        load = self.load("RedisKill", 20)
        time.sleep(5)
        self.redis.kill()
        time.sleep(8)
        self.redis.start()
        recovered = self.cache_probe()
        result.outcomes = load.wait()
        self.settle(result, "RedisKill")
        result.recovery = _cache_recovery(recovered, "Redis came back")

    def redis_pause(self):
        result = self.fault(
            "Redis paused under load",
            "`SIGSTOP` to Redis for 15 s (connections hang), then `SIGCONT`",
            "RedisPause",
        )
        load = self.load("RedisPause", 25)
        time.sleep(5)
        self.redis.pause()
        paused = time.monotonic()
        time.sleep(15)
        self.redis.resume()
        resumed = time.monotonic()
        recovered = self.cache_probe()
        result.outcomes = load.wait()
        during = [o for o in result.outcomes if paused <= o.at < resumed and o.kind == "page"]
        stats = summary(during, "page")
        result.notes.append(
            f"pages while paused: {stats['count']}, median {stats['p50'] * 1000:.0f} ms, "
            f"95th percentile {stats['p95'] * 1000:.0f} ms, slowest {stats['max'] * 1000:.0f} ms"
        )
        self.settle(result, "RedisPause")
        result.recovery = _cache_recovery(recovered, "SIGCONT")

    def mail(self, mode, name, injected, prefix):
        result = self.fault(name, injected, prefix)
        self.sink.set_mode(mode)
        result.outcomes = self.load(prefix, 10, submit_every=2, max_submissions=6).wait()
        self.sink.set_mode("accept")
        back = time.monotonic()
        waited = self.settle(result, prefix)
        result.recovery = (
            f"every email sent {waited:.0f} s after the mail server was right"
            if not result.unemailed
            else f"{result.unemailed} still unsent after {EMAIL_WAIT} s"
        )
        del back

    def mail_slow(self):
        result = self.fault(
            "Mail server slow",
            "the sink waits 3 s before every reply (about 20 s per email)",
            "MailSlow",
        )
        self.sink.slow_seconds = 3
        self.sink.set_mode("slow")
        result.outcomes = self.load("MailSlow", 10, submit_every=2, max_submissions=3).wait()
        waited = self.settle(result, "MailSlow")
        self.sink.set_mode("accept")
        result.recovery = (
            f"every email sent within {waited:.0f} s (sent slowly, by the worker)"
            if not result.unemailed
            else f"{result.unemailed} still unsent after {EMAIL_WAIT} s"
        )

    def concurrent(self, same_phone):
        prefix = "SamePhone" if same_phone else "Concurrent"
        result = self.fault(
            f"100 concurrent submissions{', one phone' if same_phone else ''}",
            "100 threads, one submission each" + (", all from one phone" if same_phone else ""),
            prefix,
        )
        from faults.visitors import new_phone

        phone = new_phone()
        outcomes = []
        lock = threading.Lock()

        def one(i):
            outcome = submit(
                self.site.port,
                f"{prefix} {i}" if not same_phone else f"{prefix} 1",
                phone if same_phone else new_phone(),
            )
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(100)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        result.outcomes = outcomes
        self.settle(result, prefix)
        result.recovery = f"all answered within {time.monotonic() - started:.0f} s"
        if same_phone:
            events = self.query(
                "select count(*) from contacts_callbackrequestevent e join "
                "contacts_callbackrequest r on r.id = e.request_id where r.name = %s "
                "and e.kind = 'asked_again'",
                [f"{prefix} 1"],
            )[0]
            result.notes.append(f"asked-again entries: {events} (the same words, kept once)")

    def import_killed(self):
        from faults.wordpress import write_export

        result = self.fault(
            "WordPress import killed",
            "`kill -9` of `import_wordpress` once half its images are written, then run again",
            "Import",
        )
        export, uploads, images = write_export(WORK / "wordpress", posts=40)
        stored = self.media / "uploads"
        process = subprocess.Popen(
            [
                str(REPO / ".venv/bin/python"),
                "manage.py",
                "import_wordpress",
                str(export),
                "--media-dir",
                str(uploads),
            ],
            cwd=REPO,
            env=self.site.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(
            lambda: _count_files(stored) >= images // 2 or process.poll() is not None, 120, 0.01
        )
        process.send_signal(signal.SIGKILL)
        process.wait()
        left = _count_files(stored)
        left_bytes = _size(stored)
        articles = self.query(
            "select count(*) from articles_article where slug like 'fault-post-%%'"
        )[0]
        began = time.monotonic()
        self.site.manage("import_wordpress", str(export), "--media-dir", str(uploads))
        after = _count_files(stored)
        articles_after = self.query(
            "select count(*) from articles_article where slug like 'fault-post-%%'"
        )[0]
        referenced = self.query(
            "select count(*) from articles_article where slug like 'fault-post-%%' "
            "and body like '%%/media/uploads/wp-%%'"
        )[0]
        result.notes.append(
            f"after kill -9: {left} image files ({left_bytes / 2**20:.1f} MB) on disk, "
            f"{articles} articles in the database (the import is one transaction)"
        )
        result.notes.append(
            f"after the second run: {after} image files for {images} images, "
            f"{articles_after} articles, {referenced} of them showing their image"
        )
        result.import_summary = (left, after, images, articles, articles_after)
        result.recovery = f"second run took {time.monotonic() - began:.0f} s"

    # --- run -----------------------------------------------------------------------

    def run(self):
        self.setup()
        self.baseline()
        self.postgres_restart()
        self.postgres_stop()
        self.redis_kill()
        self.redis_pause()
        self.mail(
            "refuse",
            "Mail server refusing connections",
            "nothing listens on the SMTP port while visitors submit",
            "MailRefused",
        )
        self.mail(
            "hang",
            "Mail server hung",
            "the SMTP server accepts connections and never answers",
            "MailHung",
        )
        self.mail_slow()
        self.concurrent(same_phone=False)
        self.concurrent(same_phone=True)
        self.import_killed()
        self.redis_memory = _page_cache_keys(self)

    def stop(self):
        self._cron_stop.set()
        if hasattr(self, "site"):
            self.site.stop()
        self.redis.stop()
        self.sink.set_mode("accept")
        self.sink.close()
        self.pg.ctl("stop", "-m", "immediate")


def _recovery(probe, began):
    if probe["down"] is None:
        return "never down"
    if probe["up"] is None:
        return "did not recover"
    return f"{probe['up'] - began:.1f} s from the restart"


def _cache_recovery(found, event):
    found["thread"].join()
    if "after" not in found:
        return "page cache not serving within 30 s"
    return f"page cache serving again {found['after']:.1f} s after {event}"


def _page_cache_hit(port, path):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.getheader("X-Page-Cache") == "hit"
    except OSError:
        return False
    finally:
        conn.close()


def _page_cache_keys(harness):
    """Redis memory and keys after 3,000 requests for one page with ?fbclid=N added."""
    before = harness.redis.used_memory()
    keys_before = _dbsize(harness.redis.port)
    path = harness.paths[3]
    for i in range(3000):
        view_page(harness.site.port, f"{path}?fbclid={i}")
    return (
        _dbsize(harness.redis.port) - keys_before,
        (harness.redis.used_memory() - before) / 2**20,
    )


def _dbsize(port):
    out = subprocess.run(["redis-cli", "-p", str(port), "dbsize"], capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def _count_files(folder):
    return sum(1 for p in Path(folder).rglob("*") if p.is_file()) if Path(folder).exists() else 0


def _size(folder):
    return (
        sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
        if Path(folder).exists()
        else 0
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="shorter loads")
    args = parser.parse_args(argv)
    harness = Harness(args.quick)
    started = time.monotonic()
    try:
        harness.run()
    finally:
        harness.stop()
    path = report.write(harness, time.monotonic() - started)
    log(f"Wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["CENTRE_NUMBER", "port_answers"]
