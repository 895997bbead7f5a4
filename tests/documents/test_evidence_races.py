"""Every evidence write is version-checked, also when it leaves the status as it is.

A panel shows a document at a version; an upload made from it after someone else changed the
document is refused (409 with the fresh panel), nothing is stored, no file is left on disk. The
races run on PostgreSQL with real threads: twenty people pressing "upload and submit" at once
end with one file and one submit, and nineteen are told, not shown "saved".
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test import Client

from documents import workflow
from documents.models import Document, Evidence, Status, StatusChange

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
STALE = "baru saja diubah oleh orang lain"


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post(client, doc, *, version, submit=True, name="bukti.pdf"):
    data = {"file": SimpleUploadedFile(name, PDF), "version": version}
    if submit:
        data["submit"] = "on"
    return client.post(f"/documents/{doc.pk}/evidence/", data, headers={"hx-request": "true"})


def test_an_upload_that_keeps_the_status_still_moves_the_version(client, kapuas_pic, kapuas_doc):
    client.force_login(kapuas_pic)
    before = Document.objects.get(pk=kapuas_doc.pk)
    assert _post(client, kapuas_doc, version=before.version, submit=False).status_code == 200
    after = Document.objects.get(pk=kapuas_doc.pk)
    assert after.status == Status.NOT_UPLOADED
    assert after.version == before.version + 1
    assert after.updated_at > before.updated_at  # the live poll notices it too


def test_a_stale_upload_without_submit_is_refused_with_the_fresh_panel(
    client, kapuas_pic, bpkad_operator, kapuas_doc, settings
):
    seen = kapuas_doc.version
    workflow.add_evidence(
        kapuas_doc, by=bpkad_operator, url="https://drive.example/a", submit=False,
        expected_version=seen,
    )  # fmt: skip
    client.force_login(kapuas_pic)
    response = _post(client, kapuas_doc, version=seen, submit=False)
    assert response.status_code == 409
    body = response.content.decode()
    assert STALE in body and "drive.example/a" in body  # told, and shown what changed
    assert "Bukti dukung disimpan" not in body
    assert Evidence.objects.filter(document=kapuas_doc).count() == 1
    assert _files(settings) == []


def test_a_send_prepared_before_new_evidence_arrived_is_refused(
    client, kapuas_pic, bpkad_operator, kapuas_doc
):
    """The PIC saw the old file; the operator replaced it; sending now would send unseen work."""
    Document.objects.filter(pk=kapuas_doc.pk).update(status=Status.UPLOADED)
    kapuas_doc.refresh_from_db()
    Evidence.objects.create(document=kapuas_doc, url="https://drive.example/old")
    seen = kapuas_doc.version
    workflow.add_evidence(
        kapuas_doc, by=bpkad_operator, url="https://drive.example/new", submit=True,
        expected_version=seen,
    )  # fmt: skip
    client.force_login(kapuas_pic)
    response = client.post(
        f"/documents/{kapuas_doc.pk}/status/",
        {"to": Status.VERIFYING, "source": "regional", "version": seen},
    )
    assert response.status_code == 409
    assert Document.objects.get(pk=kapuas_doc.pk).status == Status.UPLOADED


def test_an_upload_whose_transaction_fails_leaves_no_file(
    bpkad_operator, kapuas_doc, settings, monkeypatch
):
    def broken(*args, **kwargs):
        raise DatabaseError("connection lost mid-write")

    monkeypatch.setattr(workflow, "_bump_version", broken)
    with pytest.raises(DatabaseError):
        workflow.add_evidence(
            kapuas_doc,
            by=bpkad_operator,
            upload=SimpleUploadedFile("bukti.pdf", PDF),
            submit=False,
            expected_version=kapuas_doc.version,
        )
    assert not Evidence.objects.exists()
    assert _files(settings) == []


def test_a_refused_submit_leaves_no_file(bpkad_operator, kapuas_doc, settings):
    with pytest.raises(workflow.WorkflowError):
        workflow.add_evidence(
            kapuas_doc,
            by=bpkad_operator,
            upload=SimpleUploadedFile("bukti.pdf", PDF),
            submit=True,
            expected_version=kapuas_doc.version + 5,
        )
    assert not Evidence.objects.exists()
    assert _files(settings) == []


# --- the races, on PostgreSQL with real threads -----------------------------------------------

RACERS = 20


def _race(users, doc, *, submit: bool) -> list:
    """RACERS clients post the same upload from the same version at the same moment."""
    barrier = threading.Barrier(RACERS)
    results: list = [None] * RACERS

    def run(i):
        client = Client()
        client.force_login(users[i % len(users)])
        barrier.wait()
        try:
            results[i] = _post(client, doc, version=doc.version, submit=submit)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _outcomes(results):
    codes = sorted(r.status_code for r in results)
    told = [r for r in results if r.status_code == 409]
    assert all(STALE in r.content.decode() for r in told)
    assert all("Bukti dukung disimpan" not in r.content.decode() for r in told)
    return codes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_upload_and_submit_at_once_give_one_file_and_one_submit(
    kapuas_pic, bpkad_operator, kapuas_doc, settings
):
    results = _race([kapuas_pic, bpkad_operator], kapuas_doc, submit=True)
    assert _outcomes(results) == [200] + [409] * (RACERS - 1)
    assert Evidence.objects.filter(document=kapuas_doc).count() == 1
    assert StatusChange.objects.filter(document=kapuas_doc).count() == 1
    assert len(_files(settings)) == 1
    doc = Document.objects.get(pk=kapuas_doc.pk)
    assert (doc.status, doc.version) == (Status.UPLOADED, kapuas_doc.version + 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_uploads_that_keep_the_status_store_one_file(
    kapuas_pic, bpkad_operator, kapuas_doc, settings
):
    results = _race([kapuas_pic, bpkad_operator], kapuas_doc, submit=False)
    assert _outcomes(results) == [200] + [409] * (RACERS - 1)
    assert Evidence.objects.filter(document=kapuas_doc).count() == 1
    assert len(_files(settings)) == 1
    assert Document.objects.get(pk=kapuas_doc.pk).version == kapuas_doc.version + 1
