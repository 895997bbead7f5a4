"""Every admin changelist (and one change form per model) on the national data set.

Usage (never in CI; against a `manage.py seed_scale` database, or a copy of one):
    DATABASE_URL=postgres://…/mcsp_scale .venv/bin/python bench/admin_changelists.py [--runs 7]

In-process, with Django's test client. Everything runs inside one transaction that is rolled
back at the end — the superuser it signs in as (an existing user made superuser for the run)
and the session row disappear with it — so the database is left as it was. Per registered
model it prints the queries of one changelist request, the median and worst milliseconds over
``--runs`` requests after one warm-up, and whether a ``SELECT COUNT(*)`` without WHERE ran;
then the same for the change form of one row (and a few filtered document lists).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mcsp_tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django

django.setup()
warnings.filterwarnings("ignore", message="No directory at")

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

BARE_COUNT = re.compile(r'SELECT COUNT\(\*\) AS "__count" FROM "[a-z_]+"\s*$', re.I)


class Rollback(Exception):
    pass


def measure(client: Client, url: str, runs: int) -> tuple[int, float, float, bool, int]:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    first = time.perf_counter() - start
    # Read the capture now: the next request's request_started signal empties the log.
    queries = len(ctx.captured_queries)
    bare = any(BARE_COUNT.search(q["sql"]) for q in ctx.captured_queries)
    times = []
    for _ in range(runs if first < 2 else 2):  # a page of seconds: two runs say enough
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(times), max(times), bare, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    print(f"database: {connection.settings_dict['NAME']} ({connection.vendor}), runs={args.runs}")
    header = (
        f"{'page':<42} {'status':>6} {'queries':>7} {'p50 ms':>9} {'max ms':>9}  whole-table COUNT"
    )
    print(header)
    print("-" * len(header))
    try:
        with transaction.atomic():
            user = get_user_model().objects.order_by("pk").first()
            user.is_superuser = user.is_staff = user.is_active = True
            user.save(update_fields=["is_superuser", "is_staff", "is_active"])
            client = Client()
            client.force_login(user)
            for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
                opts = model._meta
                urls = [
                    (opts.label, reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
                ]
                row = model._default_manager.order_by("pk").only("pk").first()
                if row is not None:
                    urls.append(
                        (
                            f"{opts.label} change",
                            reverse(
                                f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]
                            ),
                        )
                    )
                if model._meta.label == "documents.Document":
                    # Filtered: the exact count, of one province's governments or one status.
                    base = urls[0][1]
                    urls += [
                        ("  ?province=35 (39 governments)", f"{base}?province=35"),
                        ("  ?status=accepted", f"{base}?status=accepted"),
                        ("  ?q=1.1 (search)", f"{base}?q=1.1"),
                    ]
                if model._meta.label == "documents.StatusChange":
                    urls.append(("  ?province=35", f"{urls[0][1]}?province=35"))
                for name, url in urls:
                    n, p50, worst, bare, status = measure(client, url, args.runs)
                    flag = "yes" if bare else ""
                    print(f"{name:<42} {status:>6} {n:>7} {p50:>9.1f} {worst:>9.1f}  {flag}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
