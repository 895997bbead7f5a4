"""The figures module: counts, percentages, estimate, bands, pace, ranking, constant queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Area, Indicator, Requirement, Source, Status, StatusChange
from regions.models import Region, Unit
from reports import figures, snapshots
from reports.models import ScoreRecord, Snapshot
from tests.conftest import WIB, make_document

S = Status


@pytest.fixture
def kapuas_docs(checklist, kapuas, bpkad_kapuas):
    """Kapuas: 1.1.a accepted, 1.1.b (weight 2) not uploaded, 2.1.a accepted."""
    return [
        make_document(checklist[0], kapuas, S.ACCEPTED),
        make_document(checklist[1], kapuas, S.NOT_UPLOADED),
        make_document(checklist[2], kapuas, S.ACCEPTED, unit=bpkad_kapuas),
    ]


def test_counts_and_percentages(programme, kapuas, kotim, checklist, kapuas_docs):
    make_document(checklist[0], kotim, S.VERIFYING)
    make_document(checklist[1], kotim, S.NEEDS_REVISION)
    make_document(checklist[2], kotim, S.UPLOADED)
    fig = figures.for_region(programme, kotim, today=dt.date(2026, 11, 27))
    assert (
        fig.total,
        fig.uploaded,
        fig.not_uploaded,
        fig.waiting,
        fig.verifying,
        fig.needs_revision,
        fig.accepted,
    ) == (3, 3, 0, 1, 1, 1, 0)
    assert fig.pct_uploaded == Decimal("100.00")
    assert fig.pct_accepted == Decimal("0.00")
    kap = figures.for_region(programme, kapuas, today=dt.date(2026, 11, 27))
    assert (kap.pct_uploaded, kap.pct_accepted) == (Decimal("66.67"), Decimal("66.67"))


def test_the_estimate_weighs_requirements_within_areas_and_areas_against_each_other(
    programme, kapuas, kapuas_docs
):
    today = dt.date(2026, 11, 27)
    # area 1: 1 of weight 3 accepted; area 2: 1 of 1. 100 × (1/3 + 1) / 2 = 66.67
    assert figures.for_region(programme, kapuas, today=today).estimate == Decimal("66.67")
    Area.objects.filter(code="2").update(weight=3)
    # 100 × (1 × 1/3 + 3 × 1) / 4 = 83.33
    assert figures.for_region(programme, kapuas, today=today).estimate == Decimal("83.33")


def test_no_documents_means_no_estimate_and_zero_percent(programme, kotim, checklist):
    fig = figures.for_region(programme, kotim, today=dt.date(2026, 11, 27))
    assert fig.total == 0 and fig.estimate is None and fig.pct_uploaded == Decimal("0.00")


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("0", "rentan"),
        ("72.99", "rentan"),
        ("73", "waspada"),
        ("73.00", "waspada"),
        ("77.99", "waspada"),
        ("78", "terjaga"),
        ("100", "terjaga"),
    ],
)
def test_score_bands_at_their_edges(value, band):
    assert figures.band_for(Decimal(value)).key == band


def test_the_official_score_is_the_latest_record(programme, kapuas, kapuas_docs):
    ScoreRecord.objects.create(
        programme=programme, region=kapuas, value=Decimal("80.10"), recorded_on=dt.date(2026, 9, 1)
    )
    ScoreRecord.objects.create(
        programme=programme,
        region=kapuas,
        value=Decimal("55.00"),
        recorded_on=dt.date(2026, 10, 28),
    )
    area = Area.objects.get(code="1")
    ScoreRecord.objects.create(
        programme=programme,
        region=kapuas,
        area=area,
        value=Decimal("99"),
        recorded_on=dt.date(2026, 11, 1),
    )
    fig = figures.for_region(programme, kapuas, today=dt.date(2026, 11, 27))
    assert fig.score.value == Decimal("55.00")
    assert fig.band.key == "rentan"


def test_retired_requirements_leave_the_figures(programme, kapuas, kapuas_docs, checklist):
    Requirement.objects.filter(pk=checklist[1].pk).update(retired_on=dt.date(2026, 7, 1))
    fig = figures.for_region(programme, kapuas, today=dt.date(2026, 11, 27))
    assert (fig.total, fig.accepted) == (2, 2)


def test_figures_count_days_by_the_programmes_one_rule(programme, kapuas, kapuas_docs):
    fig = figures.for_region(programme, kapuas, today=dt.date(2026, 11, 29))
    assert (fig.days_left, fig.countdown, fig.upload_days_left) == (1, "1 hari lagi", 2)


@pytest.fixture
def many_docs(programme, kapuas):
    """Twenty documents of Kapuas under one indicator, all not uploaded."""
    area = Area.objects.create(programme=programme, code="9", name="Pajak Daerah", order=9)
    ind = Indicator.objects.create(area=area, code="9.1", name="Pajak")
    return [
        make_document(
            Requirement.objects.create(indicator=ind, code=f"9.1.{i}", name=f"Laporan {i}"), kapuas
        )
        for i in range(20)
    ]


def test_pace_and_projected_finish_from_a_week_of_history(programme, kapuas, many_docs):
    """8 uploads in the last 7 days: pace 8/7 ≈ 1.1/day; 12 left → 11 days → 8 Dec, late."""
    today = dt.date(2026, 11, 27)
    Snapshot.objects.create(
        programme=programme,
        region=kapuas,
        day=today - dt.timedelta(days=7),
        total=20,
        not_uploaded=20,
    )
    for doc in many_docs[:8]:
        doc.status = S.UPLOADED
        doc.save()
    fig = figures.for_region(programme, kapuas, today=today)
    assert fig.pace_actual == Decimal("1.1")
    # 12 left over 4 upload days (27, 28, 29, 30 November)
    assert fig.pace_needed == Decimal("3.0")
    assert fig.projected_finish == dt.date(2026, 12, 8)  # ceil(12 / 1.1) = 11 days
    assert fig.finishes_late is True


def test_a_fast_pace_finishes_before_the_deadline(programme, kapuas, many_docs):
    today = dt.date(2026, 11, 20)
    Snapshot.objects.create(
        programme=programme,
        region=kapuas,
        day=today - dt.timedelta(days=7),
        total=20,
        not_uploaded=20,
    )
    for doc in many_docs[:14]:
        doc.status = S.VERIFYING
        doc.save()
    fig = figures.for_region(programme, kapuas, today=today)
    assert fig.pace_actual == Decimal("2.0")
    assert fig.projected_finish == dt.date(2026, 11, 23)
    assert fig.finishes_late is False


def test_without_a_snapshot_there_is_no_pace_and_no_finish_date(programme, kapuas, many_docs):
    fig = figures.for_region(programme, kapuas, today=dt.date(2026, 11, 27))
    assert fig.pace_actual is None and fig.projected_finish is None and fig.finishes_late


def test_ranking_by_accepted_then_uploaded_with_shared_ranks(
    programme, province, kapuas, kotim, checklist
):
    barsel = Region.objects.create(
        code="62.04",
        name="Kabupaten Barito Selatan",
        short_name="Barsel",
        kind="regency",
        parent=province,
    )
    for region, statuses in (
        (kapuas, [S.ACCEPTED, S.NOT_UPLOADED, S.NOT_UPLOADED]),
        (kotim, [S.ACCEPTED, S.VERIFYING, S.NOT_UPLOADED]),
        (barsel, [S.ACCEPTED, S.VERIFYING, S.NOT_UPLOADED]),
    ):
        for req, status in zip(checklist, statuses, strict=True):
            make_document(req, region, status)
    ranking = figures.for_province(programme, province, today=dt.date(2026, 11, 27)).ranking()
    assert [(f.scope.short_name, f.rank) for f in ranking] == [
        ("Kotim", 1),
        ("Barsel", 1),
        ("Kapuas", 3),
    ]


def test_province_totals_add_up_its_governments(
    programme, province, kapuas, kotim, checklist, kapuas_docs
):
    make_document(checklist[0], province, S.ACCEPTED)
    make_document(checklist[0], kotim, S.VERIFYING)
    result = figures.for_province(programme, province, today=dt.date(2026, 11, 27))
    assert result.by_region[province.pk].total == 1
    assert result.combined.total == 5
    assert result.combined.accepted == 3
    assert [f.scope for f in result.ranking()] == [kapuas, kotim]


def test_unit_figures(programme, kapuas, kapuas_docs, bpkad_kapuas, checklist):
    bappeda = Unit.objects.create(region=kapuas, name="Bappeda", short_name="Bappeda")
    kapuas_docs[0].unit = bappeda
    kapuas_docs[0].save()
    units = figures.for_units(programme, kapuas, today=dt.date(2026, 11, 27))
    assert [(f.scope.short_name, f.total, f.accepted) for f in units] == [
        ("BPKAD", 1, 1),
        ("Bappeda", 1, 1),
    ]


def _grow(programme, province, n_regions, n_reqs, start):
    area = Area.objects.create(programme=programme, code=f"G{start}", name="Tambahan")
    ind = Indicator.objects.create(area=area, code=f"G{start}.1", name="Tambahan")
    reqs = [
        Requirement.objects.create(indicator=ind, code=f"G{start}.1.{i}", name=f"Dok {i}")
        for i in range(n_reqs)
    ]
    for r in range(n_regions):
        region = Region.objects.create(
            code=f"62.{start + r}",
            name=f"Kab {start + r}",
            short_name=f"K{start + r}",
            kind="regency",
            parent=province,
        )
        unit = Unit.objects.create(region=region, name="BPKAD", short_name="BPKAD")
        ScoreRecord.objects.create(
            programme=programme, region=region, value=70, recorded_on=dt.date(2026, 11, 1)
        )
        for i, req in enumerate(reqs):
            make_document(req, region, S.values[i % 5], unit=unit)
    snapshots.write_for_day(programme, dt.date(2026, 11, 20))


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_data(programme, province):
    today = dt.date(2026, 11, 27)
    _grow(programme, province, 2, 3, 20)
    small_province = _queries(lambda: figures.for_province(programme, province, today=today))
    small_units = _queries(
        lambda: figures.for_units(programme, Region.objects.get(code="62.20"), today=today)
    )
    _grow(programme, province, 8, 15, 40)
    assert _queries(lambda: figures.for_province(programme, province, today=today)) == (
        small_province
    )
    assert (
        _queries(
            lambda: figures.for_units(programme, Region.objects.get(code="62.40"), today=today)
        )
        == small_units
    )
    assert small_province == 5


# --- snapshots --------------------------------------------------------------------------------


def _history(doc, actor, steps):
    """Record a document's path as (to_status, when) pairs, oldest first."""
    previous = doc.status
    for to_status, when in steps:
        StatusChange.objects.create(
            document=doc,
            from_status=previous,
            to_status=to_status,
            actor=actor,
            source=Source.SYNC,
            created_at=when,
            note="uji",
        )
        previous = to_status
    type(doc).objects.filter(pk=doc.pk).update(status=previous)


def test_backfill_equals_the_daily_job(
    programme, kapuas, kotim, checklist, bpkad_kapuas, inspector
):
    docs = [
        make_document(checklist[i], region, unit=bpkad_kapuas if region == kapuas else None)
        for region in (kapuas, kotim)
        for i in range(3)
    ]
    d = lambda day, hour=10: dt.datetime(2026, 11, day, hour, tzinfo=WIB)  # noqa: E731
    _history(docs[0], inspector, [(S.UPLOADED, d(10)), (S.VERIFYING, d(12)), (S.ACCEPTED, d(20))])
    _history(docs[1], inspector, [(S.UPLOADED, d(15)), (S.NEEDS_REVISION, d(16, 23))])
    _history(docs[3], inspector, [(S.UPLOADED, d(26))])
    today = dt.date(2026, 11, 27)

    snapshots.write_for_day(programme, today)
    daily = set(
        Snapshot.objects.values_list(
            "region_id",
            "unit_id",
            "day",
            "total",
            "not_uploaded",
            "waiting",
            "verifying",
            "needs_revision",
            "accepted",
        )
    )
    snapshots.backfill(programme, until=today)
    replayed = set(
        Snapshot.objects.filter(day=today).values_list(
            "region_id",
            "unit_id",
            "day",
            "total",
            "not_uploaded",
            "waiting",
            "verifying",
            "needs_revision",
            "accepted",
        )
    )
    assert replayed == daily
    # 16 Nov 23:00 WIB is 16:00 UTC: still the 16th in WIB.
    on_16th = Snapshot.objects.get(region=kapuas, unit=None, day=dt.date(2026, 11, 16))
    assert (on_16th.verifying, on_16th.needs_revision) == (1, 1)
    first = Snapshot.objects.filter(region=kapuas, unit=None).earliest("day")
    assert (first.day, first.waiting, first.not_uploaded) == (dt.date(2026, 11, 10), 1, 2)


def test_backfill_is_idempotent(programme, kapuas, checklist, inspector):
    doc = make_document(checklist[0], kapuas)
    _history(doc, inspector, [(S.UPLOADED, dt.datetime(2026, 11, 1, 9, tzinfo=WIB))])
    snapshots.backfill(programme, until=dt.date(2026, 11, 27))
    first = list(Snapshot.objects.order_by("day").values_list("day", "waiting"))
    snapshots.backfill(programme, until=dt.date(2026, 11, 27))
    assert list(Snapshot.objects.order_by("day").values_list("day", "waiting")) == first
    assert len(first) == 27


@time_machine.travel(dt.datetime(2026, 11, 27, 22, 0, tzinfo=WIB), tick=False)
def test_the_write_snapshots_command_writes_today_in_wib(programme, kapuas, kapuas_docs):
    from django.core.management import call_command

    call_command("write_snapshots")
    assert set(Snapshot.objects.values_list("day", flat=True)) == {dt.date(2026, 11, 27)}


def test_an_official_score_older_than_two_weeks_is_marked_stale(programme, kapuas, inspector):
    from reports.scores import record_score

    record_score(programme, kapuas, Decimal("74.5"), dt.date(2026, 11, 10), by=inspector)
    assert not figures.for_region(programme, kapuas, today=dt.date(2026, 11, 24)).score_is_stale
    fig = figures.for_region(programme, kapuas, today=dt.date(2026, 11, 25))
    assert fig.score_is_stale and fig.score_age_days == 15
    assert fig.band.key == "waspada"


def test_the_band_legend_reads_the_bands():
    legend = [(band.key, text) for band, text in figures.band_legend()]
    assert legend == [("terjaga", "≥ 78"), ("waspada", "73–77,99"), ("rentan", "< 73")]
