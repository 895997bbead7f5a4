"""The SPI action-plan follow-up as a second programme on the same checklist, documents,
workflow and figures: plans own their documents, the deadline follows the latest target, and
the figures sit beside MCSP on the dashboard, the government page and the digests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from documents import action_plans, workflow
from documents.models import Document, Evidence, Programme, Source, Status
from reports import digests, spi
from tests.conftest import WIB

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def spi_programme(db):
    return Programme.objects.create(
        kind="spi_rtl",
        year=2025,
        name="RTL SPI 2025",
        starts_on=dt.date(2026, 2, 1),
        deadline=dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=WIB),
    )


@pytest.fixture
def plans(spi_programme, programme, province, kapuas, kotim, checklist):
    made = []
    for region, target in ((province, dt.date(2026, 12, 15)), (province, dt.date(2027, 1, 20))):
        made.append(
            action_plans.create_plan(
                spi_programme,
                region,
                dimension="integrity",
                recommendation="Perkuat pengendalian gratifikasi.",
                action="Pembentukan UPG",
                output="UPG aktif",
                target_on=target,
                documents=["SK UPG", "Laporan UPG"],
            )
        )
    made.append(
        action_plans.create_plan(
            spi_programme,
            kapuas,
            dimension="budget",
            recommendation="Hentikan perjalanan dinas fiktif.",
            action="Verifikasi perjalanan dinas",
            output="Perjalanan dinas terverifikasi",
            target_on=dt.date(2026, 12, 1),
            documents=["SOP verifikasi"],
        )
    )
    Document.objects.filter(requirement__code__startswith="62/RA01").update(status=Status.VERIFYING)
    return made


def test_a_plan_owns_its_documents_for_its_government_only(spi_programme, plans, kapuas, kotim):
    docs = Document.objects.of_programme(spi_programme)
    assert docs.count() == 5
    assert set(docs.filter(region=kapuas).values_list("requirement__code", flat=True)) == {
        "62.03/RA01.1"
    }
    assert not docs.filter(region=kotim).exists()


def test_the_deadline_is_the_latest_target_date(spi_programme, plans):
    spi_programme.refresh_from_db()
    assert spi_programme.last_day == dt.date(2027, 1, 20)
    assert plans[0].target_on == dt.date(2026, 12, 15)  # each plan keeps its own


def test_the_workflow_serves_both_programmes(spi_programme, plans, kapuas_pic, kapuas):
    doc = Document.objects.get(region=kapuas, requirement__programme=spi_programme)
    evidence = Evidence.objects.create(document=doc, url="https://drive.example/sop")
    workflow.transition(
        doc,
        Status.UPLOADED,
        by=kapuas_pic,
        expected_version=doc.version,
        source=Source.REGIONAL,
        evidence=evidence,
    )
    assert Document.objects.get(pk=doc.pk).status == Status.UPLOADED


def test_the_summary_counts_plans_and_reads_the_figures(province, plans, kapuas):
    summary = spi.for_province(province)
    assert [(line.region.code, line.plans) for line in summary.lines] == [("62", 2), ("62.03", 1)]
    own = summary.lines[0].fig
    assert own.total == 4 and own.pct_uploaded == Decimal("50.00")
    assert summary.plans == 3


def test_leadership_reads_the_spi_figures_beside_mcsp(client, leader, plans):
    client.force_login(leader)
    body = client.get("/").content.decode()
    assert "RTL SPI 2025" in body and "2 rencana aksi" not in body  # per row, total in heading
    assert "3 rencana aksi" in body and "50,00%" in body
    spi_page = client.get("/?programme=spi_rtl-2025")
    assert spi_page.status_code == 200


def test_the_government_page_shows_its_own_plans(client, kapuas_pic, kotim_pic, plans):
    client.force_login(kapuas_pic)
    body = client.get(reverse("region", args=["62.03"])).content.decode()
    assert "RTL SPI 2025" in body and "1 rencana aksi" in body
    checklist = client.get(reverse("region", args=["62.03"]) + "?programme=spi_rtl-2025")
    assert "SOP verifikasi" in checklist.content.decode()
    client.force_login(kotim_pic)
    assert 'id="spi-title"' not in client.get(reverse("region", args=["62.02"])).content.decode()


def test_the_digests_carry_the_spi_figures(
    programme, province, kapuas, inspector, kapuas_pic, plans
):
    leadership = digests.leadership_context(programme, province, inspector, "2026-W48")
    assert leadership["spi"].plans == 3
    region = digests.region_context(programme, kapuas, kapuas_pic, "2026-W48")
    assert [line.region for line in region["spi"].lines] == [kapuas]


def test_the_recap_has_an_spi_sheet_with_the_same_figures(client, inspector, province, plans):
    import io

    from openpyxl import load_workbook

    client.force_login(inspector)
    workbook = load_workbook(io.BytesIO(client.get("/reports/recap.xlsx").content))
    assert workbook.sheetnames[-1] == "RTL SPI"
    rows = [
        [cell.value for cell in row]
        for row in workbook["RTL SPI"].iter_rows()
        if row[1].value in ("62", "62.03")
    ]
    assert [(r[0], r[1], r[3]) for r in rows] == [(2, "62", 4), (1, "62.03", 1)]
