"""The evidence bundle: streamed zip whose entries and manifest match the database."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import evidence_store
from documents.models import Area, Indicator, Requirement, Status
from reports import bundles
from tests.conftest import make_document


def pdf(text: str) -> bytes:
    return b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n"


@pytest.fixture
def bundle_documents(checklist, programme, kapuas, bappeda_kapuas, bpkad_kapuas, inspector):
    """Kapuas: 1.10 and 1.2 (guidebook order), an old and a new version of one file, a link,
    and a document without evidence."""
    area = Area.objects.get(programme=programme, code="1")
    indicator = Indicator.objects.create(area=area, code="1.9", name="Lain-lain", order=9)
    ten = Requirement.objects.create(
        indicator=indicator, code="1.10", name="Laporan Évaluasi RKPD", order=10
    )
    two = Requirement.objects.create(indicator=indicator, code="1.2", name="SK Tim MCSP", order=2)
    docs = {
        "1.10": make_document(ten, kapuas, Status.UPLOADED, unit=bappeda_kapuas),
        "1.2": make_document(two, kapuas, Status.ACCEPTED, unit=bappeda_kapuas),
        "1.1.a": make_document(checklist[0], kapuas, Status.VERIFYING, unit=bappeda_kapuas),
        "1.1.b": make_document(checklist[1], kapuas, unit=bappeda_kapuas),
        "2.1.a": make_document(checklist[2], kapuas, Status.UPLOADED, unit=bpkad_kapuas),
    }
    add = evidence_store.add
    add(docs["1.10"], by=inspector, upload=SimpleUploadedFile("eval lama.pdf", pdf("old")))
    add(docs["1.10"], by=inspector, upload=SimpleUploadedFile("evaluasi rkpd.PDF", pdf("new")))
    add(docs["1.2"], by=inspector, upload=SimpleUploadedFile("sk.pdf", pdf("sk")))
    add(docs["1.1.a"], by=inspector, url="https://drive.example/rkpd")
    add(docs["2.1.a"], by=inspector, upload=SimpleUploadedFile("apbd.pdf", pdf("apbd")))
    return docs


def _zip(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    assert response["Content-Disposition"].startswith('attachment; filename="bukti-62.03-Kapuas-')
    return zipfile.ZipFile(io.BytesIO(body))


def test_the_bundle_streams_every_current_file_in_guidebook_order_with_a_manifest(
    client, inspector, bundle_documents
):
    client.force_login(inspector)
    archive = _zip(client.get("/regions/62.03/evidence.zip"))
    names = archive.namelist()
    assert names == [
        "1.2_SK_Tim_MCSP.pdf",
        "1.10_Laporan_Evaluasi_RKPD.pdf",
        "2.1.a_Perda_APBD.pdf",
        "MANIFEST.csv",
    ]
    assert all(name.isascii() for name in names)
    assert archive.read("1.10_Laporan_Evaluasi_RKPD.pdf") == pdf("new")  # the newest version

    manifest = list(csv.DictReader(io.StringIO(archive.read("MANIFEST.csv").decode("utf-8-sig"))))
    assert [row["kode"] for row in manifest] == ["1.1.a", "1.2", "1.10", "2.1.a"]
    by_code = {row["kode"]: row for row in manifest}
    assert by_code["1.1.a"]["tautan"] == "https://drive.example/rkpd"
    assert by_code["1.1.a"]["nama_berkas"] == ""
    for code, name in (("1.2", "1.2_SK_Tim_MCSP.pdf"), ("2.1.a", "2.1.a_Perda_APBD.pdf")):
        row = by_code[code]
        content = archive.read(name)
        assert row["nama_berkas"] == name
        assert int(row["ukuran_byte"]) == len(content)
        assert row["sha256"] == hashlib.sha256(content).hexdigest()
        assert row["diunggah_oleh"] == "alice-inspektorat"
    assert by_code["1.2"]["status"] == "Diterima"
    assert "1.1.b" not in by_code  # no evidence yet


def test_an_agency_operator_gets_their_agencys_files_only(client, bpkad_operator, bundle_documents):
    client.force_login(bpkad_operator)
    archive = _zip(client.get("/regions/62.03/evidence.zip"))
    assert archive.namelist() == ["2.1.a_Perda_APBD.pdf", "MANIFEST.csv"]


def test_a_foreign_governments_bundle_is_a_404(client, kotim_pic, bundle_documents):
    client.force_login(kotim_pic)
    assert client.get("/regions/62.03/evidence.zip").status_code == 404


def test_names_are_ascii_and_unique():
    taken: set[str] = set()
    assert bundles._unique("1.1_SK.pdf", taken) == "1.1_SK.pdf"
    assert bundles._unique("1.1_sk.pdf", taken) == "1.1_sk-2.pdf"
    assert bundles.ascii_name("Évaluasi / RKPD: “final”") == "Evaluasi_RKPD_final"
    assert sorted(["1.10", "1.2", "1.1.b", "1.1.a", "2"], key=bundles.guidebook_key) == [
        "1.1.a",
        "1.1.b",
        "1.2",
        "1.10",
        "2",
    ]
