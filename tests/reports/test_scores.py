"""Inspectorate staff record official scores as jaga.id shows them; nobody else may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from reports.models import ScoreRecord
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


def test_another_regencys_pic_gets_404(client, kotim_pic, kapuas):
    client.force_login(kotim_pic)
    assert client.get("/regions/62.03/scores/").status_code == 404
