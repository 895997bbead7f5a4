"""The verification queue at /verify/: oldest first, filters, bulk changes after a confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from documents.models import Document, Status, StatusChange
from tests.conftest import make_document


@pytest.fixture
def queue(checklist, kapuas, kotim):
    now = timezone.now()
    return {
        "old": make_document(
            checklist[0], kapuas, Status.UPLOADED, status_changed_at=now - dt.timedelta(days=9)
        ),
        "new": make_document(
            checklist[1], kapuas, Status.UPLOADED, status_changed_at=now - dt.timedelta(days=1)
        ),
        "kotim": make_document(checklist[2], kotim, Status.VERIFYING),
    }


def test_only_inspectorate_staff_may_open_it(client, kapuas_pic, leader, queue):
    for user in (kapuas_pic, leader):
        client.force_login(user)
        assert client.get("/verify/").status_code == 403


def test_oldest_first_and_by_stage(client, inspector, queue):
    client.force_login(inspector)
    body = client.get("/verify/").content.decode()
    assert body.index("Perkada RKPD") < body.index("Berita acara Musrenbang")
    assert "Perda APBD" not in body
    body = client.get("/verify/?stage=verifying").content.decode()
    assert "Perda APBD" in body and "Perkada RKPD" not in body


def test_filter_by_government(client, inspector, queue, kotim):
    client.force_login(inspector)
    body = client.get(f"/verify/?stage=verifying&region={kotim.code}").content.decode()
    assert "Perda APBD" in body


def test_bulk_send_asks_once_then_changes_all(client, inspector, queue):
    client.force_login(inspector)
    picks = [f"{d.pk}:{d.version}" for d in (queue["old"], queue["new"])]
    confirm = client.post("/verify/", {"action": "send", "doc": picks})
    assert confirm.status_code == 200
    assert "Konfirmasi" in confirm.content.decode()
    assert Document.objects.filter(status=Status.VERIFYING).count() == 1  # nothing yet
    done = client.post(
        "/verify/", {"action": "send", "documents": ",".join(picks), "confirmed": "on"}
    )
    assert done.status_code == 302
    assert Document.objects.filter(status=Status.VERIFYING).count() == 3
    assert StatusChange.objects.filter(source="regional", actor=inspector).count() == 2


def test_bulk_is_all_or_nothing(client, inspector, queue):
    client.force_login(inspector)
    Document.objects.filter(pk=queue["new"].pk).update(version=7)  # changed meanwhile
    picks = f"{queue['old'].pk}:1,{queue['new'].pk}:1"
    response = client.post("/verify/", {"action": "send", "documents": picks, "confirmed": "on"})
    assert response.status_code == 409
    assert "Tidak ada yang diubah" in response.content.decode()
    assert not StatusChange.objects.exists()


def test_bulk_return_needs_a_note(client, inspector, queue):
    client.force_login(inspector)
    pick = f"{queue['kotim'].pk}:1"
    response = client.post(
        "/verify/?stage=verifying", {"action": "kpk_return", "documents": pick, "confirmed": "on"}
    )
    assert response.status_code == 400
    response = client.post(
        "/verify/?stage=verifying",
        {
            "action": "kpk_return",
            "documents": pick,
            "confirmed": "on",
            "note": "Dokumen belum ditandatangani",
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(pk=queue["kotim"].pk).status == Status.NEEDS_REVISION


def test_an_empty_selection_says_what_to_do(client, inspector, queue):
    client.force_login(inspector)
    response = client.post("/verify/", {"action": "send"})
    assert response.status_code == 400
    assert "Pilih minimal satu dokumen" in response.content.decode()


def test_the_queue_has_a_select_all_box(client, inspector, queue):
    client.force_login(inspector)
    assert 'data-select-all="doc"' in client.get("/verify/").content.decode()
