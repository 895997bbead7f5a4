"""The beat schedule and the tick: times in WIB, what falls due, doubled or missed fires."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings

from mcsp_tracker.celery import app
from reports import outbox
from reports.models import Snapshot
from tests.conftest import WIB


def test_the_tick_runs_every_quarter_hour_in_wib():
    entry = settings.CELERY_BEAT_SCHEDULE["tick"]
    assert entry["task"] == "reports.tasks.tick"
    assert app.conf.timezone == "Asia/Jakarta"
    schedule = entry["schedule"]
    schedule.app = app
    last = dt.datetime(2026, 11, 23, 6, 50, tzinfo=WIB)
    with time_machine.travel(last, tick=False):
        remaining = schedule.remaining_estimate(last)
    assert last + remaining == dt.datetime(2026, 11, 23, 7, 0, tzinfo=WIB)


def test_the_task_is_registered_where_the_schedule_names_it():
    import reports.tasks  # noqa: F401  (what the worker's autodiscovery imports)

    assert "reports.tasks.tick" in app.tasks
    assert "reports.tasks.send_delivery" in app.tasks


def test_the_daily_snapshots_are_written_late_evening_and_caught_up_once(programme, kapuas_doc):
    with time_machine.travel(dt.datetime(2026, 11, 20, 21, 45, tzinfo=WIB), tick=False):
        outbox.due_now()
    assert not Snapshot.objects.filter(day=dt.date(2026, 11, 20)).exists()
    # The 22:00 fire was missed (worker down); the 05:00 tick writes yesterday's, once.
    with time_machine.travel(dt.datetime(2026, 11, 21, 5, 0, tzinfo=WIB), tick=False):
        outbox.due_now()
        outbox.due_now()
    assert Snapshot.objects.filter(day=dt.date(2026, 11, 20), unit__isnull=True).count() == 1
