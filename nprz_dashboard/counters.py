"""Count events per fixed clock window, atomically, across every worker that shares the count.

With REDIS_URL the count is one Redis key per name and window, raised by INCR and
given its expiry in the same MULTI/EXEC transaction: every gunicorn worker and
server counts on the same key, and no two requests can read the same count.
Without Redis it is Django's local-memory cache (add, then incr, each under that
cache's lock): exact within a process, so each worker counts for itself.

A window is a fixed stretch of the clock (a minute from :00, an hour from :00, a day
from midnight UTC), so what is counted is "how many in this minute".
"""

import logging
import math
import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)
clock = time.time  # tests replace it to keep a run inside one window


@dataclass(frozen=True)
class Hit:
    count: int  # events in this window, this one included (0: not counted, Redis unreachable)
    seconds_left: int  # until the window ends and the count starts again


_clients: dict[str, redis.Redis] = {}
_clients_lock = threading.Lock()


def redis_client(url: str) -> redis.Redis:
    """One client (and connection pool) per process; redis-py opens new connections after a fork."""
    # Under a lock: a second client made by a thread racing this one would close its pool, and the
    # connections in use with it, when it is garbage-collected.
    with _clients_lock:
        if url not in _clients:
            _clients[url] = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return _clients[url]


def hit(name: str, seconds: int) -> Hit:
    """Count one event under `name` in the current window of `seconds`; return the count so far."""
    now = clock()
    window = int(now // seconds)
    seconds_left = max(1, math.ceil((window + 1) * seconds - now))
    key = cache.make_key(f"count:{name}:{seconds}:{window}")
    if settings.REDIS_URL:
        return Hit(redis_count(key, seconds_left), seconds_left)
    return Hit(local_count(key, seconds_left), seconds_left)


def redis_count(key: str, seconds_left: int) -> int:
    try:
        pipeline = redis_client(settings.REDIS_URL).pipeline(transaction=True)
        # The key outlives its window by a second: a late INCR never makes a key without expiry.
        count, _ = pipeline.incr(key).expire(key, seconds_left + 1).execute()
    except redis.RedisError as error:
        log.warning("counter %s not counted: Redis unreachable (%s)", key, error)
        return 0
    return count


def local_count(key: str, seconds_left: int) -> int:
    for _ in range(3):
        cache.add(key, 0, timeout=seconds_left + 1)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr: add it again
            continue
    return 0
