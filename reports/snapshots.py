"""Daily Snapshot rows: counts per (programme, government, day), and per unit.

Two ways to write them, which must agree (a test holds them to it):
* ``write_for_day`` counts the documents as they are now — the daily job, run after the day's work;
* ``backfill`` replays StatusChange history to rebuild every day from the first change on.
Trends, pace and weekly change read these rows (reports.figures), never the raw history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from documents.models import Document, Programme, StatusChange
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


def write_for_day(programme: Programme, day: dt.date | None = None) -> int:
    """Write (or rewrite) one day's rows from the documents' current statuses. Two queries."""
    day = day or timezone.localdate()
    counts: dict[tuple[int, int | None], dict] = defaultdict(dict)
    grouped = (
        Document.objects.of_programme(programme)
        .in_force(day)
        .values("region_id", "unit_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in grouped:
        field = COUNT_FIELD[row["status"]]
        for key in _keys(row["region_id"], row["unit_id"]):
            counts[key][field] = counts[key].get(field, 0) + row["n"]
    rows = _rows(programme, day, counts)
    with transaction.atomic():
        Snapshot.objects.filter(programme=programme, day=day).delete()
        Snapshot.objects.bulk_create(rows)
    return len(rows)


def backfill(programme: Programme, *, until: dt.date | None = None) -> int:
    """Rebuild every day's rows from the first recorded change to ``until`` by replaying history.

    Idempotent: the rows of those days are replaced. A document's status before its first
    change is that change's ``from_status``; a document without history has always had its
    current status. Four queries plus the batched inserts.
    """
    until = until or timezone.localdate()
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
