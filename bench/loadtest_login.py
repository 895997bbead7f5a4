"""Log the load test's simulated users in beforehand, one session each, through the login form.

Usage (locust's venv, which has requests):
    var/loadtest-venv/bin/python bench/loadtest_login.py HOST USERS OUT.json

Splits USERS over the personas by their weights (bench/locustfile.py), logs each one in with
the demo password, checks that the login page's static files answer 200, and writes
{persona: [[username, cookies], ...]} for LOADTEST_SESSIONS. Prints the logins' p95.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import locust  # noqa: F401  (first: it monkey-patches ssl and sockets before requests loads)
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from locustfile import ASSET, CSRF_INPUT, PASSWORD, Inspectorate, Leadership, Pic

PERSONAS = (Pic, Leadership, Inspectorate)


def login(host: str, username: str) -> tuple[float, list, int]:
    session = requests.Session()
    started = time.monotonic()
    page = session.get(f"{host}/accounts/login/", timeout=120)
    token = CSRF_INPUT.search(page.text).group(1)
    response = session.post(
        f"{host}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": f"{host}/accounts/login/"},
        allow_redirects=False,
        timeout=120,
    )
    if response.status_code != 302:
        raise SystemExit(f"{username} could not log in ({response.status_code})")
    elapsed = time.monotonic() - started
    broken = sum(
        session.get(f"{host}{asset}", timeout=60).status_code != 200
        for asset in set(ASSET.findall(page.text))
    )
    cookies = [[c.name, c.value, c.domain, c.path] for c in session.cookies]
    return elapsed, cookies, broken


def main(host: str, users: int, out: str) -> None:
    total = sum(p.weight for p in PERSONAS)
    plan = [
        (persona.__name__, random.choice(persona.accounts))
        for persona in PERSONAS
        for _ in range(math.ceil(users * persona.weight / total))
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda item: login(host, item[1]), plan))
    sessions: dict[str, list] = {}
    for (persona, username), (_elapsed, cookies, _broken) in zip(plan, done, strict=True):
        sessions.setdefault(persona, []).append([username, cookies])
    Path(out).write_text(json.dumps(sessions))
    times = sorted(elapsed for elapsed, _cookies, _broken in done)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    broken = sum(b for _e, _c, b in done)
    print(
        f"loadtest: {len(plan)} users logged in beforehand, login p95 {p95 * 1000:.0f} ms; "
        f"static files on the login page: {broken} not 200"
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
