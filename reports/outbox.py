"""What is due now, and the one way every email goes out (``send``).

The tick (reports.tasks.tick, every 15 minutes from beat) calls ``due_now``: it plans this
week's digests from Monday 07:00 WIB, today's reminder checkpoint from 07:00, writes the daily
snapshots from 22:00 (or yesterday's, if that run was missed), and returns every pending row
that fell due and has no live claim. Asking the database rather than trusting the schedule
makes a missed or doubled beat harmless: planning twice finds the rows made the first time.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from documents.models import Programme
from reports import deliveries, digests, notices, reminders, snapshots
from reports.models import Delivery, DeliveryKind, Snapshot

BUILDERS: dict[str, deliveries.Builder] = {
    DeliveryKind.DIGEST_LEADERSHIP: digests.build_leadership,
    DeliveryKind.DIGEST_REGION: digests.build_region,
    DeliveryKind.REMINDER: reminders.build,
    DeliveryKind.NOTICE: notices.build,
}
SNAPSHOT_TIME = dt.time(22, 0)  # WIB: after the day's work


def send(pk: int, *, now: dt.datetime | None = None) -> deliveries.Outcome:
    kind = Delivery.objects.filter(pk=pk).values_list("kind", flat=True).first()
    if kind is None:
        return deliveries.Outcome("busy")
    return deliveries.send(pk, BUILDERS[kind], now=now)


def build(delivery: Delivery):
    """The message a row would send, without sending it (the preview at /reports/digests/)."""
    with translation.override(delivery.language):
        return BUILDERS[delivery.kind](delivery)


def plan_digests(programme: Programme, week: str, kinds: set[str] | None = None) -> list[Delivery]:
    return deliveries.ensure(digests.plan(programme, week, kinds))


def plan_reminders(programme: Programme, checkpoint: int, day: dt.date) -> list[Delivery]:
    return deliveries.ensure(reminders.plan(programme, checkpoint, day))


def write_snapshots_if_due(programme: Programme, now: dt.datetime) -> dt.date | None:
    local = timezone.localtime(now)
    day = local.date() if local.time() >= SNAPSHOT_TIME else local.date() - dt.timedelta(days=1)
    if Snapshot.objects.filter(programme=programme, day=day, unit__isnull=True).exists():
        return None
    snapshots.write_for_day(programme, day)
    return day


def due_now(now: dt.datetime | None = None) -> list[int]:
    """Plan what has come due and return the primary keys of the rows to send."""
    now = now or timezone.now()
    programme = Programme.objects.current()
    new: list[Delivery] = []
    if programme is not None:
        write_snapshots_if_due(programme, now)
        week = digests.due_week(now)
        if week:
            new += plan_digests(programme, week)
        checkpoint = reminders.checkpoint_at(programme, now)
        if checkpoint:
            new += plan_reminders(programme, checkpoint, timezone.localdate(now))
    pks = [row.pk for row in new if row.not_before <= now]
    pks += list(deliveries.due(now).exclude(pk__in=pks).values_list("pk", flat=True))
    return pks
