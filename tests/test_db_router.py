"""The read replica (issue 16, mcsp_tracker/db_router.py): dashboards, exports and digests read
from it; every other page, and every write, uses the primary; without a replica configured,
everything is the primary.

The "replica" alias here is a test mirror of default (a second connection to the same test
database), so the data a test writes must be committed for it to see: these tests run in
transactional mode.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connections, router
from django.db.utils import load_backend
from django.http import StreamingHttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from documents.models import Document, Evidence, Status
from documents.workflow import transition
from mcsp_tracker import db_router
from mcsp_tracker.db_router import REPLICA, ReplicaRouter, reads_from_replica
from regions.models import Region
from reports import digests, live, weekly
from reports.models import DeliveryKind
from tests.conftest import make_document

ROOT = Path(__file__).resolve().parent.parent
# What the primary may still be asked inside a replica-read page: the session, and the user
# that login_required loads before the view runs.
SESSION_AND_USER = ("django_session", "auth_user")


@pytest.fixture
def replica(transactional_db):
    """A "replica" alias for one test: a second connection to the test database, as
    DATABASE_REPLICA_URL gives in production (there a streaming replica, here a mirror).

    settings.DATABASES gains it, which is what the router asks; the connection itself is
    opened beside Django's configured ones, the way Django's test cases allow a connection
    created at run time."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "MIRROR": "default"}
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, REPLICA)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Overriding setting DATABASES")
        override = override_settings(DATABASES={**settings.DATABASES, REPLICA: settings_dict})
        override.enable()
    setattr(connections._connections, REPLICA, wrapper)
    try:
        yield wrapper
    finally:
        wrapper.close()
        delattr(connections._connections, REPLICA)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Overriding setting DATABASES")
            override.disable()


class Queries:
    """The SQL run on the primary and on the replica during the block."""

    def __enter__(self):
        self.default = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections[REPLICA])
        self.default.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.default.__exit__(*exc)

    def on_default(self) -> list[str]:
        return [q["sql"] for q in self.default.captured_queries]

    def on_replica(self) -> list[str]:
        return [q["sql"] for q in self.replica.captured_queries]

    def data_on_default(self) -> list[str]:
        return [sql for sql in self.on_default() if not _only_touches(sql, SESSION_AND_USER)]


def _only_touches(sql: str, tables: tuple[str, ...]) -> bool:
    return any(f'FROM "{table}"' in sql for table in tables) and "JOIN" not in sql


@pytest.fixture
def province_data(province, kapuas, kotim, programme, checklist, bpkad_kapuas, inspector):
    for requirement in checklist:
        make_document(requirement, province, Status.ACCEPTED)
        make_document(requirement, kapuas, Status.NOT_UPLOADED, unit=bpkad_kapuas)
        make_document(requirement, kotim, Status.VERIFYING)
    return province


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_reads_from_the_replica(client, replica, inspector, province_data):
    client.force_login(inspector)
    with Queries() as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert "Kapuas" in response.text  # the ranking, read from the replica
    assert len(queries.on_replica()) >= 5, queries.on_replica()
    assert queries.data_on_default() == [], queries.data_on_default()


@pytest.mark.django_db(transaction=True)
def test_the_live_refresh_of_the_dashboards_figures_reads_the_primary(
    client, replica, inspector, province_data
):
    """After a poll saw a change on the primary, the figures it re-fetches must show it."""
    client.force_login(inspector)
    with Queries() as queries:
        response = client.get("/", headers={"HX-Request": "true", "HX-Target": "figures"})
    assert response.status_code == 200
    assert queries.on_replica() == []


@pytest.mark.django_db(transaction=True)
def test_the_recap_exports_read_from_the_replica(client, replica, inspector, province_data):
    client.force_login(inspector)
    for url in ("/reports/recap.xlsx", "/regions/62.03/recap.xlsx"):
        with Queries() as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert queries.on_replica(), url
        assert queries.data_on_default() == [], (url, queries.data_on_default())


@pytest.mark.django_db(transaction=True)
def test_the_public_weekly_pages_read_from_the_replica(
    client, replica, inspector, province_data, programme
):
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC), tick=False):
        weekly.publish(programme, province_data, "2026-W48", by=inspector)
    for url in ("/capaian/62/", "/capaian/62/2026-W48/"):
        with Queries() as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert queries.on_replica(), url
        assert queries.on_default() == [], (url, queries.on_default())


@pytest.mark.django_db(transaction=True)
def test_a_status_change_reads_and_writes_the_primary_only(client, replica, kapuas_pic, kapuas_doc):
    Evidence.objects.create(document=kapuas_doc, url="https://drive.example/x")
    transition(kapuas_doc, Status.UPLOADED, by=kapuas_pic, source="regional", expected_version=1)
    kapuas_doc.refresh_from_db()
    client.force_login(kapuas_pic)
    with Queries() as queries:
        response = client.post(
            f"/documents/{kapuas_doc.pk}/status/",
            {"to": Status.VERIFYING, "source": "regional", "version": kapuas_doc.version},
        )
    assert response.status_code == 302
    assert queries.on_replica() == []
    assert any(sql.startswith("UPDATE") for sql in queries.on_default())
    kapuas_doc.refresh_from_db()
    assert kapuas_doc.status == Status.VERIFYING


@pytest.mark.django_db(transaction=True)
def test_the_digest_is_built_from_the_replica(replica, programme, leader, province_data):
    rows = digests.plan(programme, "2026-W48", {DeliveryKind.DIGEST_LEADERSHIP})
    row = next(row for row in rows if row.recipient_user == leader)
    with Queries() as queries:
        message = digests.build_leadership(row)
    assert message is not None
    assert queries.on_replica()
    assert queries.on_default() == []


@pytest.mark.django_db
def test_without_a_replica_everything_reads_the_primary(client, inspector, province_data):
    assert REPLICA not in settings.DATABASES
    client.force_login(inspector)
    with CaptureQueriesContext(connections["default"]) as queries:
        assert client.get("/").status_code == 200
    assert len(queries.captured_queries) >= 5
    with reads_from_replica():
        assert router.db_for_read(Document) == "default"
        assert not db_router.reading_from_replica()
        assert db_router.lag_margin() == dt.timedelta(0)


# --- the router ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_only_reads_inside_the_context_go_to_the_replica(replica):
    from django.contrib.sessions.models import Session

    assert router.db_for_read(Region) == "default"
    with reads_from_replica():
        assert router.db_for_read(Region) == REPLICA
        assert router.db_for_write(Region) == "default"
        # A session written at sign-in a moment ago is read where it was written.
        assert router.db_for_read(Session) == "default"
    assert router.db_for_read(Region) == "default"

    @reads_from_replica
    def fails():
        assert router.db_for_read(Region) == REPLICA
        raise ValueError

    with pytest.raises(ValueError):
        fails()
    assert router.db_for_read(Region) == "default"  # left on the way out, even by an error


def test_migrations_run_on_the_primary_only_and_relations_span_both():
    router_ = ReplicaRouter()
    assert router_.allow_migrate("default", "documents") is True
    assert router_.allow_migrate(REPLICA, "documents") is False
    on_replica, on_default = Region(), Region()
    on_replica._state.db, on_default._state.db = REPLICA, "default"
    assert router_.allow_relation(on_replica, on_default) is True


@pytest.mark.django_db(transaction=True)
def test_a_streamed_response_is_produced_on_the_replica_chunk_by_chunk(replica):
    seen = []

    def chunks():
        for _ in range(3):
            seen.append(router.db_for_read(Region))
            yield b"x"

    @reads_from_replica
    def view(request):
        return StreamingHttpResponse(chunks())

    response = view(None)
    for _ in response:
        assert router.db_for_read(Region) == "default"  # not leaked between chunks
    assert seen == [REPLICA] * 3


@pytest.mark.django_db(transaction=True)
def test_a_page_drawn_from_the_replica_polls_for_changes_from_before_its_lag(replica, inspector):
    now = dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.UTC)
    on_primary = live.poll_url(inspector, [1], now=now)
    with reads_from_replica():
        on_replica = live.poll_url(inspector, [1], now=now)

    def since(url):
        return live.from_micros(url.rsplit("since=", 1)[1])

    assert since(on_primary) == now
    assert since(on_replica) == now - db_router.LAG_MARGIN


# --- settings --------------------------------------------------------------------------------


def _replica_settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    clean.update(SECRET_KEY="k", DATABASE_URL="postgres://app:pw@primary:5432/mcsp", **env)
    code = (
        "import mcsp_tracker.settings as s; r = s.DATABASES.get('replica');"
        "print(r and (r['HOST'], r['NAME'], r['TEST']['MIRROR'], r['CONN_MAX_AGE']));"
        "print(r and r['OPTIONS'] == s.DATABASES['default']['OPTIONS']); print(s.DATABASE_ROUTERS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_database_replica_url_adds_the_replica_alias_like_default():
    result = _replica_settings(DATABASE_REPLICA_URL="postgres://app:pw@replica:5432/mcsp")
    assert result.returncode == 0, result.stderr
    alias, same_options, routers = result.stdout.splitlines()
    assert alias == "('replica', 'mcsp', 'default', 60)"
    assert same_options == "True"  # timeouts as on the primary
    assert routers == "['mcsp_tracker.db_router.ReplicaRouter']"

    assert _replica_settings().stdout.splitlines()[0] == "None"
    refused = _replica_settings(DATABASE_REPLICA_URL="mysql://replica/mcsp")
    assert refused.returncode != 0
    assert "DATABASE_REPLICA_URL must start with one of" in refused.stderr
