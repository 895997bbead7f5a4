"""The personas' mix against gunicorn as the compose stack runs it. Never in CI.

Run by ``make loadtest`` (bench/loadtest.sh), which starts gunicorn on 127.0.0.1 with
production settings on the demo data and bounds users and time. Each simulated user logs in
once, correctly, as a demo account (password mcsp-demo), and fetches the login page's CSS and
JavaScript once (a browser keeps the hashed files for a year), then:

- PIC (weight 6): their government page, watched for a while (an open page polls /live/ every
  5 s; a poll that reports a change re-fetches the page's fragments, as htmx does), and their
  to-do list.
- Leadership (weight 2): the province dashboard, watched the same way; now and then a
  government page.
- Inspectorate (weight 2): the verification queue (ready to send / at KPK, sometimes filtered by
  government), a document opened in the queue's panel, and a status change from the queue: send
  to KPK, or record KPK's acceptance. A 409 (a colleague changed that document first) is the
  designed answer to a race and counts as a success.

Logging in costs ~0.65 s of CPU on purpose (the password hasher): 50 logins would fill a
60-second run on two shared cores. bench/loadtest.sh therefore logs every simulated user in
beforehand (bench/loadtest_login.py, the same form, one session per user, outside the timed
run) and hands the sessions over in LOADTEST_SESSIONS; without it each user logs in here.
Statistics are reset once every user is logged in: the numbers are browsing in steady state.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, events, task

PASSWORD = "mcsp-demo"
POLL_SECONDS = 5
# Demo PICs (documents/management/commands/seed_demo.py) and their governments.
PICS = {
    "kapuas": "62.03",
    "pic-kobar": "62.01",
    "pic-kotim": "62.02",
    "pic-barsel": "62.04",
    "pic-barut": "62.05",
    "pic-katingan": "62.06",
    "pic-seruyan": "62.07",
    "pic-sukamara": "62.08",
    "pic-lamandau": "62.09",
    "pic-gumas": "62.10",
    "pic-pulpis": "62.11",
    "pic-mura": "62.12",
    "pic-bartim": "62.13",
    "pic-palangkaraya": "62.71",
}
HTMX = {"HX-Request": "true"}

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
LIVE = re.compile(r'<div id="live"[^>]*hx-get="([^"]+)"')
REFRESH = re.compile(r'<div id="(\w+)"[^>]*hx-get="([^"]+)"[^>]*hx-trigger="scopeChanged')
QUEUE_ROW = re.compile(r'name="versions" value="(\d+:\d+)"')

# Sessions logged in beforehand by bench/loadtest_login.py, per persona:
# [username, [[name, value, domain, path], ...]].
_pool: dict[str, list] = (
    json.loads(open(os.environ["LOADTEST_SESSIONS"]).read())  # noqa: SIM115
    if os.environ.get("LOADTEST_SESSIONS")
    else {}
)
_logins: list[float] = []
_assets = {True: 0, False: 0}  # static files fetched at login: answered 200 or not
_measuring = {"since": None}


@events.test_start.add_listener
def _start(environment, **_kwargs):
    _logins.clear()
    _assets.update({True: 0, False: 0})
    _measuring["since"] = None


def _logged_in(environment, seconds: float) -> None:
    """Reset the statistics once the last user has logged in: steady state from here on."""
    _logins.append(seconds)
    runner = environment.runner
    if _measuring["since"] is None and len(_logins) >= runner.target_user_count:
        environment.stats.reset_all()
        _measuring["since"] = time.monotonic()
        print(f"loadtest: all {len(_logins)} users logged in; statistics reset", flush=True)


@events.quitting.add_listener
def _report(environment, **_kwargs):
    if _logins:
        ordered = sorted(_logins)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(
            f"loadtest: {len(ordered)} logins, p95 {p95 * 1000:.0f} ms; static files "
            f"{_assets[True]} answered 200, {_assets[False]} did not (not in the stats)"
        )
    if _measuring["since"] is None:
        print("loadtest: not every user logged in before the end: no steady-state numbers")
    else:
        print(f"loadtest: measured for {time.monotonic() - _measuring['since']:.0f} s")


class Persona(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    accounts: tuple[str, ...] = ()

    def on_start(self):
        pooled = _pool.get(type(self).__name__)
        if pooled:  # logged in beforehand, through the same form, once for this user
            self.username, cookies = pooled.pop()
            for name, value, domain, path in cookies:
                self.client.cookies.set(name, value, domain=domain, path=path)
            _logged_in(self.environment, 0.0)
            return
        self.login()

    def login(self):
        self.username = random.choice(self.accounts)
        started = time.monotonic()
        page = self.client.get("/accounts/login/", name="login")
        token = CSRF_INPUT.search(page.text).group(1)
        response = self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} could not log in ({response.status_code})")
        for asset in sorted(set(ASSET.findall(page.text))):
            fetched = self.client.get(asset, name="static asset")
            _assets[fetched.status_code == 200] += 1
        _logged_in(self.environment, time.monotonic() - started)

    def page(self, url: str, name: str, **kwargs):
        response = self.client.get(url, name=name, **kwargs)
        response.raise_for_status()
        return response.text

    def watch(self, text: str, polls: int) -> None:
        """Stay on a live page for ``polls`` polls, as its open tab would."""
        found = LIVE.search(text)
        if not found:
            return
        url = html.unescape(found.group(1))
        fragments = [(target, html.unescape(src)) for target, src in REFRESH.findall(text)]
        for _ in range(polls):
            gevent.sleep(POLL_SECONDS)
            with self.client.get(
                url, name="live poll", headers=HTMX | {"HX-Target": "live"}, catch_response=True
            ) as response:
                if response.status_code == 204:
                    response.success()
                    continue
                if response.status_code != 200:
                    response.failure(f"live poll answered {response.status_code}")
                    return
                response.success()
                changed = LIVE.search(response.text)
                url = html.unescape(changed.group(1)) if changed else url
            for target, src in fragments:
                self.client.get(src, name="live refresh", headers=HTMX | {"HX-Target": target})


class Pic(Persona):
    weight = 6
    accounts = tuple(PICS)

    @task(2)
    def government_page(self):
        self.watch(self.page(f"/regions/{PICS[self.username]}/", "government page"), 3)

    @task(1)
    def todo(self):
        self.page("/todo/", "to-do")


class Leadership(Persona):
    weight = 2
    accounts = ("pimpinan",)

    @task(3)
    def dashboard(self):
        self.watch(self.page("/", "dashboard"), 4)

    @task(1)
    def government_page(self):
        self.watch(
            self.page(f"/regions/{random.choice(list(PICS.values()))}/", "government page"), 2
        )


class Inspectorate(Persona):
    weight = 2
    accounts = ("inspektorat",)
    rows: dict[str, list[str]]

    def on_start(self):
        super().on_start()
        self.rows = {"uploaded": [], "verifying": []}

    def _queue(self, stage: str) -> str:
        query = f"?stage={stage}"
        if random.random() < 0.5:
            query += f"&region={random.choice(list(PICS.values()))}"
        return query

    @task(3)
    def queue(self):
        stage = random.choice(("uploaded", "verifying"))
        text = self.page(f"/verify/{self._queue(stage)}", "verify queue")
        self.rows[stage] = QUEUE_ROW.findall(text)

    @task(2)
    def panel(self):
        stage = random.choice(("uploaded", "verifying"))
        if self.rows[stage]:
            pk = random.choice(self.rows[stage]).partition(":")[0]
            self.page(f"/documents/{pk}/?queue={stage}", "document panel", headers=HTMX)

    @task(1)
    def change_status(self):
        stage = random.choice(("uploaded", "verifying"))
        if not self.rows[stage]:
            return
        row = self.rows[stage].pop(random.randrange(len(self.rows[stage])))
        with self.client.post(
            f"/verify/apply/?stage={stage}",
            data={"action": "send" if stage == "uploaded" else "accept", "versions": row},
            headers={
                "X-CSRFToken": next(
                    (c.value for c in self.client.cookies if c.name == "csrftoken"), ""
                ),
                "Referer": f"{self.host}/verify/",
            },
            name="status change",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code in (302, 409):
                response.success()
            else:
                response.failure(f"status change answered {response.status_code}")
