"""A Redis cache that degrades to 'miss' when Redis is unavailable.

DESIGN.md: Redis is never on the request path. A page that happens to use the cache must
still render when Redis is down, so connection errors are logged and treated as misses.
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class ForgivingRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError:
            log.warning("cache get failed; treating as a miss", exc_info=True)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError:
            log.warning("cache get_many failed; treating as misses", exc_info=True)
            return {}

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError:
            log.warning("cache set failed; skipped", exc_info=True)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError:
            log.warning("cache add failed; skipped", exc_info=True)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError:
            log.warning("cache delete failed; skipped", exc_info=True)
            return False
