"""A stalled cache costs each process one timeout per interval, never one per call.

A local socket stands in for a paused Redis: it accepts connections and never answers,
as a Redis stopped with SIGSTOP or cut off by the network does. It counts the commands
it is sent, so the tests count calls that waited out a timeout, not seconds.
"""

import socket
import threading

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from contacts.models import ContactSettings, get_contact_settings
from recovery_site import cache as breaker_module
from recovery_site.cache import CacheUnavailable
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class StalledServer:
    """Accepts connections, reads what it is sent, never replies."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.commands = 0
        self.conns = []
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.05)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(0.05)
            self.conns.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn):
        while not self._stop:
            try:
                data = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            self.commands += data.count(b"*")  # one RESP array per command (or pipeline part)

    def close(self):
        self._stop = True
        for conn in self.conns:
            conn.close()
        self.sock.close()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(breaker_module.CircuitBreaker, "clock", staticmethod(clock))
    return clock


@pytest.fixture
def stalled_cache(settings):
    server = StalledServer()
    settings.CACHES = {
        "default": {
            "BACKEND": "recovery_site.cache.CircuitBreakerRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGE_CACHE = True
    yield server
    caches["default"].close()
    del settings.CACHES
    server.close()


def test_after_one_timeout_calls_fail_at_once_until_the_interval_ends(stalled_cache, clock):
    cache = caches["default"]
    with pytest.raises(redis.TimeoutError):
        cache.get("a")
    waited = stalled_cache.commands
    assert waited >= 1
    for _ in range(20):
        with pytest.raises(CacheUnavailable):
            cache.get("a")
        with pytest.raises(CacheUnavailable):
            cache.set("a", 1)
    assert stalled_cache.commands == waited, "nothing more reached the stalled server"

    clock.now += breaker_module.RETRY_SECONDS + 0.1
    with pytest.raises(redis.TimeoutError):
        cache.get("a")  # one probe
    with pytest.raises(CacheUnavailable):
        cache.get("a")  # and the breaker is open again at once


def test_while_a_probe_waits_other_threads_fail_fast(clock):
    breaker = breaker_module.CircuitBreaker("test")
    breaker.failed(TimeoutError())
    assert not breaker.allow()
    clock.now += breaker.retry_seconds
    assert breaker.allow(), "the first caller after the interval probes"
    assert not breaker.allow(), "everyone else keeps failing fast meanwhile"
    breaker.succeeded()
    assert breaker.allow()


def test_a_page_with_a_stalled_cache_costs_one_timeout_then_none(stalled_cache, clock):
    article = ArticleFactory(slug="stalled")
    ContactSettings(phone="+16195550199").save()
    get_contact_settings()  # this process knows the centre's number
    clock.now += breaker_module.RETRY_SECONDS + 0.1  # the saves above tripped the breaker
    before = stalled_cache.commands
    first = Client().get(article.get_absolute_url())
    assert first.status_code == 200
    assert "619-555-0199" in first.content.decode()
    assert stalled_cache.commands - before == 1, "one call waited; the rest were skipped"
    for _ in range(5):
        again = Client().get(article.get_absolute_url())
        assert again.status_code == 200
        assert "619-555-0199" in again.content.decode()
    assert stalled_cache.commands - before == 1


def test_a_cache_that_answers_again_closes_the_breaker(settings, clock):
    settings.CACHES = {
        "default": {
            "BACKEND": "recovery_site.cache.CircuitBreakerRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    try:
        cache = caches["default"]
        with pytest.raises(redis.ConnectionError):
            cache.get("a")
        assert not cache.breaker.allow()
        cache.breaker.succeeded()  # as a successful probe does
        assert cache.breaker.allow()
    finally:
        caches["default"].close()
        del settings.CACHES


def test_one_redis_client_serves_every_call_of_a_process(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "recovery_site.cache.CircuitBreakerRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    try:
        client = caches["default"]._cache
        assert client.get_client("a") is client.get_client("b", write=True)
    finally:
        del settings.CACHES
