"""The status workflow of DESIGN.md, checked against an independent copy of its table, and the
shared rules it owns (permissions, return reasons, the signal after commit)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection, transaction
from django.utils import timezone

from documents import workflow
from documents.models import Evidence, ReturnReason, Source, Status, StatusChange
from documents.signals import status_changed
from documents.workflow import WorkflowError, permissions, transition
from regions.models import Role

S = Status
# DESIGN.md "Status workflow", written out pair by pair: (from, to, role, source).
EXPECTED = {
    *(
        (f, S.UPLOADED, role, src)
        for f in (S.NOT_UPLOADED, S.NEEDS_REVISION)
        for role, src in (
            (Role.AGENCY, Source.AGENCY),
            (Role.REGIONAL, Source.REGIONAL),
            (Role.INSPECTORATE, Source.REGIONAL),
        )
    ),
    (S.UPLOADED, S.NEEDS_REVISION, Role.REGIONAL, Source.REGIONAL),
    (S.UPLOADED, S.NEEDS_REVISION, Role.INSPECTORATE, Source.REVIEW),
    (S.UPLOADED, S.VERIFYING, Role.REGIONAL, Source.REGIONAL),
    (S.UPLOADED, S.VERIFYING, Role.INSPECTORATE, Source.REGIONAL),
    (S.VERIFYING, S.ACCEPTED, Role.INSPECTORATE, Source.KPK),
    (S.VERIFYING, S.NEEDS_REVISION, Role.INSPECTORATE, Source.KPK),
    (S.ACCEPTED, S.NEEDS_REVISION, Role.INSPECTORATE, Source.KPK),
    (S.ACCEPTED, S.NEEDS_REVISION, Role.INSPECTORATE, Source.REVIEW),
    *(
        (f, t, Role.INSPECTORATE, src)
        for f, t in itertools.permutations(S.values, 2)
        for src in (Source.SYNC, Source.IMPORT)
    ),
}


def _set_status(document, status):
    """Put the document in ``status`` as of yesterday, so today's evidence counts as new."""
    type(document).objects.filter(pk=document.pk).update(
        status=status, status_changed_at=timezone.now() - dt.timedelta(days=1)
    )
    document.refresh_from_db()


@pytest.fixture
def actors(inspector, kapuas_pic, bpkad_operator, leader):
    return {
        Role.INSPECTORATE: inspector,
        Role.REGIONAL: kapuas_pic,
        Role.AGENCY: bpkad_operator,
        Role.LEADERSHIP: leader,
    }


@pytest.fixture
def evidence(kapuas_doc, bpkad_operator):
    return Evidence.objects.create(
        document=kapuas_doc, url="https://drive.example/perda-apbd", uploaded_by=bpkad_operator
    )


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.permutations(S.values, 2)))
def test_every_change_is_allowed_exactly_as_the_table_says(
    actors, kapuas_doc, evidence, from_status, to_status
):
    for (role, user), source in itertools.product(actors.items(), Source.values):
        _set_status(kapuas_doc, from_status)
        expected = (from_status, to_status, role, source) in EXPECTED
        before = StatusChange.objects.count()
        try:
            transition(
                kapuas_doc,
                to_status,
                by=user,
                source=source,
                note="Catatan uji",
                reason_code=ReturnReason.INCOMPLETE,
                expected_version=kapuas_doc.version,
            )
        except WorkflowError as exc:
            assert not expected, f"{role}/{source} refused {from_status}→{to_status}: {exc}"
            assert StatusChange.objects.count() == before
        else:
            assert expected, f"{role}/{source} was allowed {from_status}→{to_status}"
            kapuas_doc.refresh_from_db()
            assert kapuas_doc.status == to_status
            change = StatusChange.objects.latest("pk")
            assert (change.from_status, change.to_status, change.source, change.actor) == (
                from_status,
                to_status,
                source,
                user,
            )


def test_permissions_offer_what_transition_accepts(actors, kapuas_doc, evidence):
    """The panel offers every allowed change but the workbook import, which has its own page."""
    for status in S.values:
        _set_status(kapuas_doc, status)
        for role, user in actors.items():
            may = permissions(user, kapuas_doc)
            offered = {(c.to, c.source) for c in (*may.changes, *may.sync_changes)}
            expected = {
                (t, src)
                for f, t, r, src in EXPECTED
                if f == status and r == role and src != Source.IMPORT
            }
            assert offered == expected, (status, role)
            assert all(c.source == Source.SYNC for c in may.sync_changes)


def test_permissions_name_every_other_action(actors, kapuas_doc, kotim_pic):
    flags = {
        role: (p.may_act, p.may_add_evidence, p.may_comment, p.may_assign)
        for role, user in actors.items()
        for p in [permissions(user, kapuas_doc)]
    }
    assert flags == {
        Role.INSPECTORATE: (True, True, True, True),
        Role.REGIONAL: (True, True, True, True),
        Role.AGENCY: (True, True, True, False),
        Role.LEADERSHIP: (False, False, False, False),
    }
    outsider = permissions(kotim_pic, kapuas_doc)
    assert not outsider.may_act and not outsider.changes


def test_submit_is_offered_only_with_evidence_to_send(bpkad_operator, kapuas_doc):
    assert not permissions(bpkad_operator, kapuas_doc).changes
    Evidence.objects.create(document=kapuas_doc, url="https://drive.example/apbd")
    (change,) = permissions(bpkad_operator, kapuas_doc).changes
    assert (change.key, change.to, change.source) == ("submit", S.UPLOADED, Source.AGENCY)


def test_queue_actions_are_the_workflows_rules():
    assert [r.key for r in workflow.queue_actions(S.UPLOADED)] == ["send", "review_return"]
    assert [r.key for r in workflow.queue_actions(S.VERIFYING)] == ["accept", "kpk_return"]
    returns = {r.key for r in workflow.RULES if r.is_return}
    assert returns == {"review_return", "kpk_return", "kpk_reopen", "review_reopen"}
    assert all(r.needs_note and r.needs_reason for r in workflow.RULES if r.is_return)


def test_leadership_may_change_nothing(leader, kapuas_doc, evidence):
    with pytest.raises(WorkflowError) as exc:
        transition(kapuas_doc, S.UPLOADED, by=leader, source=Source.REGIONAL, expected_version=1)
    assert exc.value.code == "forbidden"


def test_a_pic_of_another_regency_may_not_act(kotim_pic, kapuas_doc, evidence):
    with pytest.raises(WorkflowError) as exc:
        transition(kapuas_doc, S.UPLOADED, by=kotim_pic, source=Source.REGIONAL, expected_version=1)
    assert exc.value.code == "forbidden"


def test_an_agency_operator_acts_on_own_unit_only(
    bpkad_operator, kapuas_doc, bappeda_kapuas, evidence
):
    kapuas_doc.unit = bappeda_kapuas
    kapuas_doc.save(update_fields=["unit"])
    with pytest.raises(WorkflowError) as exc:
        transition(
            kapuas_doc, S.UPLOADED, by=bpkad_operator, source=Source.AGENCY, expected_version=1
        )
    assert exc.value.code == "forbidden"


def test_submitting_needs_evidence(bpkad_operator, kapuas_doc):
    with pytest.raises(WorkflowError) as exc:
        transition(
            kapuas_doc, S.UPLOADED, by=bpkad_operator, source=Source.AGENCY, expected_version=1
        )
    assert exc.value.code == "needs_evidence"
    kapuas_doc.refresh_from_db()
    assert kapuas_doc.status == S.NOT_UPLOADED
    assert not StatusChange.objects.exists()


def test_submitting_records_the_current_evidence(bpkad_operator, kapuas_doc, evidence):
    change = transition(
        kapuas_doc, S.UPLOADED, by=bpkad_operator, source=Source.AGENCY, expected_version=1
    )
    assert change.evidence == evidence


@pytest.mark.parametrize("note", ["", "   "])
def test_returning_needs_a_note(kapuas_pic, kapuas_doc, note):
    _set_status(kapuas_doc, S.UPLOADED)
    with pytest.raises(WorkflowError) as exc:
        transition(
            kapuas_doc,
            S.NEEDS_REVISION,
            by=kapuas_pic,
            source=Source.REGIONAL,
            note=note,
            reason_code=ReturnReason.FORMAT,
            expected_version=kapuas_doc.version,
        )
    assert exc.value.code == "needs_note"


@pytest.mark.parametrize("reason", ["", "no_such_reason"])
def test_returning_needs_a_reason_from_the_list(kapuas_pic, kapuas_doc, reason):
    _set_status(kapuas_doc, S.UPLOADED)
    with pytest.raises(WorkflowError) as exc:
        transition(
            kapuas_doc,
            S.NEEDS_REVISION,
            by=kapuas_pic,
            source=Source.REGIONAL,
            note="Tanda tangan kurang",
            reason_code=reason,
            expected_version=kapuas_doc.version,
        )
    assert exc.value.code == "needs_reason"
    assert not StatusChange.objects.exists()


def test_a_return_records_its_reason(inspector, kapuas_doc):
    _set_status(kapuas_doc, S.VERIFYING)
    change = transition(
        kapuas_doc,
        S.NEEDS_REVISION,
        by=inspector,
        source=Source.KPK,
        note="Belum distempel",
        reason_code=ReturnReason.UNSIGNED,
        expected_version=kapuas_doc.version,
    )
    assert StatusChange.objects.get(pk=change.pk).reason == ReturnReason.UNSIGNED


def test_reason_codes_written_before_the_list_still_read_as_a_reason():
    assert ReturnReason.of("wrong_year") == ReturnReason.WRONG_PERIOD
    assert ReturnReason.of("no_stamp") == ReturnReason.UNSIGNED
    assert ReturnReason.of("format") == ReturnReason.FORMAT
    assert ReturnReason.of("") is None and ReturnReason.of("??") is None


def test_the_signal_is_sent_after_commit_and_never_for_a_rolled_back_change(
    inspector, kapuas_doc, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, change, **kwargs):
        heard.append(change.to_status)

    status_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            transition(
                kapuas_doc,
                S.ACCEPTED,
                by=inspector,
                source=Source.SYNC,
                note="Sesuai jaga.id",
                expected_version=1,
            )
            assert heard == []  # not before the commit
        assert heard == [S.ACCEPTED]
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            transition(
                kapuas_doc,
                S.VERIFYING,
                by=inspector,
                source=Source.SYNC,
                note="x",
                expected_version=2,
            )
            raise RuntimeError("the surrounding work failed")
        assert heard == [S.ACCEPTED]
    finally:
        status_changed.disconnect(listener)


def test_a_stale_version_is_refused_and_nothing_is_written(kapuas_pic, inspector, kapuas_doc):
    _set_status(kapuas_doc, S.UPLOADED)
    seen_version = kapuas_doc.version
    transition(
        kapuas_doc, S.VERIFYING, by=inspector, source=Source.REGIONAL, expected_version=seen_version
    )
    stale_copy = type(kapuas_doc).objects.get(pk=kapuas_doc.pk)
    stale_copy.status = S.UPLOADED  # what the PIC's open page still shows
    with pytest.raises(WorkflowError) as exc:
        transition(
            stale_copy,
            S.NEEDS_REVISION,
            by=kapuas_pic,
            source=Source.REGIONAL,
            note="Tanda tangan kurang",
            reason_code=ReturnReason.UNSIGNED,
            expected_version=seen_version,
        )
    assert exc.value.is_stale
    kapuas_doc.refresh_from_db()
    assert (kapuas_doc.status, kapuas_doc.version) == (S.VERIFYING, seen_version + 1)
    assert StatusChange.objects.count() == 1


def test_a_double_submit_changes_the_document_once(kapuas_pic, kapuas_doc):
    _set_status(kapuas_doc, S.UPLOADED)
    version = kapuas_doc.version
    first = type(kapuas_doc).objects.get(pk=kapuas_doc.pk)
    second = type(kapuas_doc).objects.get(pk=kapuas_doc.pk)
    transition(first, S.VERIFYING, by=kapuas_pic, source=Source.REGIONAL, expected_version=version)
    with pytest.raises(WorkflowError):
        transition(
            second, S.VERIFYING, by=kapuas_pic, source=Source.REGIONAL, expected_version=version
        )
    assert StatusChange.objects.filter(document=kapuas_doc).count() == 1


def test_no_change_is_refused(inspector, kapuas_doc):
    with pytest.raises(WorkflowError) as exc:
        transition(
            kapuas_doc,
            S.NOT_UPLOADED,
            by=inspector,
            source=Source.SYNC,
            note="x",
            expected_version=1,
        )
    assert exc.value.code == "no_change"


def test_refusals_are_translated(kapuas_pic, kapuas_doc, settings):
    from django.utils import translation

    with translation.override("en"), pytest.raises(WorkflowError) as exc:
        transition(kapuas_doc, S.ACCEPTED, by=kapuas_pic, source=Source.KPK, expected_version=1)
    assert exc.value.code == "not_allowed"
    assert "not allowed" in str(exc.value.message)


# --- the audit trail cannot be rewritten -------------------------------------------------------


@pytest.fixture
def change(inspector, kapuas_doc):
    return transition(
        kapuas_doc,
        S.ACCEPTED,
        by=inspector,
        source=Source.SYNC,
        note="Sesuai jaga.id",
        expected_version=1,
    )


def test_history_rows_refuse_save_and_delete(change):
    from documents.models import AppendOnlyError

    change.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.filter(pk=change.pk).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.filter(pk=change.pk).delete()


def test_the_database_refuses_updating_history(change):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE documents_statuschange SET note = 'rewritten' WHERE id = %s", [change.pk]
        )
    assert StatusChange.objects.get(pk=change.pk).note == "Sesuai jaga.id"


@pytest.mark.postgres
def test_postgresql_refuses_deleting_history(change):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM documents_statuschange WHERE id = %s", [change.pk])
    assert StatusChange.objects.filter(pk=change.pk).exists()


def test_a_document_with_history_cannot_be_deleted(change, kapuas_doc):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        kapuas_doc.delete()


def test_a_returned_document_needs_new_evidence_to_go_back(kapuas_pic, kapuas_doc, evidence):
    """The evidence KPK returned cannot be re-sent as it was: something new must be added."""
    _set_status(kapuas_doc, S.NEEDS_REVISION)
    type(kapuas_doc).objects.filter(pk=kapuas_doc.pk).update(status_changed_at=timezone.now())
    kapuas_doc.refresh_from_db()
    with pytest.raises(WorkflowError) as exc:
        transition(
            kapuas_doc,
            S.UPLOADED,
            by=kapuas_pic,
            source=Source.REGIONAL,
            expected_version=kapuas_doc.version,
        )
    assert exc.value.code == "needs_evidence"
    assert "diperbaiki" in str(exc.value.message)
    fixed = Evidence.objects.create(document=kapuas_doc, url="https://drive.example/v2")
    change = transition(
        kapuas_doc,
        S.UPLOADED,
        by=kapuas_pic,
        source=Source.REGIONAL,
        expected_version=kapuas_doc.version,
    )
    assert change.evidence == fixed
