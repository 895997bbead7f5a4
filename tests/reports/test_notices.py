"""Notices when a document is returned or accepted: batched, after commit, to the right people;
and the opt-out (signed link, settings page)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.test import Client

from documents import workflow
from documents.models import Source, Status
from regions import preferences
from regions.models import Profile, Role
from reports import notices, outbox
from reports.models import Delivery
from tests.conftest import WIB, make_document, make_user

NOON = dt.datetime(2026, 11, 20, 12, 1, tzinfo=WIB)


@pytest.fixture
def verifying(checklist, kapuas, kotim, bpkad_kapuas, bappeda_kapuas):
    """Kapuas: three documents at KPK (two BPKAD, one Bappeda); Kotim: one."""
    docs = [
        make_document(checklist[2], kapuas, Status.VERIFYING, unit=bpkad_kapuas),
        make_document(checklist[1], kapuas, Status.VERIFYING, unit=bpkad_kapuas),
        make_document(checklist[0], kapuas, Status.VERIFYING, unit=bappeda_kapuas),
    ]
    make_document(checklist[0], kotim, Status.VERIFYING)
    return docs


@pytest.fixture
def bappeda_operator(kapuas, bappeda_kapuas):
    return make_user("dewi-bappeda", kapuas, Role.AGENCY, bappeda_kapuas)


def _kpk(inspector, doc, to, note=""):
    return workflow.transition(
        doc,
        to,
        by=inspector,
        source=Source.KPK,
        expected_version=doc.version,
        note=note,
        reason_code="incomplete" if to == Status.NEEDS_REVISION else "",
    )


@pytest.fixture
def broker(monkeypatch):
    """A worker's broker, as seen from here: what was queued, and for when."""
    from mcsp_tracker.celery import app
    from reports.tasks import send_delivery

    queued = []
    app.conf.task_always_eager = False
    monkeypatch.setattr(
        send_delivery, "apply_async", lambda args, eta: queued.append((args[0], eta))
    )
    yield queued
    app.conf.task_always_eager = True


def test_a_bulk_verdict_of_many_documents_is_one_email_per_person(
    inspector, kapuas_pic, bpkad_operator, bappeda_operator, kotim_pic, verifying,
    django_capture_on_commit_callbacks, broker,
):  # fmt: skip
    with (
        time_machine.travel(NOON, tick=False),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        _kpk(inspector, verifying[0], Status.NEEDS_REVISION, "Lampiran tidak lengkap")
        _kpk(inspector, verifying[1], Status.ACCEPTED)
        _kpk(inspector, verifying[2], Status.ACCEPTED)
    # One task per person, due when the 12:00–12:05 batch has closed (plus a grace).
    due = dt.datetime(2026, 11, 20, 12, 5, 30, tzinfo=WIB)
    assert [eta for _pk, eta in broker] == [due] * 3
    assert not mail.outbox
    with time_machine.travel(due, tick=False):  # the worker runs the tasks at their time
        for pk, _eta in broker:
            outbox.send(pk)
    with time_machine.travel(due + dt.timedelta(minutes=10), tick=False):
        for pk in outbox.due_now():  # the tick finds no notice left to send
            outbox.send(pk)
    mail.outbox = [m for m in mail.outbox if not m.subject.startswith("D-")]  # reminders
    by_address = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3
    assert set(by_address) == {kapuas_pic.email, bpkad_operator.email, bappeda_operator.email}
    pic = by_address[kapuas_pic.email]
    assert pic.subject == "MCSP Kapuas: 1 dikembalikan, 2 diterima"
    assert "Verifikasi KPK: Tidak lengkap. Lampiran tidak lengkap" in pic.body
    assert "1.1.a" in pic.body and "1.1.b" in pic.body and "2.1.a" in pic.body
    bappeda = by_address[bappeda_operator.email]
    assert bappeda.subject == "MCSP Kapuas: 1 dokumen diterima"  # their agency's only
    assert "2.1.a" not in bappeda.body
    assert "List-Unsubscribe" in pic.extra_headers


def test_sync_and_import_changes_send_no_notice(inspector, kapuas_pic, verifying):
    change = workflow.transition(
        verifying[0],
        Status.ACCEPTED,
        by=inspector,
        source=Source.SYNC,
        expected_version=verifying[0].version,
        note="sesuai jaga.id",
    )
    assert notices.plan(change) == []


def test_a_rolled_back_change_sends_nothing(
    inspector, kapuas_pic, verifying, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _kpk(inspector, verifying[2], Status.ACCEPTED)
        raise RuntimeError("the request failed after the change")
    assert not Delivery.objects.exists()


def test_without_a_broker_the_notice_goes_out_at_once(
    inspector, kapuas_pic, verifying, django_capture_on_commit_callbacks
):
    # make run: tasks run eagerly and nobody would wait for the batch window to close.
    with django_capture_on_commit_callbacks(execute=True):
        _kpk(inspector, verifying[2], Status.ACCEPTED)
    assert [m.to for m in mail.outbox] == [[kapuas_pic.email]]


def test_people_who_turned_notices_off_get_none(
    inspector, kapuas_pic, verifying, django_capture_on_commit_callbacks
):
    Profile.objects.create(user=kapuas_pic, notices=False)
    with django_capture_on_commit_callbacks(execute=True):
        _kpk(inspector, verifying[2], Status.ACCEPTED)
    assert not mail.outbox


def test_batches_follow_the_wib_clock():
    start, end = notices.window(dt.datetime(2026, 11, 20, 5, 7, 30, tzinfo=dt.UTC))
    assert (start, end) == (
        dt.datetime(2026, 11, 20, 12, 5, tzinfo=WIB),
        dt.datetime(2026, 11, 20, 12, 10, tzinfo=WIB),
    )
    assert notices.window_of("2026-11-20T12:05") == (start, end)


# --- opting out ---------------------------------------------------------------------------------


def test_a_forged_or_mangled_unsubscribe_link_is_refused(kapuas_pic):
    token = preferences.unsubscribe_token(kapuas_pic, "notices")
    response = Client().post(f"/emails/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert not Profile.objects.filter(user=kapuas_pic).exists()


def test_the_unsubscribe_link_turns_off_only_its_own_kind(kapuas_pic):
    token = preferences.unsubscribe_token(kapuas_pic, "notices")
    assert Client(enforce_csrf_checks=True).post(f"/emails/unsubscribe/{token}/").status_code == 200
    profile = Profile.objects.get(user=kapuas_pic)
    assert (profile.notices, profile.reminders) == (False, True)


def test_the_settings_page_turns_each_kind_on_or_off_and_sets_the_email_language(
    client, kapuas_pic
):
    client.force_login(kapuas_pic)
    page = client.get("/accounts/emails/")
    assert page.status_code == 200 and "Pengingat batas waktu" in page.content.decode()
    response = client.post("/accounts/emails/", {"language": "en", "notices": "on"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=kapuas_pic)
    assert (profile.language, profile.reminders, profile.notices) == ("en", False, True)


def test_the_settings_page_is_for_logged_in_people(client, db):
    assert client.get("/accounts/emails/").status_code == 302
