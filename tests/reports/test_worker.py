"""The real thing: a Celery worker process on Redis, PostgreSQL rows committed by the test, and
an SMTP server on loopback (aiosmtpd). Every other test runs tasks eagerly.

The worker gets a Redis database of its own (one below REDIS_URL's, flushed first), is pointed
at pytest's test database, and delivers to the SMTP server started here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from documents.models import Programme, Status
from reports import digests, figures
from reports.models import Delivery, DeliveryStatus
from tests.conftest import WIB, make_document, make_user

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


# --- an SMTP server on loopback ------------------------------------------------------------------


class Mailbox:
    """aiosmtpd handler. ``stall`` holds the next DATA without answering (the test kills the
    sender meanwhile); ``defer`` answers 421 once per recipient; ``refuse`` answers 550 at RCPT."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.stall = False
        self.stalled = threading.Event()
        self.defer: set[str] = set()
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            self.stall = False
            self.stalled.set()
            await asyncio.sleep(60)  # the client dies meanwhile: nothing was accepted
            return "451 4.3.0 too late"
        rcpt = envelope.rcpt_tos[0]
        if rcpt in self.defer:
            self.defer.discard(rcpt)
            return "421 4.3.2 try again later"
        with self.lock:
            self.messages.append(
                email.message_from_bytes(envelope.content, policy=email.policy.default)
            )
        return "250 OK"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailbox.port = port
    yield mailbox
    controller.stop()


# --- a worker process --------------------------------------------------------------------------


def _worker_redis_url() -> str:
    """REDIS_URL with a database of the worker tests' own: one below it (CI uses 15 → 14)."""
    parts = urlsplit(os.environ["REDIS_URL"])
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{db - 1 if db > 0 else db + 1}"))


def _test_database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Workers:
    def __init__(self, env: dict[str, str], tmp_path: Path):
        self.env = env
        self.tmp_path = tmp_path
        self.procs: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        log = self.tmp_path / f"worker-{len(self.procs)}.log"
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mcsp_tracker", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
             f"--hostname=test{len(self.procs)}@%h", f"--logfile={log}"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.procs.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if log.exists() and "ready." in log.read_text():
                return proc
            assert proc.poll() is None, log.read_text() if log.exists() else "worker died"
            time.sleep(0.1)
        raise AssertionError(f"worker not ready: {log.read_text()}")

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def workers(smtp, tmp_path, settings):
    from mcsp_tracker.celery import app

    broker = _worker_redis_url()
    redis.Redis.from_url(broker).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": broker,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "SECRET_KEY": settings.SECRET_KEY,
        "EMAIL_RETRY_SECONDS": "1",
        "EMAIL_STALE_SECONDS": "2",
        "NOTICE_BATCH_MINUTES": "1",
        "CELERY_VISIBILITY_TIMEOUT": "120",
        "DB_CONN_MAX_AGE": "0",
    }
    # This process publishes to the worker's broker instead of running tasks itself.
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = broker
    app.conf.task_always_eager = False
    app._after_fork()  # forget pooled connections to another broker
    settings.EMAIL_STALE_SECONDS = 2
    group = Workers(env, tmp_path)
    yield group
    group.stop()
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._after_fork()


def wait_until(condition, timeout: float = 20.0, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise AssertionError("timed out")


def settled(smtp, count: int, quiet: float = 1.5):
    """Wait for ``count`` messages, then make sure no more arrive for a while."""
    wait_until(lambda: len(smtp.messages) >= count)
    time.sleep(quiet)
    assert len(smtp.messages) == count


# --- data committed for the worker to read ---------------------------------------------


@pytest.fixture
def demo(province, kapuas, kotim, checklist, bpkad_kapuas):
    today = timezone.localdate()
    programme = Programme.objects.get()
    programme.deadline = dt.datetime(today.year + 1, 11, 30, 23, 59, 59, tzinfo=WIB)
    programme.save()  # far from any reminder checkpoint
    for req in checklist:
        make_document(req, province, Status.ACCEPTED)
    make_document(checklist[0], kapuas, Status.VERIFYING)
    make_document(checklist[2], kapuas, Status.NOT_UPLOADED, unit=bpkad_kapuas)
    make_document(checklist[2], kotim, Status.NEEDS_REVISION)
    return {
        "programme": programme,
        "leader": make_user("eko-pimpinan", province, "leadership"),
        "kapuas": make_user("bob-kapuas", kapuas, "regional"),
        "kotim": make_user("dina-kotim", kotim, "regional"),
    }


def _send_digests(week: str):
    from django.core.management import call_command

    call_command("send_digests", "--week", week)


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


# --- the tests ------------------------------------------------------------------------------


def test_a_real_worker_delivers_each_digest_once_with_the_dashboards_figures(
    smtp, workers, demo, province
):
    workers.start()
    week = digests.iso_week(timezone.now())
    _send_digests(week)
    settled(smtp, 3)
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3

    (leader_mail,) = smtp.to(demo["leader"].email)
    today = digests.week_moment(week).date()
    own = figures.for_province(demo["programme"], province, today=today).by_region[province.pk]
    body = _text(leader_mail)
    assert f"Diterima KPK: {own.accepted} ({own.pct_accepted:.2f}%)".replace(".", ",") in body
    assert str(leader_mail["Subject"]).strip().startswith(f"Ringkasan MCSP Pemprov Kalteng {week}")
    row = Delivery.objects.get(recipient_user=demo["leader"])
    assert leader_mail["Message-ID"] == row.message_id

    (kapuas_mail,) = smtp.to(demo["kapuas"].email)
    kapuas_text = _text(kapuas_mail) + kapuas_mail.get_body(("html",)).get_content()
    assert "Kabupaten Kapuas" in kapuas_text
    assert "Kotim" not in kapuas_text and "Kotawaringin" not in kapuas_text

    # Twice more from the command and twice from the tick: nothing new.
    _send_digests(week)
    _send_digests(week)
    from reports.tasks import tick

    tick.apply()
    tick.apply()
    settled(smtp, 3)


def test_a_worker_killed_mid_send_leaves_the_email_for_the_next_worker_exactly_once(
    smtp, workers, demo
):
    first = workers.start()
    smtp.stall = True  # the first message hangs in DATA, before the server accepts it
    _send_digests(digests.iso_week(timezone.now()))
    assert smtp.stalled.wait(20)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)

    workers.start()
    wait_until(lambda: len(smtp.messages) == 2)  # the two tasks still queued
    # The killed worker's task is unacknowledged in Redis until the visibility timeout; the
    # tick finds its row pending and unclaimed and queues it again.
    time.sleep(2.5)
    from reports.tasks import tick

    assert tick.apply().get() == 1
    settled(smtp, 3)
    for person in ("leader", "kapuas", "kotim"):
        assert len(smtp.to(demo[person].email)) == 1, person
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3
    tick.apply()
    settled(smtp, 3)


def test_421_is_retried_and_sent_once_and_550_fails_without_retry(smtp, workers, demo):
    smtp.defer = {demo["kapuas"].email}
    smtp.refuse = {demo["kotim"].email}
    workers.start()
    _send_digests(digests.iso_week(timezone.now()))
    settled(smtp, 2, quiet=3)
    assert len(smtp.to(demo["kapuas"].email)) == 1
    deferred = Delivery.objects.get(recipient_user=demo["kapuas"])
    assert (deferred.status, deferred.attempts) == (DeliveryStatus.SENT, 2)
    assert deferred.error == ""  # sent: the 421 of the first attempt is history
    refused = Delivery.objects.get(recipient_user=demo["kotim"])
    assert (refused.status, refused.attempts) == (DeliveryStatus.FAILED, 1)
    assert "550 5.1.1 mailbox unavailable" in refused.error
