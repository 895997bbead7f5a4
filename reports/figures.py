"""Every number the product shows, computed in one place (DESIGN.md "Figures").

For any scope — one government, its units, a province with all its governments, everything —
and one programme, in a constant number of SQL queries whatever the number of governments,
units and documents: one grouped, conditionally aggregated query over documents, one over
areas, one over score records and one over snapshots.

Vocabulary (as the province reports it):
  uploaded      every status but ``not_uploaded`` ("446 diunggah")
  waiting       status ``uploaded``: in the tracker, not yet sent to KPK
  estimate      100 × Σ_area w_area × (accepted weight ÷ weight in area) ÷ Σ_area w_area,
                always labelled "perkiraan": the official score is recorded, never recomputed
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connections, router
from django.db.models import Count, F, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from documents.models import (
    Area,
    Document,
    Indicator,
    Programme,
    Requirement,
    ReturnReason,
    Status,
    StatusChange,
)
from regions import scoping
from regions.models import Region, Unit
from reports.models import COUNT_FIELD, ScoreRecord, Snapshot

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
PACE_WINDOW_DAYS = 7
SCORE_STALE_DAYS = 14  # an official score older than this is marked for re-reading on jaga.id


# --- score bands -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    key: str
    label: Any


BANDS = (  # KPK Korsup Wilayah III, 2024: lower bound inclusive
    (Decimal("78"), Band("terjaga", _("Terjaga"))),
    (Decimal("73"), Band("waspada", _("Waspada"))),
    (Decimal("0"), Band("rentan", _("Rentan"))),
)


def band_legend() -> list[tuple[Band, str]]:
    """Each band with its range in words ("≥ 78", "73–77,99", "< 73"), for legends."""
    legend = []
    upper = None
    for lower, band in BANDS:
        if upper is None:
            text = f"≥ {formats.number_format(lower, 0)}"
        elif lower == 0:
            text = f"< {formats.number_format(upper, 0)}"
        else:
            text = f"{formats.number_format(lower, 0)}–{formats.number_format(upper - CENT, 2)}"
        legend.append((band, text))
        upper = lower
    return legend


def band_for(value: Decimal | None) -> Band | None:
    if value is None:
        return None
    for lower, band in BANDS:
        if value >= lower:
            return band
    return BANDS[-1][1]


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (HUNDRED * Decimal(part) / Decimal(whole)).quantize(CENT, ROUND_HALF_UP)


# --- tallies: what one grouped query returns, addable across scopes --------------------------


@dataclass
class Tally:
    total: int = 0
    not_uploaded: int = 0
    waiting: int = 0
    verifying: int = 0
    needs_revision: int = 0
    accepted: int = 0
    # area id -> [accepted requirement weight, requirement weight]; feeds the estimate
    area_weights: dict[int, list[Decimal]] = field(default_factory=dict)
    # area id -> [accepted count, total count]; feeds the heatmap
    area_counts: dict[int, list[int]] = field(default_factory=dict)

    @property
    def uploaded(self) -> int:
        return self.total - self.not_uploaded

    def add_row(self, row: dict) -> None:
        for name in ("total", *COUNT_FIELD.values()):
            setattr(self, name, getattr(self, name) + row[name])
        area = row.get("area")
        if area is not None:
            w = self.area_weights.setdefault(area, [Decimal(0), Decimal(0)])
            w[0] += row["w_accepted"] or 0
            w[1] += row["w_total"] or 0
            c = self.area_counts.setdefault(area, [0, 0])
            c[0] += row["accepted"]
            c[1] += row["total"]

    def __iadd__(self, other: Tally) -> Tally:
        for name in ("total", *COUNT_FIELD.values()):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for area, (acc, tot) in other.area_weights.items():
            w = self.area_weights.setdefault(area, [Decimal(0), Decimal(0)])
            w[0] += acc
            w[1] += tot
        for area, (acc, tot) in other.area_counts.items():
            c = self.area_counts.setdefault(area, [0, 0])
            c[0] += acc
            c[1] += tot
        return self


def estimate(
    area_weights: dict[int, list[Decimal]], weight_of_area: dict[int, Decimal]
) -> Decimal | None:
    """DESIGN.md's estimate; areas without requirements in scope leave the average."""
    numerator = Decimal(0)
    denominator = Decimal(0)
    for area, (accepted_w, total_w) in area_weights.items():
        if not total_w:
            continue
        w_area = weight_of_area.get(area, Decimal(1))
        numerator += w_area * accepted_w / total_w
        denominator += w_area
    if not denominator:
        return None
    return (HUNDRED * numerator / denominator).quantize(CENT, ROUND_HALF_UP)


# --- the figures themselves ---------------------------------------------------------------------


@dataclass
class Figures:
    scope: Any
    tally: Tally
    programme: Programme
    today: dt.date
    score: ScoreRecord | None = None
    estimate: Decimal | None = None
    uploaded_week_ago: int | None = None
    accepted_week_ago: int | None = None
    total_week_ago: int | None = None
    rank: int | None = None
    # The sum of several governments: it has no official score of its own.
    is_total: bool = False

    def __getattr__(self, name: str):
        # total, accepted, waiting, … read straight from the tally
        if name in {"total", "uploaded", *COUNT_FIELD.values()}:
            return getattr(self.tally, name)
        raise AttributeError(name)

    @property
    def pct_uploaded(self) -> Decimal:
        return percent(self.tally.uploaded, self.tally.total)

    @property
    def pct_accepted(self) -> Decimal:
        return percent(self.tally.accepted, self.tally.total)

    @property
    def band(self) -> Band | None:
        return band_for(self.score.value if self.score else None)

    @property
    def band_legend(self) -> list[tuple[Band, str]]:
        return band_legend()

    @property
    def score_age_days(self) -> int | None:
        return (self.today - self.score.recorded_on).days if self.score else None

    @property
    def score_is_stale(self) -> bool:
        """The official score is older than SCORE_STALE_DAYS: jaga.id has likely moved on."""
        return self.score is not None and self.score_age_days > SCORE_STALE_DAYS

    @property
    def estimate_band(self) -> Band | None:
        return band_for(self.estimate)

    @property
    def deadline(self) -> dt.datetime:
        return self.programme.deadline

    @property
    def days_left(self) -> int:
        return self.programme.days_left(self.today)

    @property
    def countdown(self) -> str:
        return self.programme.countdown(self.today)

    @property
    def upload_days_left(self) -> int:
        """Days still open for uploads, today included (0 once the deadline has passed)."""
        return self.days_left + 1 if self.days_left >= 0 else 0

    @property
    def pace_needed(self) -> Decimal | None:
        """Uploads per day needed from today to have nothing left un-uploaded at the deadline."""
        if not self.tally.not_uploaded:
            return Decimal(0)
        if not self.upload_days_left:
            return None
        return (Decimal(self.tally.not_uploaded) / self.upload_days_left).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    @property
    def pace_actual(self) -> Decimal | None:
        """Uploads per day over the last seven days (from the snapshot of a week ago)."""
        if self.uploaded_week_ago is None:
            return None
        gained = max(self.tally.uploaded - self.uploaded_week_ago, 0)
        return (Decimal(gained) / PACE_WINDOW_DAYS).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def projected_finish(self) -> dt.date | None:
        """The day the current pace would leave nothing un-uploaded (None: never at this pace)."""
        if not self.tally.not_uploaded:
            return self.today
        pace = self.pace_actual
        if not pace:
            return None
        return self.today + dt.timedelta(days=math.ceil(self.tally.not_uploaded / pace))

    @property
    def finishes_late(self) -> bool:
        if not self.tally.not_uploaded:
            return False
        finish = self.projected_finish
        return finish is None or finish > self.programme.last_day

    @property
    def weekly_change_accepted(self) -> Decimal | None:
        """Change in % accepted, in percentage points, since the snapshot of a week ago."""
        if self.accepted_week_ago is None:
            return None
        return self.pct_accepted - percent(self.accepted_week_ago, self.total_week_ago or 0)

    @property
    def weekly_change_uploaded(self) -> Decimal | None:
        if self.uploaded_week_ago is None:
            return None
        return self.pct_uploaded - percent(self.uploaded_week_ago, self.total_week_ago or 0)

    @property
    def pace_summary(self) -> str:
        """The pace card's sentence: actual pace, then when this pace would finish."""
        if self.pace_actual is None:
            actual = _("7 hari terakhir: belum ada data.")
        else:
            actual = _("7 hari terakhir: %(pace)s / hari.") % {
                "pace": formats.number_format(self.pace_actual, 1)
            }
        if not self.tally.not_uploaded:
            outlook = _("Semua dokumen sudah diunggah.")
        elif self.projected_finish is None:
            outlook = _("Dengan laju ini tidak selesai.")
        else:
            outlook = _("Perkiraan selesai: %(day)s") % {
                "day": formats.date_format(self.projected_finish, "j F Y")
            }
            if self.finishes_late:
                outlook = _("%(outlook)s — melewati batas waktu.") % {"outlook": outlook}
            else:
                outlook = f"{outlook}."
        return f"{actual} {outlook}"

    def area_pct_accepted(self, area_id: int) -> Decimal | None:
        accepted, total = self.tally.area_counts.get(area_id, (0, 0))
        return percent(accepted, total) if total else None


def _document_rows(programme: Programme, today: dt.date, *groups: str, **filters) -> list[dict]:
    """The one grouped query: counts by status and requirement weights per (groups, area)."""
    counts = {name: Count("pk", filter=Q(status=status)) for status, name in COUNT_FIELD.items()}
    return list(
        Document.objects.of_programme(programme)
        .in_force(today)
        .filter(**filters)
        .values(*groups, area=F("requirement__indicator__area_id"))
        .annotate(
            total=Count("pk"),
            w_total=Sum("requirement__weight"),
            w_accepted=Sum("requirement__weight", filter=Q(status=Status.ACCEPTED)),
            **counts,
        )
        .order_by()
    )


def _week_ago_snapshots(programme: Programme, today: dt.date, **filters) -> dict:
    """Snapshot rows of a week ago (or the latest before it), keyed by region or unit id."""
    week_ago = today - dt.timedelta(days=PACE_WINDOW_DAYS)
    rows = (
        Snapshot.objects.filter(programme=programme, day__lte=week_ago, **filters)
        .filter(day__gte=week_ago - dt.timedelta(days=PACE_WINDOW_DAYS))
        .order_by("day")
    )
    latest = {}
    for snap in rows:
        latest[(snap.region_id, snap.unit_id)] = snap  # later days overwrite earlier ones
    return latest


def _apply_week_ago(figures: Figures, snaps: list[Snapshot]) -> None:
    if not snaps:
        return
    figures.uploaded_week_ago = sum(s.submitted for s in snaps)
    figures.accepted_week_ago = sum(s.accepted for s in snaps)
    figures.total_week_ago = sum(s.total for s in snaps)


def area_weights(programme: Programme) -> dict[int, Decimal]:
    return dict(Area.objects.filter(programme=programme).values_list("pk", "weight"))


def latest_scores(
    programme: Programme, region_ids, *, on: dt.date | None = None
) -> dict[int, ScoreRecord]:
    """Each government's current official score (as it stood ``on`` a day, when given)."""
    scores: dict[int, ScoreRecord] = {}
    records = ScoreRecord.objects.filter(
        programme=programme, region_id__in=region_ids, area__isnull=True, corrected=False
    ).order_by("region_id", "-recorded_on", "-created_at")
    if on is not None:
        records = records.filter(recorded_on__lte=on)
    for record in records:
        scores.setdefault(record.region_id, record)
    return scores


HEAT_STEPS = (20, 40, 60, 80, 95)  # % accepted bounds for heat-0 … heat-5


def heat_level(pct: Decimal | None) -> int:
    """The heatmap's colour step for a % accepted (-1: the area has no documents here)."""
    if pct is None:
        return -1
    return sum(1 for bound in HEAT_STEPS if pct >= bound)


@dataclass(frozen=True)
class HeatCell:
    area: Area
    pct: Decimal | None
    level: int


@dataclass
class RegionFigures:
    """Figures for several governments, each on its own and all together."""

    by_region: dict[int, Figures]
    combined: Figures
    areas: list[Area]

    def heatmap(self, rows: list[Figures]) -> list[tuple[Figures, list[HeatCell]]]:
        """% accepted per area for each given row: the dashboard's heatmap."""
        return [
            (
                fig,
                [
                    HeatCell(area, pct, heat_level(pct))
                    for area in self.areas
                    for pct in [fig.area_pct_accepted(area.pk)]
                ],
            )
            for fig in rows
        ]

    def ranking(self, *, exclude_provinces: bool = True) -> list[Figures]:
        return rank(
            f
            for f in self.by_region.values()
            if not (exclude_provinces and f.scope.kind == "province")
        )


def rank(figures) -> list[Figures]:
    """Ranking: % accepted, then % uploaded, highest first; ties share a rank."""
    ordered = sorted(
        figures, key=lambda f: (-f.pct_accepted, -f.pct_uploaded, getattr(f.scope, "code", ""))
    )
    previous = None
    for position, fig in enumerate(ordered, start=1):
        key = (fig.pct_accepted, fig.pct_uploaded)
        fig.rank = previous[1] if previous and previous[0] == key else position
        previous = (key, fig.rank)
    return ordered


def _figures(
    scope,
    tally: Tally,
    programme: Programme,
    today: dt.date,
    weights: dict[int, Decimal],
    week_ago: list[Snapshot],
    score=None,
) -> Figures:
    """One scope's Figures from its tally; ``week_ago`` are the snapshots its pace reads."""
    fig = Figures(
        scope=scope,
        tally=tally,
        programme=programme,
        today=today,
        score=score,
        estimate=estimate(tally.area_weights, weights),
    )
    _apply_week_ago(fig, week_ago)
    return fig


def for_regions(
    programme: Programme, regions, *, today: dt.date | None = None, combined_label: Any = ""
) -> RegionFigures:
    """Figures of each given government and of all of them together. Five queries."""
    today = today or timezone.localdate()
    regions = list(regions)
    region_ids = [r.pk for r in regions]
    areas = list(Area.objects.filter(programme=programme).order_by("order", "code"))
    weights = {a.pk: a.weight for a in areas}

    tallies: dict[int, Tally] = defaultdict(Tally)
    for row in _document_rows(programme, today, "region_id", region_id__in=region_ids):
        tallies[row["region_id"]].add_row(row)
    scores = latest_scores(programme, region_ids)
    snaps = _week_ago_snapshots(programme, today, region_id__in=region_ids, unit__isnull=True)

    by_region = {}
    combined_tally = Tally()
    for region in regions:
        combined_tally += tallies[region.pk]
        snap = snaps.get((region.pk, None))
        by_region[region.pk] = _figures(
            region,
            tallies[region.pk],
            programme,
            today,
            weights,
            [snap] if snap else [],
            score=scores.get(region.pk),
        )
    # The combined pace needs a week-old snapshot of every government, or it would be skewed.
    week_ago = [snaps[(r.pk, None)] for r in regions if (r.pk, None) in snaps]
    combined = _figures(
        combined_label,
        combined_tally,
        programme,
        today,
        weights,
        week_ago if len(week_ago) == len(regions) else [],
    )
    combined.is_total = True
    return RegionFigures(by_region=by_region, combined=combined, areas=areas)


def for_regions_on(
    programme: Programme, regions, day: dt.date, *, combined_label: Any = ""
) -> RegionFigures:
    """Figures of each government as they stood at the end of a past ``day``, read from that
    day's Snapshot rows (the latest within a week before it) instead of the live documents: what a
    weekly page published late still shows as of its Sunday. Snapshots keep counts, not area
    weights, so there is no estimate here. Four queries."""
    regions = list(regions)
    region_ids = [r.pk for r in regions]
    areas = list(Area.objects.filter(programme=programme).order_by("order", "code"))
    rows = (
        Snapshot.objects.filter(
            programme=programme, region_id__in=region_ids, unit__isnull=True, day__lte=day
        )
        .filter(day__gt=day - dt.timedelta(days=PACE_WINDOW_DAYS))
        .order_by("day")
    )
    latest = {snap.region_id: snap for snap in rows}  # later days overwrite earlier ones
    scores = latest_scores(programme, region_ids, on=day)
    snaps = _week_ago_snapshots(programme, day, region_id__in=region_ids, unit__isnull=True)

    def tally_of(snap: Snapshot | None) -> Tally:
        tally = Tally()
        if snap is not None:
            tally.total = snap.total
            for name in COUNT_FIELD.values():
                setattr(tally, name, getattr(snap, name))
        return tally

    by_region = {}
    combined_tally = Tally()
    for region in regions:
        tally = tally_of(latest.get(region.pk))
        combined_tally += tally
        snap = snaps.get((region.pk, None))
        fig = Figures(region, tally, programme, day, score=scores.get(region.pk))
        _apply_week_ago(fig, [snap] if snap else [])
        by_region[region.pk] = fig
    week_ago = [snaps[(r.pk, None)] for r in regions if (r.pk, None) in snaps]
    combined = Figures(combined_label, combined_tally, programme, day, is_total=True)
    _apply_week_ago(combined, week_ago if len(week_ago) == len(regions) else [])
    return RegionFigures(by_region=by_region, combined=combined, areas=areas)


def has_snapshots(programme: Programme, regions, day: dt.date) -> bool:
    """Whether daily rows exist in the week up to ``day``: for_regions_on has data to read."""
    return Snapshot.objects.filter(
        programme=programme,
        region__in=regions,
        unit__isnull=True,
        day__lte=day,
        day__gt=day - dt.timedelta(days=PACE_WINDOW_DAYS),
    ).exists()


def for_region(programme: Programme, region: Region, *, today: dt.date | None = None) -> Figures:
    return for_regions(programme, [region], today=today).by_region[region.pk]


def for_province(
    programme: Programme, province: Region, *, today: dt.date | None = None
) -> RegionFigures:
    """The province's own government and every government under it (se-provinsi totals)."""
    regions = Region.objects.filter(Q(pk=province.pk) | Q(parent=province)).order_by("code")
    return for_regions(programme, regions, today=today, combined_label=province)


def province_state(programme: Programme, region_ids) -> tuple:
    """What the figures of these governments are computed from, in one query and one row: the
    newest document change (read per government from the end of document_region_updated, as the
    live poll does), the newest official score, and the checklist's requirements, retirements
    and weights. A write that changes the figures changes this row, so it keys a cache of them
    (reports.views: the dashboard). Region names and the week-old snapshots are not in it: the
    cache's lifetime bounds those. Plain SQL: built by the ORM, it took 7 ms to compile for a
    2 ms query."""
    ids = list(region_ids) or [0]
    marks = ", ".join(["%s"] * len(ids))
    # The database the figures are read from (the replica inside reads_from_replica): a state
    # read elsewhere could key figures older than itself.
    connection = connections[router.db_for_read(Document)]
    t = {m.__name__: connection.ops.quote_name(m._meta.db_table) for m in _STATE_MODELS}
    sql = f"""
        SELECT docs.t, scores.id, req.n, req.w, req.r, req.m, area.w, ind.w FROM
        (SELECT MAX((SELECT d.updated_at FROM {t["Document"]} d WHERE d.region_id = g.id
                     ORDER BY d.updated_at DESC LIMIT 1)) AS t
           FROM {t["Region"]} g WHERE g.id IN ({marks})) docs,
        (SELECT MAX(s.id) AS id FROM {t["ScoreRecord"]} s
          WHERE s.programme_id = %s AND s.region_id IN ({marks})) scores,
        (SELECT COUNT(*) AS n, SUM(q.weight) AS w, COUNT(q.retired_on) AS r,
                MAX(q.retired_on) AS m FROM {t["Requirement"]} q WHERE q.programme_id = %s) req,
        (SELECT SUM(a.weight) AS w FROM {t["Area"]} a WHERE a.programme_id = %s) area,
        (SELECT SUM(i.weight) AS w FROM {t["Indicator"]} i JOIN {t["Area"]} a
            ON a.id = i.area_id WHERE a.programme_id = %s) ind"""
    pk = programme.pk
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, pk, *ids, pk, pk, pk])
        return (*cursor.fetchone(), programme.deadline)


_STATE_MODELS = (Document, Region, ScoreRecord, Requirement, Area, Indicator)


def for_units(
    programme: Programme, region: Region, *, today: dt.date | None = None
) -> list[Figures]:
    """One government's agencies, ranked. Documents without a unit are left out. Four queries."""
    return units_of_regions(programme, [region], today=today)[region.pk]


def units_of_regions(
    programme: Programme, regions, *, today: dt.date | None = None
) -> dict[int, list[Figures]]:
    """Each given government's agencies, ranked within their government (``for_units`` of each,
    keyed by region id). Four queries whatever the number of governments (issue 16)."""
    today = today or timezone.localdate()
    regions = list(regions)
    by_id = {r.pk: r for r in regions}
    ids = list(by_id)
    weights = area_weights(programme)
    tallies: dict[tuple[int, int], Tally] = defaultdict(Tally)
    for row in _document_rows(
        programme, today, "region_id", "unit_id", region_id__in=ids, unit__isnull=False
    ):
        tallies[(row["region_id"], row["unit_id"])].add_row(row)
    snaps = _week_ago_snapshots(programme, today, region_id__in=ids, unit__isnull=False)
    found: dict[int, list[Figures]] = {pk: [] for pk in by_id}
    units = Unit.objects.filter(region_id__in=ids, pk__in={unit_id for _region, unit_id in tallies})
    for unit in units:
        tally = tallies.get((unit.region_id, unit.pk))
        if tally is None:  # its documents are in another government's scope
            continue
        region = unit.region = by_id[unit.region_id]  # known already: no query per agency
        snap = snaps.get((region.pk, unit.pk))
        found[region.pk].append(
            _figures(unit, tally, programme, today, weights, [snap] if snap else [])
        )
    return {pk: rank(figs) for pk, figs in found.items()}


# --- lists beside the figures -------------------------------------------------------------------

LIST_LENGTH = 10


def scoped_documents(user, programme: Programme, today: dt.date):
    """The documents of a programme the user may see and that count today."""
    return Document.objects.visible_in(user, programme, today)


def waiting_longest(documents, limit: int = LIST_LENGTH):
    """Documents longest in KPK's verification, oldest first (the index
    document_region_status_age, read for the scope's governments)."""
    return (
        documents.filter(status=Status.VERIFYING)
        .select_related("requirement", "region", "unit")
        .order_by("status_changed_at", "pk")[:limit]
    )


def latest_changes(user, region_ids, limit: int = LIST_LENGTH):
    """The newest status changes the user may see in the governments ``region_ids``.

    Each change carries its government, so the query names the governments and reads their
    changes through the index statuschange_region_time, at most ``limit`` per government when
    the user sees all of them: a province's own newest changes, never the country's history
    (issue 16)."""
    region_ids = list(region_ids)
    changes = StatusChange.objects.visible_to(user, within=region_ids)
    if scoping.sees_every_document_of(user, region_ids):
        changes = changes.among_newest(region_ids, limit)
    return changes.select_related("document__requirement", "document__region", "actor").order_by(
        "-created_at", "-pk"
    )[:limit]


@dataclass
class Returns:
    """Documents now returned for revision, counted by the reason of their last return and by
    agency: what the inspectorate should coach."""

    total: int
    by_reason: list[tuple[ReturnReason | None, int]]
    by_unit: list[tuple[str, int]]

    def share(self, count: int) -> Decimal:
        return percent(count, self.total)


def returns(documents) -> Returns:
    """One query over ``documents`` (already scoped) now in ``needs_revision``."""
    rows = list(
        documents.filter(status=Status.NEEDS_REVISION)
        .with_last_return()
        .values_list("return_reason", "unit__short_name")
    )
    reasons = Counter(ReturnReason.of(code or "") for code, _unit in rows)
    units = Counter(unit or "—" for _code, unit in rows)
    return Returns(
        total=len(rows),
        by_reason=sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0] is None, str(kv[0]))),
        by_unit=units.most_common(),
    )
