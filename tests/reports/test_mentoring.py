"""The mentoring log: a session's commitments set documents' dates and assignees through the
workflow, and reach the PIC's to-do, the government page and both weekly digests."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from documents.models import Document, Status
from reports import digests
from reports.models import Commitment, MentoringSession
from tests.conftest import WIB, make_document

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def session(programme, kapuas, inspector):
    return MentoringSession.objects.create(
        programme=programme,
        region=kapuas,
        held_on=dt.date(2026, 11, 18),
        place="Aula Inspektorat",
        attendees="Bob (PIC Kapuas)\nKepala BPKAD",
        topics="Perda APBD yang belum diunggah",
        created_by=inspector,
    )


def test_inspectorate_staff_record_a_session(client, inspector, kapuas, checklist):
    client.force_login(inspector)
    assert client.get(reverse("mentoring")).status_code == 200
    response = client.post(
        reverse("mentoring"),
        {
            "kind": "mentoring",
            "region": kapuas.pk,
            "held_on": "2026-11-18",
            "online": "on",
            "attendees": "Bob",
            "topics": "APBD",
        },
    )
    session = MentoringSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring-session", args=[session.pk])
    assert session.online and session.created_by == inspector


def test_a_kpk_coordination_meeting_is_a_session_too(client, inspector, province, checklist):
    client.force_login(inspector)
    client.post(
        reverse("mentoring"),
        {
            "kind": "kpk",
            "region": province.pk,
            "held_on": "2026-11-19",
            "attendees": "PIC KPK Korsup Wilayah III",
            "topics": "Dokumen yang lama menunggu verifikasi",
        },
    )
    assert MentoringSession.objects.get().get_kind_display() == "Koordinasi dengan KPK"


def test_a_commitment_sets_the_documents_through_the_workflow(
    client, inspector, kapuas_pic, session, kapuas_doc
):
    client.force_login(inspector)
    response = client.post(
        reverse("mentoring-session", args=[session.pk]),
        {"documents": [kapuas_doc.pk], "assignee": kapuas_pic.pk, "due_on": "2026-11-21"},
    )
    assert response.status_code == 302
    doc = Document.objects.get(pk=kapuas_doc.pk)
    assert doc.due_on == dt.date(2026, 11, 21) and doc.assignee == kapuas_pic
    assert doc.version == kapuas_doc.version + 1  # written by workflow.assign
    commitment = Commitment.objects.get()
    assert commitment.session == session and commitment.is_overdue is False


def test_a_stale_document_refuses_the_whole_commitment(
    inspector, session, kapuas_doc, checklist, kapuas
):
    from documents.workflow import WorkflowError
    from reports import mentoring

    other = make_document(checklist[0], kapuas)
    Document.objects.filter(pk=other.pk).update(version=9)  # changed by someone meanwhile
    with pytest.raises(WorkflowError):
        mentoring.commit(session, [kapuas_doc, other], by=inspector, due_on=dt.date(2026, 11, 25))
    assert not Commitment.objects.exists()
    assert Document.objects.get(pk=kapuas_doc.pk).due_on is None  # all or nothing


def test_a_commitment_after_the_deadline_is_refused(client, inspector, session, kapuas_doc):
    client.force_login(inspector)
    response = client.post(
        reverse("mentoring-session", args=[session.pk]),
        {"documents": [kapuas_doc.pk], "due_on": "2026-12-05"},
    )
    assert response.status_code == 400
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("persona", ["kapuas_pic", "kotim_pic", "leader", "bpkad_operator"])
def test_sessions_are_the_inspectorates_own(client, persona, request, session):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("mentoring-session", args=[session.pk])).status_code == 404
    assert client.get(reverse("mentoring")).status_code == 403


def _commit(client, inspector, session, doc, pic, due="2026-11-21"):
    client.force_login(inspector)
    client.post(
        reverse("mentoring-session", args=[session.pk]),
        {"documents": [doc.pk], "assignee": pic.pk, "due_on": due},
    )
    client.logout()


def test_the_commitment_reaches_the_pics_todo_and_turns_red_when_overdue(
    client, inspector, kapuas_pic, session, kapuas_doc
):
    _commit(client, inspector, session, kapuas_doc, kapuas_pic)
    client.force_login(kapuas_pic)
    body = client.get(reverse("todo")).content.decode()
    assert "Komitmen pendampingan" in body and "Perda APBD" in body
    assert "doc-card--late" not in body.split('id="commitments"')[1].split("</section>")[0]
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        client.force_login(kapuas_pic)  # a fresh session: the first one has expired by then
        body = client.get(reverse("todo")).content.decode()
    section = body.split('id="commitments"')[1].split("</section>")[0]
    assert "doc-card--late" in section and "lewat komitmen" in section


def test_the_agency_operator_sees_their_agencys_commitment(
    client, inspector, kapuas_pic, bpkad_operator, session, kapuas_doc
):
    _commit(client, inspector, session, kapuas_doc, kapuas_pic)
    client.force_login(bpkad_operator)
    assert "Komitmen pendampingan" in client.get(reverse("todo")).content.decode()


def test_the_government_page_shows_open_commitments(
    client, inspector, kapuas_pic, kotim_pic, session, kapuas_doc, kapuas
):
    _commit(client, inspector, session, kapuas_doc, kapuas_pic)
    client.force_login(kapuas_pic)
    assert "Komitmen pendampingan" in client.get(reverse("region", args=["62.03"])).content.decode()
    client.force_login(kotim_pic)
    assert client.get(reverse("region", args=["62.03"])).status_code == 404


def test_an_overdue_commitment_is_in_both_digests(
    client, programme, province, kapuas, inspector, kapuas_pic, session, kapuas_doc
):
    _commit(client, inspector, session, kapuas_doc, kapuas_pic)
    week = "2026-W48"  # Monday 23 November: the commitment of the 21st is overdue
    region = digests.region_context(programme, kapuas, kapuas_pic, week)
    assert [c.document for c in region["overdue_commitments"]] == [kapuas_doc]
    leadership = digests.leadership_context(programme, province, inspector, week)
    assert [c.document for c in leadership["overdue_commitments"]] == [kapuas_doc]
    # Once uploaded, the promise is kept and leaves the list.
    Document.objects.filter(pk=kapuas_doc.pk).update(status=Status.UPLOADED)
    assert not digests.region_context(programme, kapuas, kapuas_pic, week)["overdue_commitments"]


def test_the_digest_emails_say_it(
    client, programme, province, kapuas, inspector, kapuas_pic, session, kapuas_doc
):
    from reports import emails

    _commit(client, inspector, session, kapuas_doc, kapuas_pic)
    context = digests.region_context(programme, kapuas, kapuas_pic, "2026-W48")
    message = emails.message("digest-region", context, to="bob@example.go.id", language="id")
    assert "Komitmen lewat tanggal" in message.body and "2.1.a Perda APBD" in message.body
