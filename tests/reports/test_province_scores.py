"""/scores/: every government's official score for one date, in one form (inspectorate)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from reports.models import ScoreRecord
from reports.scores import record_score
from tests.conftest import WIB


@pytest.fixture(autouse=True)
def _the_day_before_the_deadline_week():
    with time_machine.travel(dt.datetime(2026, 11, 27, 10, tzinfo=WIB), tick=False):
        yield


@pytest.fixture
def governments(province, kapuas, kotim, programme):
    return [province, kapuas, kotim]


def test_the_inspectorate_records_several_scores_at_once(client, inspector, governments):
    province, kapuas, kotim = governments
    client.force_login(inspector)
    page = client.get("/scores/").content.decode()
    assert "Kabupaten Kapuas" in page and "Kabupaten Kotawaringin Timur" in page
    response = client.post(
        "/scores/",
        {
            "recorded_on": "2026-11-26",
            f"score_{province.pk}": "55,00",
            f"score_{kapuas.pk}": "61.25",
            f"score_{kotim.pk}": "",  # unchanged: nothing recorded
        },
    )
    assert response.status_code == 302 and response["Location"] == "/scores/"
    recorded = {r.region: r.value for r in ScoreRecord.objects.all()}
    assert recorded == {province: Decimal("55.00"), kapuas: Decimal("61.25")}
    assert "Skor 2 pemerintah daerah dicatat" in client.get("/scores/").content.decode()


def test_a_second_entry_for_the_same_date_corrects_the_first(
    client, inspector, governments, programme
):
    _province, kapuas, _kotim = governments
    first = record_score(
        programme,
        kapuas,
        Decimal("60"),
        dt.date(2026, 11, 26),
        by=inspector,
    )
    client.force_login(inspector)
    client.post("/scores/", {"recorded_on": "2026-11-26", f"score_{kapuas.pk}": "62,50"})
    first.refresh_from_db()
    assert first.corrected
    assert ScoreRecord.objects.get(corrected=False).value == Decimal("62.50")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"recorded_on": "2026-11-26"}, "Isi skor minimal satu"),
        ({"recorded_on": "2026-12-01", "score": "70"}, "masa depan"),
        ({"recorded_on": "2025-12-31", "score": "70"}, "sebelum tahun program 2026"),
        ({"recorded_on": "2026-11-26", "score": "100,5"}, ""),
    ],
)
def test_bad_input_records_nothing(client, inspector, governments, data, message):
    kapuas = governments[1]
    if "score" in data:
        data = {**data, f"score_{kapuas.pk}": data.pop("score")}
    client.force_login(inspector)
    response = client.post("/scores/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ScoreRecord.objects.exists()
