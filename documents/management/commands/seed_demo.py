"""``manage.py seed_demo [--today YYYY-MM-DD]``: a believable MCSP year for Central Kalimantan.

DESIGN.md ("Demo data") is the contract: the real province, regencies and city, their agencies,
the checklist of ``documents.demo_checklist``, the province's own documents at the published
figures (660 / 446 uploaded / 301 accepted / 49 returned / 96 verifying), the other governments
at varied progress, official scores, weeks of status history, snapshots, and the demo accounts.

Everything comes from one fixed random seed and ``--today``, so a run on a given day always
yields the same rows. The history is written directly with ``bulk_create`` rather than through
``documents.workflow`` (thousands of single-row transitions would take minutes), so it is built
to follow the workflow's rules; the tests replay it against them.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.dateparse import parse_date

from documents import demo_checklist as demo
from documents import demo_spi
from documents.models import (
    Area,
    Comment,
    Document,
    Evidence,
    Indicator,
    Programme,
    ProgrammeKind,
    Requirement,
    Source,
    Status,
    StatusChange,
    short_name_from,
)
from regions.models import Membership, Region, RegionKind, Role, Unit
from reports.models import ScoreRecord

S = Status
WIB = ZoneInfo("Asia/Jakarta")
SEED = 622025
PASSWORD = "mcsp-demo"
EMAIL_DOMAIN = "mcsp-demo.example"
# The tracker went live ten weeks before --today by importing the inspectorate's Excel recap;
# what happened earlier exists only as that import.
HISTORY_DAYS = 70

# The province's own documents at the published figures; the rest of its 660 are not uploaded.
PROVINCE_COUNTS = {S.ACCEPTED: 301, S.NEEDS_REVISION: 49, S.VERIFYING: 96, S.UPLOADED: 0}
PROVINCE_TOTAL = 660

# Share of every other government's documents per status (accepted, verifying, needs revision,
# waiting for the PIC's check); the rest are not uploaded. Palangka Raya is nearly done, Murung
# Raya far behind, the others in between.
PROGRESS: dict[str, tuple[float, float, float, float]] = {
    "62.01": (0.60, 0.10, 0.05, 0.03),
    "62.02": (0.46, 0.12, 0.06, 0.04),
    "62.03": (0.40, 0.12, 0.07, 0.05),
    "62.04": (0.30, 0.10, 0.06, 0.04),
    "62.05": (0.57, 0.09, 0.04, 0.03),
    "62.06": (0.44, 0.10, 0.05, 0.04),
    "62.07": (0.26, 0.10, 0.06, 0.05),
    "62.08": (0.65, 0.08, 0.04, 0.03),
    "62.09": (0.70, 0.07, 0.03, 0.02),
    "62.10": (0.34, 0.11, 0.05, 0.05),
    "62.11": (0.22, 0.09, 0.05, 0.04),
    "62.12": (0.05, 0.05, 0.02, 0.03),
    "62.13": (0.51, 0.10, 0.05, 0.03),
    "62.71": (0.90, 0.04, 0.02, 0.015),
}

# Official scores as jaga.id showed them, newest first: (days before --today, score). The
# province's 55,00 is the published late-October figure; the others span the three bands.
SCORES: dict[str, tuple[tuple[int, str], ...]] = {
    "62": ((30, "55.00"), (58, "49.35"), (86, "43.20")),
    "62.01": ((12, "74.35"), (40, "70.10")),
    "62.02": ((19, "63.10"), (47, "58.25"), (75, "52.90")),
    "62.03": ((9, "58.72"), (37, "53.40"), (65, "47.15")),
    "62.04": ((16, "44.60"), (44, "40.05")),
    "62.05": ((12, "76.90"), (40, "73.15")),
    "62.06": ((23, "61.25"), (51, "56.80")),
    "62.07": ((16, "40.15"), (44, "37.60")),
    "62.08": ((9, "78.40"), (37, "74.95"), (65, "71.30")),
    "62.09": ((12, "81.05"), (40, "77.20")),
    "62.10": ((19, "50.30"), (47, "46.75")),
    "62.11": ((23, "35.80"), (51, "33.10")),
    "62.12": ((16, "14.20"), (44, "11.85")),
    "62.13": ((12, "69.45"), (40, "65.00")),
    "62.71": ((9, "91.60"), (37, "88.25"), (65, "84.70")),
}


class Person(NamedTuple):
    username: str
    first_name: str
    last_name: str
    region: str
    role: str
    unit: str = ""


# The four accounts of DESIGN.md, then a PIC per other government so that the history of every
# government has a plausible author.
PEOPLE: tuple[Person, ...] = (
    Person("inspektorat", "Rina", "Sulistyowati", "62", Role.INSPECTORATE),
    Person("kapuas", "Dedi", "Kurniawan", "62.03", Role.REGIONAL),
    Person("bpkad-kapuas", "Siti", "Rahmawati", "62.03", Role.AGENCY, "BPKAD"),
    Person("pimpinan", "Agus", "Wibowo", "62", Role.LEADERSHIP),
    Person("pic-kobar", "Ahmad", "Fauzi", "62.01", Role.REGIONAL),
    Person("pic-kotim", "Yohana", "Lestari", "62.02", Role.REGIONAL),
    Person("pic-barsel", "Rudi", "Hartono", "62.04", Role.REGIONAL),
    Person("pic-barut", "Nur", "Aini", "62.05", Role.REGIONAL),
    Person("pic-katingan", "Yosua", "Pranata", "62.06", Role.REGIONAL),
    Person("pic-seruyan", "Fitri", "Handayani", "62.07", Role.REGIONAL),
    Person("pic-sukamara", "Hendra", "Gunawan", "62.08", Role.REGIONAL),
    Person("pic-lamandau", "Maria", "Natalia", "62.09", Role.REGIONAL),
    Person("pic-gumas", "Eko", "Prasetyo", "62.10", Role.REGIONAL),
    Person("pic-pulpis", "Dewi", "Anggraini", "62.11", Role.REGIONAL),
    Person("pic-mura", "Antonius", "Setiawan", "62.12", Role.REGIONAL),
    Person("pic-bartim", "Lina", "Marlina", "62.13", Role.REGIONAL),
    Person("pic-palangkaraya", "Bayu", "Nugroho", "62.71", Role.REGIONAL),
)

REUPLOAD_NOTES = (
    "Sudah diperbaiki sesuai catatan.",
    "Perbaikan: dokumen yang sudah ditandatangani dan distempel.",
    "Diunggah ulang beserta lampiran lengkap.",
    "",
)
SENT_NOTES = ("", "", "Sudah diunggah ke jaga.id.", "Diunggah ke jaga.id, menunggu verifikasi KPK.")
ACCEPTED_NOTES = ("", "", "", "Diterima pada verifikasi KPK.")
COMMENTS = (
    "Sudah dikoordinasikan dengan {unit}, perbaikan menyusul minggu ini.",
    "Menunggu tanda tangan pimpinan {unit}.",
    "Mohon arahan: cukup SK saja atau harus beserta lampiran?",
    "Dokumen perbaikan sedang disiapkan {unit}, target selesai sebelum rapat koordinasi.",
)


def programme_dates(today: dt.date) -> tuple[int, dt.date, dt.datetime]:
    """(year, starts_on, deadline) of the cycle whose deadline is the coming 30 November."""
    year = today.year if today <= dt.date(today.year, 11, 30) else today.year + 1
    deadline = dt.datetime(year, 11, 30, 23, 59, 59, tzinfo=WIB)
    return year, dt.date(year, 3, 5), deadline


def ensure_people(joined: dt.datetime | None = None) -> dict[str, User]:
    """Create the demo accounts and memberships that are missing; never touch existing ones."""
    regions = {r.code: r for r in Region.objects.filter(code__in={p.region for p in PEOPLE})}
    password = None
    users = {}
    for person in PEOPLE:
        user = User.objects.filter(username=person.username).first()
        if user is None:
            # One hash for all: hashing is deliberately slow and they share the password.
            password = password or make_password(PASSWORD)
            user = User.objects.create(
                username=person.username,
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{person.username}@{EMAIL_DOMAIN}",
                password=password,
                date_joined=joined or timezone.now(),
            )
        users[person.username] = user
        region = regions.get(person.region)
        if region is None:
            continue
        unit = None
        if person.unit:
            unit = Unit.objects.filter(region=region, short_name=person.unit).first()
            if unit is None:
                continue
        Membership.objects.get_or_create(
            user=user, region=region, defaults={"role": person.role, "unit": unit}
        )
    return users


@dataclass
class Step:
    """One planned status change of a document."""

    to: str
    at: dt.datetime
    source: str = ""
    actor: User | None = None
    note: str = ""
    reason_code: str = ""
    evidence: Evidence | None = None


@dataclass
class Plan:
    """A document to create, with its status and the history that leads there."""

    requirement: Requirement
    region: Region
    unit: Unit
    status: str = S.NOT_UPLOADED
    steps: list[Step] = field(default_factory=list)
    assignee: User | None = None
    due_on: dt.date | None = None
    document: Document | None = None


class Seeder:
    def __init__(self, today: dt.date):
        self.today = today
        self.rng = random.Random(SEED)
        self.year, self.starts_on, self.deadline = programme_dates(today)
        end_of_today = dt.datetime.combine(today, dt.time(23, 59, 59), WIB)
        # Seeding "today" must not write history later than the moment it runs.
        self.horizon = timezone.now() if today == timezone.localdate() else end_of_today
        self.went_live = dt.datetime.combine(
            today - dt.timedelta(days=HISTORY_DAYS), dt.time(8, 30), WIB
        )
        self.counts: Counter[str] = Counter()
        # Weekdays up to --today, newest first: the calendar the history is laid out on.
        self.workdays = [
            day for day in (today - dt.timedelta(days=n) for n in range(400)) if day.weekday() < 5
        ]

    # --- structure ------------------------------------------------------------------------------

    def run(self) -> Programme:
        regions = self._regions()
        units = self._units(regions)
        users = ensure_people(joined=self.went_live - dt.timedelta(days=3))
        self.inspector = users["inspektorat"]
        self.pic = {}
        self.operators = {}
        for person in PEOPLE:
            region = regions[person.region]
            if person.role == Role.REGIONAL:
                self.pic[region.pk] = users[person.username]
            elif person.role == Role.AGENCY:
                self.operators[units[region.pk, person.unit].pk] = users[person.username]
        # The inspectorate is the province's own MCSP admin.
        self.pic[regions["62"].pk] = self.inspector

        programme = self._programme()
        requirements = self._checklist(programme)
        plans = []
        for region in regions.values():
            plans.extend(self._plan_region(region, requirements, units))
        self._store(programme, plans)
        self._scores(programme, regions.values())
        return programme

    def _regions(self) -> dict[str, Region]:
        regions: dict[str, Region] = {}
        province = None
        for gov in demo.GOVERNMENTS:
            regions[gov.code], _ = Region.objects.get_or_create(
                code=gov.code,
                defaults={
                    "name": gov.name,
                    "short_name": gov.short_name,
                    "kind": gov.kind,
                    "parent": province,
                },
            )
            if gov.kind == RegionKind.PROVINCE:
                province = regions[gov.code]
        return regions

    def _units(self, regions: dict[str, Region]) -> dict[tuple[int, str], Unit]:
        units = {}
        for region in regions.values():
            for agency in demo.AGENCIES[region.kind]:
                units[region.pk, agency.short_name], _ = Unit.objects.get_or_create(
                    region=region, short_name=agency.short_name, defaults={"name": agency.name}
                )
        return units

    def _programme(self) -> Programme:
        return Programme.objects.create(
            kind=ProgrammeKind.MCSP,
            year=self.year,
            name=f"MCSP {self.year}",
            starts_on=self.starts_on,
            deadline=self.deadline,
        )

    def _checklist(self, programme: Programme) -> list[Requirement]:
        rows = demo.requirements(self.year)
        areas = {}
        for row in rows:
            areas.setdefault(
                row.area_code,
                Area(programme=programme, code=row.area_code, name=row.area_name),
            )
        for order, area in enumerate(areas.values(), start=1):
            area.order = order
        Area.objects.bulk_create(areas.values())
        indicators = {}
        for row in rows:
            indicators.setdefault(
                row.indicator_code,
                Indicator(
                    area=areas[row.area_code], code=row.indicator_code, name=row.indicator_name
                ),
            )
        for indicator in indicators.values():
            indicator.order = int(indicator.code.split(".")[1])
        Indicator.objects.bulk_create(indicators.values())
        return Requirement.objects.bulk_create(
            Requirement(
                indicator=indicators[row.indicator_code],
                programme=programme,
                code=row.code,
                name=row.name,
                short_name=short_name_from(row.name),
                order=row.order,
                sub_indicator_code=row.sub_indicator_code,
                sub_indicator_name=row.sub_indicator_name,
                for_province=demo.PROVINCE in row.kinds,
                for_regency=demo.REGENCY in row.kinds,
                for_city=demo.CITY in row.kinds,
                unit_short_name=row.unit_short_name,
            )
            for row in rows
        )

    # --- where each document stands -----------------------------------------------------------

    def _plan_region(self, region, requirements, units) -> list[Plan]:
        flag = {
            RegionKind.PROVINCE: "for_province",
            RegionKind.REGENCY: "for_regency",
            RegionKind.CITY: "for_city",
        }[region.kind]
        plans = [
            Plan(requirement=r, region=region, unit=units[region.pk, r.unit_short_name])
            for r in requirements
            if getattr(r, flag)
        ]
        self._assign_statuses(plans, self._targets(region, len(plans)))
        for plan in plans:
            plan.assignee = self.operators.get(plan.unit.pk)
            if plan.status in (S.NOT_UPLOADED, S.NEEDS_REVISION) and self.rng.random() < 0.45:
                days_left = (self.deadline.date() - self.today).days
                offset = self.rng.randint(-10, max(min(days_left, 45), 0))
                plan.due_on = self.today + dt.timedelta(days=offset)
            if plan.status != S.NOT_UPLOADED:
                plan.steps = self._history(plan)
        return plans

    def _targets(self, region: Region, total: int) -> dict[str, int]:
        if region.kind == RegionKind.PROVINCE:
            if total != PROVINCE_TOTAL:
                raise CommandError(
                    f"The demo checklist gives the province {total} requirements, not "
                    f"{PROVINCE_TOTAL}: fix documents/demo_checklist.py."
                )
            counts = dict(PROVINCE_COUNTS)
        else:
            shares = PROGRESS[region.code]
            statuses = (S.ACCEPTED, S.VERIFYING, S.NEEDS_REVISION, S.UPLOADED)
            counts = {s: round(total * share) for s, share in zip(statuses, shares, strict=True)}
        counts[S.NOT_UPLOADED] = total - sum(counts.values())
        return counts

    def _assign_statuses(self, plans: list[Plan], counts: dict[str, int]) -> None:
        """Spread the statuses so that some agencies and areas lag, as they do in real life."""
        rng = self.rng
        unit_names = sorted({p.unit.short_name for p in plans})
        unit_pace = {name: rng.gauss(0, 0.7) for name in unit_names}
        unit_pace[rng.choice(unit_names)] -= 1.5  # every government has its one late agency
        area_pace = {code: rng.gauss(0, 0.4) for code in "12345678"}
        readiness = [
            unit_pace[p.unit.short_name]
            + area_pace[p.requirement.code.split(".")[0]]
            + rng.gauss(0, 1)
            for p in plans
        ]
        ranked = sorted(range(len(plans)), key=lambda i: readiness[i], reverse=True)
        submitted = len(plans) - counts[S.NOT_UPLOADED]
        done = sorted(
            ranked[:submitted], key=lambda i: readiness[i] + rng.gauss(0, 0.8), reverse=True
        )
        accepted, rest = done[: counts[S.ACCEPTED]], done[counts[S.ACCEPTED] :]
        rng.shuffle(rest)
        for i in accepted:
            plans[i].status = S.ACCEPTED
        start = 0
        for status in (S.VERIFYING, S.NEEDS_REVISION, S.UPLOADED):
            for i in rest[start : start + counts[status]]:
                plans[i].status = status
            start += counts[status]

    # --- history ----------------------------------------------------------------------------

    def _path(self, final: str) -> list[str]:
        """The statuses a document went through after not_uploaded, ending at ``final``."""
        U, V, R, A = S.UPLOADED, S.VERIFYING, S.NEEDS_REVISION, S.ACCEPTED
        r = self.rng.random()
        paths = {
            A: ((0.72, [U, V, A]), (0.87, [U, V, R, U, V, A]), (0.95, [U, R, U, V, A])),
            V: ((0.75, [U, V]), (0.92, [U, V, R, U, V])),
            R: ((0.68, [U, V, R]), (0.88, [U, R]), (0.95, [U, V, R, U, V, R])),
            U: ((0.70, [U]), (0.85, [U, R, U])),
        }
        fallback = {
            A: [U, V, R, U, V, R, U, V, A],
            V: [U, R, U, V],
            R: [U, V, A, R],  # reopened after acceptance
            U: [U, V, R, U],
        }
        return next((path for p, path in paths[final] if r < p), fallback[final])

    # Ages and gaps count working days: offices (and KPK) mostly rest at the weekend.

    def _age(self, final: str) -> float:
        """Working days between the last change and --today: waiting states are young."""
        rng = self.rng
        if final == S.ACCEPTED:
            # A quarter were accepted before the tracker went live and arrive with the import.
            return rng.uniform(50, 130) if rng.random() < 0.25 else rng.uniform(0, 45)
        if final == S.VERIFYING:
            return min(rng.expovariate(1 / 8), 40)
        if final == S.NEEDS_REVISION:
            return min(rng.expovariate(1 / 7), 36)
        return min(rng.expovariate(1 / 2.5), 10)

    def _gap(self, before: str, after: str) -> float:
        """Working days between two consecutive changes."""
        uniform = self.rng.uniform
        if after == S.VERIFYING:
            return uniform(0.05, 3)  # the PIC sends it on to jaga.id
        if before == S.VERIFYING:
            return uniform(1.5, 13)  # KPK takes its time
        if before == S.UPLOADED:
            return uniform(0.1, 2)  # the PIC's own check
        if before == S.ACCEPTED:
            return uniform(2, 14)
        return uniform(0.4, 6.5)  # fixing a returned document

    def _moment(self, workdays_ago: float, to: str) -> dt.datetime:
        """A moment in office hours that many working days before today.

        Agencies and PICs sometimes work late or on a Saturday to get evidence up; verdicts
        and returns come in office hours.
        """
        rng = self.rng
        day = self.workdays[min(int(workdays_ago), len(self.workdays) - 1)]
        minutes = rng.randint(8 * 60, 16 * 60 + 30)
        if to in (S.UPLOADED, S.VERIFYING):
            if day.weekday() == 4 and day < self.today and rng.random() < 0.1:
                day += dt.timedelta(days=1)
            if rng.random() < 0.15:
                minutes = rng.randint(19 * 60, 22 * 60 + 30)
        return dt.datetime.combine(day, dt.time(), WIB) + dt.timedelta(
            minutes=minutes, seconds=rng.randint(0, 59)
        )

    def _times(self, path: list[str]) -> list[dt.datetime]:
        ago = [self._age(path[-1])]
        for before, after in zip(reversed(path[:-1]), reversed(path[1:]), strict=True):
            ago.insert(0, ago[0] + self._gap(before, after))
        times = [self._moment(a, to) for a, to in zip(ago, path, strict=True)]
        # Newest first: each change strictly before the next one, and none after the horizon.
        # The jitter is drawn whether or not it is used, so the clock never shifts the stream.
        limit = self.horizon
        for i in reversed(range(len(times))):
            jitter = dt.timedelta(minutes=self.rng.randint(2, 90))
            if times[i] >= limit:
                times[i] = limit - jitter
            limit = times[i]
        return times

    def _history(self, plan: Plan) -> list[Step]:
        path = self._path(plan.status)
        times = self._times(path)
        steps = []
        before = S.NOT_UPLOADED
        for to, at in zip(path, times, strict=True):
            steps.append(self._step(plan, before, to, at))
            before = to
        # Whatever happened before the tracker went live arrives as one import of the recap.
        cutoff = self.went_live + dt.timedelta(minutes=1)
        earlier = [s for s in steps if s.at < cutoff]
        if earlier:
            last = earlier[-1]
            note = f"Impor awal dari rekap Excel MCSP per {self.went_live:%d-%m-%Y}."
            if last.to == S.NEEDS_REVISION:
                note += f" Catatan perbaikan: {last.note}"
            imported = Step(
                to=last.to,
                at=self.went_live,
                source=Source.IMPORT,
                note=note,
                reason_code=last.reason_code,
                evidence=self._evidence(plan, None, self.went_live),
            )
            steps = [imported, *steps[len(earlier) :]]
        return steps

    def _step(self, plan: Plan, before: str, to: str, at: dt.datetime) -> Step:
        rng = self.rng
        pic = self.pic[plan.region.pk]
        is_province = plan.region.kind == RegionKind.PROVINCE
        step = Step(to=to, at=at)
        if to == S.UPLOADED:
            operator = self.operators.get(plan.unit.pk)
            if operator is not None and rng.random() < 0.85:
                step.source, step.actor = Source.AGENCY, operator
            else:
                step.source, step.actor = Source.REGIONAL, pic
            if before == S.NEEDS_REVISION:
                step.note = rng.choice(REUPLOAD_NOTES)
            step.evidence = self._evidence(plan, step.actor, at)
        elif to == S.VERIFYING:
            step.source, step.actor = Source.REGIONAL, pic
            step.note = rng.choice(SENT_NOTES)
        elif to == S.ACCEPTED:
            step.source, step.actor = Source.KPK, self.inspector
            step.note = rng.choice(ACCEPTED_NOTES)
        else:  # returned for revision, by KPK or by a check before it got there
            if before == S.UPLOADED and not is_province and rng.random() < 0.7:
                step.source, step.actor = Source.REGIONAL, pic
            elif before == S.UPLOADED:
                step.source, step.actor = Source.REVIEW, self.inspector
            else:
                step.source, step.actor = Source.KPK, self.inspector
            step.reason_code, note = rng.choice(demo.REVISION_NOTES)
            step.note = note.format(y=self.year, p=self.year - 1)
        return step

    def _evidence(self, plan: Plan, by: User | None, at: dt.datetime) -> Evidence:
        alphabet = string.ascii_letters + string.digits + "-_"
        file_id = "1" + "".join(self.rng.choice(alphabet) for _ in range(32))
        suffix = ".png" if plan.requirement.name.startswith("Screenshot") else ".pdf"
        return Evidence(
            url=f"https://drive.google.com/file/d/{file_id}/view?usp=sharing",
            original_name=plan.requirement.name[:120] + suffix,
            uploaded_by=by,
            uploaded_at=at,
        )

    # --- writing ------------------------------------------------------------------------------

    def _store(self, programme: Programme, plans: list[Plan]) -> None:
        for plan in plans:
            last = plan.steps[-1].at if plan.steps else self.went_live
            plan.document = Document(
                requirement=plan.requirement,
                region=plan.region,
                unit=plan.unit,
                status=plan.status,
                assignee=plan.assignee,
                due_on=plan.due_on,
                version=1 + len(plan.steps),
                status_changed_at=last,
            )
        Document.objects.bulk_create([p.document for p in plans], batch_size=2000)

        evidence = []
        for plan in plans:
            for step in plan.steps:
                if step.evidence is not None:
                    step.evidence.document = plan.document
                    evidence.append(step.evidence)
        Evidence.objects.bulk_create(evidence, batch_size=2000)

        changes = []
        comments = []
        for plan in plans:
            before = S.NOT_UPLOADED
            for step in plan.steps:
                changes.append(
                    StatusChange(
                        document=plan.document,
                        region_id=plan.document.region_id,  # bulk_create skips save()
                        from_status=before,
                        to_status=step.to,
                        actor=step.actor,
                        created_at=step.at,
                        source=step.source,
                        note=step.note,
                        reason_code=step.reason_code,
                        evidence=step.evidence,
                    )
                )
                before = step.to
            comments.extend(self._comments(plan))
        StatusChange.objects.bulk_create(changes, batch_size=2000)
        Comment.objects.bulk_create(comments, batch_size=2000)
        # bulk_create stamps auto_now with the wall clock; the demo's clock is --today.
        Document.objects.of_programme(programme).update(updated_at=F("status_changed_at"))
        self.counts.update(
            documents=len(plans),
            changes=len(changes),
            evidence=len(evidence),
            comments=len(comments),
        )

    def _comments(self, plan: Plan) -> list[Comment]:
        """A word from the PIC on some returned documents: what the panel's thread looks like."""
        if plan.status != S.NEEDS_REVISION or self.rng.random() > 0.3:
            return []
        at = plan.steps[-1].at + dt.timedelta(hours=self.rng.uniform(2, 30))
        body = self.rng.choice(COMMENTS).format(unit=plan.unit.short_name)
        if at > self.horizon:
            return []
        author = self.operators.get(plan.unit.pk) or self.pic[plan.region.pk]
        return [Comment(document=plan.document, author=author, body=body, created_at=at)]

    def _scores(self, programme: Programme, regions) -> None:
        records = []
        for region in regions:
            for days_ago, value in SCORES[region.code]:
                day = self.today - dt.timedelta(days=days_ago)
                records.append(
                    ScoreRecord(
                        programme=programme,
                        region=region,
                        value=Decimal(value),
                        recorded_on=day,
                        entered_by=self.inspector,
                        created_at=dt.datetime.combine(day, dt.time(14, 0), WIB),
                        note="Dicatat dari dasbor jaga.id.",
                    )
                )
        ScoreRecord.objects.bulk_create(records)
        self.counts.update(scores=len(records))


class Command(BaseCommand):
    help = (
        "Load the Central Kalimantan demo: governments, agencies, the MCSP checklist, documents "
        "with weeks of history, scores and demo accounts (password mcsp-demo). DEBUG only; "
        "does nothing when demo data already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="the demo's today, YYYY-MM-DD (default: today); the deadline is the coming "
            "30 November",
        )

    def handle(self, *args, today=None, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo writes demo data and runs only with DEBUG on (DEBUG=1); refusing to "
                "touch what may be a real database."
            )
        day = parse_date(today) if today else timezone.localdate()
        if day is None:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, got {today!r}")

        started = time.monotonic()
        existing = Programme.objects.filter(kind=ProgrammeKind.MCSP).order_by("-year").first()
        if existing is not None:
            with transaction.atomic():
                ensure_people()
                spi = demo_spi.seed(day)  # a database seeded before the SPI follow-up existed
            if spi is not None:
                from reports.snapshots import backfill

                backfill(spi, until=day)
            self.stdout.write(
                f"Demo data already present ({existing.name}); demo accounts checked, nothing "
                "else changed. Delete the database to seed again."
            )
            return

        from reports.snapshots import backfill

        with transaction.atomic():
            seeder = Seeder(day)
            programme = seeder.run()
            snapshots = backfill(programme, until=day)
            spi = demo_spi.seed(day)
            if spi is not None:
                backfill(spi, until=day)
        if connection.vendor == "postgresql":
            # Fresh bulk-loaded tables have no planner statistics until autovacuum gets to
            # them; without them the dashboard's "latest changes" took 4x longer.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        self._summary(programme, seeder, snapshots, elapsed)

    def _summary(self, programme, seeder, snapshots, elapsed) -> None:
        c = seeder.counts
        deadline = timezone.localtime(programme.deadline, WIB)
        self.stdout.write(
            f"Seeded {programme.name} (deadline {deadline:%d-%m-%Y %H:%M:%S} WIB) in "
            f"{elapsed:.1f} s: {c['documents']} documents, {c['changes']} status "
            f"changes, {c['evidence']} evidence links, {c['scores']} scores, {snapshots} "
            "snapshot rows."
        )
        per_status: dict[str, Counter[str]] = {}
        names = {}
        rows = (
            Document.objects.of_programme(programme)
            .values("region__code", "region__short_name", "status")
            .annotate(n=Count("pk"))
            .order_by("region__code")
        )
        for row in rows:
            code = row["region__code"]
            names[code] = row["region__short_name"]
            per_status.setdefault(code, Counter())[row["status"]] = row["n"]
        self.stdout.write(
            f"{'code':<6} {'government':<16} {'total':>5} {'uploaded':>8} {'accepted':>8} "
            f"{'revision':>8} {'verifying':>9} {'waiting':>7}"
        )
        for code, n in per_status.items():
            total = n.total()
            self.stdout.write(
                f"{code:<6} {names[code]:<16} {total:>5} {total - n[S.NOT_UPLOADED]:>8} "
                f"{n[S.ACCEPTED]:>8} {n[S.NEEDS_REVISION]:>8} {n[S.VERIFYING]:>9} "
                f"{n[S.UPLOADED]:>7}"
            )
        self.stdout.write(
            f"Demo accounts (password {PASSWORD}): " + ", ".join(p.username for p in PEOPLE)
        )
