"""Admin changelists that hold at national scale (issue 16): the one place for how they count.

A changelist counts its rows to paginate. On the national data set (386,400 documents, 766,000
history rows, 600,000 snapshots) an exact ``SELECT COUNT(*)`` of the whole table is a
sequential scan on every page view, so:

- ``ScaledAdmin`` (every ModelAdmin of ours): no second "of N in all" count of the unfiltered
  table beside the filtered one (``show_full_result_count = False``).
- ``BigTableAdmin`` (tables that reach 100,000 rows and more): additionally the
  ``EstimatedCountPaginator``, no facet counts (a COUNT per filter choice over the table), and
  an ordering by primary key, which PostgreSQL reads backwards through the primary key index
  and stops after one page instead of sorting the whole table (the models' own orderings join
  three or four tables).

``EstimatedCountPaginator`` answers ``count`` of an unfiltered changelist from PostgreSQL's
planner statistics (``pg_class.reltuples``, kept by autovacuum and ANALYZE) when they say the
table is large; a filtered or searched changelist, a small table, a table never analysed and
SQLite get the exact count. The estimate can be off by a few percent: the last page link may
then point one page short or past the end (Django shows its "invalid page" notice).
"""

from __future__ import annotations

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


def estimated_row_count(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows of ``queryset``'s table, when the queryset is the
    whole table (no WHERE, DISTINCT, GROUP BY, slicing or set operation); otherwise None."""
    query = queryset.query
    if (
        query.where
        or query.distinct
        or query.group_by is not None
        or query.combinator
        or query.is_sliced
    ):
        return None
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    # -1: never vacuumed or analysed (PostgreSQL 14+); 0 may mean the same on older servers.
    return int(row[0]) if row and row[0] > 0 else None


class EstimatedCountPaginator(Paginator):
    """A Paginator whose ``count`` of a whole large table is the planner's estimate."""

    # Below this many rows (as estimated) the exact count is cheap enough to be worth it.
    estimate_above = 10_000

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            estimate = estimated_row_count(self.object_list)
            if estimate is not None and estimate >= self.estimate_above:
                return estimate
        return super().count


class ScaledAdmin(admin.ModelAdmin):
    """Every ModelAdmin of the project: one count per changelist at most."""

    show_full_result_count = False


class BigTableAdmin(ScaledAdmin):
    """A table of 100,000 rows and more: estimated count, newest first by primary key."""

    paginator = EstimatedCountPaginator
    show_facets = admin.ShowFacets.NEVER
    ordering = ["-pk"]
