"""``manage.py seed_scale [--provinces 38] [--per-government 700]``: a national data set.

What the benchmark of issue 16 measures against: the 38 provinces with their real Kemendagri
codes and their real number of regencies and cities (514 in all; generated names), agencies,
people (one password hash for all), one MCSP programme whose checklist gives every government
``--per-government`` documents, a status mix with up to 60 days of history, official scores and
the daily snapshots rebuilt from that history (``reports.snapshots.backfill``, in SQL).

Refused with DEBUG off; does nothing when an MCSP programme exists (idempotent); checks the free
disk before writing. On PostgreSQL the big tables are written with COPY (the national set in
well under three minutes on two cores); elsewhere with bulk inserts (the tests' tiny sets).
One province (``QUIET``) has no history at all: the dashboard's worst case.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from documents.models import (
    Area,
    Document,
    Indicator,
    Programme,
    ProgrammeKind,
    Requirement,
    Source,
    Status,
    StatusChange,
)
from regions.models import Membership, Region, RegionKind, Role, Unit
from reports import snapshots
from reports.models import ScoreRecord

S = Status
SEED = 1_638_2025
PASSWORD = "mcsp-scale"
HISTORY_DAYS = 60

# Kemendagri code, name, regencies, cities (Kepmendagri 300.2.2-2138/2025: 416 + 98 = 514;
# Jakarta's five administrative cities and one administrative regency are counted as theirs).
PROVINCES: tuple[tuple[str, str, int, int], ...] = (
    ("11", "Aceh", 18, 5),
    ("12", "Sumatera Utara", 25, 8),
    ("13", "Sumatera Barat", 12, 7),
    ("14", "Riau", 10, 2),
    ("15", "Jambi", 9, 2),
    ("16", "Sumatera Selatan", 13, 4),
    ("17", "Bengkulu", 9, 1),
    ("18", "Lampung", 13, 2),
    ("19", "Kepulauan Bangka Belitung", 6, 1),
    ("21", "Kepulauan Riau", 5, 2),
    ("31", "DKI Jakarta", 1, 5),
    ("32", "Jawa Barat", 18, 9),
    ("33", "Jawa Tengah", 29, 6),
    ("34", "DI Yogyakarta", 4, 1),
    ("35", "Jawa Timur", 29, 9),
    ("36", "Banten", 4, 4),
    ("51", "Bali", 8, 1),
    ("52", "Nusa Tenggara Barat", 8, 2),
    ("53", "Nusa Tenggara Timur", 21, 1),
    ("61", "Kalimantan Barat", 12, 2),
    ("62", "Kalimantan Tengah", 13, 1),
    ("63", "Kalimantan Selatan", 11, 2),
    ("64", "Kalimantan Timur", 7, 3),
    ("65", "Kalimantan Utara", 4, 1),
    ("71", "Sulawesi Utara", 11, 4),
    ("72", "Sulawesi Tengah", 12, 1),
    ("73", "Sulawesi Selatan", 21, 3),
    ("74", "Sulawesi Tenggara", 15, 2),
    ("75", "Gorontalo", 5, 1),
    ("76", "Sulawesi Barat", 6, 0),
    ("81", "Maluku", 9, 2),
    ("82", "Maluku Utara", 8, 2),
    ("91", "Papua", 8, 1),
    ("92", "Papua Barat", 7, 0),
    ("93", "Papua Selatan", 4, 0),
    ("94", "Papua Tengah", 8, 0),
    ("95", "Papua Pegunungan", 8, 0),
    ("96", "Papua Barat Daya", 5, 1),
)
# A province that joined yesterday: documents, no history yet.
QUIET = "96"
AGENCIES = (
    "BPKAD", "Bappeda", "Bapenda", "BKD", "Dinas PUPR", "Dinkes", "Disdik", "DPMPTSP",
    "Setwan", "Inspektorat", "Diskominfo", "Disdukcapil", "Disperkim", "Bagian PBJ",
    "Bagian Organisasi", "Bagian Hukum", "Bagian Pemerintahan",
)  # fmt: skip
OPERATED = ("BPKAD", "Bappeda")  # agencies with an operator account of their own
# Bytes per document on disk with its history, snapshots and indexes (measured: ~3 KB), twice.
BYTES_PER_DOCUMENT = 6_000


def _free_bytes() -> int:
    path = settings.BASE_DIR
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW data_directory")
                path = cursor.fetchone()[0]
        except Exception:  # not a superuser: the data directory is out of sight
            pass
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return shutil.disk_usage(settings.BASE_DIR).free


def _write(model, columns: list[str], rows: list[tuple]) -> None:
    """COPY on PostgreSQL, bulk inserts elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
        )
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    connection.ensure_connection()
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


class Seeder:
    def __init__(self, provinces: int, per_government: int, out):
        self.rng = random.Random(SEED)
        self.provinces = PROVINCES[:provinces]
        self.per_government = per_government
        self.out = out
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.went_live = self.now - dt.timedelta(days=HISTORY_DAYS - 1)
        self.counts: dict[str, int] = {}

    def run(self) -> Programme:
        regions = self._regions()
        units = self._units(regions)
        people = self._people(regions, units)
        programme = self._programme()
        requirements = self._checklist(programme)
        self._documents(regions, units, requirements, people)
        self._scores(programme, regions, people)
        return programme

    def _regions(self) -> list[Region]:
        provinces = Region.objects.bulk_create(
            Region(code=code, name=f"Provinsi {name}", short_name=name[:40], kind="province")
            for code, name, _, _ in self.provinces
        )
        children = []
        for province, (code, name, regencies, cities) in zip(
            provinces, self.provinces, strict=True
        ):
            for n in range(1, regencies + 1):
                children.append(
                    Region(
                        code=f"{code}.{n:02d}",
                        name=f"Kabupaten {name} {n:02d}",
                        short_name=f"Kab. {code}.{n:02d}",
                        kind=RegionKind.REGENCY,
                        parent=province,
                    )
                )
            for n in range(71, 71 + cities):
                children.append(
                    Region(
                        code=f"{code}.{n:02d}",
                        name=f"Kota {name} {n - 70}",
                        short_name=f"Kota {code}.{n}",
                        kind=RegionKind.CITY,
                        parent=province,
                    )
                )
        Region.objects.bulk_create(children)
        regions = list(Region.objects.filter(code__in=[r.code for r in provinces + children]))
        self.counts["governments"] = len(regions)
        return regions

    def _units(self, regions) -> dict[tuple[int, str], Unit]:
        Unit.objects.bulk_create(
            Unit(region=r, short_name=a, name=f"{a} {r.short_name}")
            for r in regions
            for a in AGENCIES
        )
        return {
            (u.region_id, u.short_name): u
            for u in Unit.objects.filter(region__in=regions).only("pk", "region", "short_name")
        }

    def _people(self, regions, units) -> dict:
        """PIC per government, two operators per government, inspectorate and leadership per
        province. One hash: hashing is slow on purpose and they share the password."""
        password = make_password(PASSWORD)
        plan = []  # (username, region, role, unit)
        for r in regions:
            if r.kind == RegionKind.PROVINCE:
                plan.append((f"insp-{r.code}", r, Role.INSPECTORATE, None))
                plan.append((f"pim-{r.code}", r, Role.LEADERSHIP, None))
            else:
                plan.append((f"pic-{r.code}", r, Role.REGIONAL, None))
            for agency in OPERATED:
                plan.append((f"opd-{r.code}-{agency.lower()}", r, Role.AGENCY, agency))
        User.objects.bulk_create(
            User(
                username=name,
                first_name=role.label,
                last_name=region.short_name,
                email=f"{name}@mcsp-scale.example",
                password=password,
            )
            for name, region, role, _ in plan
        )
        users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in plan])}
        Membership.objects.bulk_create(
            Membership(
                user=users[name],
                region=region,
                role=role,
                unit=units[region.pk, agency] if agency else None,
            )
            for name, region, role, agency in plan
        )
        self.counts["people"] = len(users)
        return {
            "pic": {r.pk: users.get(f"pic-{r.code}") for r in regions},
            "inspector": {
                r.pk: users[f"insp-{r.code if r.parent_id is None else r.code.split('.')[0]}"]
                for r in regions
            },
            "operator": {
                units[r.pk, a].pk: users[f"opd-{r.code}-{a.lower()}"]
                for r in regions
                for a in OPERATED
            },
        }

    def _programme(self) -> Programme:
        year = (
            self.today.year
            if self.today <= dt.date(self.today.year, 11, 30)
            else (self.today.year + 1)
        )
        deadline = timezone.make_aware(dt.datetime(year, 11, 30, 23, 59, 59))
        return Programme.objects.create(
            kind=ProgrammeKind.MCSP,
            year=year,
            name=f"MCSP {year}",
            starts_on=min(dt.date(year, 3, 5), self.today - dt.timedelta(days=HISTORY_DAYS)),
            deadline=deadline,
        )

    def _checklist(self, programme) -> list[Requirement]:
        areas = Area.objects.bulk_create(
            Area(programme=programme, code=str(a), name=f"Area intervensi {a}", order=a)
            for a in range(1, 9)
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                area=area, code=f"{area.code}.{i}", name=f"Indikator {area.code}.{i}", order=i
            )
            for area in areas
            for i in range(1, 9)
        )
        requirements = []
        for n in range(self.per_government):
            indicator = indicators[n * len(indicators) // self.per_government]
            code = f"{indicator.code}.{n + 1}"
            requirements.append(
                Requirement(
                    indicator=indicator,
                    programme=programme,
                    code=code,
                    name=f"Dokumen bukti dukung {code}",
                    short_name=f"Dokumen {code}",
                    order=n,
                    unit_short_name=AGENCIES[n % len(AGENCIES)],
                )
            )
        return Requirement.objects.bulk_create(requirements, batch_size=2000)

    # --- documents and their history -----------------------------------------------------------

    def _path(self, final: str) -> list[str]:
        U, V, R, A = S.UPLOADED, S.VERIFYING, S.NEEDS_REVISION, S.ACCEPTED
        r = self.rng.random()
        return {
            A: [U, V, A] if r < 0.75 else [U, V, R, U, V, A],
            V: [U, V] if r < 0.8 else [U, R, U, V],
            R: [U, V, R] if r < 0.7 else [U, R],
            U: [U] if r < 0.8 else [U, R, U],
        }[final]

    def _status_for(self, progress: float) -> str:
        r = self.rng.random()
        for status, share in (
            (S.ACCEPTED, progress * 0.7),
            (S.VERIFYING, progress * 0.15),
            (S.NEEDS_REVISION, progress * 0.08),
            (S.UPLOADED, progress * 0.07),
        ):
            if r < share:
                return status
            r -= share
        return S.NOT_UPLOADED

    def _documents(self, regions, units, requirements, people) -> None:
        rng = self.rng
        quiet = {r.pk for r in regions if r.code.split(".")[0] == QUIET}
        plans = {}  # (requirement_id, region_id) -> (status, path times)
        rows = []
        span = (self.now - self.went_live).total_seconds()
        for region in regions:
            progress = 0.0 if region.pk in quiet else rng.uniform(0.25, 0.95)
            for req in requirements:
                status = self._status_for(progress)
                steps = []
                if status != S.NOT_UPLOADED:
                    path = self._path(status)
                    at = self.now - dt.timedelta(seconds=rng.uniform(600, span * 0.9))
                    for to in reversed(path):
                        steps.append((to, at))
                        at -= dt.timedelta(seconds=rng.uniform(3600, span * 0.1))
                    steps.reverse()
                    steps = [(to, max(at, self.went_live)) for to, at in steps]
                last = steps[-1][1] if steps else self.went_live
                unit = units[region.pk, req.unit_short_name]
                plans[req.pk, region.pk] = (unit.pk, steps)
                rows.append((req.pk, region.pk, status, unit.pk, 1 + len(steps), last, last))
        _write(
            Document,
            [
                "requirement_id",
                "region_id",
                "status",
                "unit_id",
                "version",
                "status_changed_at",
                "updated_at",
            ],
            rows,
        )
        self.counts["documents"] = len(rows)
        del rows

        ids = Document.objects.filter(requirement__in=requirements).values_list(
            "pk", "requirement_id", "region_id"
        )
        changes = []
        for pk, req_id, region_id in ids.iterator(chunk_size=10_000):
            unit_id, steps = plans[req_id, region_id]
            before = S.NOT_UPLOADED
            for to, at in steps:
                if to == S.UPLOADED:
                    operator = people["operator"].get(unit_id)
                    source = Source.AGENCY if operator else Source.REGIONAL
                    actor = operator or people["pic"][region_id] or people["inspector"][region_id]
                elif to == S.VERIFYING:
                    source = Source.REGIONAL
                    actor = people["pic"][region_id] or people["inspector"][region_id]
                else:
                    source, actor = Source.KPK, people["inspector"][region_id]
                note = "Perlu perbaikan: lampiran belum lengkap." if to == S.NEEDS_REVISION else ""
                reason = "incomplete" if to == S.NEEDS_REVISION else ""
                changes.append((pk, region_id, before, to, actor.pk, at, source, note, reason))
                before = to
        _write(
            StatusChange,
            [
                "document_id",
                "region_id",
                "from_status",
                "to_status",
                "actor_id",
                "created_at",
                "source",
                "note",
                "reason_code",
            ],
            changes,
        )
        self.counts["changes"] = len(changes)

    def _scores(self, programme, regions, people) -> None:
        rows = []
        for region in regions:
            if region.code.split(".")[0] == QUIET:
                continue
            value = Decimal(self.rng.randint(2000, 9500)) / 100
            rows.append(
                ScoreRecord(
                    programme=programme,
                    region=region,
                    value=value,
                    recorded_on=self.today - dt.timedelta(days=self.rng.randint(3, 30)),
                    entered_by=people["inspector"][region.pk],
                    note="Dicatat dari dasbor jaga.id.",
                )
            )
        ScoreRecord.objects.bulk_create(rows)
        self.counts["scores"] = len(rows)


class Command(BaseCommand):
    help = (
        "Load a national data set for benchmarks: 38 provinces, 514 regencies and cities, "
        "documents with history and snapshots (DEBUG only; nothing when an MCSP programme exists)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--provinces", type=int, default=38, help="how many (1-38)")
        parser.add_argument(
            "--per-government", type=int, default=700, help="documents per government"
        )

    def handle(self, *args, provinces, per_government, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_scale writes generated data and runs only with DEBUG on (DEBUG=1); "
                "refusing to touch what may be a real database."
            )
        if not 1 <= provinces <= len(PROVINCES) or per_government < 1:
            raise CommandError(f"--provinces must be 1-{len(PROVINCES)}, --per-government ≥ 1")
        existing = Programme.objects.filter(kind=ProgrammeKind.MCSP).first()
        if existing is not None:
            self.stdout.write(f"An MCSP programme exists ({existing.name}); nothing changed.")
            return
        if Region.objects.filter(code__in=[p[0] for p in PROVINCES[:provinces]]).exists():
            raise CommandError("Provinces exist without an MCSP programme: use a fresh database.")
        governments = sum(1 + k + c for _, _, k, c in PROVINCES[:provinces])
        needed = governments * per_government * BYTES_PER_DOCUMENT
        free = _free_bytes()
        if free < needed:
            raise CommandError(
                f"About {needed / 1e9:.1f} GB needed, {free / 1e9:.1f} GB free: refusing to fill "
                "the disk."
            )

        started = time.monotonic()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # DB_STATEMENT_TIMEOUT guards pages; a COPY of 700,000 rows is not a page.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = 0")
            seeder = Seeder(provinces, per_government, self.stdout)
            programme = seeder.run()
            seeded = time.monotonic()
            rows = snapshots.backfill(programme, until=seeder.today)
        backfilled = time.monotonic()
        if connection.vendor == "postgresql":
            # Bulk-loaded tables have no planner statistics (nor a visibility map for
            # index-only scans) until autovacuum gets to them. VACUUM cannot run in a
            # transaction (a test's).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        c = seeder.counts
        self.stdout.write(
            f"Seeded {programme.name} in {time.monotonic() - started:.1f} s (rows "
            f"{seeded - started:.1f} s, snapshot backfill {backfilled - seeded:.1f} s): "
            f"{c['governments']} governments, {c['people']} people, {c['documents']} documents, "
            f"{c['changes']} status changes, {rows} snapshot rows, {c['scores']} scores. "
            f"Password of every account: {PASSWORD}."
        )
