"""Counts each request's SQL for bench/served.py: ``X-Queries`` and ``X-SQL-ms`` response headers.

Only bench/settings.py installs it (first, so it counts what every other middleware asks too,
as Django's test client does in bench/national.py), on every database alias (the read replica
too, with DATABASE_REPLICA_URL). Each gthread thread has its own connections, so the wrappers
count the request of their own thread only.
"""

from __future__ import annotations

import time
from contextlib import ExitStack

from django.db import connections


class Counter:
    """A ``connection.execute_wrapper``: how many statements, and their seconds."""

    def __init__(self):
        self.n = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.n += 1


class QueryHeaders:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = Counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response["X-Queries"] = str(counter.n)
        response["X-SQL-ms"] = f"{counter.seconds * 1000:.2f}"
        return response
