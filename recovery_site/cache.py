"""The Redis cache, behind a circuit breaker.

The cache only ever saves work: every caller copes with it failing (pages are rendered
uncached, the contact settings come from the database). What it must never do is make
visitors wait. A Redis that refuses connections fails at once, but one that is paused
or cut off by the network lets each call wait out its socket timeout, and a page makes
several calls. So after a call fails, this process stops calling Redis for
`RETRY_SECONDS`: every call fails at once with `CacheUnavailable`. Then one call (one
thread) tries again; if it succeeds the breaker closes, otherwise it stays open for
another interval. A stalled Redis costs each process at most one timeout per interval.

The state is per process (shared by its threads), as the timeouts it saves are.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class CacheUnavailable(ConnectionError):
    """The cache failed recently, so it was not called."""


class CircuitBreaker:
    """Closed (calls go through), or open until `retry_at` (calls fail at once).

    When `retry_at` has passed, the first caller is let through as a probe and the
    breaker is re-armed for another interval, so concurrent callers keep failing fast
    while the probe waits on a stalled server.
    """

    clock = staticmethod(time.monotonic)

    def __init__(self, name, retry_seconds=RETRY_SECONDS):
        self.name = name
        self.retry_seconds = retry_seconds
        self.retry_at = None
        self._lock = threading.Lock()

    def allow(self):
        with self._lock:
            if self.retry_at is None:
                return True
            now = self.clock()
            if now < self.retry_at:
                return False
            self.retry_at = now + self.retry_seconds
            return True

    def succeeded(self):
        if self.retry_at is not None:
            with self._lock:
                self.retry_at = None
            logger.warning("Cache: answering again")

    def failed(self, exc):
        with self._lock:
            was_closed = self.retry_at is None
            self.retry_at = self.clock() + self.retry_seconds
        if was_closed:
            logger.warning(
                "Cache: failed (%s), not calling it for %g s",
                type(exc).__name__,
                self.retry_seconds,
            )

    def reset(self):
        with self._lock:
            self.retry_at = None


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(name):
    with _breakers_lock:
        return _breakers.setdefault(name, CircuitBreaker(name))


def reset_breakers():
    """Close every breaker (tests, and after an operator fixed the cache)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


def _guarded(name):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if not self.breaker.allow():
            raise CacheUnavailable("the cache was skipped after a recent failure")
        try:
            result = method(self, *args, **kwargs)
        except ValueError:
            # incr() of a missing key: Redis answered.
            self.breaker.succeeded()
            raise
        except Exception as exc:
            self.breaker.failed(exc)
            raise
        self.breaker.succeeded()
        return result

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis-py client for every call, which costs more than
    a cached page's whole answer (it builds a table of about 170 reply parsers); one per
    connection pool is enough: redis-py clients are safe to share."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        try:
            return self._clients[id(pool)]
        except KeyError:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
            return client


class CircuitBreakerRedisCache(RedisCache):
    """Django's Redis cache; each call goes through the process's breaker for it."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        # One breaker per server, however many threads each have their own cache object.
        self.breaker = breaker_for(str(server))

    # Every public method that talks to Redis; the rest of BaseCache's API (get_or_set,
    # decr, ...) is built on these.
    add = _guarded("add")
    get = _guarded("get")
    set = _guarded("set")
    touch = _guarded("touch")
    delete = _guarded("delete")
    get_many = _guarded("get_many")
    has_key = _guarded("has_key")
    incr = _guarded("incr")
    set_many = _guarded("set_many")
    delete_many = _guarded("delete_many")
    clear = _guarded("clear")
