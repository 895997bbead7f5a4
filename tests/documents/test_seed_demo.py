"""``manage.py seed_demo``: the demo of DESIGN.md ("Demo data"), consistent row by row.

The seed runs once for the module inside a transaction that is rolled back at the end; each
test sees it through its own savepoint.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.conf import global_settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from documents import demo_checklist
from documents.management.commands.seed_demo import programme_dates
from documents.models import Document, Evidence, Programme, Source, Status, StatusChange
from documents.workflow import RULES
from regions import scoping
from regions.models import Region, Role, Unit
from reports.models import ScoreRecord, Snapshot

S = Status
WIB = ZoneInfo("Asia/Jakarta")
TODAY = dt.date(2026, 11, 27)
END_OF_TODAY = dt.datetime(2026, 11, 27, 23, 59, 59, tzinfo=WIB)


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with override_settings(DEBUG=True):
            call_command("seed_demo", "--today", TODAY.isoformat(), stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_output, db):
    return Programme.objects.get(kind="mcsp")


def _counts(region: Region) -> Counter:
    mcsp = Document.objects.filter(region=region, requirement__programme__kind="mcsp")
    return Counter(mcsp.values_list("status", flat=True))


def _latest_score(region: Region) -> ScoreRecord:
    return ScoreRecord.objects.filter(region=region, area=None).order_by("-recorded_on").first()


def test_the_province_has_the_published_figures(seeded):
    province = Region.objects.get(code="62")
    counts = _counts(province)

    assert counts.total() == 660
    assert counts.total() - counts[S.NOT_UPLOADED] == 446
    assert counts[S.NOT_UPLOADED] == 214
    assert counts[S.ACCEPTED] == 301
    assert counts[S.NEEDS_REVISION] == 49
    assert counts[S.VERIFYING] == 96
    assert counts[S.UPLOADED] == 0
    latest = _latest_score(province)
    assert latest.value == Decimal("55.00")
    assert dt.date(2026, 10, 20) <= latest.recorded_on <= dt.date(2026, 11, 10)
    assert ScoreRecord.objects.filter(region=province).count() >= 2


def test_the_real_governments_are_there_with_their_codes(seeded):
    regions = {r.code: r for r in Region.objects.select_related("parent")}

    assert set(regions) == {g.code for g in demo_checklist.GOVERNMENTS}
    assert regions["62.03"].name == "Kabupaten Kapuas"
    assert regions["62.71"].kind == "city"
    assert all(r.parent == regions["62"] for code, r in regions.items() if code != "62")


def test_every_government_has_documents_agencies_and_a_score(seeded):
    for region in Region.objects.all():
        units = Unit.objects.filter(region=region).count()
        assert 10 <= units <= 20, region
        assert Document.objects.filter(region=region).exists(), region
        assert ScoreRecord.objects.filter(region=region, programme=seeded).exists(), region


def test_every_document_belongs_to_its_governments_agency_named_by_the_checklist(seeded):
    docs = Document.objects.select_related("requirement", "unit")
    assert not docs.filter(unit=None).exists()
    for doc in docs:
        assert doc.unit.region_id == doc.region_id
        assert doc.unit.short_name == doc.requirement.unit_short_name


def test_regencies_and_the_city_have_their_own_totals(seeded):
    totals = {
        r.kind: Document.objects.filter(region=r, requirement__programme__kind="mcsp").count()
        for r in Region.objects.filter(code__in=["62", "62.03", "62.71"])
    }
    assert totals["province"] == 660
    assert 500 <= totals["regency"] <= 620
    assert 500 <= totals["city"] <= 620
    assert len(set(totals.values())) == 3


def test_progress_varies_from_nearly_done_to_far_behind(seeded):
    palangka_raya = _counts(Region.objects.get(code="62.71"))
    murung_raya = _counts(Region.objects.get(code="62.12"))

    assert palangka_raya[S.ACCEPTED] / palangka_raya.total() >= 0.85
    murung_raya_uploaded = murung_raya.total() - murung_raya[S.NOT_UPLOADED]
    assert murung_raya_uploaded / murung_raya.total() <= 0.2
    local = Counter(Document.objects.exclude(region__code="62").values_list("status", flat=True))
    assert all(local[status] > 0 for status in S.values)


def test_latest_scores_fall_in_every_band(seeded):
    bands = Counter()
    for region in Region.objects.all():
        value = _latest_score(region).value
        bands["rentan" if value < 73 else "waspada" if value < 78 else "terjaga"] += 1
    assert set(bands) == {"rentan", "waspada", "terjaga"}


def test_replaying_each_history_from_not_uploaded_gives_the_current_status(seeded):
    history: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.order_by("created_at", "pk"):
        history.setdefault(change.document_id, []).append(change)

    for doc in Document.objects.all():
        changes = history.get(doc.pk, [])
        status = S.NOT_UPLOADED
        for change in changes:
            assert change.from_status == status, doc
            status = change.to_status
        assert status == doc.status, doc
        assert doc.version == 1 + len(changes), doc
        if changes:
            assert doc.status_changed_at == changes[-1].created_at, doc


def test_every_change_is_one_the_workflow_allows_its_actor(seeded):
    docs = {d.pk: d for d in Document.objects.select_related("region")}
    users = {}
    for change in StatusChange.objects.select_related("actor", "evidence"):
        doc = docs[change.document_id]
        if change.source == Source.IMPORT:
            assert change.actor is None
            assert change.note
            continue
        user = users.setdefault(change.actor_id, change.actor)
        membership = scoping.membership_for(user, doc.region)
        if membership.role == Role.AGENCY:
            assert membership.unit_id == doc.unit_id
        rules = [
            rule
            for rule in RULES
            if change.from_status in rule.from_statuses
            and rule.to in (change.to_status, "*")
            and (membership.role, change.source) in rule.grants
        ]
        assert rules, change
        if any(rule.needs_note for rule in rules):
            assert change.note.strip(), change
        if change.to_status == S.UPLOADED:
            assert change.evidence.document_id == doc.pk


def test_returned_documents_carry_a_revision_note_from_the_right_source(seeded):
    notes = {text.format(y=2026, p=2025) for _code, text in demo_checklist.REVISION_NOTES}
    returns = StatusChange.objects.filter(to_status=S.NEEDS_REVISION)
    assert returns.exists()
    for change in returns.exclude(source=Source.IMPORT):
        assert change.note in notes
        expected = {Source.KPK} if change.from_status != S.UPLOADED else {"review", "regional"}
        assert change.source in expected


def test_every_document_ever_uploaded_has_evidence_links(seeded):
    uploaded = Document.objects.exclude(status=S.NOT_UPLOADED)
    with_evidence = set(Evidence.objects.values_list("document_id", flat=True))
    assert set(uploaded.values_list("pk", flat=True)) <= with_evidence
    assert not Evidence.objects.filter(document__status=S.NOT_UPLOADED).exists()
    assert not Evidence.objects.filter(url="").exists()


def test_history_lies_in_the_past_ten_weeks_and_shows_recent_uploads(seeded):
    times = list(StatusChange.objects.values_list("created_at", flat=True))
    assert max(times) <= END_OF_TODAY
    assert min(times) >= END_OF_TODAY - dt.timedelta(weeks=11)
    assert all(t.tzinfo is not None for t in times)
    assert Evidence.objects.filter(uploaded_at__gt=END_OF_TODAY).count() == 0
    assert Document.objects.filter(updated_at__gt=END_OF_TODAY).count() == 0
    week_ago = END_OF_TODAY - dt.timedelta(days=7)
    first_uploads = StatusChange.objects.filter(from_status=S.NOT_UPLOADED, created_at__gt=week_ago)
    assert 5 <= first_uploads.filter(document__region__code="62").count() <= 60
    assert first_uploads.exclude(document__region__code="62").count() > 50


def test_snapshots_are_rebuilt_up_to_today_and_match_the_documents(seeded):
    province = Region.objects.get(code="62")
    latest = Snapshot.objects.filter(region=province, unit=None).order_by("-day").first()
    assert latest.day == TODAY
    assert latest.total == 660
    assert latest.accepted == 301
    assert latest.not_uploaded == 214
    first = Snapshot.objects.filter(region=province, unit=None).order_by("day").first()
    assert first.day <= TODAY - dt.timedelta(weeks=9)
    assert first.not_uploaded > latest.not_uploaded


def test_the_programme_ends_on_the_coming_30_november(seeded):
    assert seeded.kind == "mcsp"
    assert seeded.year == 2026
    assert seeded.name == "MCSP 2026"
    assert seeded.starts_on == dt.date(2026, 3, 5)
    assert seeded.deadline == dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB)


@pytest.mark.parametrize(
    ("today", "year"),
    [("2026-11-27", 2026), ("2026-11-30", 2026), ("2026-12-05", 2027), ("2027-01-10", 2027)],
)
def test_the_deadline_is_30_november_wib_of_the_right_year(today, year):
    got_year, starts_on, deadline = programme_dates(dt.date.fromisoformat(today))

    assert got_year == year
    assert starts_on == dt.date(year, 3, 5)
    assert deadline == dt.datetime(year, 11, 30, 23, 59, 59, tzinfo=WIB)
    assert deadline.utcoffset() == dt.timedelta(hours=7)


def test_seeding_again_changes_nothing(seeded, settings):
    settings.DEBUG = True
    apps_seeded = {"auth", "regions", "documents", "reports"}
    models = [m for m in apps.get_models() if m._meta.app_label in apps_seeded]
    before = {m: m.objects.count() for m in models}
    statuses = dict(Document.objects.values_list("pk", "status"))
    out = StringIO()

    call_command("seed_demo", "--today", TODAY.isoformat(), stdout=out)

    assert {m: m.objects.count() for m in models} == before
    assert dict(Document.objects.values_list("pk", "status")) == statuses
    assert "already" in out.getvalue()


def test_it_is_refused_when_debug_is_off(seeded, settings):
    settings.DEBUG = False
    before = Document.objects.count()

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert Document.objects.count() == before


def test_a_malformed_today_is_refused(seeded, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", "--today", "27-11-2026", stdout=StringIO())


@pytest.mark.parametrize(
    ("username", "code", "role"),
    [
        ("inspektorat", "62", Role.INSPECTORATE),
        ("kapuas", "62.03", Role.REGIONAL),
        ("bpkad-kapuas", "62.03", Role.AGENCY),
        ("pimpinan", "62", Role.LEADERSHIP),
    ],
)
def test_demo_users_can_log_in_with_their_role(seeded, client, settings, username, code, role):
    # Through the real password hasher, as a person logs in (the rest of the suite uses a fast
    # one: tests/conftest.py); the module-wide demo was seeded before the fast one applied.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    assert client.login(username=username, password="mcsp-demo")
    user = User.objects.get(username=username)
    membership = user.memberships.get()
    assert (membership.region.code, membership.role) == (code, role)
    assert user.email and user.first_name and user.last_name
    if role == Role.AGENCY:
        assert membership.unit.short_name == "BPKAD"


def test_the_summary_lists_every_government(seed_output):
    assert "Pemprov Kalteng" in seed_output
    assert "Palangka Raya" in seed_output
    lines = [line for line in seed_output.splitlines() if line.startswith("62")]
    assert len(lines) == 15


def test_the_checklist_gives_the_province_exactly_660_documents():
    assert demo_checklist.count_for("province", 2026) == 660
    regency = demo_checklist.count_for("regency", 2026)
    city = demo_checklist.count_for("city", 2026)
    assert 500 <= city <= regency <= 620
    assert regency != 660


def test_checklist_names_read_like_documents_and_are_unique_per_kind():
    rows = demo_checklist.requirements(2026)
    for kind in ("province", "regency", "city"):
        names = [r.name for r in rows if kind in r.kinds]
        assert len(names) == len(set(names)), kind
    assert all("{" not in r.name and "Dokumen 1" not in r.name for r in rows)
    assert len({r.area_code for r in rows}) == 8
    assert "Peraturan Kepala Daerah tentang RKPD Tahun 2027" in {r.name for r in rows}


def test_every_checklist_agency_exists_in_each_kind_it_applies_to():
    for row in demo_checklist.requirements(2026):
        for kind in row.kinds:
            short_names = {a.short_name for a in demo_checklist.AGENCIES[kind]}
            assert row.unit_short_name in short_names, row


def test_the_spi_follow_up_is_seeded_beside_mcsp(seeded):
    from documents.models import ActionPlan
    from reports import spi

    summary = spi.for_province(Region.objects.get(code="62"), today=TODAY)
    province, *regencies = summary.lines
    assert province.region.code == "62" and province.plans == 10
    assert province.fig.pct_uploaded == Decimal("90.00")  # "10 rencana aksi, 90% diunggah"
    assert [line.region.code for line in regencies] == ["62.02", "62.03", "62.04"]
    assert summary.programme.last_day == max(p.target_on for p in ActionPlan.objects.all())
