"""The weekly digests: who gets them, what they say, once, and the preview at /reports/digests/."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from documents.models import Source, Status, StatusChange
from regions.models import Profile
from reports import digests, outbox
from reports.models import Delivery, DeliveryKind, DeliveryStatus, ScoreRecord, Snapshot
from tests.conftest import WIB, make_document

MONDAY_7 = dt.datetime(2026, 11, 23, 7, 0, tzinfo=WIB)  # 2026-W48


@pytest.fixture
def week_data(programme, province, kapuas, kotim, checklist, bpkad_kapuas, bappeda_kapuas):
    """The province's own documents, Kapuas with a KPK return, Kotim with a return of its own."""
    for req in checklist:
        make_document(req, province, Status.ACCEPTED)
    make_document(
        checklist[0], kapuas, Status.NOT_UPLOADED, unit=bappeda_kapuas, due_on=dt.date(2026, 11, 25)
    )
    make_document(checklist[1], kapuas, Status.VERIFYING, unit=bappeda_kapuas)
    returned = make_document(
        checklist[2],
        kapuas,
        Status.NEEDS_REVISION,
        unit=bpkad_kapuas,
        status_changed_at=MONDAY_7 - dt.timedelta(days=2),
    )
    StatusChange.objects.create(
        document=returned,
        from_status=Status.VERIFYING,
        to_status=Status.NEEDS_REVISION,
        source=Source.KPK,
        note="Perda belum bernomor register",
        reason_code="unsigned",
        created_at=MONDAY_7 - dt.timedelta(days=2),
    )
    kotim_doc = make_document(checklist[2], kotim, Status.NEEDS_REVISION)
    StatusChange.objects.create(
        document=kotim_doc,
        from_status=Status.VERIFYING,
        to_status=Status.NEEDS_REVISION,
        source=Source.KPK,
        note="Catatan rahasia Kotim",
        created_at=MONDAY_7 - dt.timedelta(days=1),
    )
    make_document(checklist[0], kotim, Status.ACCEPTED)
    ScoreRecord.objects.create(
        programme=programme, region=province, value=Decimal("55"), recorded_on=dt.date(2026, 11, 2)
    )
    Snapshot.objects.create(
        programme=programme,
        region=province,
        day=dt.date(2026, 11, 16),
        total=3,
        accepted=2,
        not_uploaded=1,
    )


def _parts(message) -> tuple[str, str]:
    parsed = email.message_from_bytes(message.message().as_bytes())
    text = html = ""
    for part in parsed.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_payload(decode=True).decode()
        elif part.get_content_type() == "text/html":
            html = part.get_payload(decode=True).decode()
    return text, html


def _sent_to(address: str):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


# --- the week --------------------------------------------------------------------------------


def test_the_iso_week_is_the_week_in_wib():
    # Sunday 23:30 WIB is still W48 although UTC says Sunday too; Monday 00:30 WIB is W49
    assert digests.iso_week(dt.datetime(2026, 11, 29, 23, 30, tzinfo=WIB)) == "2026-W48"
    assert digests.iso_week(dt.datetime(2026, 11, 29, 17, 30, tzinfo=dt.UTC)) == "2026-W49"
    assert digests.iso_week(dt.datetime(2027, 1, 1, 8, 0, tzinfo=WIB)) == "2026-W53"


def test_a_week_is_reported_up_to_its_monday_at_seven_wib():
    assert digests.week_moment("2026-W49") == dt.datetime(2026, 11, 30, 7, 0, tzinfo=WIB)
    with pytest.raises(ValueError):
        digests.week_moment("2026-49")


def test_digests_fall_due_on_monday_at_seven_and_are_caught_up_for_a_day():
    assert digests.due_week(MONDAY_7 - dt.timedelta(minutes=1)) is None
    assert digests.due_week(MONDAY_7) == "2026-W48"
    assert digests.due_week(MONDAY_7 + dt.timedelta(hours=23)) == "2026-W48"
    assert digests.due_week(MONDAY_7 + dt.timedelta(days=1)) is None


# --- leadership ------------------------------------------------------------------------------


@time_machine.travel(MONDAY_7, tick=False)
def test_the_leadership_digest_shows_the_dashboards_numbers(
    client, inspector, leader, kapuas_pic, week_data
):
    client.force_login(inspector)
    dashboard = client.get("/").context
    call_command("send_digests", "--week", "2026-W48", "--kind", "leadership")

    message = _sent_to(leader.email)
    context = digests.leadership_context(
        Delivery.objects.get(recipient_user=leader).programme,
        dashboard["province"],
        leader,
        "2026-W48",
    )
    fields = ("total", "uploaded", "accepted", "pct_uploaded", "pct_accepted", "estimate")
    for name in fields:
        assert getattr(context["own"], name) == getattr(dashboard["own"], name), name
        assert getattr(context["total"], name) == getattr(dashboard["total"], name), name
    assert [(f.scope.code, f.rank, f.pct_accepted) for f in context["ranking"]] == [
        (f.scope.code, f.rank, f.pct_accepted) for f in dashboard["ranking"]
    ]
    text, html = _parts(message)
    own = dashboard["own"]
    assert f"Diterima KPK: {own.accepted} (100,00%)" in text
    assert "55,00 (Rentan, 2 November 2026)" in text
    assert own.countdown in text and "7 hari" in own.countdown
    assert "Kabupaten Kapuas" in text and "Kabupaten Kotawaringin Timur" in text
    assert "Buka dasbor" in html and "<svg" not in html and "<img" not in html
    assert (
        message.subject == "Ringkasan MCSP Pemprov Kalteng 2026-W48: 100,00% diterima, 7 hari lagi"
    )


@time_machine.travel(MONDAY_7, tick=False)
def test_leadership_and_inspectorate_staff_get_the_province_digest_and_pics_their_own(
    inspector, leader, kapuas_pic, kotim_pic, bpkad_operator, week_data
):
    call_command("send_digests", "--week", "2026-W48")
    kinds = {m.to[0]: m.subject for m in mail.outbox}
    assert set(kinds) == {inspector.email, leader.email, kapuas_pic.email, kotim_pic.email}
    assert "Pemprov Kalteng" in kinds[leader.email]
    assert "Kapuas" in kinds[kapuas_pic.email]
    assert bpkad_operator.email not in kinds  # operators get reminders and notices, not digests


# --- one government ----------------------------------------------------------------------------


@time_machine.travel(MONDAY_7, tick=False)
def test_a_pics_digest_lists_returns_with_kpks_notes_missing_by_agency_and_commitments(
    kapuas_pic, week_data
):
    call_command("send_digests", "--week", "2026-W48", "--kind", "government")
    text, html = _parts(_sent_to(kapuas_pic.email))
    assert "Dikembalikan untuk perbaikan (1)" in text
    assert "Catatan KPK: Belum ditandatangani atau distempel. Perda belum bernomor register" in text
    assert "baru minggu ini" in text
    assert "Bappeda (1):" in text and "1.1.a Perkada RKPD" in text
    assert "Rabu 25 November: 1.1.a" in text  # commitment due this week
    assert "Peringkat 2 dari 2 kabupaten/kota" in text
    assert "/regions/62.03/" in text and "/regions/62.03/" in html


@time_machine.travel(MONDAY_7, tick=False)
def test_a_pics_digest_holds_nothing_of_any_other_government(kapuas_pic, kotim_pic, week_data):
    call_command("send_digests", "--week", "2026-W48", "--kind", "government")
    message = _sent_to(kapuas_pic.email)
    text, html = _parts(message)
    for leak in ("Kotim", "Kotawaringin", "Catatan rahasia Kotim", "62.02", "Pemprov"):
        assert leak not in text and leak not in html and leak not in message.subject, leak


# --- once --------------------------------------------------------------------------------------


@time_machine.travel(MONDAY_7, tick=False)
def test_send_digests_twice_sends_nothing_new(inspector, leader, kapuas_pic, week_data, capsys):
    call_command("send_digests", "--week", "2026-W48")
    assert len(mail.outbox) == 3
    call_command("send_digests", "--week", "2026-W48")
    assert len(mail.outbox) == 3
    assert "0 new digest(s)" in capsys.readouterr().out
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    # every row names its person and government; the Message-ID is the row's own
    row = Delivery.objects.get(recipient_user=kapuas_pic)
    assert row.region.code == "62.03" and row.attempts == 1
    assert _sent_to(kapuas_pic.email).extra_headers["Message-ID"] == row.message_id
    assert row.message_id == f"<delivery-{row.pk}.digest_region.2026-W48@localhost>"


@time_machine.travel(MONDAY_7, tick=False)
def test_a_dry_run_lists_recipients_and_subjects_and_writes_nothing(
    leader, kapuas_pic, week_data, capsys
):
    call_command("send_digests", "--week", "2026-W48", "--dry-run")
    out = capsys.readouterr().out
    assert leader.email in out and kapuas_pic.email in out
    assert "Ringkasan MCSP Kapuas 2026-W48" in out
    assert not Delivery.objects.exists() and not mail.outbox


def test_the_tick_plans_this_weeks_digests_only_once_monday_has_come(leader, week_data):
    with time_machine.travel(MONDAY_7 - dt.timedelta(minutes=15), tick=False):
        assert outbox.due_now() == []
    with time_machine.travel(MONDAY_7, tick=False):
        first = outbox.due_now()
        assert len(first) == 1
        assert outbox.due_now() == []  # a doubled beat fire finds the row made the first time


# --- language ----------------------------------------------------------------------------------


@time_machine.travel(MONDAY_7, tick=False)
def test_a_person_who_chose_english_gets_the_digest_in_english(leader, kapuas_pic, week_data):
    Profile.objects.create(user=kapuas_pic, language="en")
    call_command("send_digests", "--week", "2026-W48")
    english = _sent_to(kapuas_pic.email)
    assert english.subject.startswith("MCSP digest Kapuas 2026-W48: 0.00% accepted")
    text, _html = _parts(english)
    assert "Returned for revision (1)" in text
    assert _sent_to(leader.email).subject.startswith("Ringkasan MCSP")


def test_the_language_switch_remembers_a_logged_in_persons_choice(client, kapuas_pic):
    client.force_login(kapuas_pic)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert Profile.objects.get(user=kapuas_pic).language == "en"
    client.logout()
    response = client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert response.status_code == 302  # anonymous: the cookie only


# --- /reports/digests/ -------------------------------------------------------------------------


@time_machine.travel(MONDAY_7 + dt.timedelta(hours=1), tick=False)
def test_inspectorate_staff_preview_each_recipients_digest_on_its_own_address(
    client, inspector, leader, kapuas_pic, week_data
):
    client.force_login(inspector)
    page = client.get("/reports/digests/")
    assert page.status_code == 200
    previews = dict((row.recipient_user_id, url) for row, url in page.context["previews"])
    assert '<iframe class="email-preview"' in page.content.decode()
    preview = client.get(previews[kapuas_pic.pk])
    assert preview.status_code == 200
    assert "Ringkasan mingguan Kabupaten Kapuas" in preview.content.decode()
    assert "style-src 'unsafe-inline'" in preview["Content-Security-Policy"]
    assert "script-src" not in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "unsafe-inline" not in page["Content-Security-Policy"]  # the page itself stays strict
    assert not Delivery.objects.exists()  # previewing sends and writes nothing


@time_machine.travel(MONDAY_7 + dt.timedelta(hours=1), tick=False)
def test_send_now_goes_through_the_once_only_path_and_the_log_shows_it(
    client, inspector, leader, kapuas_pic, week_data
):
    client.force_login(inspector)
    assert client.post("/reports/digests/").status_code == 302
    assert client.post("/reports/digests/").status_code == 302
    assert len(mail.outbox) == 3
    Delivery.objects.filter(recipient_user=leader).update(
        status=DeliveryStatus.FAILED, error="550 5.1.1 mailbox unavailable"
    )
    body = client.get("/reports/digests/").content.decode()
    assert "Terkirim" in body and "Gagal" in body and "550 5.1.1 mailbox unavailable" in body


def test_the_preview_of_someone_outside_scope_is_404(client, inspector, kapuas_pic, week_data):
    client.force_login(inspector)
    url = f"/reports/digests/preview/?kind={DeliveryKind.DIGEST_REGION}&user=999&region=1"
    assert client.get(url).status_code == 404
    assert client.get("/reports/digests/preview/").status_code == 400


def test_leaders_and_pics_may_not_open_the_digest_page(client, leader, kapuas_pic, week_data):
    for user in (leader, kapuas_pic):
        client.force_login(user)
        assert client.get("/reports/digests/").status_code == 403
        assert client.post("/reports/digests/").status_code == 403
    assert not mail.outbox


def test_no_digest_goes_to_someone_without_an_address(programme, leader, week_data):
    leader.email = ""
    leader.save()
    assert digests.plan(programme, "2026-W48") == []
