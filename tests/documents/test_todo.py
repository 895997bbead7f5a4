"""/todo/: what a PIC or agency operator still has to do, most urgent first."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from documents.models import Evidence, ReturnReason, Status
from documents.workflow import transition
from tests.conftest import WIB, make_document, query_count


@pytest.fixture
def kapuas_work(checklist, kapuas, bpkad_kapuas, bappeda_kapuas, inspector, kapuas_pic):
    """Kapuas: one Bappeda document returned by KPK, one BPKAD document missing with a missed
    commitment, one Bappeda document missing, and nothing ready to send yet."""
    returned = make_document(checklist[0], kapuas, Status.VERIFYING, unit=bappeda_kapuas)
    transition(
        returned,
        Status.NEEDS_REVISION,
        by=inspector,
        source="kpk",
        note="Perkada belum ditandatangani Bupati",
        reason_code=ReturnReason.UNSIGNED,
        expected_version=1,
    )
    late = make_document(checklist[2], kapuas, unit=bpkad_kapuas, due_on=dt.date(2026, 11, 20))
    missing = make_document(checklist[1], kapuas, unit=bappeda_kapuas)
    return {"returned": returned, "late": late, "missing": missing}


@time_machine.travel(dt.datetime(2026, 11, 29, 9, tzinfo=WIB), tick=False)
def test_the_pic_sees_returns_with_kpks_reason_then_missing_by_agency(
    client, kapuas_pic, kapuas_work
):
    client.force_login(kapuas_pic)
    body = client.get("/todo/").content.decode()
    returned_at = body.index('id="returned"')
    missing_at = body.index('id="missing"')
    ready_at = body.index('id="ready"')
    assert returned_at < missing_at < ready_at
    returns = body[returned_at:missing_at]
    assert "Perkada RKPD" in returns
    assert "Belum ditandatangani atau distempel" in returns  # the reason, in words
    assert "Perkada belum ditandatangani Bupati" in returns  # KPK's note, in the list
    assert "Verifikasi KPK" in returns
    missing = body[missing_at:ready_at]
    # BPKAD has a missed commitment, so it comes before Bappeda
    assert missing.index("BPKAD") < missing.index("Bappeda")
    assert "1 lewat komitmen" in missing
    assert "Tidak ada dokumen yang menunggu dikirim" in body[ready_at:]
    assert "<strong>1</strong> <span>dikembalikan" in body
    assert "<strong>2</strong> <span>belum diunggah" in body


def test_ready_documents_are_listed_for_sending(client, kapuas_pic, kapuas_work):
    doc = kapuas_work["missing"]
    Evidence.objects.create(document=doc, url="https://drive.example/ba")
    transition(doc, Status.UPLOADED, by=kapuas_pic, source="regional", expected_version=1)
    client.force_login(kapuas_pic)
    body = client.get("/todo/").content.decode()
    ready = body[body.index('id="ready"') :]
    assert "Berita acara Musrenbang" in ready and "tandai “sudah dikirim ke KPK”" in ready


def test_an_agency_operator_sees_their_agency_first_and_only_its_documents(
    client, bpkad_operator, kapuas_work
):
    client.force_login(bpkad_operator)
    body = client.get("/todo/").content.decode()
    assert body.index("Capaian BPKAD") < body.index("Capaian Kapuas")
    assert "peringkat" in body and "dari 2 OPD" in body
    assert "Perda APBD" in body
    assert "Perkada RKPD" not in body and "Berita acara Musrenbang" not in body


def test_leadership_has_no_to_do(client, leader, kapuas_work):
    client.force_login(leader)
    response = client.get("/todo/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_regional_users_land_on_it(client, kapuas_pic, kapuas_work):
    client.force_login(kapuas_pic)
    assert client.get("/")["Location"] == "/todo/"
    assert 'href="/todo/" aria-current="page"' in client.get("/todo/").content.decode()


def test_the_query_count_does_not_grow_with_documents(
    client, kapuas_pic, kapuas_work, checklist, kapuas, bpkad_kapuas, inspector
):
    from documents.models import Requirement

    client.force_login(kapuas_pic)
    before = query_count(client, "/todo/")
    indicator = checklist[0].indicator
    for i in range(20):
        req = Requirement.objects.create(indicator=indicator, code=f"1.1.x{i}", name=f"Dok {i}")
        status = (Status.NOT_UPLOADED, Status.UPLOADED, Status.VERIFYING)[i % 3]
        doc = make_document(req, kapuas, status, unit=bpkad_kapuas)
        if status == Status.VERIFYING:
            transition(
                doc,
                Status.NEEDS_REVISION,
                by=inspector,
                source="kpk",
                note="Format",
                reason_code="format",
                expected_version=1,
            )
    assert query_count(client, "/todo/") == before


def test_other_agencies_cards_load_when_their_group_is_opened(
    client, kapuas_pic, kapuas_work, bappeda_kapuas
):
    """The page carries the first agency's cards; another agency's come when its group is
    opened (htmx), and without JavaScript its link opens the government page's list."""
    client.force_login(kapuas_pic)
    body = client.get("/todo/").content.decode()
    missing = body[body.index('id="missing"') : body.index('id="ready"')]
    assert f'id="card-{kapuas_work["late"].pk}"' in missing  # BPKAD, first
    assert f'id="card-{kapuas_work["missing"].pk}"' not in missing  # Bappeda, later
    url = f"/todo/?group={bappeda_kapuas.pk}"
    assert f'hx-get="{url}"' in missing
    assert f"?status=not_uploaded&amp;unit={bappeda_kapuas.pk}" in missing
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<ul class="doc-list"') and "<html" not in part
    assert f'id="card-{kapuas_work["missing"].pk}"' in part
    assert f'id="card-{kapuas_work["late"].pk}"' not in part
    plain = client.get(
        f"/regions/{kapuas_work['missing'].region.code}/?status=not_uploaded&unit={bappeda_kapuas.pk}"
    )
    assert plain.status_code == 200 and "Berita acara Musrenbang" in plain.content.decode()
