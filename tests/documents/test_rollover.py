"""The yearly rollover (manage.py rollover and /checklist/rollover/) and closing last year."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from documents import rollover, workflow
from documents.models import Document, Programme, Requirement, Status
from tests.conftest import make_document

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def year_end(checklist, kapuas, kotim, province, bpkad_kapuas, bappeda_kapuas):
    """2026 at its end: one document accepted, one with KPK, one still not uploaded."""
    make_document(checklist[0], kapuas, Status.ACCEPTED, unit=bappeda_kapuas)
    make_document(checklist[2], kapuas, Status.VERIFYING, unit=bappeda_kapuas)  # moved agency
    make_document(checklist[1], kotim)
    return checklist[0].programme


def test_the_rollover_copies_the_checklist_and_creates_documents_once(
    year_end, kapuas, bappeda_kapuas, capsys
):
    call_command("rollover", "--from", "2026", "--to", "2027")
    new = Programme.objects.get(year=2027)
    assert new.is_active and new.deadline.day == 30 and new.deadline.month == 11
    assert set(new.requirements.values_list("code", flat=True)) == {"1.1.a", "1.1.b", "2.1.a"}
    docs = Document.objects.filter(requirement__programme=new)
    assert docs.count() == 3 * 3  # three requirements for the province and two regencies
    assert set(docs.values_list("status", flat=True)) == {Status.NOT_UPLOADED}
    assert not docs.filter(evidence__isnull=False).exists()
    # Each document keeps the agency it had this year (2.1.a was moved to Bappeda in Kapuas).
    assert docs.get(region=kapuas, requirement__code="2.1.a").unit == bappeda_kapuas
    year_end.refresh_from_db()
    assert not year_end.is_active and year_end.closed_at is None
    before = (Programme.objects.count(), Requirement.objects.count(), Document.objects.count())
    call_command("rollover", "--from", "2026", "--to", "2027")
    assert (
        Programme.objects.count(),
        Requirement.objects.count(),
        Document.objects.count(),
    ) == before
    assert "nothing changed" in capsys.readouterr().out


def test_a_dry_run_writes_nothing(year_end):
    call_command("rollover", "--from", "2026", "--to", "2027", "--dry-run")
    assert not Programme.objects.filter(year=2027).exists()


def test_a_mapping_renumbers_and_drops_requirements(year_end, tmp_path):
    mapping = tmp_path / "pemetaan.xlsx"
    mapping.write_bytes(_xlsx([["Kode lama", "Kode baru"], ["1.1.b", "1.1.c"], ["2.1.a", None]]))
    call_command("rollover", "--from", "2026", "--to", "2027", "--mapping", str(mapping))
    codes = set(Programme.objects.get(year=2027).requirements.values_list("code", flat=True))
    assert codes == {"1.1.a", "1.1.c"}


def test_an_imported_guidebook_is_matched_by_name(year_end, checklist):
    from documents.models import Area, Indicator

    new = Programme.objects.create(
        kind="mcsp",
        year=2027,
        name="MCSP 2027",
        starts_on=year_end.starts_on,
        deadline=year_end.deadline,
    )
    area = Area.objects.create(programme=new, code="1", name="Perencanaan")
    ind = Indicator.objects.create(area=area, code="1.2", name="RKPD")
    Requirement.objects.create(indicator=ind, code="1.2.a", name="Perkada RKPD")
    proposal = rollover.propose_mapping(year_end, new)
    assert proposal["1.1.a"] == "1.2.a" and proposal["2.1.a"] == ""


def test_last_year_is_open_to_the_inspectorate_only_then_closed(
    year_end, inspector, kapuas_pic, kapuas
):
    doc = Document.objects.get(region=kapuas, status=Status.VERIFYING)
    rollover.run(year_end, 2027, by=inspector)
    assert workflow.permissions(kapuas_pic, doc).role is None  # the PIC works in 2027 now
    workflow.transition(
        doc, Status.ACCEPTED, by=inspector, source="kpk", expected_version=doc.version
    )
    year_end.refresh_from_db()
    rollover.close(year_end, by=inspector)
    doc = Document.objects.get(pk=doc.pk)
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(
            doc,
            Status.NEEDS_REVISION,
            by=inspector,
            source="kpk",
            expected_version=doc.version,
            note="x",
            reason_code="other",
        )


def test_an_active_programme_cannot_be_closed(year_end, inspector):
    with pytest.raises(rollover.RolloverError):
        rollover.close(year_end, by=inspector)


def test_the_page_previews_then_rolls_over(client, inspector, year_end):
    client.force_login(inspector)
    url = reverse("checklist-rollover") + "?programme=mcsp-2026"
    page = client.get(url)
    assert page.status_code == 200 and "MCSP 2027" in page.text and "Proses verifikasi" in page.text
    response = client.post(
        url, {"action": "run", **{f"map-{c}": c for c in ("1.1.a", "1.1.b", "2.1.a")}}
    )
    assert response.status_code == 302
    assert Programme.objects.filter(year=2027, is_active=True).exists()
    assert "sudah dibuat" in client.get(url).text
    client.post(url, {"action": "close"})
    year_end.refresh_from_db()
    assert year_end.closed_at is not None
