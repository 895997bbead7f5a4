"""The SPI action-plan follow-up beside MCSP: "10 rencana aksi, 90% dokumen diunggah" for the
dashboard, a government page, the digests and the recap. Every number comes from
reports.figures over the ``spi_rtl`` programme's documents; this adds only the plan count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from documents.models import ActionPlan, Programme, ProgrammeKind
from regions.models import Region
from reports import figures


@dataclass
class Line:
    region: Region
    plans: int
    fig: figures.Figures


@dataclass
class Summary:
    programme: Programme
    lines: list[Line]

    @property
    def plans(self) -> int:
        return sum(line.plans for line in self.lines)


def current() -> Programme | None:
    return Programme.objects.current(ProgrammeKind.SPI_RTL)


def summary(
    programme: Programme | None, regions, *, today: dt.date | None = None
) -> Summary | None:
    """Plans and figures of each given government that has plans (None without any). Six
    queries whatever the number of governments."""
    if programme is None:
        return None
    regions = list(regions)
    counts = dict(
        ActionPlan.objects.filter(indicator__area__programme=programme, region__in=regions)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    with_plans = [r for r in regions if counts.get(r.pk)]
    if not with_plans:
        return None
    result = figures.for_regions(programme, with_plans, today=today)
    return Summary(
        programme,
        [Line(r, counts[r.pk], result.by_region[r.pk]) for r in with_plans],
    )


def for_province(province: Region, *, today: dt.date | None = None) -> Summary | None:
    regions = Region.objects.filter(Q(pk=province.pk) | Q(parent=province)).order_by("code")
    return summary(current(), regions, today=today)
