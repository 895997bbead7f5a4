"""Agencies (OPD) of a government: add, rename, merge — who may, and the record of each.

Inspectorate staff (for every government of their province) and a government's PIC (for their
own) manage agencies; leadership reads. A merge moves the merged agency's operators here and
announces ``regions.signals.unit_merged`` so documents and daily counts follow (their apps own
those rows), then removes the merged agency: nothing points at it any more.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regions import scoping
from regions.models import AuditAction, Membership, Region, Role, Unit, record
from regions.signals import unit_merged

MANAGERS = frozenset({Role.INSPECTORATE, Role.REGIONAL})


class UnitError(Exception):
    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


def may_manage(actor, region: Region) -> bool:
    return scoping.role_for(actor, region) in MANAGERS


def _require(actor, region: Region) -> None:
    if not may_manage(actor, region):
        raise UnitError(_("Anda tidak berwenang mengelola OPD pemda ini."), "forbidden")


def _clean(name: str, short_name: str) -> tuple[str, str]:
    name, short_name = " ".join(name.split()), " ".join(short_name.split())
    if not name or not short_name:
        raise UnitError(_("Isi nama dan nama singkat OPD."), "blank")
    return name, short_name


def _taken(region: Region, short_name: str, exclude: Unit | None = None) -> bool:
    units = Unit.objects.filter(region=region, short_name__iexact=short_name)
    if exclude is not None:
        units = units.exclude(pk=exclude.pk)
    return units.exists()


def _taken_error(short_name: str) -> UnitError:
    return UnitError(
        _("Nama singkat “%(name)s” sudah dipakai OPD lain di pemda ini.") % {"name": short_name},
        "taken",
    )


def add(actor, region: Region, *, name: str, short_name: str) -> Unit:
    _require(actor, region)
    name, short_name = _clean(name, short_name)
    if _taken(region, short_name):
        raise _taken_error(short_name)
    with transaction.atomic():
        unit = Unit.objects.create(region=region, name=name, short_name=short_name)
        record(actor, AuditAction.UNIT_ADDED, region=region, summary=f"{short_name} — {name}")
    return unit


def rename(actor, unit: Unit, *, name: str, short_name: str) -> None:
    _require(actor, unit.region)
    name, short_name = _clean(name, short_name)
    if _taken(unit.region, short_name, exclude=unit):
        raise _taken_error(short_name)
    before = f"{unit.short_name} — {unit.name}"
    unit.name, unit.short_name = name, short_name
    with transaction.atomic():
        unit.save(update_fields=["name", "short_name"])
        record(
            actor,
            AuditAction.UNIT_RENAMED,
            region=unit.region,
            summary=f"{before} → {short_name} — {name}",
        )


def merge(actor, merged: Unit, *, into: Unit) -> None:
    """Fold ``merged`` into ``into`` (same government): its operators, documents and daily
    counts move to the survivor, then ``merged`` is removed."""
    _require(actor, into.region)
    if merged.region_id != into.region_id:
        raise UnitError(_("Hanya OPD dari pemda yang sama yang dapat digabung."), "other_region")
    if merged.pk == into.pk:
        raise UnitError(_("Pilih dua OPD yang berbeda."), "same")
    summary = _("%(merged)s digabung ke %(into)s") % {
        "merged": merged.short_name,
        "into": into.short_name,
    }
    try:
        with transaction.atomic():
            Membership.objects.filter(unit=merged).update(unit=into)
            unit_merged.send(sender=Unit, survivor=into, merged=merged, by=actor)
            merged.delete()
            record(actor, AuditAction.UNIT_MERGED, region=into.region, summary=summary)
    except IntegrityError:
        raise UnitError(
            _("Penggabungan gagal karena data bentrok; coba lagi."), "conflict"
        ) from None
