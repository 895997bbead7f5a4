"""The inspectorate invites a new PIC in a real browser; the email arrives on a loopback SMTP
server; the PIC opens its link in a second browser, sets a password and sees only Kapuas."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

from documents.models import Status
from tests.conftest import make_document, make_user
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.browser


class Inbox:
    def __init__(self):
        self.messages = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        self.arrived.set()
        return "250 OK"


@pytest.fixture
def smtp(settings, live_server):
    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    settings.SITE_URL = live_server.url
    yield inbox
    controller.stop()


def test_an_invited_pic_sets_a_password_and_sees_only_their_government(
    open_as, browser, smtp, province, kapuas, kotim, checklist
):
    make_document(checklist[0], kapuas, Status.NOT_UPLOADED)
    make_document(checklist[0], kotim, Status.NOT_UPLOADED)
    inspector = make_user("inspektorat", province, "inspectorate")
    page = open_as(inspector)
    page.goto(f"{page.base}/people/")
    page.fill("input[name=first_name]", "Rina")
    page.fill("input[name=email]", "rina@kapuaskab.go.id")
    page.fill("input[name=username]", "rina-kapuas")
    page.select_option("select[name=role]", "regional")
    page.select_option("select[name=region]", label=kapuas.name)
    page.click("text=Kirim undangan")
    page.wait_for_url("**/people/*/")
    assert "Undangan dikirim" in page.inner_text("#messages")
    assert smtp.arrived.wait(10)
    [message] = smtp.messages
    assert message["To"] == "rina@kapuaskab.go.id"
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://\S+/invitation/\S+/", body).group(0)

    # A second browser: nobody logged in, a phone.
    context = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
    try:
        second = context.new_page()
        second.goto(link)
        assert "rina-kapuas" in second.inner_text("main")
        second.fill("input[name=new_password1]", "Sampit-Kapuas-2026!")
        second.fill("input[name=new_password2]", "Sampit-Kapuas-2026!")
        second.click("text=Simpan kata sandi dan masuk")
        second.wait_for_url(lambda url: "/invitation/" not in url)
        second.goto(f"{page.base}/regions/{kapuas.code}/")
        assert "Kabupaten Kapuas" in second.inner_text("main h1")
        response = second.goto(f"{page.base}/regions/{kotim.code}/")
        assert response.status == 404
        # The invitation now reads as accepted on the inspectorate's side.
        page.goto(f"{page.base}/people/?q=rina")
        assert "Aktif" in page.inner_text("main table")
    finally:
        context.close()
