"""What an idle open page costs the server: an unchanged poll against a full page render.

Usage (after `make demo`, or with DATABASE_URL pointing at a seeded database):
    DEBUG=1 .venv/bin/python bench/live_poll.py [--polls 300] [--pages 20]

Prints queries and median milliseconds per request for each, and their ratio, measured in one
run on the same machine and data. Numbers in seconds are for this machine only; the ratio and
the query counts are what to compare across changes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mcsp_tracker.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from regions.models import Region  # noqa: E402
from reports import live  # noqa: E402


def measure(client: Client, url: str, n: int, expect: int) -> tuple[float, int]:
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == expect, (url, response.status_code)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(executed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--polls", type=int, default=300)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    user = get_user_model().objects.get(username="pimpinan")
    client.force_login(user)
    province = Region.objects.get(code="62")
    regions = list(Region.objects.filter(parent=province).values_list("pk", flat=True))
    poll = live.poll_url(user, [province.pk, *regions])
    poll_ms, poll_q = measure(client, poll, args.polls, 204)
    page_ms, page_q = measure(client, "/", args.pages, 200)
    print(f"database: {connection.vendor}")
    print(f"unchanged poll : {poll_q:3d} queries, median {poll_ms:7.2f} ms ({args.polls} runs)")
    print(f"dashboard page : {page_q:3d} queries, median {page_ms:7.2f} ms ({args.pages} runs)")
    print(f"ratio          : one dashboard render costs as much as {page_ms / poll_ms:.0f} polls")
    print(
        f"idle page      : one poll per {live.POLL_SECONDS} s = "
        f"{poll_ms / (live.POLL_SECONDS * 1000) * 100:.3f}% of one worker per open page"
    )


if __name__ == "__main__":
    main()
