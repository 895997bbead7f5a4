"""SPI action plans (RTL SPI) on the ordinary checklist: each plan is an Indicator under the Area of
its SPI dimension, owning Requirements for its one government (``Requirement.region``) and their
Documents. So the status workflow, the figures and every page serve the ``spi_rtl`` programme
without a copy of any of them.

The programme's deadline is the latest target date of its plans (end of that day, WIB); each
plan keeps its own target date.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from documents.models import (
    ActionPlan,
    Area,
    Document,
    Indicator,
    Programme,
    Requirement,
    SpiDimension,
)
from regions.models import Region, RegionKind, Unit

DIMENSION_ORDER = {value: order for order, value in enumerate(SpiDimension.values, start=1)}


def _area(programme: Programme, dimension: str) -> Area:
    area, _ = Area.objects.get_or_create(
        programme=programme,
        code=f"D{DIMENSION_ORDER[dimension]:02d}",
        defaults={"name": str(SpiDimension(dimension).label), "order": DIMENSION_ORDER[dimension]},
    )
    return area


@transaction.atomic
def create_plan(
    programme: Programme,
    region: Region,
    *,
    dimension: str,
    recommendation: str,
    action: str,
    output: str,
    target_on: dt.date,
    documents: list[str],
    unit: Unit | None = None,
) -> ActionPlan:
    """A plan with its required evidence documents (one Requirement and one Document each)."""
    number = ActionPlan.objects.filter(indicator__area__programme=programme, region=region).count()
    code = f"{region.code}/RA{number + 1:02d}"
    indicator = Indicator.objects.create(
        area=_area(programme, dimension), code=code, name=action[:300], order=number + 1
    )
    plan = ActionPlan.objects.create(
        indicator=indicator,
        region=region,
        dimension=dimension,
        recommendation=recommendation,
        action=action,
        output=output,
        unit=unit,
        target_on=target_on,
    )
    for order, name in enumerate(documents, start=1):
        requirement = Requirement.objects.create(
            indicator=indicator,
            code=f"{code}.{order}",
            name=name,
            order=order,
            region=region,
            for_province=region.kind == RegionKind.PROVINCE,
            for_regency=region.kind == RegionKind.REGENCY,
            for_city=region.kind == RegionKind.CITY,
            unit_short_name=unit.short_name if unit else "",
        )
        Document.objects.create(requirement=requirement, region=region, unit=unit)
    extend_deadline(programme)
    return plan


def extend_deadline(programme: Programme) -> None:
    """The programme's deadline follows its latest target date."""
    latest = ActionPlan.objects.filter(indicator__area__programme=programme).aggregate(
        latest=Max("target_on")
    )["latest"]
    if latest is None:
        return
    deadline = timezone.make_aware(dt.datetime.combine(latest, dt.time(23, 59, 59)))
    if programme.deadline != deadline:
        programme.deadline = deadline
        programme.save(update_fields=["deadline"])


def plans_of(programme: Programme, regions):
    return (
        ActionPlan.objects.filter(indicator__area__programme=programme, region__in=regions)
        .select_related("region", "unit", "indicator")
        .order_by("region__code", "indicator__order")
    )
