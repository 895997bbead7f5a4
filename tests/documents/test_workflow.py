"""The status workflow of DESIGN.md, checked against an independent copy of its table."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.utils import timezone

from documents.models import Evidence, Source, Status, StatusChange
from documents.workflow import WorkflowError, allowed_changes, transition
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


def test_allowed_changes_offers_what_transition_accepts(actors, kapuas_doc, evidence):
    for status in S.values:
        _set_status(kapuas_doc, status)
        for role, user in actors.items():
            offered = {(to, src) for to, src, _rule in allowed_changes(user, kapuas_doc)}
            expected = {(t, src) for f, t, r, src in EXPECTED if f == status and r == role}
            assert offered == expected, (status, role)


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
            expected_version=kapuas_doc.version,
        )
    assert exc.value.code == "needs_note"


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
