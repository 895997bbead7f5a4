"""The daily journeys of the demo personas, in a real browser against a live server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from documents.models import Document, Evidence, Source, Status
from documents.workflow import transition
from tests.conftest import make_document
from tests.e2e.conftest import PHONE

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def kapuas_docs(checklist, kapuas, bpkad_kapuas, bappeda_kapuas):
    return {
        "apbd": make_document(checklist[2], kapuas, unit=bpkad_kapuas),
        "rkpd": make_document(checklist[0], kapuas, unit=bappeda_kapuas),
        "musrenbang": make_document(checklist[1], kapuas, unit=bappeda_kapuas),
    }


def _panel(page):
    return page.locator("article.document")


def test_the_bpkad_operator_uploads_a_pdf_and_the_pic_sends_it_to_kpk(
    open_as, bpkad_operator, kapuas_pic, kapuas_docs, tmp_path
):
    operator = open_as(bpkad_operator)
    operator.goto(f"{operator.base}/regions/62.03/")
    operator.get_by_role("link", name="Perda APBD").click()
    expect(operator.locator("dialog#panel[open]")).to_be_visible()
    pdf = tmp_path / "Perda APBD Kapuas 2026.pdf"
    pdf.write_bytes(PDF)
    operator.locator("dialog#panel input[name=file]").set_input_files(pdf)
    operator.locator("dialog#panel").get_by_role("button", name="Unggah bukti dukung").click()
    expect(_panel(operator).locator("header .badge")).to_contain_text("Siap dikirim")
    expect(_panel(operator)).to_contain_text("Perda_APBD_Kapuas_2026.pdf")

    pic = open_as(kapuas_pic)
    pic.goto(f"{pic.base}/documents/{kapuas_docs['apbd'].pk}/")
    pic.get_by_role("button", name="Tandai sudah dikirim ke KPK").click()
    expect(_panel(pic).locator("header .badge")).to_contain_text("Proses verifikasi")
    assert Document.objects.get(pk=kapuas_docs["apbd"].pk).status == Status.VERIFYING
    assert operator.errors == [] and pic.errors == []


def test_kpk_returns_it_with_a_note_and_the_pic_resubmits(
    open_as, inspector, kapuas_pic, kapuas_docs
):
    doc = kapuas_docs["rkpd"]
    Evidence.objects.create(document=doc, url="https://drive.example/rkpd-v1")
    transition(doc, Status.UPLOADED, by=kapuas_pic, source=Source.REGIONAL, expected_version=1)
    transition(doc, Status.VERIFYING, by=kapuas_pic, source=Source.REGIONAL, expected_version=2)

    staff = open_as(inspector)
    staff.goto(f"{staff.base}/documents/{doc.pk}/")
    form = staff.locator(
        "form.action-form", has=staff.get_by_role("button", name="Catat: dikembalikan KPK")
    )
    form.locator("select[name=reason]").select_option("unsigned")
    form.locator("textarea[name=note]").fill("Perkada belum ditandatangani Bupati")
    form.get_by_role("button").click()
    expect(_panel(staff).locator("header .badge")).to_contain_text("Perlu perbaikan")

    pic = open_as(kapuas_pic)
    pic.goto(f"{pic.base}/documents/{doc.pk}/")
    expect(_panel(pic)).to_contain_text("Perkada belum ditandatangani Bupati")
    pic.fill("input[name=url]", "https://drive.example/rkpd-v2-ditandatangani")
    pic.get_by_role("button", name="Unggah bukti dukung").click()
    expect(_panel(pic).locator("header .badge")).to_contain_text("Siap dikirim")
    doc.refresh_from_db()
    assert doc.status == Status.UPLOADED
    assert doc.history.latest("pk").evidence.url.endswith("rkpd-v2-ditandatangani")


def test_leadership_sees_the_figures_change_without_a_reload(
    open_as, leader, kapuas_pic, kapuas_docs
):
    watcher = open_as(leader)
    watcher.goto(f"{watcher.base}/")
    uploaded = watcher.locator("#total-title ~ .cards .card").nth(1).locator(".figure")
    expect(uploaded).to_have_text("0")
    watcher.evaluate("window.__sameDocument = true")

    pic = open_as(kapuas_pic)
    pic.goto(f"{pic.base}/documents/{kapuas_docs['musrenbang'].pk}/")
    pic.fill("input[name=url]", "https://drive.example/ba-musrenbang")
    pic.get_by_role("button", name="Unggah bukti dukung").click()
    expect(_panel(pic).locator("header .badge")).to_contain_text("Siap dikirim")

    expect(uploaded).to_have_text("1", timeout=12_000)
    expect(watcher.locator("#live")).to_contain_text("Kapuas · Berita acara Musrenbang")
    assert watcher.evaluate("window.__sameDocument") is True  # no reload happened


def test_an_open_panel_and_typed_text_survive_a_live_refresh(
    open_as, kapuas_pic, inspector, kapuas_docs
):
    pic = open_as(kapuas_pic)
    pic.goto(f"{pic.base}/regions/62.03/")
    pic.get_by_role("link", name="Perkada RKPD").click()
    comment = pic.locator("dialog#panel textarea[name=body]")
    comment.fill("Sedang diminta ke Bappeda")

    doc = kapuas_docs["apbd"]  # someone else changes another document of Kapuas
    Evidence.objects.create(document=doc, url="https://drive.example/apbd")
    transition(doc, Status.UPLOADED, by=inspector, source=Source.REGIONAL, expected_version=1)

    expect(pic.locator("#live")).to_contain_text("Kapuas · Perda APBD", timeout=12_000)
    expect(pic.locator(f"#doc-{doc.pk} .badge")).to_contain_text("Siap dikirim")
    expect(pic.locator("dialog#panel[open]")).to_be_visible()
    expect(comment).to_have_value("Sedang diminta ke Bappeda")


def test_the_pic_of_kapuas_cannot_open_another_regency(open_as, kapuas_pic, kotim_doc, kapuas_docs):
    pic = open_as(kapuas_pic)
    assert pic.goto(f"{pic.base}/regions/62.02/").status == 404
    assert pic.goto(f"{pic.base}/documents/{kotim_doc.pk}/").status == 404
    expect(pic.locator("main")).to_contain_text("tidak ditemukan")


def test_the_phone_layout_serves_the_pics_daily_check(open_as, kapuas_pic, kapuas_docs):
    pic = open_as(kapuas_pic, viewport=PHONE)
    pic.goto(f"{pic.base}/")
    pic.wait_for_url("**/todo/")  # a PIC lands on what is left to do
    assert pic.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(pic.locator(".todo-count").nth(1)).to_contain_text("3")  # three not uploaded
    pic.get_by_role("link", name="Perda APBD").click()
    panel = pic.locator("dialog#panel[open]")
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    pic.keyboard.press("Escape")
    pic.get_by_role("link", name="Dokumen", exact=True).click()
    pic.wait_for_url("**/regions/62.03/")
    pic.select_option("select[name=status]", "not_uploaded")
    expect(pic.locator("#checklist")).to_contain_text("3 dokumen")
    assert pic.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("persona", ["inspector", "kapuas_pic", "bpkad_operator", "leader"])
def test_no_page_pans_sideways_on_a_phone(open_as, request, persona, kapuas_docs, province):
    """Every page in the persona's menu, and their government page, is as wide as the phone."""
    page = open_as(request.getfixturevalue(persona), viewport=PHONE)
    paths = {"/", "/todo/", "/accounts/emails/"}
    paths |= {
        href
        for href in page.locator("nav.site-nav a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
    }
    paths.add("/regions/62.03/" if persona != "leader" else "/regions/62/")
    for path in sorted(paths):
        page.goto(f"{page.base}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{persona} {path}: {width} px wide"


def test_my_own_change_is_not_someone_elses_but_theirs_is(
    open_as, kapuas_pic, inspector, kapuas_docs
):
    doc = kapuas_docs["musrenbang"]
    Evidence.objects.create(document=doc, url="https://drive.example/ba")
    pic = open_as(kapuas_pic)
    pic.goto(f"{pic.base}/regions/62.03/")
    pic.get_by_role("link", name="Berita acara Musrenbang").click()
    panel = _panel(pic)
    panel.get_by_role("button", name="Kirim bukti").click()  # the PIC's own change
    expect(panel.locator("header .badge")).to_contain_text("Siap dikirim")
    # The next live poll reports the change; the panel already shows it, so no warning.
    with pic.expect_response(lambda r: "/live/" in r.url and r.status == 200, timeout=15000):
        pass
    pic.wait_for_timeout(300)
    expect(panel.locator(".panel-stale")).to_have_count(0)
    # Someone else's change to the same document is announced.
    fresh = Document.objects.get(pk=doc.pk)
    transition(
        fresh,
        Status.VERIFYING,
        by=inspector,
        source=Source.REGIONAL,
        expected_version=fresh.version,
    )
    expect(panel.locator(".panel-stale")).to_be_visible(timeout=15000)


def test_an_open_panel_says_when_its_document_changed_elsewhere(
    open_as, kapuas_pic, inspector, kapuas_docs
):
    pic = open_as(kapuas_pic)
    pic.goto(f"{pic.base}/regions/62.03/")
    pic.get_by_role("link", name="Perda APBD").click()
    expect(pic.locator("dialog#panel[open]")).to_be_visible()

    doc = kapuas_docs["apbd"]  # the inspectorate acts on the very document the PIC has open
    Evidence.objects.create(document=doc, url="https://drive.example/apbd")
    transition(doc, Status.UPLOADED, by=inspector, source=Source.REGIONAL, expected_version=1)

    expect(pic.locator("dialog#panel .panel-stale")).to_be_visible(timeout=12_000)
    pic.keyboard.press("Escape")
    expect(pic).to_have_url(f"{pic.base}/regions/62.03/")  # the list address is back


def test_the_inspectorate_works_through_the_queue_in_the_panel(open_as, inspector, kapuas_docs):
    for doc in (kapuas_docs["rkpd"], kapuas_docs["musrenbang"]):
        Document.objects.filter(pk=doc.pk).update(status=Status.VERIFYING)
    staff = open_as(inspector)
    staff.goto(f"{staff.base}/verify/?stage=verifying")
    staff.get_by_role("link", name="pratinjau").first.click()
    panel = staff.locator("dialog#panel[open] article.document")
    expect(panel).to_be_visible()
    panel.get_by_role("button", name="Catat: diterima KPK").click()
    expect(panel.locator(".message--success")).to_be_visible()
    # The queue behind the panel drops the accepted document; the panel offers the next one.
    expect(staff.locator("#queue-list input[name=versions]")).to_have_count(1)
    staff.locator(".queue-next a").click()
    expect(staff.locator("dialog#panel[open] h2")).to_contain_text("Berita acara Musrenbang")
