"""Daily Snapshot rows: counts per (programme, government, day), and per unit.

Two ways to write them, which must agree (a test holds them to it):
* ``write_for_day`` counts the documents as they are now — the daily job, run after the day's work;
* ``backfill`` replays StatusChange history to rebuild every day from the first change on.
Trends, pace and weekly change read these rows (reports.figures), never the raw history.

Both run inside the database: holding a national history (733,000 changes) in Python took
204 s for the backfill and 2–4 s for the daily job (issue 16). The daily job is one portable
INSERT … SELECT per level; the backfill is one PostgreSQL statement (generate_series and window
sums over per-day deltas), with the Python replay kept for SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from documents.models import Document, Programme, Requirement, StatusChange
from reports.models import COUNT_FIELD, Snapshot


def _end_of(day: dt.date) -> dt.datetime:
    """Midnight after ``day`` in WIB: a day's snapshot holds everything before it."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _keys(region_id: int, unit_id: int | None) -> list[tuple[int, int | None]]:
    """A document counts for its government and, when it has one, for its unit."""
    return [(region_id, None)] if unit_id is None else [(region_id, None), (region_id, unit_id)]


def _rows(programme: Programme, day: dt.date, counts: dict[tuple[int, int | None], dict]) -> list:
    rows = []
    for (region_id, unit_id), c in counts.items():
        total = sum(c.values())
        if not total:
            continue
        rows.append(
            Snapshot(
                programme=programme,
                region_id=region_id,
                unit_id=unit_id,
                day=day,
                total=total,
                **{f: c.get(f, 0) for f in COUNT_FIELD.values()},
            )
        )
    return rows


# Status values in the SQL below are our own constants (documents.models.Status), never input.
_FIELDS = ", ".join(COUNT_FIELD.values())


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# One pass over the programme's documents counts per (government, unit); the government rows
# are the sums of those (unit 0 stands for "no unit" so that the grouping keeps them).
_DAILY_SQL = """
WITH per_unit AS (
    SELECT d.region_id, COALESCE(d.unit_id, 0) AS unit_id, COUNT(*) AS total, {counts}
    FROM {document} d JOIN {requirement} r ON r.id = d.requirement_id
    WHERE r.programme_id = %s AND (r.retired_on IS NULL OR r.retired_on > %s)
    GROUP BY d.region_id, COALESCE(d.unit_id, 0)
)
INSERT INTO {snapshot} (programme_id, region_id, unit_id, day, total, {fields})
SELECT %s, region_id, NULL, %s, SUM(total), {sums} FROM per_unit GROUP BY region_id
UNION ALL
SELECT %s, region_id, unit_id, %s, total, {fields} FROM per_unit WHERE unit_id <> 0
"""


def write_for_day(programme: Programme, day: dt.date | None = None) -> int:
    """Write (or rewrite) one day's rows from the documents' current statuses: a DELETE and one
    INSERT … SELECT, in the database (the national set: 10,000 rows)."""
    day = day or timezone.localdate()
    sql = _DAILY_SQL.format(
        document=_table(Document),
        requirement=_table(Requirement),
        snapshot=_table(Snapshot),
        counts=", ".join(
            f"SUM(CASE WHEN d.status = '{status}' THEN 1 ELSE 0 END) AS {field}"
            for status, field in COUNT_FIELD.items()
        ),
        sums=", ".join(f"SUM({f})" for f in COUNT_FIELD.values()),
        fields=_FIELDS,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        Snapshot.objects.filter(programme=programme, day=day).delete()
        cursor.execute(sql, [programme.pk, day, programme.pk, day, programme.pk, day])
        return cursor.rowcount


def backfill(programme: Programme, *, until: dt.date | None = None) -> int:
    """Rebuild every day's rows from the first recorded change to ``until`` by replaying history.

    Idempotent: the rows of those days are replaced. A document's status before its first
    change is that change's ``from_status``; a document without history has always had its
    current status; a retired requirement's document leaves the counts on its retirement day
    (after that day's changes) and its later history no longer counts.
    """
    until = until or timezone.localdate()
    if connection.vendor == "postgresql":
        return _backfill_sql(programme, until)
    return _backfill_python(programme, until)


# Per-day deltas, summed in date order: +1 for the state every document starts in on the first
# day, -1/+1 for each change (previous state → new), -1 on a retirement; then a running sum per
# (government, unit) over every day from the first change to ``until``. Unit 0 stands for the
# government's own row (unit_id NULL) so that the keys compare with "=".
_BACKFILL_SQL = """
WITH docs AS (
    SELECT d.id, d.region_id, COALESCE(d.unit_id, 0) AS unit_id, d.status, r.retired_on
    FROM {document} d JOIN {requirement} r ON r.id = d.requirement_id
    WHERE r.programme_id = %(programme)s
), every_change AS (
    SELECT c.document_id, c.from_status, c.to_status, c.created_at, c.id,
           (c.created_at AT TIME ZONE %(tz)s)::date AS day
    FROM {change} c JOIN docs ON docs.id = c.document_id
), changes AS (
    SELECT * FROM every_change WHERE day <= %(until)s
), bounds AS (
    SELECT %(start)s::date AS start
), firsts AS (
    SELECT DISTINCT ON (document_id) document_id, from_status
    FROM every_change ORDER BY document_id, created_at, id
), docs_from AS (
    SELECT docs.*, COALESCE(firsts.from_status, docs.status) AS initial,
           -- GREATEST ignores NULLs: a requirement in force must stay without a day.
           CASE WHEN docs.retired_on IS NOT NULL
                THEN GREATEST(docs.retired_on, bounds.start) END AS gone_on
    FROM docs CROSS JOIN bounds LEFT JOIN firsts ON firsts.document_id = docs.id
), steps AS (
    SELECT df.region_id, df.unit_id, c.day, c.to_status,
           COALESCE(LAG(c.to_status) OVER w, df.initial) AS before,
           ROW_NUMBER() OVER (PARTITION BY c.document_id ORDER BY c.created_at DESC, c.id DESC)
               AS from_last,
           df.id AS document_id
    FROM changes c JOIN docs_from df ON df.id = c.document_id
    WHERE df.gone_on IS NULL OR c.day <= df.gone_on
    WINDOW w AS (PARTITION BY c.document_id ORDER BY c.created_at, c.id)
), events AS (
    SELECT df.region_id, df.unit_id, bounds.start AS day, df.initial AS status, 1 AS delta
    FROM docs_from df CROSS JOIN bounds
    UNION ALL
    SELECT region_id, unit_id, day, before, -1 FROM steps
    UNION ALL
    SELECT region_id, unit_id, day, to_status, 1 FROM steps
    UNION ALL
    SELECT df.region_id, df.unit_id, df.gone_on, COALESCE(s.to_status, df.initial), -1
    FROM docs_from df LEFT JOIN steps s ON s.document_id = df.id AND s.from_last = 1
    WHERE df.gone_on IS NOT NULL AND df.gone_on <= %(until)s
), keyed AS (
    SELECT region_id, 0 AS unit_id, day, status, delta FROM events
    UNION ALL
    SELECT region_id, unit_id, day, status, delta FROM events WHERE unit_id <> 0
), daily AS (
    SELECT region_id, unit_id, day, {sums}
    FROM keyed GROUP BY region_id, unit_id, day
), grid AS (
    SELECT k.region_id, k.unit_id, g.day::date AS day
    FROM (SELECT DISTINCT region_id, unit_id FROM daily) k
    CROSS JOIN bounds
    CROSS JOIN generate_series(bounds.start, %(until)s::date, interval '1 day') AS g(day)
), running AS (
    SELECT grid.region_id, grid.unit_id, grid.day, {running}
    FROM grid LEFT JOIN daily USING (region_id, unit_id, day)
    WINDOW w AS (PARTITION BY grid.region_id, grid.unit_id ORDER BY grid.day)
)
INSERT INTO {snapshot} (programme_id, region_id, unit_id, day, total, {fields})
SELECT %(programme)s, region_id, NULLIF(unit_id, 0), day, {total}, {fields}
FROM running WHERE {total} > 0
-- One day's rows together on disk: the daily job rewrites a day, the charts read day ranges.
ORDER BY day, region_id, unit_id
"""


def _backfill_sql(programme: Programme, until: dt.date) -> int:
    fields = list(COUNT_FIELD.values())
    sql = _BACKFILL_SQL.format(
        document=_table(Document),
        requirement=_table(Requirement),
        change=_table(StatusChange),
        snapshot=_table(Snapshot),
        sums=", ".join(
            f"SUM(CASE WHEN status = '{status}' THEN delta ELSE 0 END) AS {field}"
            for status, field in COUNT_FIELD.items()
        ),
        running=", ".join(f"SUM(COALESCE(daily.{f}, 0)) OVER w AS {f}" for f in fields),
        fields=", ".join(fields),
        total=" + ".join(fields),
    )
    params = {"programme": programme.pk, "until": until, "tz": settings.TIME_ZONE}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT LEAST(COALESCE(MIN((c.created_at AT TIME ZONE %(tz)s)::date), %(until)s),"
            f" %(until)s) FROM {_table(StatusChange)} c"
            f" JOIN {_table(Document)} d ON d.id = c.document_id"
            f" JOIN {_table(Requirement)} r ON r.id = d.requirement_id"
            " WHERE r.programme_id = %(programme)s",
            params,
        )
        start = params["start"] = cursor.fetchone()[0]
        Snapshot.objects.filter(programme=programme, day__gte=start, day__lte=until).delete()
        cursor.execute(sql, params)
        return cursor.rowcount


def _backfill_python(programme: Programme, until: dt.date) -> int:
    """The same replay in Python, for SQLite (no generate_series)."""
    docs = list(
        Document.objects.of_programme(programme).values_list(
            "pk", "region_id", "unit_id", "status", "requirement__retired_on"
        )
    )
    changes = list(
        StatusChange.objects.filter(document__requirement__programme=programme)
        .order_by("created_at", "pk")
        .values_list("document_id", "from_status", "to_status", "created_at")
    )
    first_from = {}
    for doc_id, from_status, _to, _at in changes:
        first_from.setdefault(doc_id, from_status)
    start = timezone.localtime(changes[0][3]).date() if changes else until
    start = min(start, until)

    where: dict[int, tuple[int, int | None]] = {}
    state: dict[int, str] = {}
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(COUNT_FIELD.values(), 0)
    )
    retirements = sorted((retired, pk) for pk, _r, _u, _s, retired in docs if retired)
    for pk, region_id, unit_id, status, _retired in docs:
        where[pk] = (region_id, unit_id)
        state[pk] = first_from.get(pk, status)
        for key in _keys(region_id, unit_id):
            counts[key][COUNT_FIELD[state[pk]]] += 1

    def move(pk: int, old: str | None, new: str | None) -> None:
        for key in _keys(*where[pk]):
            if old:
                counts[key][COUNT_FIELD[old]] -= 1
            if new:
                counts[key][COUNT_FIELD[new]] += 1

    rows: list[Snapshot] = []
    next_change = next_retirement = 0
    day = start
    while day <= until:
        end = _end_of(day)
        while next_change < len(changes) and changes[next_change][3] < end:
            doc_id, _from, to_status, _at = changes[next_change]
            if doc_id in state:  # a retired document's later history no longer counts
                move(doc_id, state[doc_id], to_status)
                state[doc_id] = to_status
            next_change += 1
        while next_retirement < len(retirements) and retirements[next_retirement][0] <= day:
            doc_id = retirements[next_retirement][1]
            move(doc_id, state.pop(doc_id), None)
            next_retirement += 1
        rows.extend(_rows(programme, day, counts))
        day += dt.timedelta(days=1)

    with transaction.atomic():
        Snapshot.objects.filter(programme=programme, day__gte=start, day__lte=until).delete()
        Snapshot.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
