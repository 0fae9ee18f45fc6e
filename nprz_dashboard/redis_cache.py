"""Django's Redis cache, with one Redis client per connection pool instead of a new one for every call.

Django's RedisCacheClient builds a `redis.Redis` object for each get and set
(the connections themselves are pooled). A logged-in request reads Redis three
times (its session, its roles, its page), and building those clients cost about
as much CPU as the reads (issue 23). A client only holds its pool and options,
and is safe to share between threads, so one per pool is kept.
"""

from django.core.cache.backends import redis as django_redis


class ReusingClient(django_redis.RedisCacheClient):
    """A RedisCacheClient that keeps the Redis client of each connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """settings.CACHES' backend when REDIS_URL is set."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
