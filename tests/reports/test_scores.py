"""Inspectorate staff record official scores as jaga.id shows them; nobody else may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from reports import figures
from reports.models import ScoreRecord
from reports.scores import record_score
from tests.conftest import WIB

pytestmark = pytest.mark.usefixtures("checklist")


@time_machine.travel(dt.datetime(2026, 11, 27, 10, tzinfo=WIB), tick=False)
def test_the_inspectorate_records_a_score_typed_with_a_comma(client, inspector, kapuas):
    client.force_login(inspector)
    assert "Catat skor resmi" in client.get("/regions/62.03/").content.decode()
    response = client.post(
        "/regions/62.03/scores/", {"value": "55,00", "recorded_on": "2026-11-26"}
    )
    assert response.status_code == 302
    record = ScoreRecord.objects.get()
    assert (record.value, record.region, record.entered_by, record.area) == (
        Decimal("55.00"),
        kapuas,
        inspector,
        None,
    )
    assert "55,00" in client.get("/regions/62.03/").content.decode()


@time_machine.travel(dt.datetime(2026, 11, 27, 10, tzinfo=WIB), tick=False)
@pytest.mark.parametrize(
    ("value", "day"),
    [("101", "2026-11-26"), ("-1", "2026-11-26"), ("abc", "2026-11-26"), ("70", "2026-12-01")],
)
def test_bad_scores_are_refused_and_nothing_is_saved(client, inspector, kapuas, value, day):
    client.force_login(inspector)
    response = client.post("/regions/62.03/scores/", {"value": value, "recorded_on": day})
    assert response.status_code == 400
    assert not ScoreRecord.objects.exists()


@pytest.mark.parametrize("persona", ["kapuas_pic", "bpkad_operator", "leader"])
def test_others_may_not_record_scores(client, request, persona, kapuas):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/regions/62.03/scores/").status_code == 403
    assert client.post("/regions/62.03/scores/", {"value": "90"}).status_code == 403
    assert "Catat skor resmi" not in client.get("/regions/62.03/").content.decode()


def test_a_second_score_for_the_same_day_corrects_the_first(programme, kapuas, inspector):
    first = record_score(programme, kapuas, Decimal("61.25"), dt.date(2026, 11, 20), by=inspector)
    other_day = record_score(programme, kapuas, Decimal("58"), dt.date(2026, 11, 13), by=inspector)
    fixed = record_score(
        programme, kapuas, Decimal("62.50"), dt.date(2026, 11, 20), by=inspector, note="typo"
    )
    first.refresh_from_db()
    other_day.refresh_from_db()
    assert (first.corrected, other_day.corrected, fixed.corrected) == (True, False, False)
    assert ScoreRecord.objects.count() == 3  # the mistake stays in the history
    assert figures.for_region(programme, kapuas).score == fixed


def test_an_area_score_does_not_correct_the_overall_one(programme, kapuas, inspector, checklist):
    area = checklist[0].indicator.area
    overall = record_score(programme, kapuas, Decimal("70"), dt.date(2026, 11, 20), by=inspector)
    record_score(programme, kapuas, Decimal("80"), dt.date(2026, 11, 20), by=inspector, area=area)
    overall.refresh_from_db()
    assert not overall.corrected
    assert figures.for_region(programme, kapuas).score == overall


def test_the_database_holds_one_current_score_per_day(programme, kapuas, inspector):
    from django.db import IntegrityError, transaction

    record_score(programme, kapuas, Decimal("70"), dt.date(2026, 11, 20), by=inspector)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreRecord.objects.create(
            programme=programme, region=kapuas, value=71, recorded_on=dt.date(2026, 11, 20)
        )
