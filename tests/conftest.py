"""Shared fixtures: the personas of DESIGN.md and a small checklist, built inline.

Test policy for outside services: tests marked ``postgres``, ``redis`` or ``browser`` skip on a
laptop that lacks the service, but with CI=true a missing service fails the test, and any skip
at all fails the run (``pytest_sessionfinish``): CI must run everything.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from documents.models import (
    Area,
    Document,
    Indicator,
    Programme,
    Requirement,
    Status,
)
from regions.models import Membership, Region, RegionKind, Role, Unit

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
WIB = dt.timezone(dt.timedelta(hours=7))


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but {reason}: CI must run this test, not skip it")
    pytest.skip(reason)


def _redis_answers() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing("DATABASE_URL does not point at PostgreSQL")
    if item.get_closest_marker("redis") and not _redis_answers():
        _missing("REDIS_URL is not set or Redis does not answer")
    if item.get_closest_marker("browser") and not shutil.which("chromium", path="/usr/bin"):
        _missing("/usr/bin/chromium is not installed")


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} test(s) skipped; failing the run", red=True)
        session.exitstatus = 1


# Hashing with the real hasher took ~70% of the suite's time; one test logs in through it
# (tests/documents/test_seed_demo.py::test_demo_users_can_log_in_with_their_role).
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Celery tasks run in-process even when REDIS_URL is set (CI): only the worker tests
    (tests/reports/test_worker.py) talk to a real broker and worker."""
    from mcsp_tracker.celery import app

    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _own_figures_cache(settings):
    """Each test its own dashboard cache keys: rolled-back ids and frozen clocks can give two
    tests the same data state, and CI's cache is a Redis shared by the whole run."""
    settings.FIGURES_CACHE_PREFIX = uuid.uuid4().hex


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Evidence files of a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


# --- governments and people ------------------------------------------------------------------


@pytest.fixture
def province(db):
    return Region.objects.create(
        code="62",
        name="Provinsi Kalimantan Tengah",
        short_name="Pemprov Kalteng",
        kind=RegionKind.PROVINCE,
    )


@pytest.fixture
def kapuas(province):
    return Region.objects.create(
        code="62.03",
        name="Kabupaten Kapuas",
        short_name="Kapuas",
        kind=RegionKind.REGENCY,
        parent=province,
    )


@pytest.fixture
def kotim(province):
    return Region.objects.create(
        code="62.02",
        name="Kabupaten Kotawaringin Timur",
        short_name="Kotim",
        kind=RegionKind.REGENCY,
        parent=province,
    )


@pytest.fixture
def bpkad_kapuas(kapuas):
    return Unit.objects.create(
        region=kapuas, name="Badan Pengelolaan Keuangan dan Aset Daerah", short_name="BPKAD"
    )


@pytest.fixture
def bappeda_kapuas(kapuas):
    return Unit.objects.create(
        region=kapuas, name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda"
    )


def make_user(username: str, region: Region, role: str, unit: Unit | None = None) -> User:
    user = User.objects.create_user(username, f"{username}@example.go.id", "mcsp-demo")
    Membership.objects.create(user=user, region=region, role=role, unit=unit)
    return user


@pytest.fixture
def inspector(province):
    """Alice: inspectorate staff, whole province."""
    return make_user("alice-inspektorat", province, Role.INSPECTORATE)


@pytest.fixture
def kapuas_pic(kapuas):
    """Bob: the MCSP admin (PIC) of Kabupaten Kapuas."""
    return make_user("bob-kapuas", kapuas, Role.REGIONAL)


@pytest.fixture
def bpkad_operator(kapuas, bpkad_kapuas):
    """Charlie: operator of BPKAD Kapuas."""
    return make_user("charlie-bpkad", kapuas, Role.AGENCY, bpkad_kapuas)


@pytest.fixture
def kotim_pic(kotim):
    """Dina: the PIC of another regency (Kotawaringin Timur)."""
    return make_user("dina-kotim", kotim, Role.REGIONAL)


@pytest.fixture
def leader(province):
    """Eko: leadership (regional secretary), whole province, read-only."""
    return make_user("eko-pimpinan", province, Role.LEADERSHIP)


# --- a small checklist -------------------------------------------------------------------------


@pytest.fixture
def programme(db):
    return Programme.objects.create(
        kind="mcsp",
        year=2026,
        name="MCSP 2026",
        starts_on=dt.date(2026, 3, 5),
        deadline=dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB),
    )


@pytest.fixture
def checklist(programme):
    """Two areas, one indicator each, three requirements in all."""
    area1 = Area.objects.create(programme=programme, code="1", name="Perencanaan", order=1)
    area2 = Area.objects.create(programme=programme, code="2", name="Penganggaran", order=2)
    ind1 = Indicator.objects.create(area=area1, code="1.1", name="RKPD", order=1)
    ind2 = Indicator.objects.create(area=area2, code="2.1", name="APBD", order=1)
    return [
        Requirement.objects.create(
            indicator=ind1, code="1.1.a", name="Perkada RKPD", order=1, unit_short_name="Bappeda"
        ),
        Requirement.objects.create(
            indicator=ind1,
            code="1.1.b",
            name="Berita acara Musrenbang",
            order=2,
            weight=Decimal(2),
            unit_short_name="Bappeda",
        ),
        Requirement.objects.create(
            indicator=ind2, code="2.1.a", name="Perda APBD", order=1, unit_short_name="BPKAD"
        ),
    ]


def make_document(requirement, region, status=Status.NOT_UPLOADED, unit=None, **extra):
    return Document.objects.create(
        requirement=requirement,
        region=region,
        status=status,
        unit=unit,
        status_changed_at=extra.pop("status_changed_at", timezone.now()),
        **extra,
    )


@pytest.fixture
def kapuas_doc(checklist, kapuas, bpkad_kapuas):
    """The Perda APBD of Kapuas, provided by BPKAD, not uploaded yet."""
    return make_document(checklist[2], kapuas, unit=bpkad_kapuas)


@pytest.fixture
def kotim_doc(checklist, kotim):
    return make_document(checklist[2], kotim)


def query_count(client, url: str) -> int:
    """SQL queries one GET of ``url`` costs (the page must answer 200)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)
