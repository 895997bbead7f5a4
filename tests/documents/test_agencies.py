"""/regions/<code>/agencies/: add, rename, merge agencies; assign documents to them in bulk."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from documents.models import Document
from regions import units
from regions.models import AuditAction, AuditEntry, Membership, Unit
from reports.models import Snapshot
from tests.conftest import make_document

pytestmark = pytest.mark.django_db


def _url(region):
    return reverse("region-agencies", args=[region.code])


def test_the_pic_adds_and_renames_an_agency(client, kapuas_pic, kapuas, programme):
    client.force_login(kapuas_pic)
    assert (
        client.post(
            _url(kapuas), {"action": "add", "short_name": "Dinkes", "name": "Dinas Kesehatan"}
        ).status_code
        == 302
    )
    unit = Unit.objects.get(region=kapuas, short_name="Dinkes")
    client.post(
        _url(kapuas),
        {
            "action": "rename",
            "unit": unit.pk,
            "short_name": "Dinkes P2KB",
            "name": "Dinas Kesehatan dan KB",
        },
    )
    unit.refresh_from_db()
    assert unit.short_name == "Dinkes P2KB"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {AuditAction.UNIT_ADDED, AuditAction.UNIT_RENAMED} <= actions
    assert "Dinkes P2KB" in client.get(_url(kapuas)).text


def test_a_short_name_is_unique_in_a_government(kapuas_pic, kapuas, bpkad_kapuas):
    with pytest.raises(units.UnitError):
        units.add(kapuas_pic, kapuas, name="Badan Keuangan", short_name="bpkad")


def test_merging_moves_documents_operators_and_daily_counts(
    client, kapuas_pic, kapuas, checklist, bpkad_kapuas, bappeda_kapuas, bpkad_operator
):
    doc = make_document(checklist[2], kapuas, unit=bpkad_kapuas)
    day1, day2 = dt.date(2026, 10, 1), dt.date(2026, 10, 2)
    programme = checklist[0].programme
    Snapshot.objects.create(
        programme=programme,
        region=kapuas,
        unit=bpkad_kapuas,
        day=day1,
        total=3,
        accepted=1,
        not_uploaded=2,
    )
    Snapshot.objects.create(
        programme=programme,
        region=kapuas,
        unit=bpkad_kapuas,
        day=day2,
        total=3,
        accepted=2,
        not_uploaded=1,
    )
    Snapshot.objects.create(
        programme=programme, region=kapuas, unit=bappeda_kapuas, day=day1, total=2, accepted=2
    )
    client.force_login(kapuas_pic)
    response = client.post(
        _url(kapuas), {"action": "merge", "unit": bpkad_kapuas.pk, "into": bappeda_kapuas.pk}
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(pk=bpkad_kapuas.pk).exists()
    doc.refresh_from_db()
    assert doc.unit == bappeda_kapuas and doc.version == 2
    assert Membership.objects.get(user=bpkad_operator).unit == bappeda_kapuas
    rows = {s.day: s for s in Snapshot.objects.filter(unit=bappeda_kapuas)}
    assert (rows[day1].total, rows[day1].accepted, rows[day1].not_uploaded) == (5, 3, 2)
    assert (rows[day2].total, rows[day2].accepted) == (3, 2)
    assert Snapshot.objects.count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.UNIT_MERGED, region=kapuas).exists()


def test_agencies_of_two_governments_cannot_merge(inspector, bpkad_kapuas, kotim):
    other = Unit.objects.create(region=kotim, name="BPKAD Kotim", short_name="BPKAD")
    with pytest.raises(units.UnitError) as refused:
        units.merge(inspector, bpkad_kapuas, into=other)
    assert refused.value.code == "other_region"


def test_documents_go_to_their_usual_agency(
    client, kapuas_pic, kapuas, checklist, bpkad_kapuas, bappeda_kapuas
):
    docs = [make_document(r, kapuas) for r in checklist]
    assigned_elsewhere = docs[0]
    Document.objects.filter(pk=assigned_elsewhere.pk).update(unit=bpkad_kapuas)
    client.force_login(kapuas_pic)
    page = client.get(_url(kapuas)).text
    assert "Bappeda (1)" in page and "BPKAD (1)" in page
    client.post(_url(kapuas), {"action": "assign_usual"})
    units_now = dict(Document.objects.values_list("requirement__code", "unit__short_name"))
    # 1.1.a keeps the agency someone chose; the others follow their requirement's usual agency.
    assert units_now == {"1.1.a": "BPKAD", "1.1.b": "Bappeda", "2.1.a": "BPKAD"}
    assert AuditEntry.objects.filter(action=AuditAction.DOCUMENTS_ASSIGNED).count() == 1


def test_a_selection_goes_to_one_agency(client, inspector, kapuas, checklist, bappeda_kapuas):
    docs = [make_document(r, kapuas) for r in checklist]
    client.force_login(inspector)
    client.post(
        _url(kapuas),
        {
            "action": "assign_selected",
            "into": bappeda_kapuas.pk,
            "document": [docs[0].pk, docs[2].pk],
        },
    )
    assert set(Document.objects.filter(unit=bappeda_kapuas).values_list("pk", flat=True)) == {
        docs[0].pk,
        docs[2].pk,
    }


def test_leadership_reads_and_operators_are_refused(
    client, leader, bpkad_operator, kapuas, programme
):
    client.force_login(leader)
    assert client.get(_url(kapuas)).status_code == 200
    assert (
        client.post(_url(kapuas), {"action": "add", "short_name": "X", "name": "X"}).status_code
        == 403
    )
    client.force_login(bpkad_operator)
    assert client.get(_url(kapuas)).status_code == 403
