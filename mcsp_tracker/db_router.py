"""Reads from a PostgreSQL read replica, only where a few seconds of lag do no harm (issue 16).

With ``DATABASE_REPLICA_URL`` set, settings.DATABASES has a "replica" alias (a streaming
replica of the primary: docker-compose.yml, profile "scale"). Reads go there only inside
``reads_from_replica`` — a decorator or a context manager — which marks the heavy read-only
work: the dashboard and its ranking, the recap exports and the evidence bundle's listing, the
live ranking image, the public weekly pages and the building of digests. Everything else reads
the primary, so a page that shows what its user just wrote (a status change, an upload, an
import preview) never shows the state before it. Writes always go to the primary, and
migrations run there only (the replica copies them).

Inside the context, sessions are still read from the primary (a session created by a sign-in
a moment ago may not have reached the replica), and code that reads what it wrote itself in
the same request must step out of the context to do so. Without a "replica" alias everything
is the primary, and the decorator does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

PRIMARY = "default"
REPLICA = "replica"
# Apps whose rows must be read where they were written: a session is written at sign-in and
# read on the very next request.
PRIMARY_ONLY_APPS = frozenset({"sessions"})
# How far behind the primary the replica may be, for pages drawn from it that ask "what
# changed since this page was drawn?" (reports.live): they ask from this much earlier.
LAG_MARGIN = dt.timedelta(seconds=10)

_on_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reading_from_replica() -> bool:
    """True inside ``reads_from_replica`` when a replica is configured."""
    return _on_replica.get() and replica_configured()


def lag_margin() -> dt.timedelta:
    """How stale what this code reads may be: LAG_MARGIN on the replica, else nothing."""
    return LAG_MARGIN if reading_from_replica() else dt.timedelta(0)


@contextmanager
def _replica_reads() -> Iterator[None]:
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def _each_step_on_replica(iterable):
    """A streaming response's chunks, each produced inside the context (a generator cannot
    hold a context variable across its yields without leaking it to the caller)."""
    iterator = iter(iterable)
    while True:
        with _replica_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def reads_from_replica(view=None):
    """``@reads_from_replica`` on a view or function, or ``with reads_from_replica():``.

    Put it inside ``@login_required`` so the session and the user are read before it."""
    if view is None:
        return _replica_reads()

    @wraps(view)
    def wrapper(*args, **kwargs):
        with _replica_reads():
            result = view(*args, **kwargs)
        if getattr(result, "streaming", False):
            result.streaming_content = _each_step_on_replica(result.streaming_content)
        return result

    return wrapper


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if reading_from_replica():
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
