"""Deadline reminders at D-14, D-7, D-3 and D-1: to whom, what, once, and never stale ones."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from documents.models import Status
from regions.models import Profile
from reports import outbox, reminders
from reports.models import Delivery
from tests.conftest import WIB, make_document


@pytest.fixture
def work_left(checklist, kapuas, kotim, bpkad_kapuas, bappeda_kapuas):
    make_document(checklist[0], kapuas, Status.NOT_UPLOADED, unit=bappeda_kapuas)
    make_document(checklist[2], kapuas, Status.NEEDS_REVISION, unit=bpkad_kapuas)
    make_document(checklist[1], kapuas, Status.ACCEPTED, unit=bappeda_kapuas)
    for req in checklist:
        make_document(req, kotim, Status.VERIFYING)  # Kotim has nothing left to upload


@pytest.mark.parametrize(
    ("day", "checkpoint"),
    [
        (dt.date(2026, 11, 15), None),
        (dt.date(2026, 11, 16), 14),
        (dt.date(2026, 11, 22), 14),
        (dt.date(2026, 11, 23), 7),
        (dt.date(2026, 11, 26), 7),
        (dt.date(2026, 11, 27), 3),
        (dt.date(2026, 11, 29), 1),
        (dt.date(2026, 11, 30), 1),  # the last day: a missed D-1 still goes out
        (dt.date(2026, 12, 1), None),
    ],
)
def test_the_checkpoint_due_around_the_30_november_deadline(programme, day, checkpoint):
    assert reminders.checkpoint_on(programme, day) == checkpoint


def test_a_days_reminders_fall_due_at_seven_wib(programme):
    assert reminders.checkpoint_at(programme, dt.datetime(2026, 11, 23, 6, 59, tzinfo=WIB)) == 14
    assert reminders.checkpoint_at(programme, dt.datetime(2026, 11, 23, 7, 0, tzinfo=WIB)) == 7
    # 00:30 UTC on the 23rd is 07:30 WIB
    assert reminders.checkpoint_at(programme, dt.datetime(2026, 11, 23, 0, 30, tzinfo=dt.UTC)) == 7


@time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB), tick=False)
def test_pics_and_operators_with_work_left_get_it_by_agency_and_nobody_twice(
    kapuas_pic, bpkad_operator, kotim_pic, work_left
):
    call_command("send_reminders", "--on", "2026-11-23")
    call_command("send_reminders", "--on", "2026-11-23")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {kapuas_pic.email, bpkad_operator.email}  # Kotim is done
    pic = by_address[kapuas_pic.email]
    assert pic.subject == "D-7 MCSP Kapuas: 2 dokumen belum selesai, 7 hari lagi"
    assert "Bappeda (1):" in pic.body and "BPKAD (1):" in pic.body
    assert "1.1.a Perkada RKPD — Belum diunggah" in pic.body
    assert "2.1.a Perda APBD — Perlu perbaikan" in pic.body
    operator = by_address[bpkad_operator.email].body
    assert "BPKAD (1):" in operator and "Bappeda" not in operator  # their own agency only
    assert Delivery.objects.filter(period="D-7").count() == 2


@time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB), tick=False)
def test_a_reminder_carries_a_one_click_unsubscribe(client, kapuas_pic, work_left):
    call_command("send_reminders")
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    path = link.removeprefix("http://127.0.0.1:8000")
    page = client.get(path)
    assert page.status_code == 200 and "Ya, berhenti" in page.content.decode()
    assert not Profile.objects.filter(user=kapuas_pic).exists()  # a GET changes nothing
    # The mail provider's one-click POST has no session and no CSRF token.
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(path).status_code == 200
    assert Profile.objects.get(user=kapuas_pic).reminders is False
    with time_machine.travel(dt.datetime(2026, 11, 27, 8, 0, tzinfo=WIB), tick=False):
        call_command("send_reminders")
    assert len(mail.outbox) == 1  # no D-3 for someone who opted out


def test_a_missed_checkpoint_is_sent_once_on_the_next_tick_and_never_a_stale_one(
    kapuas_pic, work_left
):
    # The worker was down from D-14 to D-5: one tick sends D-7, not D-14 and D-7.
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, 0, tzinfo=WIB), tick=False):
        for pk in outbox.due_now():
            outbox.send(pk)
        for pk in outbox.due_now():
            outbox.send(pk)
    assert [m.subject[:4] for m in mail.outbox] == ["D-7 "]
    with time_machine.travel(dt.datetime(2026, 11, 27, 7, 15, tzinfo=WIB), tick=False):
        for pk in outbox.due_now():
            outbox.send(pk)
    assert [m.subject[:4] for m in mail.outbox] == ["D-7 ", "D-3 "]


@time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB), tick=False)
def test_a_dry_run_lists_and_writes_nothing(kapuas_pic, work_left, capsys):
    call_command("send_reminders", "--on", "2026-11-23", "--dry-run")
    out = capsys.readouterr().out
    assert kapuas_pic.email in out and "D-7 MCSP Kapuas" in out
    assert not Delivery.objects.exists() and not mail.outbox


def test_no_reminder_before_d14(kapuas_pic, work_left, capsys):
    call_command("send_reminders", "--on", "2026-11-01")
    assert "No reminder is due" in capsys.readouterr().out
    assert not mail.outbox


@time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB), tick=False)
def test_someone_who_finished_after_the_reminder_was_planned_gets_nothing(
    programme, kapuas_pic, work_left
):
    rows = outbox.plan_reminders(programme, 7, dt.date(2026, 11, 23))
    from documents.models import Document

    Document.objects.filter(status__in=reminders.OPEN).update(status=Status.UPLOADED)
    for row in rows:
        assert outbox.send(row.pk).status == "skipped"
    assert not mail.outbox
