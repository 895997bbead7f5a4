"""Acting on a document in the browser: status changes, evidence, comments, assignment."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Comment, Document, Evidence, Status, StatusChange
from documents.workflow import transition

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client, doc, name, content, **extra):
    data = {
        "file": SimpleUploadedFile(name, content),
        "version": doc.version,
        "submit": "on",
        **extra,
    }
    return client.post(f"/documents/{doc.pk}/evidence/", data)


def test_the_bpkad_operator_uploads_a_pdf_and_submits_it(client, bpkad_operator, kapuas_doc):
    client.force_login(bpkad_operator)
    response = _upload(client, kapuas_doc, "Perda APBD 2026.pdf", PDF)
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{kapuas_doc.pk}/"
    kapuas_doc.refresh_from_db()
    assert kapuas_doc.status == Status.UPLOADED
    evidence = Evidence.objects.get(document=kapuas_doc)
    assert evidence.original_name == "Perda_APBD_2026.pdf"
    assert evidence.size == len(PDF) and len(evidence.sha256) == 64
    assert evidence.content_type == "application/pdf"
    assert Path(evidence.file.path).read_bytes() == PDF
    change = StatusChange.objects.get(document=kapuas_doc)
    assert (change.source, change.evidence) == ("agency", evidence)


def test_an_office_document_is_accepted(client, bpkad_operator, kapuas_doc):
    client.force_login(bpkad_operator)
    assert _upload(client, kapuas_doc, "sk.docx", _docx()).status_code == 302
    body = client.get(f"/documents/{kapuas_doc.pk}/").content.decode()
    assert "sk.docx" in body and "Siap dikirim" in body


def test_a_link_is_evidence_too(client, kapuas_pic, kapuas_doc):
    client.force_login(kapuas_pic)
    response = client.post(
        f"/documents/{kapuas_doc.pk}/evidence/",
        {"url": "https://drive.google.com/file/d/abc", "version": 1, "submit": "on"},
    )
    assert response.status_code == 302
    kapuas_doc.refresh_from_db()
    assert kapuas_doc.status == Status.UPLOADED
    assert kapuas_doc.evidence.get().url == "https://drive.google.com/file/d/abc"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.pdf", b"", "Berkas kosong"),
        ("halaman.pdf", b"<html><script>alert(1)</script></html>", "tidak sesuai"),
        ("halaman.html", b"<html></html>", "tidak diterima"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "tidak diterima"),
        ("palsu.docx", b"PK\x03\x04not really a zip", "tidak sesuai"),
        ("program.exe", b"MZ\x90\x00", "tidak diterima"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason_and_nothing_is_written(
    client, bpkad_operator, kapuas_doc, settings, name, content, message
):
    client.force_login(bpkad_operator)
    response = _upload(client, kapuas_doc, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists() and not StatusChange.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_an_oversized_upload_is_refused(client, bpkad_operator, kapuas_doc, settings):
    settings.MAX_UPLOAD_MB = 1
    client.force_login(bpkad_operator)
    response = _upload(client, kapuas_doc, "besar.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_path_traversal_name_is_stored_safely(client, bpkad_operator, kapuas_doc, settings):
    client.force_login(bpkad_operator)
    assert _upload(client, kapuas_doc, "../../../etc/passwd.pdf", PDF).status_code == 302
    evidence = Evidence.objects.get()
    stored = Path(evidence.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert evidence.original_name == "passwd.pdf"
    assert ".." not in evidence.file.name


def test_a_stale_submit_is_refused_with_409_and_its_file_removed(
    client, bpkad_operator, kapuas_doc, settings
):
    client.force_login(bpkad_operator)
    Document.objects.filter(pk=kapuas_doc.pk).update(version=5)  # someone else changed it
    response = _upload(client, kapuas_doc, "a.pdf", PDF)
    assert response.status_code == 409
    assert "baru saja diubah" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def _post_status(client, doc, to, source, note="", version=None, reason="", **headers):
    return client.post(
        f"/documents/{doc.pk}/status/",
        {
            "to": to,
            "source": source,
            "note": note,
            "reason": reason,
            "version": doc.version if version is None else version,
        },
        headers=headers,
    )


@pytest.fixture
def uploaded_doc(kapuas_doc, kapuas_pic):
    Evidence.objects.create(document=kapuas_doc, url="https://drive.example/x")
    transition(kapuas_doc, Status.UPLOADED, by=kapuas_pic, source="regional", expected_version=1)
    return kapuas_doc


@pytest.fixture
def verifying_doc(uploaded_doc, kapuas_pic):
    """The same document, sent to KPK by the PIC."""
    transition(
        uploaded_doc,
        Status.VERIFYING,
        by=kapuas_pic,
        source="regional",
        expected_version=uploaded_doc.version,
    )
    return uploaded_doc


def test_the_pic_marks_it_sent_to_kpk(client, kapuas_pic, uploaded_doc):
    client.force_login(kapuas_pic)
    response = _post_status(client, uploaded_doc, "verifying", "regional")
    assert response.status_code == 302
    uploaded_doc.refresh_from_db()
    assert uploaded_doc.status == Status.VERIFYING


def test_with_htmx_only_what_the_change_changed_is_sent_and_the_page_told(
    client, kapuas_pic, uploaded_doc
):
    """Issue 16: the status part replaces itself; history, evidence form and the assignment
    form's version swap in by id; every id matches one in the panel, every version is new."""
    import re

    client.force_login(kapuas_pic)
    panel = client.get(f"/documents/{uploaded_doc.pk}/", headers={"HX-Request": "true"})
    panel_ids = set(re.findall(r'id="([^"]+)"', panel.content.decode()))
    with CaptureQueriesContext(connection) as whole:
        client.get(f"/documents/{uploaded_doc.pk}/", headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as fragment:
        response = _post_status(
            client, uploaded_doc, "verifying", "regional", **{"HX-Request": "true"}
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div class="panel-state"') and "Proses verifikasi" in body
    assert response["HX-Retarget"] == f"#panel-state-{uploaded_doc.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    assert "documentChanged" in response["HX-Trigger"]
    oob = re.findall(r'id="([^"]+)"[^>]*hx-swap-oob="true"', body)
    pk = uploaded_doc.pk
    assert set(oob) == {f"evidence-form-{pk}", f"history-{pk}", f"assign-version-{pk}"}
    assert set(oob) <= panel_ids and f"panel-state-{pk}" in panel_ids
    assert 'value="2"' not in body and body.count('name="version" value="3"') >= 2
    assert "Belum ada perubahan status" not in body and body.count("<li>") == 2
    # The change and its answer read less than showing the panel does (no evidence, comments,
    # agencies or people): 9 queries with the write itself, against 10 for the panel alone.
    assert len(fragment.captured_queries) < len(whole.captured_queries)


def test_accepting_swaps_the_upload_form_for_the_frozen_note(client, inspector, verifying_doc):
    """Accepted means frozen: the evidence part that comes with the change has no form."""
    uploaded_doc = verifying_doc
    client.force_login(inspector)
    response = _post_status(client, uploaded_doc, "accepted", "kpk", **{"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert response["HX-Retarget"] == f"#panel-state-{uploaded_doc.pk}"
    evidence = body[body.index(f'id="evidence-form-{uploaded_doc.pk}"') :]
    evidence = evidence[: evidence.index("</div>")]
    assert "Diterima KPK: bukti terbaru" in evidence and "<form" not in evidence


def test_the_inspectorate_records_kpks_return_with_a_note(
    client, inspector, verifying_doc, kapuas_pic
):
    uploaded_doc = verifying_doc
    client.force_login(inspector)
    response = _post_status(client, uploaded_doc, "needs_revision", "kpk", reason="unsigned")
    assert response.status_code == 400
    assert "memerlukan catatan" in response.content.decode()
    response = _post_status(client, uploaded_doc, "needs_revision", "kpk", note="Belum diparaf")
    assert response.status_code == 400
    assert "Pilih alasan pengembalian" in response.content.decode()
    response = _post_status(
        client,
        uploaded_doc,
        "needs_revision",
        "kpk",
        note="Belum ditandatangani Bupati",
        reason="unsigned",
    )
    assert response.status_code == 302
    client.force_login(kapuas_pic)
    body = client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    assert "Belum ditandatangani Bupati" in body
    assert "Belum ditandatangani atau distempel" in body  # the reason, in words


def test_a_stale_status_change_gets_409_the_fresh_state_and_keeps_the_typed_note(
    client, kapuas_pic, inspector, uploaded_doc
):
    seen = uploaded_doc.version
    transition(
        uploaded_doc, Status.VERIFYING, by=inspector, source="regional", expected_version=seen
    )
    client.force_login(kapuas_pic)
    response = _post_status(
        client,
        uploaded_doc,
        "needs_revision",
        "regional",
        note="Tanda tangan kurang",
        reason="unsigned",
        version=seen,
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "baru saja diubah" in body and "Proses verifikasi" in body
    assert "Tanda tangan kurang" in body
    uploaded_doc.refresh_from_db()
    assert uploaded_doc.status == Status.VERIFYING
    assert StatusChange.objects.filter(document=uploaded_doc).count() == 2


def test_comments(client, bpkad_operator, kapuas_doc):
    client.force_login(bpkad_operator)
    response = client.post(
        f"/documents/{kapuas_doc.pk}/comments/", {"body": "Perda sedang ditandatangani"}
    )
    assert response.status_code == 302
    assert Comment.objects.get().author == bpkad_operator
    body = client.get(f"/documents/{kapuas_doc.pk}/").content.decode()
    assert "Perda sedang ditandatangani" in body and "charlie-bpkad" in body


def test_the_pic_assigns_agency_person_and_date(
    client, kapuas_pic, kapuas_doc, bappeda_kapuas, bpkad_operator
):
    client.force_login(kapuas_pic)
    response = client.post(
        f"/documents/{kapuas_doc.pk}/assign/",
        {
            "unit": bappeda_kapuas.pk,
            "assignee": bpkad_operator.pk,
            "due_on": "2026-11-29",
            "version": 1,
        },
    )
    assert response.status_code == 302
    kapuas_doc.refresh_from_db()
    assert (kapuas_doc.unit, kapuas_doc.assignee, str(kapuas_doc.due_on), kapuas_doc.version) == (
        bappeda_kapuas,
        bpkad_operator,
        "2026-11-29",
        2,
    )
    stale = client.post(f"/documents/{kapuas_doc.pk}/assign/", {"version": 1})
    assert stale.status_code == 409


def test_an_agency_operator_may_not_assign(client, bpkad_operator, kapuas_doc):
    client.force_login(bpkad_operator)
    assert client.post(f"/documents/{kapuas_doc.pk}/assign/", {"version": 1}).status_code == 403


def test_the_panel_offers_only_permitted_actions(
    client, bpkad_operator, inspector, leader, uploaded_doc
):
    client.force_login(bpkad_operator)
    body = client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    assert "Tandai sudah dikirim ke KPK" not in body and "Penugasan" not in body
    client.force_login(inspector)
    body = client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    assert "Tandai sudah dikirim ke KPK" in body and "Sesuaikan dengan jaga.id" in body
    client.force_login(leader)
    body = client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    assert "<form" not in body.split('id="document-')[1].split("</article>")[0]


def test_a_returned_document_shows_why_and_asks_for_new_evidence(
    client, kapuas_pic, inspector, uploaded_doc
):
    transition(
        uploaded_doc,
        Status.NEEDS_REVISION,
        by=inspector,
        source="review",
        note="Lampiran SK belum ada",
        reason_code="incomplete",
        expected_version=uploaded_doc.version,
    )
    client.force_login(kapuas_pic)
    body = client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    assert "Alasan dikembalikan" in body and "Lampiran SK belum ada" in body
    assert "Kirim bukti" not in body  # the old evidence may not be re-sent
    assert "Unggah bukti dukung" in body


def test_a_committed_date_after_the_deadline_is_refused(client, kapuas_pic, kapuas_doc):
    client.force_login(kapuas_pic)
    response = client.post(
        f"/documents/{kapuas_doc.pk}/assign/", {"due_on": "2026-12-15", "version": 1}
    )
    assert response.status_code == 400
    assert "melewati batas waktu" in response.content.decode()
    kapuas_doc.refresh_from_db()
    assert kapuas_doc.due_on is None


def test_missed_commitments_are_flagged(client, kapuas_pic, kapuas_doc):
    import datetime as dt

    Document.objects.filter(pk=kapuas_doc.pk).update(due_on=dt.date(2026, 1, 5))
    client.force_login(kapuas_pic)
    assert "lewat tanggal komitmen" in client.get(f"/documents/{kapuas_doc.pk}/").content.decode()
    assert "lewat tanggal komitmen" in client.get("/regions/62.03/").content.decode()


def test_an_accepted_document_keeps_the_evidence_kpk_accepted(
    client, inspector, kapuas_pic, uploaded_doc
):
    transition(uploaded_doc, Status.VERIFYING, by=kapuas_pic, source="regional", expected_version=2)
    transition(uploaded_doc, Status.ACCEPTED, by=inspector, source="kpk", expected_version=3)
    client.force_login(kapuas_pic)
    body = client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    assert "Unggah bukti dukung" not in body and "tidak diganti" in body
    response = client.post(
        f"/documents/{uploaded_doc.pk}/evidence/",
        {"url": "https://drive.example/v2", "version": 4, "submit": "on"},
    )
    assert response.status_code == 403
    assert Evidence.objects.filter(document=uploaded_doc).count() == 1


def test_evidence_added_while_kpk_verifies_asks_for_confirmation(client, kapuas_pic, uploaded_doc):
    transition(uploaded_doc, Status.VERIFYING, by=kapuas_pic, source="regional", expected_version=2)
    client.force_login(kapuas_pic)
    assert (
        "KPK sedang memverifikasi bukti sebelumnya"
        in client.get(f"/documents/{uploaded_doc.pk}/").content.decode()
    )
    data = {"url": "https://drive.example/v2", "version": 3}
    refused = client.post(f"/documents/{uploaded_doc.pk}/evidence/", data)
    assert refused.status_code == 400 and "Centang konfirmasi" in refused.content.decode()
    assert Evidence.objects.filter(document=uploaded_doc).count() == 1
    done = client.post(f"/documents/{uploaded_doc.pk}/evidence/", {**data, "confirm": "on"})
    assert done.status_code == 302
    uploaded_doc.refresh_from_db()
    assert uploaded_doc.status == Status.VERIFYING  # still with KPK, one more piece of evidence
    assert Evidence.objects.filter(document=uploaded_doc).count() == 2


def test_the_panel_shows_the_newest_history_and_the_rest_on_asking(client, inspector, kapuas_doc):
    """A document synced back and forth with jaga.id gathers history; the panel (and the part
    sent after a change) shows the newest ten, the rest on asking."""
    for step in range(12):
        StatusChange.objects.create(
            document=kapuas_doc,
            from_status=Status.NOT_UPLOADED,
            to_status=Status.NOT_UPLOADED,
            source="sync",
            note=f"langkah {step}",
        )
    client.force_login(inspector)
    url = f"/documents/{kapuas_doc.pk}/"
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    history = body[body.index(f'id="history-{kapuas_doc.pk}"') :]
    assert "langkah 11" in history and "langkah 2" in history and "langkah 1<" not in history
    assert f"{url}?history=all" in history
    everything = client.get(f"{url}?history=all", headers={"HX-Request": "true"})
    text = everything.content.decode()
    assert "langkah 0" in text and "Tampilkan seluruh riwayat" not in text
