"""A government's page: figures, agencies, the filtered checklist; and the document panel."""

from __future__ import annotations

import pytest

from documents.models import Comment, Evidence, Requirement, Status
from documents.workflow import transition
from tests.conftest import make_document, query_count


@pytest.fixture
def kapuas_docs(checklist, kapuas, bpkad_kapuas, bappeda_kapuas, kapuas_pic):
    docs = [
        make_document(checklist[0], kapuas, Status.ACCEPTED, unit=bappeda_kapuas),
        make_document(
            checklist[1], kapuas, Status.NEEDS_REVISION, unit=bappeda_kapuas, assignee=kapuas_pic
        ),
        make_document(checklist[2], kapuas, Status.NOT_UPLOADED, unit=bpkad_kapuas),
    ]
    return docs


def test_the_pic_sees_figures_agencies_and_the_checklist(client, kapuas_pic, kapuas_docs):
    client.force_login(kapuas_pic)
    body = client.get("/regions/62.03/").content.decode()
    assert "Kabupaten Kapuas" in body
    assert "Peringkat OPD" in body and "BPKAD" in body and "Bappeda" in body
    for name in ("Perkada RKPD", "Berita acara Musrenbang", "Perda APBD"):
        assert name in body
    assert "Perlu perbaikan" in body


def test_the_agency_operator_sees_only_their_documents(client, bpkad_operator, kapuas_docs):
    client.force_login(bpkad_operator)
    body = client.get("/regions/62.03/").content.decode()
    assert "Perda APBD" in body
    assert "Perkada RKPD" not in body


def test_another_regencys_page_is_404(client, kotim_pic, kapuas_docs):
    client.force_login(kotim_pic)
    assert client.get("/regions/62.03/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=needs_revision", {"Berita acara Musrenbang"}),
        ("q=apbd", {"Perda APBD"}),
        ("q=musrenbang+berita", {"Berita acara Musrenbang"}),
    ],
)
def test_filters_live_in_the_url(client, kapuas_pic, kapuas_docs, query, expected):
    client.force_login(kapuas_pic)
    body = client.get(f"/regions/62.03/?{query}").content.decode()
    shown = {n for n in ("Perkada RKPD", "Berita acara Musrenbang", "Perda APBD") if n in body}
    assert shown == expected


def test_filter_by_unit_and_assignee(client, kapuas_pic, kapuas_docs, bpkad_kapuas):
    client.force_login(kapuas_pic)
    body = client.get(f"/regions/62.03/?unit={bpkad_kapuas.pk}").content.decode()
    assert "Perda APBD" in body and "Perkada RKPD" not in body
    body = client.get(f"/regions/62.03/?assignee={kapuas_pic.pk}").content.decode()
    assert "Berita acara Musrenbang" in body and "Perda APBD" not in body


def test_htmx_filtering_returns_only_the_checklist(client, kapuas_pic, kapuas_docs):
    client.force_login(kapuas_pic)
    response = client.get(
        "/regions/62.03/?status=accepted", headers={"HX-Request": "true", "HX-Target": "checklist"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="checklist"')
    assert "Perkada RKPD" in body and "Perda APBD" not in body


def test_the_query_count_does_not_grow_with_documents(
    client, kapuas_pic, kapuas_docs, kapuas, bpkad_kapuas, checklist
):
    client.force_login(kapuas_pic)
    before = query_count(client, "/regions/62.03/")
    indicator = checklist[0].indicator
    for i in range(30):
        req = Requirement.objects.create(indicator=indicator, code=f"1.1.x{i}", name=f"Dok {i}")
        make_document(req, kapuas, Status.values[i % 5], unit=bpkad_kapuas, assignee=kapuas_pic)
    assert query_count(client, "/regions/62.03/") == before


# --- the document panel ---------------------------------------------------------------------


def test_the_panel_shows_evidence_history_and_comments(client, kapuas_pic, kapuas_docs, inspector):
    doc = kapuas_docs[2]
    Evidence.objects.create(document=doc, url="https://drive.example/apbd", uploaded_by=kapuas_pic)
    Comment.objects.create(document=doc, author=inspector, body="Mohon lampirkan Perda lengkap")
    transition(doc, Status.UPLOADED, by=kapuas_pic, source="regional", expected_version=1)
    client.force_login(kapuas_pic)
    body = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "https://drive.example/apbd" in body
    assert "Mohon lampirkan Perda lengkap" in body
    assert "Belum diunggah" in body and "Siap dikirim" in body  # from → to in the history
    partial = client.get(f"/documents/{doc.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "Perda APBD" in partial


def _stored(document, name, content, content_type):
    from django.core.files.base import ContentFile

    evidence = Evidence(
        document=document,
        original_name=name,
        size=len(content),
        sha256="ab" * 32,
        content_type=content_type,
    )
    evidence.file.save(name, ContentFile(content), save=True)
    return evidence


def test_a_pdf_opens_in_a_new_tab_and_an_office_file_downloads(client, kapuas_pic, kapuas_docs):
    """Scope (404 for another regency) is proven for every route by test_every_address.py."""
    pdf = _stored(kapuas_docs[2], "perda-apbd.pdf", b"%PDF-1.4", "application/pdf")
    docx = _stored(
        kapuas_docs[2],
        "lampiran.docx",
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    client.force_login(kapuas_pic)
    response = client.get(f"/evidence/{pdf.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("inline")
        and "perda-apbd.pdf" in (response["Content-Disposition"])
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"  # no sandbox
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    download = client.get(f"/evidence/{docx.pk}/download/")
    assert download["Content-Disposition"].startswith("attachment")
    panel = client.get(f"/documents/{kapuas_docs[2].pk}/").content.decode()
    assert f'href="/evidence/{pdf.pk}/download/" target="_blank" rel="noopener"' in panel
    assert f'href="/evidence/{docx.pk}/download/">' in panel


def test_later_areas_load_when_they_scroll_into_view(client, kapuas_pic, kapuas_docs, monkeypatch):
    from documents import views

    monkeypatch.setattr(views, "CHECKLIST_FIRST_ROWS", 1)
    client.force_login(kapuas_pic)
    body = client.get("/regions/62.03/").content.decode()
    assert "3 dokumen" in body  # the count covers every area
    assert "Perkada RKPD" in body and "Perda APBD" not in body  # area 2 is a placeholder
    area2 = kapuas_docs[2].requirement.indicator.area
    assert f'part={area2.pk}" hx-trigger="revealed"' in body
    assert f'href="?area={area2.pk}#checklist"' in body  # and a plain link without htmx
    part = client.get(f"/regions/62.03/?part={area2.pk}", headers={"HX-Request": "true"})
    assert "Perda APBD" in part.content.decode() and "<html" not in part.content.decode()


def test_returns_are_counted_by_reason_and_the_list_filters_by_reason(
    client, inspector, kapuas_pic, kapuas_docs
):
    from documents.models import Document, StatusChange

    returned = kapuas_docs[1]  # needs revision since the fixture, returned for a legacy code
    StatusChange.objects.create(
        document=returned,
        from_status="verifying",
        to_status="needs_revision",
        source="kpk",
        note="Masih tahun lalu",
        reason_code="wrong_year",
    )
    Document.objects.filter(pk=kapuas_docs[2].pk).update(status="verifying")
    transition(
        Document.objects.get(pk=kapuas_docs[2].pk),
        Status.NEEDS_REVISION,
        by=inspector,
        source="kpk",
        note="PDF, bukan foto",
        reason_code="format",
        expected_version=1,
    )
    client.force_login(kapuas_pic)
    body = client.get("/regions/62.03/").content.decode()
    assert "Menurut alasan" in body
    assert "Periode atau tahun tidak sesuai" in body and "Format berkas tidak sesuai" in body
    filtered = client.get("/regions/62.03/?reason=wrong_period").content.decode()
    checklist = filtered[filtered.index('id="checklist"') :]
    assert "Berita acara Musrenbang" in checklist and "Perda APBD" not in checklist
