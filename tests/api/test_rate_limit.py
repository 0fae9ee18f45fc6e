"""The API's rate limit is exact: however many clients ask at once, exactly the limit gets through per window.

With Redis (the Redis of CI and development, 127.0.0.1:6379) the count is shared by
threads and by separate processes, as by gunicorn's workers; without Redis each
process counts exactly for itself.
"""

import json
import os
import subprocess
import sys
import textwrap
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from types import SimpleNamespace

import pytest
import redis
from django.contrib.auth.models import AnonymousUser

from accounts.api_tokens import ApiToken
from api.throttling import PerTokenThrottle
from nprz_dashboard import counters

REDIS_URL = "redis://127.0.0.1:6379/0"
THREADS = 16
PER_THREAD = 20


@pytest.fixture
def one_window(monkeypatch):
    """Keep the run inside one window: the clock stands still a second after a minute began."""
    start = (int(time.time()) // 60) * 60 + 1.0
    monkeypatch.setattr(counters, "clock", lambda: start)
    return start


@pytest.fixture
def on_redis(settings):
    """Count in the real Redis, under this test's own key prefix, as settings.py sets up REDIS_URL; clean up after."""
    settings.REDIS_URL = REDIS_URL
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                    "KEY_PREFIX": prefix, "TIMEOUT": 300}
    }  # fmt: skip
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def limited_to(monkeypatch, rate: str):
    monkeypatch.setitem(PerTokenThrottle.THROTTLE_RATES, "api", rate)


def token_request(token_id: int):
    return SimpleNamespace(auth=ApiToken(pk=token_id), user=AnonymousUser())


def requests_in_parallel(token_id: int) -> int:
    """Send THREADS × PER_THREAD requests of one token through the throttle at once; return how many got through."""
    barrier = Barrier(THREADS)

    def client():
        barrier.wait()
        # A new throttle per request, as DRF makes one for every request.
        return sum(PerTokenThrottle().allow_request(token_request(token_id), None) for _ in range(PER_THREAD))

    with ThreadPoolExecutor(THREADS) as pool:
        return sum(pool.map(lambda _: client(), range(THREADS)))


def test_with_redis_exactly_the_limit_gets_through_from_sixteen_parallel_clients(on_redis, one_window, monkeypatch):
    limited_to(monkeypatch, "120/min")
    assert requests_in_parallel(token_id=1) == 120


def test_with_redis_another_token_has_its_own_count(on_redis, one_window, monkeypatch):
    limited_to(monkeypatch, "50/min")
    assert requests_in_parallel(token_id=1) == 50
    assert requests_in_parallel(token_id=2) == 50


def test_without_redis_one_worker_counts_exactly_too(settings, one_window, monkeypatch):
    settings.REDIS_URL = ""
    limited_to(monkeypatch, "120/min")
    assert requests_in_parallel(token_id=1) == 120


def test_the_count_starts_again_in_the_next_window(on_redis, one_window, monkeypatch):
    limited_to(monkeypatch, "3/min")
    throttle = PerTokenThrottle()
    assert [PerTokenThrottle().allow_request(token_request(1), None) for _ in range(4)] == [True] * 3 + [False]
    assert throttle.allow_request(token_request(1), None) is False
    assert throttle.wait() == 59  # the clock stands at second 1 of the minute
    monkeypatch.setattr(counters, "clock", lambda: one_window + 60)
    assert PerTokenThrottle().allow_request(token_request(1), None) is True


def test_a_refusal_says_how_long_to_wait_until_the_window_ends(viewer_api, one_window, monkeypatch):
    limited_to(monkeypatch, "2/min")
    statuses = [viewer_api.get("/api/v1/areas/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = viewer_api.get("/api/v1/areas/")
    assert refused["Retry-After"] == "59"
    detail = refused.json()["detail"]
    assert detail == "Te veel verzoeken: hoogstens 2 per minuut. Probeer het over 59 seconden opnieuw."


def test_an_unreachable_redis_lets_requests_through_and_says_so_in_the_log(settings, monkeypatch, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    limited_to(monkeypatch, "1/min")
    assert all(PerTokenThrottle().allow_request(token_request(1), None) for _ in range(3))
    assert "Redis unreachable" in caplog.text


# Each process is a worker: it sets Django up, then its threads ask through the throttle at once.
WORKER = textwrap.dedent(
    """
    import json, os, sys, threading
    from types import SimpleNamespace
    import django
    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from accounts.api_tokens import ApiToken
    from api.throttling import PerTokenThrottle
    from nprz_dashboard import counters

    counters.clock = lambda: float(os.environ["FROZEN_CLOCK"])
    request = SimpleNamespace(auth=ApiToken(pk=7), user=AnonymousUser())
    allowed = []
    barrier = threading.Barrier(4)

    def client():
        barrier.wait()
        allowed.append(sum(PerTokenThrottle().allow_request(request, None) for _ in range(25)))

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    print(json.dumps(sum(allowed)))
    """
)


def test_with_redis_workers_in_separate_processes_share_one_exact_count(one_window):
    prefix = f"test-rate-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "API_RATE_LIMIT": "120/min",
        "FROZEN_CLOCK": str(one_window),
        "DJANGO_SETTINGS_MODULE": "nprz_dashboard.settings",
    }
    try:
        workers = [
            subprocess.Popen([sys.executable, "-c", WORKER], env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
            for _ in range(4)
        ]
        allowed = [json.loads(worker.communicate(timeout=120)[0]) for worker in workers]
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    assert [worker.returncode for worker in workers] == [0] * 4
    assert sum(allowed) == 120  # of 4 workers × 4 threads × 25 = 400 requests
