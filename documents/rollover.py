"""The yearly rollover: next year's programme, its checklist and every government's documents.

``plan(source, year, mapping)`` says what ``run`` would do, without writing; ``run`` does it in
one transaction and is idempotent (a second run finds everything in place and changes nothing).

* The new programme (same kind, ``year``; deadline 30 November 23:59:59 WIB) is created unless
  it exists. If it has no checklist yet, the source's requirements in force are copied under
  their new codes (``mapping``: old code → new code; an old code mapped to "" is not carried).
  If a guidebook was already imported into it, its own requirements are used as they are.
* Every government gets its documents, not uploaded and without evidence, each with the agency
  its counterpart had last year (matched through the mapping), else the usual agency.
* Memberships are not per year: people keep their roles.
* The source programme stops being active: it stays browsable (``?programme=mcsp-2026``) and
  open to inspectorate staff for KPK's late verdicts and final scores until they close it
  (``close``); documents in flight keep their status there — a verdict arriving in March is
  recorded on last year's document, and this year's counterpart starts from "not uploaded".

``propose_mapping`` matches the source's codes to the target's: same code, else the same name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.checklist import create_documents
from documents.models import (
    Area,
    Document,
    Indicator,
    Programme,
    ProgrammeKind,
    Requirement,
    Status,
)
from regions.models import AuditAction, Region, record
from sheets.intake import CODE, Column, normalise, read_table

WIB = dt.timezone(dt.timedelta(hours=7))


class RolloverError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _normal_name(name: str) -> str:
    return normalise(name)


def propose_mapping(source: Programme, target: Programme | None) -> dict[str, str]:
    """old code → new code: identical codes, then identical names (renumbered requirements).
    Without a target checklist, every code maps to itself (a copy)."""
    old = list(Requirement.objects.filter(programme=source).in_force().order_by("code"))
    if target is None or not target.requirements.exists():
        return {r.code: r.code for r in old}
    new = list(Requirement.objects.filter(programme=target))
    codes = {r.code for r in new}
    by_name = {}
    for r in new:
        by_name.setdefault(_normal_name(r.name), r.code)
    mapping = {}
    taken = set()
    for r in old:
        if r.code in codes:
            mapping[r.code] = r.code
            taken.add(r.code)
    for r in old:
        if r.code in mapping:
            continue
        guess = by_name.get(_normal_name(r.name))
        if guess and guess not in taken:
            mapping[r.code] = guess
            taken.add(guess)
        else:
            mapping[r.code] = ""
    return mapping


MAPPING_COLUMNS = [
    Column("old", ("Kode lama", "Old code"), CODE),
    Column("new", ("Kode baru", "New code"), CODE, required=False),
]


def read_mapping(workbook) -> dict[str, str]:
    """A mapping workbook: columns "Kode lama" and "Kode baru" (empty: not carried over)."""
    table = read_table(workbook, MAPPING_COLUMNS, sheet_names=("Pemetaan", "Mapping"))
    problems = [f"{n}: {p.message}" for n, p in table.problems]
    mapping = {}
    for row in table.rows:
        problems += [f"{row.number}: {p.message}" for p in row.problems]
        old = row.values.get("old")
        if old in mapping:
            problems.append(
                _("%(row)s: kode lama %(code)s ganda") % {"row": row.number, "code": old}
            )
        if old:
            mapping[old] = row.values.get("new") or ""
    if problems:
        raise RolloverError("; ".join(problems[:10]))
    return mapping


@dataclass
class RolloverPlan:
    source: Programme
    year: int
    target: Programme | None
    mapping: dict[str, str]
    copy: bool  # the target's checklist is copied from the source (no guidebook imported)
    requirements_to_copy: int = 0
    documents_to_create: int = 0
    in_flight: dict[str, int] = field(default_factory=dict)  # status → documents at year end
    dropped: list[str] = field(default_factory=list)  # old codes not carried over
    unknown_targets: list[str] = field(default_factory=list)  # new codes the target lacks

    @property
    def in_flight_labels(self) -> list[tuple[str, int]]:
        return [(str(Status(code).label), n) for code, n in sorted(self.in_flight.items())]

    @property
    def name(self) -> str:
        return _programme_name(self.source, self.year)

    @property
    def nothing_to_do(self) -> bool:
        return (
            self.target is not None
            and not self.requirements_to_copy
            and not self.documents_to_create
            and not self.source.is_active
        )


def _programme_name(source: Programme, year: int) -> str:
    old = str(source.year)
    return source.name.replace(old, str(year)) if old in source.name else f"{source.name} {year}"


def plan(source: Programme, year: int, mapping: dict[str, str] | None = None) -> RolloverPlan:
    if year <= source.year:
        raise RolloverError(_("Tahun tujuan harus sesudah %(year)s.") % {"year": source.year})
    target = Programme.objects.filter(kind=source.kind, year=year).first()
    copy = target is None or not target.requirements.exists()
    proposed = propose_mapping(source, target)
    mapping = {**proposed, **(mapping or {})}
    result = RolloverPlan(source, year, target, mapping, copy)
    result.dropped = sorted(code for code, new in mapping.items() if not new)
    carried = {new for new in mapping.values() if new}
    if copy:
        result.requirements_to_copy = len(carried)
        regions = _region_count_by_kind()
        for r in Requirement.objects.filter(programme=source, code__in=mapping).in_force():
            if mapping.get(r.code):
                result.documents_to_create += (
                    1
                    if r.region_id
                    else sum(n for kind, n in regions.items() if getattr(r, f"for_{kind}"))
                )
    else:
        codes = set(target.requirements.values_list("code", flat=True))
        result.unknown_targets = sorted(carried - codes)
        regions = _region_count_by_kind()
        expected = sum(
            1 if r.region_id else sum(n for kind, n in regions.items() if getattr(r, f"for_{kind}"))
            for r in target.requirements.all()
        )
        result.documents_to_create = max(
            0, expected - Document.objects.filter(requirement__programme=target).count()
        )
    for status, n in (
        Document.objects.filter(requirement__programme=source)
        .in_force()
        .exclude(status__in=["accepted", "not_uploaded"])
        .values_list("status")
        .annotate(n=Count("pk"))
    ):
        result.in_flight[status] = n
    return result


def _region_count_by_kind() -> dict[str, int]:
    counts = {"province": 0, "regency": 0, "city": 0}
    for kind in Region.objects.values_list("kind", flat=True):
        counts[kind] += 1
    return counts


def run(
    source: Programme, year: int, mapping: dict[str, str] | None = None, *, by=None
) -> RolloverPlan:
    """Do the rollover (idempotent) and return the plan it carried out."""
    result = plan(source, year, mapping)
    if result.unknown_targets:
        raise RolloverError(
            _("Kode baru tidak ada di daftar periksa %(year)s: %(codes)s")
            % {"year": year, "codes": ", ".join(result.unknown_targets[:20])}
        )
    if result.nothing_to_do:
        return result
    with transaction.atomic():
        target = result.target or Programme.objects.create(
            kind=source.kind,
            year=year,
            name=result.name,
            starts_on=dt.date(year, source.starts_on.month, source.starts_on.day),
            deadline=dt.datetime(year, 11, 30, 23, 59, 59, tzinfo=WIB)
            if source.kind == ProgrammeKind.MCSP
            else source.deadline.replace(year=year),
            is_active=True,
        )
        if result.copy:
            _copy_checklist(source, target, result.mapping)
        old_by_new = {new: old for old, new in result.mapping.items() if new}
        old_units: dict[str, list[tuple[int, int]]] = {}
        for code, region, unit in Document.objects.filter(
            requirement__programme=source, unit__isnull=False
        ).values_list("requirement__code", "region_id", "unit_id"):
            old_units.setdefault(code, []).append((region, unit))
        units_from = {
            (requirement.pk, region): unit
            for requirement in target.requirements.all()
            for region, unit in old_units.get(old_by_new.get(requirement.code, ""), [])
        }
        create_documents(target.requirements.all(), units_from=units_from)
        if source.is_active:
            source.is_active = False
            source.save(update_fields=["is_active"])
        if not target.is_active:
            target.is_active = True
            target.save(update_fields=["is_active"])
        record(
            by,
            AuditAction.ROLLOVER,
            summary=_("%(source)s → %(target)s: %(docs)d dokumen, %(reqs)d persyaratan disalin")
            % {
                "source": source.name,
                "target": target.name,
                "docs": result.documents_to_create,
                "reqs": result.requirements_to_copy,
            },
        )
    result.target = target
    return result


def _copy_checklist(source: Programme, target: Programme, mapping: dict[str, str]) -> None:
    existing = set(target.requirements.values_list("code", flat=True))
    for area in Area.objects.filter(programme=source):
        new_area = None
        for indicator in Indicator.objects.filter(area=area):
            new_indicator = None
            for r in Requirement.objects.filter(indicator=indicator).in_force():
                code = mapping.get(r.code, "")
                if not code or code in existing:
                    continue
                if new_area is None:
                    new_area, _created = Area.objects.get_or_create(
                        programme=target,
                        code=area.code,
                        defaults={"name": area.name, "order": area.order, "weight": area.weight},
                    )
                if new_indicator is None:
                    new_indicator, _created = Indicator.objects.get_or_create(
                        area=new_area,
                        code=indicator.code,
                        defaults={
                            "name": indicator.name,
                            "order": indicator.order,
                            "weight": indicator.weight,
                        },
                    )
                Requirement.objects.create(
                    indicator=new_indicator,
                    code=code,
                    name=r.name,
                    short_name=r.short_name,
                    description=r.description,
                    order=r.order,
                    weight=r.weight,
                    sub_indicator_code=r.sub_indicator_code,
                    sub_indicator_name=r.sub_indicator_name,
                    for_province=r.for_province,
                    for_regency=r.for_regency,
                    for_city=r.for_city,
                    unit_short_name=r.unit_short_name,
                    region=r.region,
                )
                existing.add(code)


def close(programme: Programme, *, by) -> None:
    """Last year becomes read-only for everyone (after KPK's final scores are recorded)."""
    if programme.is_active:
        raise RolloverError(
            _("Program yang masih aktif tidak dapat ditutup; jalankan pergantian tahun dulu.")
        )
    if programme.closed_at is not None:
        return
    with transaction.atomic():
        programme.closed_at = timezone.now()
        programme.save(update_fields=["closed_at"])
        record(by, AuditAction.PROGRAMME_CLOSED, summary=programme.name)
