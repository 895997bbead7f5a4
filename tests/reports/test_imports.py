"""The status and score imports: preview, apply all or nothing, and every bad input refused
with a message while nothing changes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from documents import workflow
from documents.models import Document, Source, Status, StatusChange
from regions.models import Region, RegionKind
from reports import imports
from reports.models import ScoreRecord
from sheets import intake
from sheets.models import StoredPlan
from tests.conftest import make_document

HEADERS = ["Kode pemda", "Kode", "Status", "Catatan"]


def xlsx(rows, headers=HEADERS, *, title="Status", setup=None) -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if setup:
        setup(ws)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def documents(checklist, kapuas, kotim, bpkad_kapuas):
    return {
        ("62.03", "1.1.a"): make_document(checklist[0], kapuas, Status.VERIFYING),
        ("62.03", "1.1.b"): make_document(checklist[1], kapuas, Status.UPLOADED),
        ("62.03", "2.1.a"): make_document(checklist[2], kapuas, unit=bpkad_kapuas),
        ("62.02", "1.1.a"): make_document(checklist[0], kotim, Status.VERIFYING),
    }


def state():
    """Everything an import could change."""
    return (
        sorted(Document.objects.values_list("pk", "status", "version")),
        StatusChange.objects.count(),
        sorted(ScoreRecord.objects.values_list("pk", "value", "corrected")),
    )


def upload(client, data: bytes, name="verdicts.xlsx", kind="status"):
    return client.post(
        "/reports/import/",
        {"kind": kind, "file": SimpleUploadedFile(name, data)},
    )


def preview(client, data, **kwargs) -> StoredPlan:
    response = upload(client, data, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StoredPlan.objects.get(pk=response["Location"].split("plan=")[1])


def apply(client, stored: StoredPlan):
    return client.post("/reports/import/apply/", {"plan": stored.pk})


# --- the happy path -----------------------------------------------------------------------------


def test_a_verdict_sheet_previews_then_applies_through_the_workflow(client, inspector, documents):
    client.force_login(inspector)
    data = xlsx(
        [
            ["62.03", "1.1.a", "Diterima", ""],
            ["62.03", "1.1.b", "diunggah / belum diverifikasi", "dikirim 3 Nov"],
            ["62.02", "1.1.a", "Proses verifikasi", ""],  # already so
        ]
    )
    before = state()
    stored = preview(client, data)
    assert state() == before  # a preview changes nothing
    page = client.get(f"/reports/import/?plan={stored.pk}")
    html = page.content.decode()
    assert "Proses verifikasi" in html and "Diterima" in html
    assert "Terapkan 2 perubahan" in html
    plan = stored.load()
    assert [(r.row, r.action, r.before, r.after) for r in plan.rows] == [
        (2, "change", "Proses verifikasi", "Diterima"),
        (3, "change", "Siap dikirim", "Proses verifikasi"),  # jaga.id's "diunggah" = with KPK
        (4, "same", "Proses verifikasi", "Proses verifikasi"),
    ]
    assert stored.sha256 == intake.sha256(data)

    response = apply(client, stored)
    assert response.status_code == 302 and response["Location"] == "/reports/"
    assert documents["62.03", "1.1.a"].__class__.objects.get(
        pk=documents["62.03", "1.1.a"].pk
    ).status == (Status.ACCEPTED)
    change = StatusChange.objects.get(document=documents["62.03", "1.1.b"])
    assert change.source == Source.IMPORT and change.actor == inspector
    assert change.to_status == Status.VERIFYING
    assert change.note == "Impor dari berkas “verdicts.xlsx”: dikirim 3 Nov"

    # The same file again: nothing to change, and the page says it was applied before.
    again = preview(client, data)
    assert not again.load().changes
    assert (
        "sudah pernah diterapkan"
        in client.get(f"/reports/import/?plan={again.pk}").content.decode()
    )
    # Applying a plan twice applies once.
    assert apply(client, stored).status_code == 302
    assert StatusChange.objects.count() == 2


def test_the_recaps_detail_sheet_imports_with_zero_changes(client, inspector, documents):
    client.force_login(inspector)
    recap = client.get("/reports/recap.xlsx").content
    before = state()
    stored = preview(client, recap, name="rekap.xlsx")
    plan = stored.load()
    assert plan.sheet == "Rincian"
    assert not plan.errors and not plan.changes
    assert len(plan.unchanged) == len(documents)
    assert apply(client, stored).status_code == 302
    assert state() == before


def test_an_edited_detail_sheet_imports_its_edits(client, inspector, documents):
    client.force_login(inspector)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/reports/recap.xlsx").content))
    ws = workbook["Rincian"]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "62.03" and row[headers.index("Kode")].value == "1.1.a":
            row[headers.index("Kode status")].value = None  # edited the label only
            row[headers.index("Status")].value = "Perlu perbaikan"
    out = io.BytesIO()
    workbook.save(out)
    plan = preview(client, out.getvalue()).load()
    assert [(r.subject.split(" ")[0:3], r.after) for r in plan.changes] == [
        (["62.03", "·", "1.1.a"], "Perlu perbaikan")
    ]


def test_a_document_changed_since_the_preview_makes_the_whole_apply_fail(
    client, inspector, documents
):
    client.force_login(inspector)
    stored = preview(
        client,
        xlsx([["62.03", "1.1.a", "Diterima", ""], ["62.02", "1.1.a", "Diterima", ""]]),
    )
    doc = documents["62.02", "1.1.a"]
    workflow.transition(doc, Status.ACCEPTED, by=inspector, source=Source.KPK, expected_version=1)
    before = state()
    response = apply(client, stored)
    assert response.status_code == 302 and f"plan={stored.pk}" in response["Location"]
    assert state() == before  # the Kapuas row did not apply either
    assert "Unggah berkasnya lagi" in client.get(response["Location"]).content.decode()
    stored.refresh_from_db()
    assert stored.applied_at is None


def test_the_template_downloads_and_imports_once_filled(client, inspector, documents):
    client.force_login(inspector)
    response = client.get("/reports/import/template.xlsx?kind=status")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["Status"][1]] == HEADERS
    assert "Petunjuk" in workbook.sheetnames
    workbook["Status"].append(["62.03", "1.1.a", "diterima", "KPK 3/11"])
    out = io.BytesIO()
    workbook.save(out)
    assert len(preview(client, out.getvalue()).load().changes) == 1


# --- status words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("accepted", Status.ACCEPTED),
        ("Diterima", Status.ACCEPTED),
        ("  DITERIMA ", Status.ACCEPTED),
        ("In verification", Status.VERIFYING),
        ("Diunggah/Belum Diverifikasi", Status.VERIFYING),
        ("ditolak / perlu perbaikan", Status.NEEDS_REVISION),
        ("Needs revision", Status.NEEDS_REVISION),
        ("Siap dikirim", Status.UPLOADED),
        ("belum diunggah", Status.NOT_UPLOADED),
        ("not_uploaded", Status.NOT_UPLOADED),
    ],
)
def test_status_words_are_read_through_one_alias_table(word, status):
    assert imports.read_status(word) == (status, None)


@pytest.mark.parametrize("word", ["Diunggah", "uploaded", "sudah diunggah"])
def test_a_word_that_could_mean_two_statuses_is_refused(word):
    status, problem = imports.read_status(word)
    assert status is None
    assert "bisa berarti" in problem and "Proses verifikasi" in problem


# --- bad input: a message, and nothing changes ---------------------------------------------------


def _encrypted() -> bytes:
    return intake.XLS_MAGIC + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100


def _bomb() -> bytes:
    data = xlsx([["62.03", "1.1.a", "Diterima", ""]])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":  # billion laughs, shortened
                content = (
                    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + content
                )
            target.writestr(info, content)
    return out.getvalue()


def _merged(ws):
    ws.append(["62.03", "1.1.b", "Diterima", ""])
    ws.merge_cells("C2:C3")


def _formula(ws):
    ws["C2"] = '=IF(1,"Diterima","")'


def _blank_middle(ws):
    ws.append([])
    ws.append(["62.03", "1.1.b", "Diterima", ""])


BAD_FILES = {
    "csv renamed": (b"Kode pemda,Kode,Status\n62.03,1.1.a,Diterima\n", "bukan buku kerja Excel"),
    "old xls": (intake.XLS_MAGIC + b"\0" * 600, "berkas Excel lama (.xls)"),
    "encrypted": (_encrypted(), "dilindungi kata sandi"),
    "corrupt": (xlsx([["62.03", "1.1.a", "Diterima", ""]])[:-200], "rusak"),
    "not a workbook": (b"PK\x05\x06" + b"\0" * 18, "bukan buku kerja Excel"),
    "renamed headers": (
        xlsx([["62.03", "1.1.a", "Diterima", ""]], ["Pemda", "No", "Keadaan", "Catatan"]),
        "Kolom wajib tidak ditemukan",
    ),
    "merged cells": (xlsx([["62.03", "1.1.a", "Diterima", ""]], setup=_merged), "digabung"),
    "xml bomb": (_bomb(), "XML yang tidak aman"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(
    client, inspector, documents, case
):
    data, message = BAD_FILES[case]
    client.force_login(inspector)
    before = state()
    response = upload(client, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state() == before
    assert not StoredPlan.objects.exists()


def test_an_oversized_file_is_refused(client, inspector, documents, monkeypatch):
    monkeypatch.setattr(intake, "MAX_BYTES", 1000)
    client.force_login(inspector)
    response = upload(client, xlsx([["62.03", "1.1.a", "Diterima", "x" * 2000]]))
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()


def test_too_many_rows_are_refused(client, inspector, documents, monkeypatch):
    monkeypatch.setattr(intake, "MAX_ROWS", 2)
    client.force_login(inspector)
    rows = [["62.03", code, "Diterima", ""] for code in ("1.1.a", "1.1.b", "2.1.a")]
    response = upload(client, xlsx(rows))
    assert response.status_code == 400 and "Terlalu banyak baris" in response.content.decode()


@pytest.fixture
def other_province_document(checklist):
    kalsel = Region.objects.create(
        code="63", name="Kalimantan Selatan", short_name="Kalsel", kind=RegionKind.PROVINCE
    )
    banjar = Region.objects.create(
        code="63.03",
        name="Kabupaten Banjar",
        short_name="Banjar",
        kind=RegionKind.REGENCY,
        parent=kalsel,
    )
    return make_document(checklist[0], banjar, Status.VERIFYING)


BAD_ROWS = {
    "unknown government": ([["62.99", "1.1.a", "Diterima", ""]], "Pemda “62.99” tidak dikenal"),
    "government outside scope": ([["63.03", "1.1.a", "Diterima", ""]], "di luar cakupan Anda"),
    "unknown requirement": ([["62.03", "9.9.z", "Diterima", ""]], "Kode “9.9.z” tidak ada"),
    "duplicate rows": (
        [["62.03", "1.1.a", "Diterima", ""], ["62.03", "1.1.a", "Ditolak", ""]],
        "Duplikat: sama dengan baris 2",
    ),
    "ambiguous status": ([["62.03", "1.1.a", "Diunggah", ""]], "bisa berarti"),
    "unknown status": ([["62.03", "1.1.a", "Beres", ""]], "tidak dikenal"),
    "formula": ([["62.03", "1.1.a", "Diterima", ""]], "Berisi rumus"),
    "blank row in the middle": ([["62.03", "1.1.a", "Diterima", ""]], "Baris kosong di tengah"),
    "code typed as a number": ([[62.1, "1.1.a", "Diterima", ""]], "Kode diketik sebagai angka"),
    "empty status": ([["62.03", "1.1.a", None, "x"]], "Wajib diisi"),
}
SETUPS = {"formula": _formula, "blank row in the middle": _blank_middle}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_row_is_shown_by_row_and_column_and_nothing_applies(
    client, inspector, documents, other_province_document, case
):
    rows, message = BAD_ROWS[case]
    # A good row beside the bad one: it must not apply either.
    rows = [*rows, ["62.02", "1.1.a", "Diterima", ""]]
    client.force_login(inspector)
    before = state()
    stored = preview(client, xlsx(rows, setup=SETUPS.get(case)))
    plan = stored.load()
    assert plan.errors and not plan.can_apply
    messages = [p.message for r in plan.errors for p in r.problems]
    assert any(message in m for m in messages), messages
    assert all(r.row > 1 for r in plan.errors)
    page = client.get(f"/reports/import/?plan={stored.pk}").content.decode()
    assert message.split("“")[0] in page
    assert "Terapkan" not in page
    response = apply(client, stored)
    assert response.status_code == 302
    assert state() == before


def test_a_role_that_may_not_make_the_change_gets_row_errors(kapuas_pic, documents, programme):
    data = xlsx([["62.03", "1.1.a", "Diterima", ""]])
    plan = imports.preview(
        "status",
        intake.open_workbook(data),
        user=kapuas_pic,
        programme=programme,
        file_name="x.xlsx",
        sha="0",
    )
    assert [p.message for r in plan.errors for p in r.problems] == [
        "Perubahan dari “Proses verifikasi” ke “Diterima” tidak diizinkan untuk peran Anda."
    ]


def test_the_errors_come_back_as_the_same_workbook_with_an_error_column(
    client, inspector, documents
):
    client.force_login(inspector)
    stored = preview(
        client, xlsx([["62.03", "1.1.a", "Diunggah", ""], ["62.99", "1.1.a", "Diterima", ""]])
    )
    response = client.get(f"/reports/import/errors.xlsx?plan={stored.pk}")
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["Status"]
    assert [c.value for c in ws[1]] == [*HEADERS, "Kesalahan"]
    assert ws["A2"].value == "62.03" and "bisa berarti" in ws["E2"].value
    assert ws["E3"].value.startswith("Kode pemda: Pemda “62.99”")


def test_imports_are_for_inspectorate_staff_only(client, kapuas_pic, leader, documents):
    for user in (kapuas_pic, leader):
        client.force_login(user)
        assert upload(client, xlsx([["62.03", "1.1.a", "Diterima", ""]])).status_code == 403


def test_someone_elses_plan_is_a_404(client, inspector, documents, province):
    from regions.models import Role
    from tests.conftest import make_user

    client.force_login(inspector)
    stored = preview(client, xlsx([["62.03", "1.1.a", "Diterima", ""]]))
    colleague = make_user("fajar-inspektorat", province, Role.INSPECTORATE)
    client.force_login(colleague)
    assert client.get(f"/reports/import/?plan={stored.pk}").status_code == 404
    assert apply(client, stored).status_code == 404


# --- official scores ------------------------------------------------------------------------

SCORE_HEADERS = ["Kode pemda", "Skor", "Tanggal", "Kode area", "Catatan"]


def test_scores_import_through_record_score_reading_both_decimal_marks(
    client, inspector, documents, programme
):
    client.force_login(inspector)
    day = dt.date(2026, 10, 27)
    data = xlsx(
        [
            ["62.03", "55,00", day, None, "jaga.id"],
            ["62.02", "61.25", "2026-10-27", None, None],
            ["62.02", 70.5, day, "1", None],
        ],
        SCORE_HEADERS,
        title="Skor",
    )
    stored = preview(client, data, kind="score")
    plan = stored.load()
    assert not plan.errors, plan.errors
    assert [r.after for r in plan.changes] == ["55,00", "61,25", "70,50"]
    apply(client, stored)
    kapuas = ScoreRecord.objects.get(region__code="62.03")
    assert kapuas.value == Decimal("55.00") and kapuas.recorded_on == day
    assert kapuas.entered_by == inspector and "jaga.id" in kapuas.note
    assert ScoreRecord.objects.get(region__code="62.02", area__code="1").value == Decimal("70.50")

    # A corrected value for the same date replaces it (record_score keeps the old as history).
    stored = preview(client, xlsx([["62.03", "56", day, None, None]], SCORE_HEADERS), kind="score")
    assert [(r.before, r.after) for r in stored.load().changes] == [("55,00", "56,00")]
    apply(client, stored)
    assert ScoreRecord.objects.filter(region__code="62.03", corrected=True).count() == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["62.03", "55,00", "27/10/2026", None, None], "ditulis sebagai teks"),
        (["62.03", "1.234,5", dt.date(2026, 10, 27), None, None], "koma dan titik"),
        (["62.03", "101", dt.date(2026, 10, 27), None, None], "0–100"),
        (["62.03", "55", dt.date(2026, 10, 27), "99", None], "Area “99”"),
        (["62.03", "55", dt.date(2099, 1, 1), None, None], "masa depan"),
    ],
)
def test_bad_score_rows_change_nothing(client, inspector, documents, row, message):
    client.force_login(inspector)
    before = state()
    stored = preview(client, xlsx([row], SCORE_HEADERS), kind="score")
    assert any(message in p.message for r in stored.load().errors for p in r.problems)
    apply(client, stored)
    assert state() == before


# --- the command ----------------------------------------------------------------------------


def test_the_command_previews_with_dry_run_and_applies_without(
    tmp_path, inspector, documents, capsys
):
    path = tmp_path / "kpk.xlsx"
    path.write_bytes(
        xlsx([["62.03", "1.1.a", "Diterima", ""], ["62.03", "1.1.b", "Siap dikirim", ""]])
    )
    before = state()
    call_command("import_statuses", str(path), "--as", inspector.username, "--dry-run")
    out = capsys.readouterr().out
    assert "1 berubah, 1 tidak berubah, 0 bermasalah" in out
    assert "baris 2: 62.03 · 1.1.a" in out and "Proses verifikasi → Diterima" in out
    assert state() == before
    call_command("import_statuses", str(path), "--as", inspector.username)
    assert "1 perubahan diterapkan" in capsys.readouterr().out
    assert Document.objects.get(pk=documents["62.03", "1.1.a"].pk).status == Status.ACCEPTED


def test_the_command_refuses_a_file_with_errors(tmp_path, inspector, documents, capsys):
    path = tmp_path / "kpk.xlsx"
    path.write_bytes(xlsx([["62.03", "1.1.a", "Diterima", ""], ["62.99", "1.1.a", "Diterima", ""]]))
    before = state()
    with pytest.raises(CommandError, match="1 baris bermasalah"):
        call_command("import_statuses", str(path), "--as", inspector.username)
    assert "baris 3: [Kode pemda] Pemda “62.99”" in capsys.readouterr().out
    assert state() == before
