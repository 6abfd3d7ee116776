"""Visitors as the site meets them: people reading pages and asking for a call back.

Plain HTTP to 127.0.0.1 only, with bounded loops: every load stops at its deadline or
after MAX_ACTIONS per thread, whichever comes first.
"""

import http.client
import itertools
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CENTRE_NUMBER = "619-555-0123"
DEFAULT_NUMBER = "858-888-0101"
MAX_ACTIONS = 2_000
# Every submission of a run gets its own phone, so none joins another as "asked again";
# every search its own words.
_phones = itertools.count()
_searches = itertools.count()
_phones_lock = threading.Lock()


def new_phone():
    with _phones_lock:
        return f"+1619555{next(_phones) % 10_000:04d}"


TIMEOUT = 35  # longer than gunicorn's 30 s worker timeout


@dataclass
class Outcome:
    kind: str  # page, or submit
    status: int | str  # HTTP status, or "no response"
    seconds: float
    at: float
    right_number: bool = True
    wrong_number: bool = False
    thanked: bool = False
    name: str = ""


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _number_check(html):
    return CENTRE_NUMBER in html, DEFAULT_NUMBER in html


def view_page(port, path):
    started = time.monotonic()
    try:
        status, _, html = _request(port, "GET", path, headers={"Host": "127.0.0.1"})
    except (OSError, http.client.HTTPException):
        return Outcome("page", "no response", time.monotonic() - started, started, False)
    right, wrong = _number_check(html)
    return Outcome("page", status, time.monotonic() - started, started, right, wrong)


def submit(port, name, phone, message=""):
    """GET the form (cookie, token, timestamp), then POST it as a browser does."""
    started = time.monotonic()
    try:
        status, headers, html = _request(port, "GET", "/call-back/")
        if status != 200:
            right, wrong = _number_check(html)
            return Outcome(
                "submit",
                f"form {status}",
                time.monotonic() - started,
                started,
                right,
                wrong,
                name=name,
            )
        cookie = next(
            (v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and "csrftoken" in v),
            "",
        )
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', html))
        body = urlencode(
            {
                **fields,
                "name": name,
                "phone": phone,
                "best_time": "asap",
                "message": message,
                "consent": "on",
                "website": "",
            }
        )
        status, headers, html = _request(
            port,
            "POST",
            "/call-back/",
            body=body,
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": "http://127.0.0.1/call-back/",
            },
        )
    except (OSError, http.client.HTTPException):
        return Outcome(
            "submit", "no response", time.monotonic() - started, started, False, name=name
        )
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    right, wrong = _number_check(html) if status != 303 else (True, False)
    return Outcome(
        "submit",
        status,
        time.monotonic() - started,
        started,
        right,
        wrong,
        thanked=status == 303 and location.endswith("/call-back/thanks/"),
        name=name,
    )


@dataclass
class Load:
    """Threads that read pages and, every `submit_every` actions, ask for a call back."""

    port: int
    paths: list
    prefix: str
    threads: int = 3
    submit_every: int = 4
    max_submissions: int = 10_000
    outcomes: list = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._submitted = 0
        self._stop = threading.Event()

    def _next_submission(self):
        with self._lock:
            if self._submitted >= self.max_submissions:
                return None
            self._submitted += 1
            return self._submitted

    def _run(self, thread, deadline):
        for action in range(MAX_ACTIONS):
            if self._stop.is_set() or time.monotonic() >= deadline:
                return
            number = self._next_submission() if action % self.submit_every == 0 else None
            if number is not None:
                outcome = submit(self.port, f"{self.prefix} {number}", new_phone())
            else:
                path = self.paths[(thread + action) % len(self.paths)]
                # "{n}" makes a page no cache holds (a search nobody made before).
                outcome = view_page(self.port, path.replace("{n}", str(next(_searches))))
            with self._lock:
                self.outcomes.append(outcome)

    def start(self, seconds):
        deadline = time.monotonic() + seconds
        self._threads = [
            threading.Thread(target=self._run, args=(i, deadline), daemon=True)
            for i in range(self.threads)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def wait(self):
        for thread in self._threads:
            thread.join(timeout=TIMEOUT + 60)
        self._stop.set()
        return self.outcomes


def summary(outcomes, kind):
    chosen = [o for o in outcomes if o.kind == kind]
    statuses = {}
    for outcome in chosen:
        statuses[str(outcome.status)] = statuses.get(str(outcome.status), 0) + 1
    times = sorted(o.seconds for o in chosen)
    return {
        "count": len(chosen),
        "statuses": dict(sorted(statuses.items())),
        "p50": statistics.median(times) if times else 0,
        "p95": times[int(len(times) * 0.95) - 1]
        if len(times) >= 20
        else (times[-1] if times else 0),
        "max": times[-1] if times else 0,
        "wrong_number": sum(1 for o in chosen if o.wrong_number),
        "no_number": sum(1 for o in chosen if not o.right_number and o.status != "no response"),
        "thanked": sum(1 for o in chosen if o.thanked),
        "thanked_names": {o.name for o in chosen if o.thanked},
        "names": {o.name for o in chosen},
    }
