"""Recording an official score: the one writer of ScoreRecord (the form and imports call it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Area, Programme
from regions.models import Region
from reports.models import ScoreRecord


def date_problem(programme: Programme, day: dt.date, today: dt.date | None = None) -> str:
    """Why an official score cannot carry this date ("" when it can): jaga.id shows scores of
    the programme's year, up to today. Forms and imports ask the same question here."""
    if programme.closed_at is not None:
        return _("%(programme)s sudah ditutup: skor tidak dapat dicatat lagi.") % {
            "programme": programme.name
        }
    if day > (today or timezone.localdate()):
        return _("Tanggal skor tidak boleh di masa depan.")
    if day.year < programme.year:
        return _("Tanggal skor sebelum tahun program %(year)s.") % {"year": programme.year}
    return ""


def record_score(
    programme: Programme,
    region: Region,
    value: Decimal,
    recorded_on: dt.date,
    *,
    by,
    area: Area | None = None,
    note: str = "",
) -> ScoreRecord:
    """Record the score jaga.id shows for ``region`` (and ``area``, or overall) on a date.

    A score already recorded for the same government, area and date is a mistake being
    corrected: it stays in the history, marked ``corrected``, and the new one is current.
    The row lock makes two people correcting at once end with one current score; when both
    were first for that date, the unique constraint refuses one, which then tries once more
    and corrects the other's.
    """
    try:
        return _record(programme, region, value, recorded_on, by=by, area=area, note=note)
    except IntegrityError:
        return _record(programme, region, value, recorded_on, by=by, area=area, note=note)


def _record(programme, region, value, recorded_on, *, by, area, note) -> ScoreRecord:
    with transaction.atomic():
        earlier = ScoreRecord.objects.select_for_update().filter(
            programme=programme,
            region=region,
            area=area,
            recorded_on=recorded_on,
            corrected=False,
        )
        # Evaluated under the lock; the UPDATE then frees the key for the new current row.
        ScoreRecord.objects.filter(pk__in=[r.pk for r in earlier]).update(corrected=True)
        return ScoreRecord.objects.create(
            programme=programme,
            region=region,
            area=area,
            value=value,
            recorded_on=recorded_on,
            entered_by=by,
            note=note,
        )
