"""/checklist/: the guidebook import (preview → apply), editing and retiring requirements."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, Requirement
from regions.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

HEADER = [
    "Kode area",
    "Area intervensi",
    "Kode indikator",
    "Indikator",
    "Kode",
    "Dokumen yang diperlukan",
    "Bobot",
    "Provinsi",
    "Kabupaten",
    "Kota",
    "OPD",
]


def _upload(client, rows, programme):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    file = SimpleUploadedFile("panduan-2026.xlsx", out.getvalue())
    return client.post(reverse("checklist") + f"?programme={programme.slug}", {"file": file})


def test_the_guidebook_previews_then_applies_with_documents(
    client, inspector, checklist, kapuas, bpkad_kapuas
):
    programme = checklist[0].programme
    client.force_login(inspector)
    response = _upload(
        client,
        [
            [
                "1",
                "Perencanaan",
                "1.1",
                "RKPD",
                "1.1.a",
                "Perkada RKPD",
                1,
                "Ya",
                "Ya",
                "Ya",
                "Bappeda",
            ],
            [
                "2",
                "Penganggaran",
                "2.1",
                "APBD",
                "2.1.b",
                "Perkada penjabaran APBD",
                "1,5",
                "Tidak",
                "Ya",
                "Ya",
                "BPKAD",
            ],
        ],
        programme,
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Perkada penjabaran APBD" in preview.text and "Terapkan 1 perubahan" in preview.text
    plan = response["Location"].split("plan=")[1]
    assert client.post(reverse("checklist-import"), {"plan": plan}).status_code == 302
    new = Requirement.objects.get(programme=programme, code="2.1.b")
    assert new.weight == Decimal("1.5") and not new.for_province
    doc = Document.objects.get(requirement=new, region=kapuas)
    assert doc.unit == bpkad_kapuas
    assert not Document.objects.filter(requirement=new, region__kind="province").exists()
    assert AuditEntry.objects.filter(action=AuditAction.CHECKLIST_IMPORTED).exists()
    # Applying twice is refused.
    client.post(reverse("checklist-import"), {"plan": plan})
    assert Requirement.objects.filter(programme=programme, code="2.1.b").count() == 1


def test_a_bad_row_stops_the_whole_import(client, inspector, checklist):
    client.force_login(inspector)
    response = _upload(
        client,
        [["9", "", "9.1", "", "9.1.a", "Dokumen", "x", "Mungkin", "", "", ""]],
        checklist[0].programme,
    )
    preview = client.get(response["Location"])
    assert "Terapkan" not in preview.text and "Area baru" in preview.text


def test_editing_and_retiring_a_requirement(client, inspector, checklist, kapuas):
    requirement = checklist[0]
    doc = Document.objects.create(requirement=requirement, region=kapuas)
    client.force_login(inspector)
    url = reverse("requirement-edit", args=[requirement.pk])
    client.post(
        url,
        {
            "name": "Perkada RKPD 2026",
            "short_name": "RKPD",
            "weight": "2",
            "unit_short_name": "Bappeda",
        },
    )
    requirement.refresh_from_db()
    assert requirement.weight == 2 and requirement.short_name == "RKPD"
    client.post(url, {"action": "retire"})
    requirement.refresh_from_db()
    assert requirement.retired_on is not None
    assert Document.objects.filter(pk=doc.pk).exists()
    assert not Document.objects.in_force().filter(pk=doc.pk).exists()
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        AuditAction.REQUIREMENT_EDITED,
        AuditAction.REQUIREMENT_RETIRED,
    }


def test_a_closed_programme_refuses_edits(client, inspector, checklist):
    from django.utils import timezone

    programme = checklist[0].programme
    programme.is_active = False
    programme.closed_at = timezone.now()
    programme.save()
    client.force_login(inspector)
    client.post(reverse("requirement-edit", args=[checklist[0].pk]), {"action": "retire"})
    checklist[0].refresh_from_db()
    assert checklist[0].retired_on is None


def test_only_the_inspectorate_edits_a_requirement(client, kapuas_pic, leader, checklist):
    for user in (kapuas_pic, leader):
        client.force_login(user)
        assert client.get(reverse("requirement-edit", args=[checklist[0].pk])).status_code == 403
