"""The pages of issue 16 on the national data set, each beside the bare SQL it needs.

Usage (never in CI; `make bench` runs it against the database of DATABASE_URL, which must hold
`manage.py seed_scale` data: 552 governments, 386,400 documents):
    DATABASE_URL=postgres://…/mcsp_h14_scale .venv/bin/python bench/national.py [--runs 30]

In-process, with Django's test client (no gunicorn, no network): per view it prints the SQL
queries of one request, p50/p95 milliseconds over ``--runs`` requests (after warming up), the
median SQL time inside those requests, the *floor* — the bare SQL the page's figures need, run
through the same connection in the same run — and the ratio p50 ÷ floor. The status change is
compared with a minimal authenticated one-row write view added for the run. Absolute numbers
are for this machine and its load; the ratios, measured side by side, are what to compare.
Writes the report to stdout and to bench/results/national-<date>.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import uuid
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mcsp_tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django

django.setup()
warnings.filterwarnings("ignore", message="No directory at")  # collectstatic is not needed here

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.middleware import Counter  # noqa: E402
from bench.urls import minimal_write  # noqa: E402
from documents.models import Document, Programme, Status  # noqa: E402
from mcsp_tracker import urls as root_urls  # noqa: E402
from regions.models import Region  # noqa: E402
from reports import digests, snapshots  # noqa: E402
from reports import live as live_updates  # noqa: E402

PROVINCES = {"large": "35", "middle": "62", "small": "65", "no history": "96"}
GOVERNMENT = "62.03"  # a regency of 700 documents
User = get_user_model()
DOC_SQL = "SELECT d.{cols} FROM documents_document d JOIN documents_requirement r ON r.id = d.requirement_id WHERE r.programme_id = %s AND d.region_id = ANY(%s) {rest}"  # noqa: E501


def timed(fn, runs: int, warm: int = 3) -> tuple[list[float], list[float], int]:
    """(wall ms per run, SQL ms per run, queries of one run)."""
    for _ in range(warm):
        fn()
    walls, sqls, queries = [], [], 0
    for _ in range(runs):
        counter = Counter()
        with connection.execute_wrapper(counter):
            start = time.perf_counter()
            fn()
            walls.append((time.perf_counter() - start) * 1000)
        sqls.append(counter.seconds * 1000)
        queries = counter.n
    return walls, sqls, queries


def sql_floor(statements: list[tuple[str, list]], runs: int) -> float:
    def run():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                if cursor.description:
                    cursor.fetchall()

    walls, _, _ = timed(run, runs)
    return statistics.median(walls)


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def ids_of(province: Region) -> list[int]:
    return [province.pk, *Region.objects.filter(parent=province).values_list("pk", flat=True)]


def province_floors(prog: int, province: Region) -> dict[str, list[tuple[str, list]]]:
    """The bare SQL each page of a province needs (bench/served.py measures the same floors)."""
    ids = ids_of(province)
    counts = (
        DOC_SQL.format(cols="region_id, d.status, count(*)", rest="GROUP BY 1, 2"),
        [prog, ids],
    )
    # The newest 8 of each government's newest 8 (statuschange_region_time). Through the
    # document (d.region_id) it took 100+ ms once the plain index on document was dropped:
    # more than the page, not a floor.
    latest = (
        "SELECT c.id FROM unnest(%s::bigint[]) AS g(id) CROSS JOIN LATERAL (SELECT s.id, "
        "s.created_at FROM documents_statuschange s WHERE s.region_id = g.id "
        "ORDER BY s.created_at DESC LIMIT 8) c ORDER BY c.created_at DESC LIMIT 8",
        [ids],
    )
    oldest = (
        DOC_SQL.format(
            cols="id",
            rest="AND d.status = 'uploaded' ORDER BY d.status_changed_at LIMIT 5",
        ),
        [prog, ids],
    )
    queue = (
        DOC_SQL.format(
            cols="id, d.status",
            rest="AND d.status IN ('uploaded', 'verifying') "
            "ORDER BY d.status_changed_at, d.id LIMIT 300",
        ),
        [prog, ids],
    )
    poll = (
        "SELECT max(updated_at) FROM documents_document WHERE region_id = %s",
        [province.pk],
    )
    return {
        "dashboard": [counts, latest, oldest],
        "verification queue": [queue],
        "unchanged poll": [poll],
        "recap export": [counts, (DOC_SQL.format(cols="id, d.status", rest=""), [prog, ids])],
        "digest build": [counts, oldest],
    }


def government_floors(prog: int, gov: Region) -> dict[str, list[tuple[str, list]]]:
    """The bare SQL of one government's pages (bench/served.py measures the same floors)."""
    gov_counts = (DOC_SQL.format(cols="status, count(*)", rest="GROUP BY 1"), [prog, [gov.pk]])
    first_rows = (
        DOC_SQL.format(
            cols="id, d.status, r.code, r.name",
            rest="ORDER BY r.indicator_id, r.order LIMIT 60",
        ),
        [prog, [gov.pk]],
    )
    todo_rows = (
        DOC_SQL.format(
            cols="id",
            rest="AND d.status IN ('not_uploaded', 'needs_revision') ORDER BY d.id LIMIT 100",
        ),
        [prog, [gov.pk]],
    )
    return {
        "government page": [gov_counts, first_rows],
        "to-do, PIC": [gov_counts, todo_rows],
        "to-do, operator": [todo_rows],
    }


def uncached(get, url):
    """A request as the first one after a change is: no figures in the cache to reuse (keys
    of their own, as a new state of the data gives)."""
    settings.FIGURES_CACHE_PREFIX = uuid.uuid4().hex
    try:
        return get(url)
    finally:
        settings.FIGURES_CACHE_PREFIX = ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help="comma-separated parts of page names to run")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/national.py measures PostgreSQL: set DATABASE_URL")
    settings.ALLOWED_HOSTS = ["*"]
    root_urls.urlpatterns.append(path("bench/write/<int:pk>/", minimal_write))
    clear_url_caches()
    programme = Programme.objects.get(kind="mcsp", is_active=True)
    prog = programme.pk
    rows: list[tuple] = []

    def page(name, fn, floor_sql, expect=200, runs=args.runs):
        if args.only and not any(part in name for part in args.only.split(",")):
            return
        result = {}

        def call():
            result["status"] = fn().status_code

        walls, sqls, queries = timed(call, runs)
        assert result["status"] == expect, (name, result["status"])
        floor = sql_floor(floor_sql, runs) if floor_sql else None
        rows.append((name, queries, p(walls, 0.5), p(walls, 0.95), statistics.median(sqls), floor))
        print(format_row(rows[-1]), flush=True)

    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    print(header(), flush=True)
    for size, code in PROVINCES.items():
        province = Region.objects.get(code=code)
        ids = ids_of(province)
        label = f"{size} ({len(ids)})"
        insp = client_for(f"insp-{code}")
        floors = province_floors(prog, province)
        # Unchanged data: the figures come from the cache (reports.views._figures_body); right
        # after a change in the province they are computed and rendered again.
        page(f"dashboard, {label}", lambda c=insp: c.get("/"), floors["dashboard"])
        page(
            f"dashboard after a change, {label}",
            lambda c=insp: uncached(c.get, "/"),
            floors["dashboard"],
        )
        if size == "no history":
            continue
        page(
            f"verification queue, {label}",
            lambda c=insp: c.get("/verify/"),
            floors["verification queue"],
        )
        pim = User.objects.get(username=f"pim-{code}")
        poller = client_for(pim.username)
        url = live_updates.poll_url(pim, ids, now=timezone.now() + dt.timedelta(minutes=5))
        page(
            f"unchanged poll, {label}",
            lambda c=poller, u=url: c.get(u),
            floors["unchanged poll"],
            expect=204,
            runs=args.runs * 5,
        )
        page(
            f"recap export, {label}",
            lambda c=insp: c.get("/reports/recap.xlsx"),
            floors["recap export"],
            runs=max(5, args.runs // 5),
        )
        week = digests.iso_week(timezone.now())
        leader = User.objects.get(username=f"pim-{code}")
        page(
            f"digest build, {label}",
            lambda pr=province, u=leader, w=week: Status200(
                digests.leadership_context(programme, pr, u, w)
            ),
            floors["digest build"],
            runs=max(5, args.runs // 3),
        )

    gov = Region.objects.get(code=GOVERNMENT)
    pic = client_for(f"pic-{GOVERNMENT}")
    floors = government_floors(prog, gov)
    page(
        f"government page ({GOVERNMENT}, 700 documents)",
        lambda: pic.get(f"/regions/{GOVERNMENT}/"),
        floors["government page"],
    )
    page(f"to-do, PIC of {GOVERNMENT}", lambda: pic.get("/todo/"), floors["to-do, PIC"])
    operator = client_for(f"opd-{GOVERNMENT}-bpkad")
    page(
        f"to-do, operator of {GOVERNMENT}",
        lambda: operator.get("/todo/"),
        floors["to-do, operator"],
    )

    # Status changes: the inspectorate sets documents to match jaga.id (sync), to and fro.
    insp = client_for(f"insp-{GOVERNMENT.split('.')[0]}")
    # Verifying or accepted: each change flips one, and a run leaves them flipped (the verifying
    # ones alone ran out after a few runs).
    docs = list(
        Document.objects.filter(region=gov, status__in=[Status.VERIFYING, Status.ACCEPTED])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    state = {"i": 0}

    def change():
        pk = docs[state["i"] % len(docs)]
        state["i"] += 1
        d = Document.objects.only("status", "version").get(pk=pk)
        to = Status.ACCEPTED if d.status == Status.VERIFYING else Status.VERIFYING
        response = insp.post(
            f"/documents/{pk}/status/",
            {"to": to, "source": "sync", "note": "bench", "version": d.version},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200, response.status_code
        return response

    write = (
        "UPDATE documents_document SET version = version + 1 WHERE id = %s",
        [docs[0]],
    )
    page("status change (htmx)", change, [write])
    page(
        "minimal one-row write",
        lambda: insp.post(f"/bench/write/{docs[0]}/"),
        [write],
        expect=204,
    )

    # Snapshots (they write, and what they write is kept): the daily job three times — it
    # rewrites the same day each time — then the backfill once.
    if not args.only or "snapshot" in args.only:
        dailies = []
        for _ in range(3):
            start = time.perf_counter()
            snapshots.write_for_day(programme)
            dailies.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
        n = snapshots.backfill(programme)
        backfill = (time.perf_counter() - start) * 1000
        daily = statistics.median(dailies)
        rows.append(("daily snapshot (3 runs)", 3, daily, max(dailies), daily, None))
        rows.append((f"snapshot backfill ({n} rows)", 4, backfill, backfill, backfill, None))
        print(format_row(rows[-2]))
        print(format_row(rows[-1]))

    write_report(rows)


class Status200:
    """A function's result standing in for a response (the digest is built, not served)."""

    status_code = 200

    def __init__(self, _result):
        pass


def header() -> str:
    return (
        f"{'page':<44} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'SQL ms':>8} "
        f"{'floor ms':>8} {'p50/floor':>9}"
    )


def format_row(row) -> str:
    name, queries, p50, p95, sql, floor = row
    floor_s = f"{floor:8.2f}" if floor else f"{'—':>8}"
    ratio = f"{p50 / floor:8.1f}×" if floor else f"{'—':>9}"
    return f"{name:<44} {queries:>7} {p50:8.1f} {p95:8.1f} {sql:8.1f} {floor_s} {ratio}"


def write_report(rows) -> None:
    counts = Document.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    lines = [
        f"bench/national.py, {timezone.localtime():%Y-%m-%d %H:%M} WIB, {version}, "
        f"{counts} documents, {os.cpu_count()} cores (shared), load {os.getloadavg()[0]:.1f}",
        header(),
        *(format_row(r) for r in rows),
    ]
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    target = out / f"national-{timezone.localdate():%Y-%m-%d}.txt"
    with target.open("a") as f:
        f.write("\n".join(lines) + "\n\n")
    print(f"\nappended to {target}")


if __name__ == "__main__":
    main()
