"""The page shell: base.html, the shell context processor, auth pages and error pages."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.conf import settings
from django.template.loader import get_template
from django.test import RequestFactory

from mcsp_tracker.context_processors import shell
from tests.conftest import WIB

# Logged-in pages that only the shell renders (the dashboard belongs to another module).
PAGE = "/accounts/password_change/"


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <script> elements."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def csp_nonce(response) -> str:
    header = response.headers["Content-Security-Policy"]
    match = re.search(r"'nonce-([^']+)'", header)
    assert match, header
    return match.group(1)


# --- login and the anonymous shell -------------------------------------------------------------


def test_login_page_has_indonesian_username_and_password_fields(client, db):
    r = client.get("/accounts/login/")
    assert r.status_code == 200
    page = Tags(r.text)
    names = {attrs.get("name") for attrs in page.all("input")}
    assert {"username", "password", "csrfmiddlewaretoken"} <= names
    html = r.text
    assert ">Nama pengguna</label>" in html
    assert ">Kata sandi</label>" in html
    assert ">Masuk</button>" in html
    assert 'href="/accounts/password_reset/"' in html


def test_login_page_shows_no_menu_or_account(client, db):
    html = client.get("/accounts/login/").text
    assert 'class="site-nav"' not in html
    assert "/accounts/logout/" not in html


def test_logging_in_with_the_form_lands_on_the_dashboard(client, kapuas_pic):
    r = client.post("/accounts/login/", {"username": "bob-kapuas", "password": "mcsp-demo"})
    assert r.status_code == 302
    assert r.headers["Location"] == "/"


def test_html_lang_follows_the_active_language(client, db):
    assert '<html lang="id">' in client.get("/accounts/login/").text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in client.get("/accounts/login/").text


# --- who is logged in, and the deadline ---------------------------------------------------------


def test_header_shows_name_role_and_scope(client, kapuas_pic, programme):
    kapuas_pic.first_name, kapuas_pic.last_name = "Rina", "Wati"
    kapuas_pic.save()
    client.force_login(kapuas_pic)
    html = client.get(PAGE).text
    assert "Rina Wati" in html
    assert "Admin pemda (PIC) · Kabupaten Kapuas" in html


def test_agency_operator_scope_names_their_unit(client, bpkad_operator, programme):
    client.force_login(bpkad_operator)
    html = client.get(PAGE).text
    assert "charlie-bpkad" in html  # no full name: the username stands in
    assert "Operator OPD · BPKAD Kabupaten Kapuas" in html


def test_province_member_scope_is_the_province(client, leader, programme):
    client.force_login(leader)
    assert "Pimpinan · Provinsi Kalimantan Tengah" in client.get(PAGE).text


def test_header_shows_programme_and_days_left(client, kapuas_pic, programme):
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=WIB), tick=False):
        client.force_login(kapuas_pic)
        html = client.get(PAGE).text
    assert "MCSP 2026" in html
    assert "30 November 2026" in html
    assert "10 hari lagi" in html
    assert "countdown--urgent" in html


def test_deadline_day_says_last_day_and_after_it_says_passed(client, kapuas_pic, programme):
    with time_machine.travel(dt.datetime(2026, 11, 30, 8, 0, tzinfo=WIB), tick=False):
        client.force_login(kapuas_pic)
        assert "Hari terakhir" in client.get(PAGE).text
    with time_machine.travel(dt.datetime(2026, 12, 1, 0, 0, 5, tzinfo=WIB), tick=False):
        client.force_login(kapuas_pic)
        html = client.get(PAGE).text
    assert "lewat 1 hari" in html
    assert "countdown--over" in html


def test_header_without_an_active_programme_still_renders(client, kapuas_pic, programme):
    programme.is_active = False
    programme.save()
    client.force_login(kapuas_pic)
    r = client.get(PAGE)
    assert r.status_code == 200
    assert "hari lagi" not in r.text


# --- the context processor ---------------------------------------------------------------------


def _request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_shell_costs_nothing_until_used(inspector, programme, django_assert_num_queries):
    with django_assert_num_queries(0):
        shell(_request_for(inspector))


def test_shell_costs_at_most_two_queries(
    inspector, programme, django_assert_max_num_queries, django_user_model
):
    user = django_user_model.objects.get(pk=inspector.pk)  # no memberships cached yet
    s = shell(_request_for(user))["shell"]
    with django_assert_max_num_queries(2):
        assert s.programme == programme
        assert isinstance(s.days_left, int)
        assert s.user_name == "alice-inspektorat"
        assert str(s.role_label) == "Inspektorat"
        assert s.scope_name == "Provinsi Kalimantan Tengah"
        assert s.is_inspectorate is True
        assert s.deadline_state in {"normal", "urgent", "over"}


def test_shell_is_computed_once_per_request(inspector, programme):
    request = _request_for(inspector)
    assert shell(request)["shell"] is shell(request)["shell"]


@pytest.mark.parametrize(
    ("now", "days", "indonesian", "english"),
    [
        (dt.datetime(2026, 11, 1, 0, 0, tzinfo=WIB), 29, "29 hari lagi", "29 days left"),
        (dt.datetime(2026, 11, 29, 23, 59, 59, tzinfo=WIB), 1, "1 hari lagi", "1 day left"),
        (dt.datetime(2026, 11, 30, 0, 0, 0, tzinfo=WIB), 0, "Hari terakhir", "Last day"),
        (dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB), 0, "Hari terakhir", "Last day"),
        (dt.datetime(2026, 12, 1, 0, 0, 0, tzinfo=WIB), -1, "lewat 1 hari", "1 day overdue"),
        (dt.datetime(2026, 12, 3, 12, 0, tzinfo=WIB), -3, "lewat 3 hari", "3 days overdue"),
        # Days count in Jakarta time: 16:59 UTC is 23:59 on the 29th, 17:00 UTC the 30th.
        (dt.datetime(2026, 11, 29, 16, 59, tzinfo=dt.UTC), 1, "1 hari lagi", "1 day left"),
        (dt.datetime(2026, 11, 29, 17, 0, tzinfo=dt.UTC), 0, "Hari terakhir", "Last day"),
    ],
)
def test_one_days_left_rule_around_midnight_wib(
    inspector, programme, now, days, indonesian, english
):
    from django.utils import translation

    with time_machine.travel(now, tick=False):
        s = shell(_request_for(inspector))["shell"]
        assert (s.days_left, s.countdown) == (days, indonesian)
        with translation.override("en"):
            assert programme.countdown() == english


def test_anonymous_shell_is_empty(db):
    from django.contrib.auth.models import AnonymousUser

    s = shell(_request_for(AnonymousUser()))["shell"]
    assert s.user_name == ""
    assert s.role_label == ""
    assert s.is_inspectorate is False


# --- navigation ---------------------------------------------------------------------------------


def test_verification_link_is_shown_to_inspectorate_users(client, inspector, programme):
    client.force_login(inspector)
    assert 'href="/verify/"' in client.get(PAGE).text


@pytest.mark.parametrize("persona", ["kapuas_pic", "bpkad_operator", "leader"])
def test_verification_link_is_hidden_from_everyone_else(client, request, persona, programme):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(PAGE).text
    assert 'href="/verify/"' not in html
    assert 'href="/"' in html


def test_language_switch_is_a_post_form_that_works_without_js(client, kapuas_pic, programme):
    client.force_login(kapuas_pic)
    page = Tags(client.get(PAGE).text)
    forms = [f for f in page.all("form") if f.get("action") == "/i18n/setlang/"]
    assert len(forms) == 1
    assert forms[0]["method"] == "post"
    languages = {b.get("value") for b in page.all("button") if b.get("name") == "language"}
    assert languages == {"id", "en"}

    r = client.post("/i18n/setlang/", {"language": "en", "next": PAGE})
    assert r.status_code == 302
    assert r.headers["Location"] == PAGE
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


# --- logout ------------------------------------------------------------------------------------


def test_logout_is_a_post_form(client, kapuas_pic, programme):
    client.force_login(kapuas_pic)
    page = Tags(client.get(PAGE).text)
    logout = [f for f in page.all("form") if f.get("action") == "/accounts/logout/"]
    assert len(logout) == 1
    assert logout[0]["method"] == "post"


def test_logout_refuses_get_and_logs_out_on_post(client, kapuas_pic):
    client.force_login(kapuas_pic)
    assert client.get("/accounts/logout/").status_code == 405
    r = client.post("/accounts/logout/")
    assert r.status_code == 302
    assert r.headers["Location"] == "/accounts/login/"
    assert client.get(PAGE).status_code == 302  # back to the login page


# --- CSP, htmx, no inline styles ---------------------------------------------------------------

PAGES = ["/accounts/login/", PAGE, "/accounts/password_reset/", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_csp_has_a_nonce_and_every_script_carries_it(client, inspector, programme, path):
    client.force_login(inspector)
    r = client.get(path)
    nonce = csp_nonce(r)
    assert "style-src 'self'" in r.headers["Content-Security-Policy"]
    page = Tags(r.text)
    scripts = page.all("script")
    assert {s.get("src") for s in scripts} == {
        "/static/vendor/htmx.min.js",
        "/static/js/app.js",
        "/static/js/tables.js",
    }
    for attrs in scripts:
        assert attrs.get("nonce") == nonce
        assert "defer" in attrs
    assert page.script_text == []  # no inline scripts at all


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_styles_anywhere_in_the_shell(client, inspector, programme, path):
    client.force_login(inspector)
    page = Tags(client.get(path).text)
    assert page.all("style") == []
    assert [(tag, attrs) for tag, attrs in page.tags if "style" in attrs] == []


def test_htmx_is_vendored_and_configured_without_eval(client, db):
    page = Tags(client.get("/accounts/login/").text)
    config = [m for m in page.all("meta") if m.get("name") == "htmx-config"]
    assert len(config) == 1
    assert '"allowEval": false' in config[0]["content"]
    assert '"includeIndicatorStyles": false' in config[0]["content"]
    assert (settings.BASE_DIR / "static/vendor/htmx.min.js").stat().st_size > 10_000
    links = [a.get("href", "") for _, a in page.tags] + [a.get("src", "") for _, a in page.tags]
    assert not any(u and u.startswith(("http:", "https:", "//")) for u in links)  # no CDN


def test_body_sends_the_csrf_token_with_every_htmx_request(client, kapuas_pic, programme):
    client.force_login(kapuas_pic)
    body = Tags(client.get(PAGE).text).all("body")[0]
    assert re.fullmatch(r'\{"x-csrftoken": "[A-Za-z0-9]+"\}', body["hx-headers"])


def test_page_has_landmarks_and_a_skip_link(client, kapuas_pic, programme):
    client.force_login(kapuas_pic)
    html = client.get(PAGE).text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert "Waktu dalam WIB" in html


def test_messages_are_shown(rf, kapuas_pic, programme):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    request = rf.get(PAGE)
    request.user = kapuas_pic
    request.session = {}
    request._messages = FallbackStorage(request)
    messages.success(request, "Bukti dukung tersimpan.")
    html = render_to_string("registration/password_change_done.html", request=request)
    assert '<li class="success">Bukti dukung tersimpan.</li>' in html


# --- password change and reset -----------------------------------------------------------------


def test_password_change_works(client, kapuas_pic, programme):
    client.force_login(kapuas_pic)
    new = "Sungai-Kahayan-9"
    r = client.post(PAGE, {"old_password": "mcsp-demo", "new_password1": new, "new_password2": new})
    assert r.status_code == 302
    assert r.headers["Location"] == "/accounts/password_change/done/"
    assert "Kata sandi diubah" in client.get(r.headers["Location"]).text
    kapuas_pic.refresh_from_db()
    assert kapuas_pic.check_password(new)


def test_password_reset_sends_an_email_with_a_working_link(client, kapuas_pic, mailoutbox):
    r = client.post("/accounts/password_reset/", {"email": "bob-kapuas@example.go.id"})
    assert r.status_code == 302
    assert "Periksa email Anda" in client.get(r.headers["Location"]).text

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Atur ulang kata sandi MCSP Tracker"
    assert message.to == ["bob-kapuas@example.go.id"]
    assert "bob-kapuas" in message.body
    match = re.search(
        re.escape(settings.SITE_URL) + r"(/accounts/reset/[^/\s]+/[^/\s]+/)", message.body
    )
    assert match, message.body

    r = client.get(match.group(1))  # Django swaps the token for a session and redirects
    assert r.status_code == 302
    r = client.get(r.headers["Location"])
    assert "Buat kata sandi baru" in r.text
    new = "Sungai-Kahayan-9"
    r = client.post(r.request["PATH_INFO"], {"new_password1": new, "new_password2": new})
    assert r.headers["Location"] == "/accounts/reset/done/"
    kapuas_pic.refresh_from_db()
    assert kapuas_pic.check_password(new)


def test_password_reset_for_an_unknown_address_sends_nothing(client, db, mailoutbox):
    r = client.post("/accounts/password_reset/", {"email": "nobody@example.go.id"})
    assert r.status_code == 302  # same answer: no telling which addresses exist
    assert mailoutbox == []


def test_a_used_or_bad_reset_link_says_so(client, db):
    r = client.get("/accounts/reset/MQ/bad-token/")
    assert r.status_code == 200
    assert "Tautan tidak berlaku" in r.text


# --- error pages -------------------------------------------------------------------------------


def test_404_page_is_friendly_and_links_home(client, db):
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in r.text
    assert 'href="/"' in r.text


def test_404_page_keeps_the_shell_for_logged_in_users(client, kapuas_pic, programme):
    client.force_login(kapuas_pic)
    r = client.get("/regions/99.99/")
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in r.text
    assert "Admin pemda (PIC)" in r.text


def test_403_page_renders(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = AnonymousUser()
    r = permission_denied(request, PermissionDenied())
    assert r.status_code == 403
    assert "Akses tidak diizinkan" in r.content.decode()


def test_500_page_needs_no_request_context_or_database():
    # No `db` fixture: any query here would raise. Rendered with no context, as Django does.
    html = get_template("500.html").render()
    page = Tags(html)
    assert "Terjadi kesalahan" in html
    assert [a["href"] for a in page.all("link") if a.get("rel") == "stylesheet"] == [
        "/static/css/app.css"
    ]
    assert page.all("script") == []
    assert [attrs for _, attrs in page.tags if "style" in attrs] == []


def test_a_csrf_failure_explains_itself_without_inline_styles(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir sudah kedaluwarsa" in html
    assert "style=" not in html and "<style" not in html


def test_the_programme_switcher_shows_another_programme(client, kapuas_pic, programme, kapuas):
    from documents.models import Programme

    spi = Programme.objects.create(
        kind="spi_rtl",
        year=2024,
        name="Rencana tindak lanjut SPI 2024",
        starts_on=dt.date(2025, 1, 6),
        deadline=dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=WIB),
        is_active=False,
    )
    client.force_login(kapuas_pic)
    page = client.get("/regions/62.03/").text
    assert '<option value="spi_rtl-2024">Rencana tindak lanjut SPI 2024</option>' in page
    chosen = client.get(f"/regions/62.03/?programme={spi.slug}").text
    bar = chosen[chosen.index('class="programme-bar"') :]
    assert "<strong>Rencana tindak lanjut SPI 2024</strong>" in bar
    assert '<option value="mcsp-2026">MCSP 2026</option>' in bar
    unknown = client.get("/regions/62.03/?programme=mcsp-1999").text
    assert "<strong>MCSP 2026</strong>" in unknown  # an unknown one falls back to the current


def test_no_switcher_with_one_programme(client, kapuas_pic, programme, kapuas):
    client.force_login(kapuas_pic)
    assert "programme-switch" not in client.get("/regions/62.03/").text
