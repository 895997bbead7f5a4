"""A stalled database is bounded: connecting gives up within DB_CONNECT_TIMEOUT, runaway
statements are cancelled, and both /healthz and pages answer a clean 503, not a hung worker."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, time, django
django.setup()
from django.test import Client
client, out = Client(raise_request_exception=False), {}
for name, call in [("healthz", lambda: client.get("/healthz")),
                   ("login", lambda: client.post("/accounts/login/",
                                                 {"username": "a", "password": "b"}))]:
    start = time.monotonic()
    response = call()
    out[name] = [response.status_code, time.monotonic() - start,
                 response.get("Retry-After"), response.content.decode()]
print(json.dumps(out))
"""


@pytest.fixture
def silent_database():
    """A 'database' that accepts TCP connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(32)
    held = []

    def accept():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for conn in held:
        conn.close()


def test_a_silent_database_gives_503_within_the_connect_timeout(silent_database):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mcsp_tracker.settings",
        "SECRET_KEY": "test-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://mcsp@127.0.0.1:{silent_database}/mcsp",
        "DB_CONNECT_TIMEOUT": "2",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    import json

    out = json.loads(result.stdout.strip().splitlines()[-1])
    status, seconds, _, body = out["healthz"]
    assert status == 503 and seconds < 5, out["healthz"][:2]
    status, seconds, retry_after, body = out["login"]
    assert status == 503 and seconds < 8, out["login"][:2]
    assert retry_after == "30"
    assert "Basis data sedang tidak dapat dihubungi" in body


def test_a_database_error_in_a_page_is_a_503_page(client, monkeypatch):
    from axes.handlers.proxy import AxesProxyHandler

    def down(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(AxesProxyHandler, "is_allowed", down)
    client.raise_request_exception = False
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 503
    assert "Basis data sedang tidak dapat dihubungi" in response.content.decode()


def test_the_503_handler_answers_for_a_database_error_only(rf):
    from mcsp_tracker.views import server_error

    request = rf.get("/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_postgresql_settings_carry_both_timeouts():
    env = {**os.environ, "SECRET_KEY": "k", "DATABASE_URL": "postgres://u@db:5432/mcsp"}
    env.update(DB_CONNECT_TIMEOUT="3", DB_STATEMENT_TIMEOUT="20")
    result = subprocess.run(
        [sys.executable, "-c", "import mcsp_tracker.settings as s; print(s.DATABASES)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "'connect_timeout': 3" in result.stdout
    assert "-c statement_timeout=20000" in result.stdout


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_cancels_a_runaway_statement():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"  # the setting reached the server
        cursor.execute("SET LOCAL statement_timeout = '200ms'")
        with pytest.raises(OperationalError):
            cursor.execute("SELECT pg_sleep(3)")


def test_healthz_is_ok_when_the_database_answers(client, db):
    assert Client().get("/healthz").status_code == 200
