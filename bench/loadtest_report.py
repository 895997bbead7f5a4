"""The load test's numbers as a Markdown table: pages/s and p95 per page for each run.

Usage: python3 bench/loadtest_report.py var/loadtest/u10 var/loadtest/u50
(the --csv prefixes locust wrote; reads <prefix>_stats.csv). Standard library only.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

# Requests a person waits for; the rest is background (polls, fragments, assets).
PAGES = ("dashboard", "government page", "to-do", "verify queue", "document panel", "status change")
BACKGROUND = ("live poll", "live refresh", "static asset")


def read(prefix: str) -> tuple[int, dict[str, dict[str, str]]]:
    users = int(re.search(r"(\d+)$", prefix).group(1))
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        return users, {row["Name"]: row for row in csv.DictReader(handle)}


def main(prefixes: list[str]) -> None:
    runs = [read(prefix) for prefix in prefixes]
    errors = {}
    for prefix, (users, _rows) in zip(prefixes, runs, strict=True):
        with Path(f"{prefix}_exceptions.csv").open(newline="") as handle:
            errors[users] = sum(int(row["Count"]) for row in csv.DictReader(handle))
    head = " | ".join(f"{users} users: req/s, p95 ms" for users, _ in runs)
    print(f"\n| request | {head} |")
    print("| --- |" + " --- |" * len(runs))
    for name in (*PAGES, *BACKGROUND):
        cells = []
        for _users, rows in runs:
            row = rows.get(name)
            cells.append(f"{float(row['Requests/s']):.2f}, {row['95%']}" if row else "—")
        print(f"| {name} | {' | '.join(cells)} |")
    totals = []
    for _users, rows in runs:
        pages = sum(float(rows[n]["Requests/s"]) for n in PAGES if n in rows)
        failures = sum(int(rows[n]["Failure Count"]) for n in rows if n != "Aggregated")
        aggregated = rows.get("Aggregated", {})
        totals.append(
            f"{pages:.2f} pages/s, all p95 {aggregated.get('95%', '?')} ms, "
            f"{failures} failed requests, {errors[_users]} errors in simulated users"
        )
    print(f"| **pages (sum)** | {' | '.join(totals)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
