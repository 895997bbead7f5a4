"""Assigning a government's documents to its agencies in bulk, through ``workflow.assign``.

Two ways: by each requirement's usual agency (``Requirement.unit_short_name`` matched to the
government's agencies by short name, case aside), for documents with no agency yet; or a
selection of documents to one agency. Each document is assigned with the version just read,
so one changed meanwhile is skipped as stale and counted, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from documents import workflow
from documents.models import Document, Programme
from regions.models import AuditAction, Region, Unit, record


@dataclass
class UsualPlan:
    """What "by usual agency" would do: documents per matched agency, and usual agencies this
    government does not have (add them, or assign those documents by hand)."""

    by_unit: dict[Unit, list[Document]] = field(default_factory=dict)
    unmatched: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(docs) for docs in self.by_unit.values())


def usual_plan(user, region: Region, programme: Programme) -> UsualPlan:
    units = {u.short_name.casefold(): u for u in Unit.objects.filter(region=region)}
    plan = UsualPlan()
    documents = (
        Document.objects.visible_in(user, programme)
        .filter(region=region, unit__isnull=True)
        .select_related("requirement")
        .order_by("requirement__code")
    )
    for document in documents:
        usual = document.requirement.unit_short_name.strip()
        if not usual:
            continue
        unit = units.get(usual.casefold())
        if unit is None:
            plan.unmatched[usual] = plan.unmatched.get(usual, 0) + 1
        else:
            plan.by_unit.setdefault(unit, []).append(document)
    return plan


@dataclass
class Assigned:
    assigned: int = 0
    stale: int = 0


def _assign_each(pairs, by) -> Assigned:
    result = Assigned()
    for document, unit in pairs:
        try:
            with transaction.atomic():
                workflow.assign(document, by=by, expected_version=document.version, unit=unit)
        except workflow.WorkflowError as error:
            if not error.is_stale:
                raise
            result.stale += 1
        else:
            result.assigned += 1
    return result


def assign_usual(user, region: Region, programme: Programme) -> Assigned:
    plan = usual_plan(user, region, programme)
    pairs = [(d, unit) for unit, docs in plan.by_unit.items() for d in docs]
    result = _assign_each(pairs, user)
    if result.assigned:
        record(
            user,
            AuditAction.DOCUMENTS_ASSIGNED,
            region=region,
            summary=_("%(programme)s: %(n)d dokumen ke OPD yang biasa menyediakannya")
            % {"programme": programme.name, "n": result.assigned},
        )
    return result


def assign_selected(user, region: Region, programme: Programme, ids, unit: Unit) -> Assigned:
    """Assign the selected documents (those of ``region`` the user may see) to ``unit``."""
    documents = (
        Document.objects.visible_in(user, programme)
        .filter(region=region, pk__in=ids)
        .exclude(unit=unit)
        .select_related("requirement")
    )
    result = _assign_each([(d, unit) for d in documents], user)
    if result.assigned:
        record(
            user,
            AuditAction.DOCUMENTS_ASSIGNED,
            region=region,
            summary=_("%(programme)s: %(n)d dokumen ke %(unit)s")
            % {"programme": programme.name, "n": result.assigned, "unit": unit.short_name},
        )
    return result
