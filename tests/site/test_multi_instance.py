"""Two app servers, one database, one Redis: limits and invalidation hold across both.

Two gunicorn instances (one worker each, different ports) run against the test
database and a dedicated Redis database, as several app servers behind a load
balancer would (docs/deploy.md). The call-back rate limit counts rows in the
shared database, and the page cache's content version lives in the shared Redis,
so neither may depend on which instance answers.

The Redis database is MULTI_INSTANCE_REDIS_URL (default redis://127.0.0.1:6379/9); it is
emptied before and after each test, so give it a database no one else uses.
"""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from contacts.models import CallbackRequest
from tests.factories import ArticleFactory

REDIS_URL = os.environ.get("MULTI_INSTANCE_REDIS_URL", "redis://127.0.0.1:6379/9")
RATE_LIMIT = 3
REPO_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_TIMEOUT = 30

# The servers run the production settings with one change, the one tests/conftest.py
# makes in-process: static files from the source folders, so no collectstatic is needed.
SERVER_SETTINGS = """\
from recovery_site.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
"""


def redis_answers():
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's in-memory test database cannot be shared with "
        "server processes",
    ),
    pytest.mark.skipif(not GUNICORN.exists(), reason=f"gunicorn is not installed ({GUNICORN})"),
    pytest.mark.skipif(not redis_answers(), reason=f"no Redis answers at {REDIS_URL}"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_database_url():
    """DATABASE_URL of the test database, which the servers must use."""
    db = connection.settings_dict
    login = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        login += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{login}@{host}/{quote(db['NAME'], safe='')}"


class Server:
    def __init__(self, env, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "recovery_site.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=1",
                "--no-control-socket",
            ],
            cwd=REPO_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(
            f"gunicorn on port {self.port} did not start:\n{self.log_path.read_text()[-3000:]}"
        )

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def request(port, method, path, body=None, headers=None):
    """(status, headers, text) of one request, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server_env(django_db_setup, tmp_path_factory):
    """The servers' environment: the test database, the shared Redis, a small rate limit."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("multi-instance")
    (folder / "multi_instance_settings.py").write_text(SERVER_SETTINGS)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(folder), str(REPO_DIR)]),
        "DJANGO_SETTINGS_MODULE": "multi_instance_settings",
        "DATABASE_URL": server_database_url(),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_PAGE_CACHE": "1",
        "DJANGO_CALLBACK_MIN_SECONDS": "0",
        "DJANGO_CALLBACK_RATE_LIMIT": str(RATE_LIMIT),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="module")
def server_caches(server_env):
    """Exactly the CACHES the servers build from REDIS_URL (backend, key prefix...)."""
    program = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=REPO_DIR,
        env=server_env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def instances(server_env, tmp_path_factory):
    """Two running gunicorn instances (one worker each); yields their ports."""
    logs = tmp_path_factory.mktemp("gunicorn-logs")
    servers = []
    try:
        for number in (1, 2):
            servers.append(Server(server_env, logs / f"gunicorn-{number}.log"))
        for server in servers:
            server.wait_until_ready()
        yield [server.port for server in servers]
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(autouse=True)
def shared_cache(server_caches, settings):
    """This process uses the servers' Redis too, emptied before and after each test, so
    saving an article here bumps the content version the servers read."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    settings.CACHES = server_caches
    settings.PAGE_CACHE = True
    yield
    redis.Redis.from_url(REDIS_URL).flushdb()


def submit_callback_form(port, phone):
    """GET the form on one instance (CSRF cookie, token, signed timestamp), then POST it."""
    status, headers, page = request(port, "GET", "/call-back/")
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', page))
    body = urlencode(
        {
            **fields,
            "name": "Sam",
            "phone": phone,
            "best_time": "asap",
            "consent": "on",
            "website": "",
        }
    )
    status, headers, _ = request(
        port,
        "POST",
        "/call-back/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        },
    )
    return (status, headers.get("Location"))


def test_callback_rate_limit_holds_across_instances(instances):
    """One visitor alternating between the servers still gets RATE_LIMIT requests an hour."""
    outcomes = [
        submit_callback_form(instances[n % 2], phone=f"(619) 555-01{n:02d}")
        for n in range(RATE_LIMIT + 2)
    ]
    accepted = (303, "/call-back/thanks/")
    assert outcomes == [accepted] * RATE_LIMIT + [(429, None), (429, None)]
    assert CallbackRequest.objects.count() == RATE_LIMIT


def test_an_edit_reaches_the_cached_page_on_both_instances(instances):
    article = ArticleFactory(title="Before the edit", slug="shared-cache")
    path = article.get_absolute_url()
    for port in instances:
        status, headers, html = request(port, "GET", path)
        assert status == 200
        assert "Before the edit" in html
        status, headers, html = request(port, "GET", path)
        assert headers["X-Page-Cache"] == "hit", "each instance now serves the page cached"

    article.title = "After the edit"
    article.save()

    # Both instances key the page on the canonical host, so they share one entry: the
    # first renders the edited page afresh, the second is served that fresh page.
    seen = []
    for port in instances:
        status, headers, html = request(port, "GET", path)
        assert status == 200
        assert "After the edit" in html
        assert "Before the edit" not in html
        seen.append(headers["X-Page-Cache"])
    assert seen == ["miss", "hit"]
