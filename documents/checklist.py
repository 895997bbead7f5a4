"""A programme's checklist managed in the app: the guidebook import, edits, retiring, and the
documents every government needs for it.

The guidebook import follows ``sheets.intake`` like every import: a workbook becomes a Plan
(new requirements, changed ones, unchanged, errors by row and column), stored in
``sheets.StoredPlan``, then applied in one transaction or not at all. Requirements are never
deleted: one KPK dropped is retired (it leaves the figures, keeps its history). A closed
programme refuses every change (``ChecklistError``).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Area, Document, Indicator, Programme, Requirement
from regions.models import AuditAction, Region, RegionKind, Unit, record
from sheets.intake import (
    CHANGE,
    CODE,
    DECIMAL,
    ERROR,
    SAME,
    Column,
    Plan,
    PlanRow,
    Problem,
    mark_duplicates,
    normalise,
    read_table,
)
from sheets.models import StoredPlan

GUIDEBOOK = "guidebook"


class ChecklistError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def require_open(programme: Programme) -> None:
    if programme.closed_at is not None:
        raise ChecklistError(
            _("%(programme)s sudah ditutup: daftar periksanya tidak dapat diubah.")
            % {"programme": programme.name}
        )


# --- documents for every government -------------------------------------------------------------

KIND_FIELD = {
    RegionKind.PROVINCE: "for_province",
    RegionKind.REGENCY: "for_regency",
    RegionKind.CITY: "for_city",
}


def create_documents(requirements, *, units_from: dict | None = None) -> int:
    """The missing documents of ``requirements`` for every government they apply to, each with
    the agency it had last year (``units_from``: (requirement pk, region pk) → unit pk) or else
    the requirement's usual agency. Existing documents are left alone (idempotent)."""
    requirements = list(requirements)
    if not requirements:
        return 0
    regions = list(Region.objects.all())
    units = {(u.region_id, u.short_name.casefold()): u.pk for u in Unit.objects.all()}
    existing = set(
        Document.objects.filter(requirement__in=requirements).values_list(
            "requirement_id", "region_id"
        )
    )
    units_from = units_from or {}
    new = []
    for requirement in requirements:
        for region in regions:
            if not getattr(requirement, KIND_FIELD[region.kind]):
                continue
            if requirement.region_id and requirement.region_id != region.pk:
                continue
            if (requirement.pk, region.pk) in existing:
                continue
            unit = units_from.get((requirement.pk, region.pk)) or units.get(
                (region.pk, requirement.unit_short_name.strip().casefold())
            )
            new.append(Document(requirement=requirement, region=region, unit_id=unit))
    Document.objects.bulk_create(new, batch_size=500)
    return len(new)


# --- edits ----------------------------------------------------------------------------------------


def edit(requirement: Requirement, *, by, **fields) -> None:
    """Change a requirement's name, short name, weight or usual agency; recorded."""
    require_open(requirement.programme)
    changed = {k: v for k, v in fields.items() if getattr(requirement, k) != v}
    if not changed:
        return
    before = {k: getattr(requirement, k) for k in changed}
    for name, value in changed.items():
        setattr(requirement, name, value)
    with transaction.atomic():
        requirement.save(update_fields=[*changed, "short_name"])
        record(
            by,
            AuditAction.REQUIREMENT_EDITED,
            summary=f"{requirement.programme.name} · {requirement.code}: "
            + "; ".join(f"{before[k]} → {changed[k]}" for k in changed),
        )


def retire(requirement: Requirement, *, by, on=None) -> None:
    """From ``on`` (today) the requirement leaves the figures; its documents and history stay."""
    require_open(requirement.programme)
    if requirement.retired_on is not None:
        return
    requirement.retired_on = on or timezone.localdate()
    with transaction.atomic():
        requirement.save(update_fields=["retired_on"])
        record(
            by,
            AuditAction.REQUIREMENT_RETIRED,
            summary=f"{requirement.programme.name} · {requirement.code} {requirement.short_name}",
        )


# --- the guidebook import -------------------------------------------------------------------------

COLUMNS = [
    Column("area_code", ("Kode area", "Area code"), CODE),
    Column("area", ("Area intervensi", "Area", "Intervention area"), required=False),
    Column("indicator_code", ("Kode indikator", "Indicator code"), CODE),
    Column("indicator", ("Indikator", "Indicator"), required=False),
    Column("sub_code", ("Kode sub-indikator", "Sub-indicator code"), CODE, required=False),
    Column("sub_name", ("Sub-indikator", "Sub-indicator"), required=False),
    Column("code", ("Kode", "Kode dokumen", "Kode persyaratan", "Requirement code", "Code"), CODE),
    Column("name", ("Dokumen yang diperlukan", "Dokumen", "Required document", "Document")),
    Column("weight", ("Bobot", "Weight"), DECIMAL, required=False),
    Column("province", ("Provinsi", "Province"), required=False),
    Column("regency", ("Kabupaten", "Regency"), required=False),
    Column("city", ("Kota", "City"), required=False),
    Column("unit", ("OPD", "OPD penyedia", "Agency"), required=False),
]
YES = {"ya", "y", "yes", "1", "true", "v", "✓", "x"}
NO = {"tidak", "t", "no", "n", "0", "false", "-", ""}
# What a row may change on an existing requirement, in the order the preview shows it.
FIELDS = [
    "name",
    "weight",
    "unit_short_name",
    "for_province",
    "for_regency",
    "for_city",
    "sub_indicator_code",
    "sub_indicator_name",
]


def _flag(row, key, headers) -> bool | None:
    value = row.values.get(key)
    if value is None:
        return True
    word = normalise(value)
    if word in YES:
        return True
    if word in NO:
        return False
    row.problems.append(Problem(headers[key], _("Tulis “Ya” atau “Tidak”.")))
    return None


def preview(workbook, *, programme: Programme, file_name: str, sha: str) -> Plan:
    require_open(programme)
    table = read_table(workbook, COLUMNS, sheet_names=("Buku panduan", "Guidebook", "Checklist"))
    plan = Plan(kind=GUIDEBOOK, file_name=file_name, sha256=sha, sheet=table.sheet)
    plan.header_row = table.header_row
    existing = {
        r.code: r
        for r in Requirement.objects.filter(programme=programme).select_related("indicator__area")
    }
    areas = {a.code: a for a in Area.objects.filter(programme=programme)}
    mark_duplicates(table.rows, lambda r: r.values["code"], table.headers["code"])
    h = table.headers
    for row in table.rows:
        v = row.values
        flags = {k: _flag(row, k, h) for k in ("province", "regency", "city")}
        weight = v.get("weight")
        if weight is not None and (weight < 0 or weight != round(weight, 3)):
            row.problems.append(
                Problem(h["weight"], _("Bobot 0 atau lebih, paling banyak 3 desimal."))
            )
        area = areas.get(v["area_code"] or "")
        if v["area_code"] and area is None and not v.get("area"):
            row.problems.append(
                Problem(h.get("area", h["area_code"]), _("Area baru: tulis nama areanya."))
            )
        if (
            v["indicator_code"]
            and not v.get("indicator")
            and not Indicator.objects.filter(area=area, code=v["indicator_code"]).exists()
        ):
            row.problems.append(
                Problem(
                    h.get("indicator", h["indicator_code"]), _("Indikator baru: tulis namanya.")
                )
            )
        subject = f"{v['code'] or '?'} {(v['name'] or '')[:60]}"
        if row.problems or not v["code"] or not v["name"]:
            plan.rows.append(PlanRow(row.number, ERROR, subject, problems=row.problems))
            continue
        after = {
            "name": " ".join(v["name"].split()),
            "weight": str(weight if weight is not None else Decimal(1)),
            "unit_short_name": (v.get("unit") or "").strip(),
            "for_province": flags["province"],
            "for_regency": flags["regency"],
            "for_city": flags["city"],
            "sub_indicator_code": v.get("sub_code") or "",
            "sub_indicator_name": v.get("sub_name") or "",
        }
        data = {
            **after,
            "area_code": v["area_code"],
            "area": v.get("area") or "",
            "indicator_code": v["indicator_code"],
            "indicator": v.get("indicator") or "",
            "code": v["code"],
            "order": row.number,
        }
        requirement = existing.get(v["code"])
        if requirement is None:
            plan.rows.append(PlanRow(row.number, CHANGE, subject, "—", _("baru"), data=data))
            continue
        current = {k: getattr(requirement, k) for k in FIELDS}
        current["weight"] = str(Decimal(requirement.weight).normalize())
        after["weight"] = str(Decimal(after["weight"]).normalize())
        diff = [k for k in FIELDS if str(current[k]) != str(after[k])]
        if requirement.indicator.code != v["indicator_code"]:
            diff.append("indicator")
        if not diff:
            plan.rows.append(PlanRow(row.number, SAME, subject, _("sama"), _("sama")))
            continue
        data["requirement"] = requirement.pk
        plan.rows.append(
            PlanRow(
                row.number,
                CHANGE,
                subject,
                "; ".join(f"{k}: {current.get(k, requirement.indicator.code)}" for k in diff),
                "; ".join(f"{k}: {after.get(k, v['indicator_code'])}" for k in diff),
                data=data,
            )
        )
    plan.add_table_problems(table)
    return plan


def keep(plan: Plan, data: bytes, *, by, programme: Programme) -> StoredPlan:
    return StoredPlan.keep(plan, data, by=by, context={"programme": programme.pk})


def apply(stored: StoredPlan, *, by) -> int:
    """Apply a stored guidebook plan in one transaction; returns how many rows changed."""
    plan = stored.load()
    programme = Programme.objects.get(pk=stored.context["programme"])
    require_open(programme)
    if plan.errors or not plan.changes:
        raise ChecklistError(_("Perbaiki semua kesalahan di berkas lalu unggah lagi."))
    with transaction.atomic():
        if not stored.claim():
            raise ChecklistError(_("Rencana impor ini sudah diterapkan."))
        created = []
        for row in plan.changes:
            d = row.data
            area, _new = Area.objects.get_or_create(
                programme=programme,
                code=d["area_code"],
                defaults={"name": d["area"] or d["area_code"], "order": d["order"]},
            )
            if d["area"] and area.name != d["area"]:
                area.name = d["area"]
                area.save(update_fields=["name"])
            indicator, _new = Indicator.objects.get_or_create(
                area=area,
                code=d["indicator_code"],
                defaults={"name": d["indicator"] or d["indicator_code"], "order": d["order"]},
            )
            if d["indicator"] and indicator.name != d["indicator"]:
                indicator.name = d["indicator"]
                indicator.save(update_fields=["name"])
            values = {k: d[k] for k in FIELDS}
            values["weight"] = Decimal(values["weight"])
            if "requirement" in d:
                requirement = Requirement.objects.get(pk=d["requirement"], programme=programme)
                for name, value in values.items():
                    setattr(requirement, name, value)
                requirement.indicator = indicator
                requirement.save()
            else:
                created.append(
                    Requirement.objects.create(
                        indicator=indicator, code=d["code"], order=d["order"], **values
                    )
                )
        documents = create_documents(created)
        record(
            by,
            AuditAction.CHECKLIST_IMPORTED,
            summary=_("%(programme)s: “%(file)s”, %(n)d baris, %(docs)d dokumen baru")
            % {
                "programme": programme.name,
                "file": stored.file_name,
                "n": len(plan.changes),
                "docs": documents,
            },
        )
    return len(plan.changes)
