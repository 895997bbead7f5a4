"""The mentoring log (pendampingan mingguan): sessions with a government or an agency, and KPK
coordination meetings, each with the commitments made there.

A commitment names documents, a person and a date; making it sets each document's assignee and
committed date through ``documents.workflow.assign`` (the one writer of documents), so the to-do,
the government page and the digests already read it from the document. The Commitment row keeps
what was promised in which session, and says when a promise is overdue.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from documents import workflow
from documents.models import Document, Programme
from regions import scoping
from reports.models import OPEN_STATUSES, Commitment, MentoringSession


def commit(
    session: MentoringSession,
    documents: list[Document],
    *,
    by,
    assignee=None,
    due_on: dt.date,
) -> list[Commitment]:
    """Record that ``documents`` will be uploaded by ``due_on`` (by ``assignee``). All or none:
    a document changed since the form was drawn (stale version) refuses the whole commitment."""
    made = []
    with transaction.atomic():
        for document in documents:
            fields = {"due_on": due_on}
            if assignee is not None:
                fields["assignee"] = assignee
            workflow.assign(document, by=by, expected_version=document.version, **fields)
            made.append(
                Commitment.objects.create(
                    session=session, document=document, assignee=assignee, due_on=due_on
                )
            )
    return made


def open_commitments(programme: Programme, regions, *, today: dt.date | None = None):
    """Commitments of these governments whose documents still owe them, soonest first."""
    return (
        Commitment.objects.filter(
            session__programme=programme,
            document__region__in=regions,
            document__status__in=OPEN_STATUSES,
        )
        .select_related("document__requirement", "document__region", "document__unit", "assignee")
        .order_by("due_on", "document__region__code", "document__requirement__code")
    )


def visible_commitments(user, programme: Programme, region):
    """A government's open commitments on documents the user may see (an agency operator: their
    own agency's), for the to-do and the government page."""
    return open_commitments(programme, [region]).filter(
        scoping.document_q(user, prefix="document__")
    )


def overdue(programme: Programme, regions, *, today: dt.date | None = None):
    """Open commitments past their date: the digests' "komitmen lewat tanggal"."""
    today = today or timezone.localdate()
    return open_commitments(programme, regions).filter(due_on__lt=today)
