"""Server-rendered SVG charts: crisp in print, no chart library, no inline styles (CSP)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from reports.models import Snapshot

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 220, 40, 28, 12


@dataclass
class Series:
    key: str
    label: str
    points: str  # SVG polyline "x,y x,y …"
    last: int


@dataclass
class Trend:
    series: list[Series]
    ticks: list[tuple[float, str]]  # (x, date label)
    y_ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT


def weekly_trend(
    programme,
    region_ids,
    today: dt.date,
    *,
    weeks: int = 10,
    live: tuple[int, int, int] | None = None,
    labels: dict[str, str],
) -> Trend | None:
    """Uploaded and accepted per week, from the snapshots of the given governments (one query).

    ``live`` = (total, uploaded, accepted) now, so the last point matches the cards above it.
    """
    days = [today - dt.timedelta(days=7 * i) for i in range(weeks, -1, -1)]
    rows = (
        Snapshot.objects.filter(
            programme=programme, unit__isnull=True, region_id__in=region_ids, day__in=days
        )
        .values("day")
        .annotate(total=Sum("total"), not_uploaded=Sum("not_uploaded"), accepted=Sum("accepted"))
        .order_by("day")
    )
    by_day = {r["day"]: (r["total"], r["total"] - r["not_uploaded"], r["accepted"]) for r in rows}
    if live is not None:
        by_day[today] = live
    days = [d for d in days if d in by_day]
    if len(days) < 2:
        return None
    top = max(v[0] for v in by_day.values()) or 1
    span = (days[-1] - days[0]).days or 1
    plot_w, plot_h = WIDTH - PAD_LEFT - 10, HEIGHT - PAD_BOTTOM - PAD_TOP

    def xy(day: dt.date, value: int) -> str:
        x = PAD_LEFT + plot_w * (day - days[0]).days / span
        y = PAD_TOP + plot_h * (1 - value / top)
        return f"{x:.1f},{y:.1f}"

    series = [
        Series(key, labels[key], " ".join(xy(d, by_day[d][i]) for d in days), by_day[days[-1]][i])
        for key, i in (("uploaded", 1), ("accepted", 2))
    ]
    ticks = [(PAD_LEFT + plot_w * (d - days[0]).days / span, d.strftime("%d/%m")) for d in days]
    y_ticks = [(PAD_TOP + plot_h * (1 - f), round(top * f)) for f in (0, 0.5, 1)]
    return Trend(series=series, ticks=ticks, y_ticks=y_ticks)
