"""What sending the weekly digests costs: build + send of every demo recipient's digest, and the
messages per minute one worker sustains, both against a real SMTP server on loopback (aiosmtpd).

    DATABASE_URL=postgres://… DEBUG=1 manage.py seed_demo
    DATABASE_URL=postgres://… SECRET_KEY=x .venv/bin/python bench/email_delivery.py eager
    DATABASE_URL=postgres://… REDIS_URL=redis://127.0.0.1:6379/11 SECRET_KEY=x \
        .venv/bin/python bench/email_delivery.py worker --weeks 12

``eager`` sends in this process (as `make run` does); ``worker`` starts one Celery worker
(prefork, 2 processes) and queues the digests of several weeks, timing until all arrived.
Both delete the Delivery rows they created afterwards.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class Counter:
    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
        return "250 OK"


def smtp() -> tuple[Counter, Controller, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    return counter, controller, port


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["eager", "worker"])
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    counter, controller, port = smtp()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    if args.mode == "eager":
        os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mcsp_tracker.settings")
    import django

    django.setup()
    from documents.models import Programme
    from reports import outbox
    from reports.models import Delivery
    from reports.tasks import send_delivery

    programme = Programme.objects.current()
    before = set(Delivery.objects.values_list("pk", flat=True))
    weeks = (
        ["2026-W40"]
        if args.mode == "eager"
        else [f"2025-W{w:02d}" for w in range(1, 1 + args.weeks)]
    )
    worker = None
    if args.mode == "worker":
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mcsp_tracker", "worker", "--concurrency=2",
             "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
            cwd=ROOT, env=os.environ.copy(),
        )  # fmt: skip
        time.sleep(6)
    try:
        start = time.perf_counter()
        queued = 0
        for week in weeks:
            for row in outbox.plan_digests(programme, week):
                send_delivery.delay(row.pk)
                queued += 1
        while counter.n < queued and time.perf_counter() - start < 600:
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        print(f"{args.mode}: {counter.n}/{queued} digests built and sent in {elapsed:.1f} s "
              f"({counter.n / elapsed * 60:.0f} messages/minute)")  # fmt: skip
    finally:
        if worker:
            worker.terminate()
            worker.wait(20)
        Delivery.objects.exclude(pk__in=before).delete()
        controller.stop()


if __name__ == "__main__":
    main()
