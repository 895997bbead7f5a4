"""A failed action is visible: an error or a lost connection says so where the action was, the
controls stay usable, and an expired session leads to the login page and back (issue 13)."""

from __future__ import annotations

import re

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.conftest import make_document


def _open_panel(page, doc):
    page.goto(f"{page.base}/documents/{doc.pk}/")
    return page.locator("article.document")


def _comment(panel, text):
    panel.locator("textarea[name=body]").fill(text)
    panel.get_by_role("button", name="Kirim komentar").click()


def test_a_server_error_in_the_panel_is_shown_and_the_form_stays_usable(
    open_as, kapuas_pic, checklist, kapuas
):
    doc = make_document(checklist[0], kapuas)
    page = open_as(kapuas_pic)
    panel = _open_panel(page, doc)
    page.route("**/comments/", lambda route: route.fulfill(status=500, body="boom"))
    _comment(panel, "Sedang diminta")
    expect(panel.locator(".htmx-error")).to_contain_text("Server sedang bermasalah")
    button = panel.get_by_role("button", name="Kirim komentar")
    expect(button).to_be_enabled()
    expect(panel.locator("textarea[name=body]")).to_have_value("Sedang diminta")

    page.unroute("**/comments/")
    button.click()  # the same control, now answered
    expect(page.locator("article.document")).to_contain_text("Komentar ditambahkan")
    expect(page.locator("article.document .htmx-error")).to_have_count(0)


def test_a_lost_connection_is_shown(open_as, kapuas_pic, checklist, kapuas):
    doc = make_document(checklist[0], kapuas)
    page = open_as(kapuas_pic)
    panel = _open_panel(page, doc)
    page.route("**/comments/", lambda route: route.abort("internetdisconnected"))
    _comment(panel, "Sedang diminta")
    expect(panel.locator(".htmx-error")).to_contain_text("Tidak dapat terhubung ke server")
    expect(panel.get_by_role("button", name="Kirim komentar")).to_be_enabled()


def test_an_expired_session_goes_to_login_and_back_to_the_page(
    open_as, kapuas_pic, checklist, kapuas
):
    doc = make_document(checklist[0], kapuas)
    page = open_as(kapuas_pic)
    panel = _open_panel(page, doc)
    Session.objects.all().delete()  # the session ends while the panel is open
    _comment(panel, "Sedang diminta")
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    assert f"next=%2Fdocuments%2F{doc.pk}%2F" in page.url  # the page, not the POST-only URL
    page.fill("input[name=username]", kapuas_pic.username)
    page.fill("input[name=password]", "mcsp-demo")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{page.base}/documents/{doc.pk}/")
