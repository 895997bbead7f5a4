"""The inspectorate's week in a real browser: publish a week and open it as an anonymous visitor
on a phone; log a session with a commitment and find it in the PIC's to-do."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from documents.models import Status
from tests.conftest import make_document
from tests.e2e.conftest import PHONE


@pytest.fixture
def week_docs(programme, province, kapuas, kotim, checklist, bpkad_kapuas):
    make_document(checklist[0], province, Status.ACCEPTED)
    make_document(checklist[0], kapuas, Status.ACCEPTED)
    make_document(checklist[2], kapuas, Status.NOT_UPLOADED, unit=bpkad_kapuas)
    make_document(checklist[0], kotim, Status.NOT_UPLOADED)


def test_a_published_week_opens_on_a_phone_without_login(open_as, browser, inspector, week_docs):
    page = open_as(inspector)
    page.goto(f"{page.base}/reports/publish/")
    week = page.input_value("input[name=week]")
    page.click("main form button[type=submit]")
    expect(page.locator("#messages")).to_contain_text(week)

    visitor = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
    visitor.goto(f"{page.base}/capaian/62/{week}/")
    expect(visitor.locator("h1")).to_contain_text("Kalimantan Tengah")
    expect(visitor.locator("table")).to_contain_text("Kapuas")
    assert visitor.locator("button[data-copy]").is_visible()  # copy.js ran under the CSP
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    visitor.context.close()


def test_a_commitment_reaches_the_pics_todo(open_as, inspector, kapuas_pic, kapuas, week_docs):
    page = open_as(inspector)
    page.goto(f"{page.base}/mentoring/")
    page.select_option("select[name=region]", label="Kabupaten Kapuas")
    page.fill("textarea[name=attendees]", "PIC Kapuas")
    page.fill("textarea[name=topics]", "Perda APBD")
    page.click("main form button[type=submit]")
    page.select_option("select[name=documents]", index=0)
    page.fill("input[name=due_on]", "2026-11-30")
    page.click("main form button[type=submit]")
    expect(page.locator("#messages")).to_contain_text("Komitmen dicatat")

    pic = open_as(kapuas_pic, viewport=PHONE)
    pic.goto(f"{pic.base}/todo/")
    expect(pic.locator("#commitments")).to_contain_text("Perda APBD")
