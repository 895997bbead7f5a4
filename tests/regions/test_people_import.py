"""/people/import/: people invited from a workbook — preview, then all rows or none."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regions import people_import
from regions.models import Invitation, Membership, Role
from sheets.models import StoredPlan

pytestmark = pytest.mark.django_db

HEADERS = ["Nama pengguna", "Email", "Nama depan", "Nama belakang", "Kode pemda", "Peran", "OPD"]
GOOD = [
    ["rina-kapuas", "rina@kapuaskab.go.id", "Rina", "Sari", "62.03", "PIC", ""],
    ["budi-bpkad", "Budi@KapuasKab.go.id", "Budi", "", "62.03", "operator OPD", "bpkad"],
    ["sari-pimpinan", "sari@kalteng.go.id", "Sari", "", "62", "leadership", ""],
]


def _xlsx(rows, headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(client, rows, name="pengguna.xlsx"):
    upload = SimpleUploadedFile(name, _xlsx(rows))
    response = client.post(reverse("people-import"), {"file": upload})
    assert response.status_code == 302, response.content
    stored = StoredPlan.objects.get(pk=int(response["Location"].split("plan=")[1]))
    return stored, client.get(response["Location"])


def _apply(client, stored, capture):
    with capture(execute=True):
        return client.post(reverse("people-import-apply"), {"plan": stored.pk})


def test_a_good_file_invites_everyone_and_emails_each_after_commit(
    client, inspector, kapuas, bpkad_kapuas, django_capture_on_commit_callbacks
):
    client.force_login(inspector)
    stored, page = _upload(client, GOOD)
    assert page.status_code == 200
    assert "rina-kapuas" in page.text and "Operator OPD · BPKAD Kabupaten Kapuas" in page.text
    plan = stored.load()
    assert len(plan.changes) == 3 and not plan.errors
    assert User.objects.filter(username="rina-kapuas").count() == 0  # the preview writes nothing

    response = _apply(client, stored, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("people")
    budi = User.objects.get(username="budi-bpkad")
    assert budi.email == "budi@kapuaskab.go.id" and not budi.has_usable_password()
    assert Membership.objects.get(user=budi).unit == bpkad_kapuas
    assert Membership.objects.get(user__username="rina-kapuas").role == Role.REGIONAL
    assert Membership.objects.get(user__username="sari-pimpinan").role == Role.LEADERSHIP
    assert Invitation.objects.filter(invited_by=inspector).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "budi@kapuaskab.go.id",
        "rina@kapuaskab.go.id",
        "sari@kalteng.go.id",
    ]

    # The same plan again does nothing.
    response = _apply(client, stored, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert User.objects.count() == 4 and len(mail.outbox) == 3

    # The same file again: everyone is "sama", nothing to apply.
    again, page = _upload(client, GOOD)
    plan = again.load()
    assert len(plan.unchanged) == 3 and not plan.changes and not plan.errors
    assert "Undang" not in page.text.split("Sudah ada")[1].split("Unggah")[0]
    _apply(client, again, django_capture_on_commit_callbacks)
    assert User.objects.count() == 4 and len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        (["x", "x@kapuaskab.go.id", "", "", "62.03", "inspektorat", ""], "Peran", "lebih tinggi"),
        (["x", "x@kotim.go.id", "", "", "62.02", "operator OPD", "BPKAD"], "Kode pemda", "tidak"),
        (["x", "rina@kapuaskab.go.id", "", "", "62.03", "PIC", ""], "Email", "Duplikat"),
        (["x", "x@kapuaskab.go.id", "", "", "62.03", "operator OPD", ""], "OPD", "OPD"),
        (["x", "x@kapuaskab.go.id", "", "", "62.03", "operator OPD", "Dinkes"], "OPD", "Dinkes"),
        (["rina-kapuas", "y@kapuaskab.go.id", "", "", "62.03", "PIC", ""], "Nama pengguna", "Dup"),
        (
            ["charlie-bpkad", "c@kapuaskab.go.id", "", "", "62.03", "OPD", "BPKAD"],
            "Nama pengguna",
            "sudah",
        ),
        (["x", "x@kapuaskab.go.id", "", "", "62.03", "bupati", ""], "Peran", "tidak dikenal"),
        (["x", "bukan-email", "", "", "62.03", "PIC", ""], "Email", "tidak valid"),
    ],
)
def test_one_bad_row_and_nobody_is_invited(
    client,
    kapuas_pic,
    bpkad_operator,
    kotim,
    bpkad_kapuas,
    django_capture_on_commit_callbacks,
    bad,
    column,
    words,
):
    """A PIC imports: operators of their own agencies only; one error and nothing applies."""
    client.force_login(kapuas_pic)
    rows = [
        ["budi-bpkad", "budi@kapuaskab.go.id", "Budi", "", "62.03", "operator OPD", "BPKAD"],
        ["rina-kapuas", "rina@kapuaskab.go.id", "", "", "62.03", "agency", "BPKAD"],
        bad,
    ]
    stored, page = _upload(client, rows)
    plan = stored.load()
    [error] = plan.errors
    assert error.row == 4
    assert any(p.column == column and words in p.message for p in error.problems), error
    assert not plan.can_apply
    assert page.status_code == 200 and reverse("people-import-errors") in page.text

    before = User.objects.count()
    response = _apply(client, stored, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert User.objects.count() == before and not mail.outbox and not Invitation.objects.exists()

    errors = client.get(f"{reverse('people-import-errors')}?plan={stored.pk}")
    assert errors.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(errors.content)).active
    assert (
        ws.cell(row=1, column=8).value == "Kesalahan" and column in ws.cell(row=4, column=8).value
    )


def test_a_pic_imports_only_agency_operators_of_their_own_government(
    client, kapuas_pic, kotim, bpkad_kapuas, django_capture_on_commit_callbacks
):
    client.force_login(kapuas_pic)
    stored, _page = _upload(client, GOOD)
    plan = stored.load()
    assert [r.row for r in plan.errors] == [2, 4]  # a PIC, and leadership of the province
    assert [r.row for r in plan.changes] == [3]

    ok, _page = _upload(client, [GOOD[1]])
    _apply(client, ok, django_capture_on_commit_callbacks)
    assert Membership.objects.get(user__username="budi-bpkad").unit == bpkad_kapuas
    assert [m.to for m in mail.outbox] == [["budi@kapuaskab.go.id"]]


def test_a_plan_is_its_uploaders_own(client, inspector, kapuas_pic, kotim_pic, bpkad_kapuas):
    client.force_login(kapuas_pic)
    stored, _page = _upload(client, [GOOD[1]])
    client.force_login(kotim_pic)
    assert client.get(f"{reverse('people-import')}?plan={stored.pk}").status_code == 404
    assert client.post(reverse("people-import-apply"), {"plan": stored.pk}).status_code == 404
    assert not User.objects.filter(username="budi-bpkad").exists()


def test_leadership_and_operators_get_403(client, leader, bpkad_operator):
    for user in (leader, bpkad_operator):
        client.force_login(user)
        upload = SimpleUploadedFile("p.xlsx", _xlsx(GOOD))
        assert client.get(reverse("people-import")).status_code == 403
        assert client.post(reverse("people-import"), {"file": upload}).status_code == 403
        assert client.get(reverse("people-import-template")).status_code == 403
    assert not StoredPlan.objects.exists()


def test_the_template_reads_back_as_one_row_of_the_import(client, inspector, kapuas, bpkad_kapuas):
    client.force_login(inspector)
    response = client.get(reverse("people-import-template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    plan = people_import.preview(workbook, actor=inspector, file_name="t.xlsx", sha="0")
    [row] = plan.changes
    assert row.data["username"] == "budi-bpkad" and row.data["unit"] == bpkad_kapuas.pk


def test_english_headers_and_a_file_that_is_not_a_workbook(client, inspector, kapuas):
    client.force_login(inspector)
    english = ["Username", "Email address", "First name", "Last name", "Government code", "Role"]
    workbook = openpyxl.load_workbook(
        io.BytesIO(_xlsx([["ann", "ann@kapuaskab.go.id", "Ann", "", "62.03", "regional"]], english))
    )
    plan = people_import.preview(workbook, actor=inspector, file_name="e.xlsx", sha="0")
    assert [r.after for r in plan.changes] == ["Admin pemda (PIC) · Kabupaten Kapuas"]
    upload = SimpleUploadedFile("p.xlsx", b"username,email\n")
    response = client.post(reverse("people-import"), {"file": upload})
    assert response.status_code == 400 and "bukan buku kerja" in response.text
