"""gunicorn as shipped (gunicorn.conf.py): it trusts no forwarded header, so only
Django's DJANGO_BEHIND_PROXY decides whether X-Forwarded-Proto means HTTPS."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GUNICORN.exists(), reason=f"no gunicorn at {GUNICORN}"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def robots_over_forwarded_https(tmp_path, **env_overrides):
    """What gunicorn in the project folder answers for /robots.txt sent over plain HTTP
    from 127.0.0.1 with `X-Forwarded-Proto: https`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SECRET_KEY="gunicorn-test-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        **env_overrides,
    )
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(GUNICORN), "recovery_site.wsgi", f"--bind=127.0.0.1:{port}", "--workers=1"],
            cwd=REPO_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                return get(port, "/robots.txt", {"X-Forwarded-Proto": "https"})
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(log.read_text()[-3000:]) from None
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_client_cannot_claim_https_through_gunicorn(tmp_path):
    """Without DJANGO_BEHIND_PROXY, the header is the client's word: still plain HTTP,
    so the HTTPS redirect holds."""
    status, location = robots_over_forwarded_https(tmp_path)
    assert status == 301
    assert location.startswith("https://127.0.0.1") and location.endswith("/robots.txt")


def test_behind_a_proxy_django_trusts_the_header(tmp_path):
    assert robots_over_forwarded_https(tmp_path, DJANGO_BEHIND_PROXY="1") == (200, None)
