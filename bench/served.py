"""Issue 16's pages served over HTTP by gunicorn as docker-compose.yml runs it: national data.

Usage (never in CI; `make bench` runs it after bench/national.py, against the database of
DATABASE_URL, which must hold `manage.py seed_scale` data):
    DATABASE_URL=postgres://…/mcsp_scale .venv/bin/python bench/served.py [--runs 45]

What it does:
* collects the static files into a temporary STATIC_ROOT and starts gunicorn as compose's `web`
  service does (mcsp_tracker.wsgi, gthread, --threads 4, --timeout 120) but with --workers 2
  for this 2-core machine, DEBUG off, hashed static files through WhiteNoise, on a free port of
  127.0.0.1. Its settings are bench/settings.py: production's, plus the minimal authenticated
  one-row write (bench/urls.py) and each request's SQL in the headers X-Queries and X-SQL-ms
  (bench/middleware.py). Notices are queued in Redis as in production (BENCH_REDIS_URL, an
  empty database of its own, emptied afterwards; BENCH_REDIS_URL= runs them inside gunicorn).
* logs the seeded users in through the login form (the first refusal stops the run, so
  django-axes never locks anyone out); then per page one keep-alive client sends ``--runs``
  requests after ``--warm`` and prints bench/national.py's table: the queries and the median SQL
  ms counted in the server, p50/p95 of the wall time the client saw, and the floor (the page's
  bare SQL from bench/national.py, run from this process in the same run).
* status-change throughput: ``--clients`` threads, each its own session of insp-62 and its own
  documents of 62.03, post htmx status changes (verifying ↔ accepted, source sync) back to back
  for ``--seconds``; then the same clients post the minimal write as long. Prints requests/s,
  errors (another answer than the expected one, or none: a POST is never sent twice) and the
  ratio of the two (issue 16: ≥ 30 %); their rows in the table are the latencies under that
  load. The documents get their status back.
* the memory of each gunicorn worker (VmRSS and PSS) after the warm-up and after the run.

Appends the report to bench/results/national-<date>.txt under a "## served:" heading; gunicorn's
log (LOG_LEVEL=WARNING: the tracebacks of any 500) stays in var/served-gunicorn.log. Absolute
numbers are for this machine and its load: the client shares the 2 cores with gunicorn.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
CLOSED = (-1, {}, b"")  # the server closed the connection without an answer
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Production settings, as compose and the image set them (plain http on loopback: no TLS proxy
# in the loop). This process reads the same ones before django.setup(): the poll URL is signed.
PORT = free_port()
TMP = Path(tempfile.mkdtemp(prefix="mcsp-served-"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
os.environ.update(
    DJANGO_SETTINGS_MODULE="bench.settings",
    SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret-key",
    DEBUG="0",
    STATIC_HASHED="1",
    STATIC_ROOT=str(TMP / "static"),
    MEDIA_ROOT=str(TMP / "media"),
    EMAIL_URL="console://",
    REDIS_URL=REDIS_URL,
    ALLOWED_HOSTS="127.0.0.1",
    SITE_URL=f"http://127.0.0.1:{PORT}",
    FORWARDED_ALLOW_IPS="127.0.0.1",
    LOG_LEVEL="WARNING",
)
sys.path.insert(0, str(ROOT))

import gunicorn  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import national  # noqa: E402  (django.setup(), with bench.settings)
from documents.models import Document, Programme, Status  # noqa: E402
from regions.models import Region  # noqa: E402
from reports import live as live_updates  # noqa: E402
from reports.management.commands.seed_scale import PASSWORD  # noqa: E402

GOVERNMENT = national.GOVERNMENT
User = get_user_model()


class Session:
    """One client: one keep-alive connection and its cookies (http.client, no dependencies)."""

    IDLE = 1.5  # gunicorn closes a keep-alive connection idle for 2 s (--keep-alive)

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.last = 0.0
        self.resent = 0  # GETs sent again on a new connection after the server closed one

    def request(self, method: str, url: str, form=None, headers=None):
        """(status, headers with lower-case names, body), once the whole body has arrived.
        A GET whose connection the server closed is sent again, once, on a new one; a POST is
        not (it may have been applied): ConnectionError."""
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        sent = {"Host": f"127.0.0.1:{PORT}", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None or time.monotonic() - self.last > self.IDLE:
                self.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=150)
            try:
                self.conn.request(method, url, body=body, headers=sent)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2 or method != "GET":
                    raise
                self.resent += 1
        self.last = time.monotonic()
        for value in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if (response.getheader("Connection") or "").lower() == "close":
            self.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, url: str):
        return self.request("GET", url)

    def post(self, url: str, form: dict, headers=None):
        token = self.cookies.get("csrftoken", "")
        return self.request("POST", url, form, {"X-CSRFToken": token, **(headers or {})})

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def login(username: str) -> Session:
    session = Session()
    status, _headers, body = session.get("/accounts/login/")
    match = CSRF_INPUT.search(body.decode())
    if status != 200 or not match:
        raise SystemExit(f"served: the login page answered {status} without a CSRF token")
    status, _headers, _body = session.post(
        "/accounts/login/",
        {"csrfmiddlewaretoken": match.group(1), "username": username, "password": PASSWORD},
        headers={"Referer": f"http://127.0.0.1:{PORT}/accounts/login/"},
    )
    if status != 302:  # stop at the first refusal: django-axes counts failures per username
        raise SystemExit(f"served: {username} could not log in ({status}); seed_scale data?")
    return session


def memory(pid: int) -> tuple[float, float]:
    """(VmRSS, PSS) of a process, MiB."""
    rss = pss = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def memory_line(master: int, when: str) -> str:
    workers = sorted(map(int, Path(f"/proc/{master}/task/{master}/children").read_text().split()))
    each = ", ".join("{:.0f} / {:.0f}".format(*memory(pid)) for pid in workers)
    return f"{when}: workers {each}; master {'{:.0f} / {:.0f}'.format(*memory(master))}"


class Page:
    def __init__(self, name, username, url, floor, *, expect=200, runs):
        self.name, self.username, self.url = name, username, url
        self.floor, self.expect, self.runs = floor, expect, runs


def pages_of(programme, args) -> list[Page]:
    """The pages of bench/national.py's table that a browser asks for, with the same names."""
    pages = []
    for size, code in national.PROVINCES.items():
        province = Region.objects.get(code=code)
        ids = national.ids_of(province)
        label = f"{size} ({len(ids)})"
        floors = national.province_floors(programme.pk, province)
        insp = f"insp-{code}"
        pages.append(Page(f"dashboard, {label}", insp, "/", floors["dashboard"], runs=args.runs))
        if size == "no history":
            continue
        queue = floors["verification queue"]
        pages.append(Page(f"verification queue, {label}", insp, "/verify/", queue, runs=args.runs))
        pim = User.objects.get(username=f"pim-{code}")
        url = live_updates.poll_url(pim, ids, now=timezone.now() + dt.timedelta(minutes=5))
        poll = floors["unchanged poll"]
        name = f"unchanged poll, {label}"
        pages.append(Page(name, pim.username, url, poll, expect=204, runs=args.runs * 5))
        if size == "small":  # 3 s each, in openpyxl: the other two add minutes, not knowledge
            export = floors["recap export"]
            name = f"recap export, {label}"
            runs = args.export_runs or args.runs
            pages.append(Page(name, insp, "/reports/recap.xlsx", export, runs=runs))
    gov = Region.objects.get(code=GOVERNMENT)
    floors = national.government_floors(programme.pk, gov)
    pic = f"pic-{GOVERNMENT}"
    name = f"government page ({GOVERNMENT}, 700 documents)"
    url = f"/regions/{GOVERNMENT}/"
    pages.append(Page(name, pic, url, floors["government page"], runs=args.runs))
    name = f"to-do, PIC of {GOVERNMENT}"
    pages.append(Page(name, pic, "/todo/", floors["to-do, PIC"], runs=args.runs))
    if args.only:
        pages = [p for p in pages if any(part in p.name for part in args.only.split(","))]
    return pages


def hammer(clients: list[Session], one, seconds: float):
    """Every client calls ``one(i, session)`` back to back for ``seconds``, all at once.
    Returns ([(status, or 0 when as expected, wall ms, response headers), …], elapsed seconds,
    this process's CPU seconds: the clients share the cores with gunicorn); the first
    unexpected answer goes to stderr."""
    done: list[list] = [[] for _ in clients]
    gate = threading.Barrier(len(clients) + 1)
    deadline = time.monotonic() + seconds + 0.05

    def loop(i: int) -> None:
        gate.wait()
        try:
            while time.monotonic() < deadline:
                start = time.perf_counter()
                (status, headers, body), expect = one(i, clients[i])
                wall = (time.perf_counter() - start) * 1000
                if status != expect and not any(r[0] for per in done for r in per):
                    print(
                        f"served: answered {status}, not {expect}: {body[:300]!r}", file=sys.stderr
                    )
                done[i].append((0 if status == expect else status, wall, headers))
        finally:
            connection.close()  # this thread's, if a version had to be read again

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    gate.wait()
    started, cpu = time.monotonic(), time.process_time()
    for t in threads:
        t.join()
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    return [r for per in done for r in per], elapsed, cpu


def throughput(name: str, results, elapsed: float, cpu: float) -> tuple[tuple, float, str]:
    """(table row of the latencies under load, requests/s, a line saying both)."""
    ok = [r for r in results if not r[0]]
    walls = [ms for _ok, ms, _h in ok] or [0.0]
    queries = statistics.mode([int(h.get("x-queries", 0)) for _ok, _ms, h in ok] or [0])
    sql = statistics.median([float(h.get("x-sql-ms", 0)) for _ok, _ms, h in ok] or [0.0])
    row = (name, queries, national.p(walls, 0.5), national.p(walls, 0.95), sql, None)
    rate = len(ok) / elapsed
    errors = collections.Counter(r[0] for r in results if r[0])
    said = (
        ", ".join(f"{n} × {'closed' if s < 0 else s}" for s, n in sorted(errors.items())) or "none"
    )
    return (
        row,
        rate,
        (
            f"{name}: {rate:.1f}/s ({len(ok)} in {elapsed:.1f} s), errors: {said}; "
            f"the clients used {cpu / elapsed:.2f} of a core"
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=45, help="requests per page (after --warm)")
    parser.add_argument("--export-runs", type=int, help="requests for the recap (--runs)")
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20, help="per throughput phase")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--only", default="", help="comma-separated parts of page names to run")
    redis = None
    try:
        args = parser.parse_args()
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            sys.exit("served: never in CI")
        if connection.vendor != "postgresql":
            sys.exit("bench/served.py measures PostgreSQL: set DATABASE_URL (seed_scale data)")
        if REDIS_URL:
            import redis as redis_client

            redis = redis_client.Redis.from_url(REDIS_URL)
            try:
                # Kombu's binding keys are all a previous run can leave behind (declared
                # again as gunicorn's threads wind down after the flush); anything else is not
                # ours.
                if any(not key.startswith(b"_kombu.binding") for key in redis.scan_iter()):
                    redis = None  # not ours: leave it as it is
                    sys.exit(f"served: {REDIS_URL} is not empty; set BENCH_REDIS_URL")
            except redis_client.ConnectionError:
                sys.exit(f"served: no Redis at {REDIS_URL} (BENCH_REDIS_URL= runs tasks inline)")
        call_command("collectstatic", interactive=False, verbosity=0)
        serve(args)
    finally:
        if redis is not None:
            redis.flushdb()
        shutil.rmtree(TMP, ignore_errors=True)


def serve(args) -> None:
    log = ROOT / "var" / "served-gunicorn.log"  # kept: the tracebacks of any 500
    log.parent.mkdir(exist_ok=True)
    command = [
        *(sys.executable, "-m", "gunicorn", "mcsp_tracker.wsgi"),
        *("--bind", f"127.0.0.1:{PORT}", "--worker-class", "gthread", "--timeout", "120"),
        *("--workers", str(args.workers), "--threads", str(args.threads)),
        *("--control-socket", str(TMP / "gunicorn.ctl")),
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)

    def fail(message: str):
        print(log.read_text()[-3000:], file=sys.stderr)
        raise SystemExit(f"served: {message}")

    try:
        probe = Session()
        for _ in range(120):
            if server.poll() is not None:
                fail("gunicorn stopped")
            try:
                if probe.get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            fail("gunicorn did not answer /healthz within a minute")
        probe.close()
        measure(args, server.pid, fail)
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def measure(args, master: int, fail) -> None:
    programme = Programme.objects.get(kind="mcsp", is_active=True)
    pages = pages_of(programme, args)
    sessions: dict[str, Session] = {}
    for page in pages:
        if page.username not in sessions:
            sessions[page.username] = login(page.username)

    def get(page: Page) -> dict:
        status, headers, body = sessions[page.username].get(page.url)
        if status != page.expect:
            fail(f"{page.name}: {page.url} answered {status}, not {page.expect}: {body[:300]!r}")
        return headers

    # Warm-up: Django imports the views on a worker's first request; each page's session keeps
    # its connection, so the worker that serves the page is the one warmed up.
    for page in pages:
        for _ in range(args.warm):
            get(page)
    memory_lines = [memory_line(master, "after warm-up")]
    print(memory_lines[0], flush=True)

    rows = []
    print(national.header(), flush=True)
    for page in pages:
        walls, sqls, queries = [], [], []
        for _ in range(page.runs):
            start = time.perf_counter()
            headers = get(page)
            walls.append((time.perf_counter() - start) * 1000)
            queries.append(int(headers["x-queries"]))
            sqls.append(float(headers["x-sql-ms"]))
        floor = national.sql_floor(page.floor, page.runs)
        p50, p95 = national.p(walls, 0.5), national.p(walls, 0.95)
        rows.append((page.name, statistics.mode(queries), p50, p95, statistics.median(sqls), floor))
        print(national.format_row(rows[-1]), flush=True)
    resent = sum(s.resent for s in sessions.values())
    for s in sessions.values():
        s.close()

    notes = [f"{resent} GETs sent again: gunicorn had closed their connection"] if resent else []
    if not args.only or "status" in args.only:
        status_rows, status_notes = status_changes(args, programme, fail)
        rows += status_rows
        notes += status_notes

    memory_lines.append(memory_line(master, "after the run"))
    print(memory_lines[-1], flush=True)
    report(args, rows, notes, memory_lines)


def status_changes(args, programme, fail) -> tuple[list, list[str]]:
    """Status changes, then the minimal write, from the same clients: each its own session of
    the province's inspectorate and its own documents of the government (no version clashes)."""
    clients = [login(f"insp-{GOVERNMENT.split('.')[0]}") for _ in range(args.clients)]
    docs = list(
        Document.objects.filter(
            region__code=GOVERNMENT,
            requirement__programme=programme,
            status__in=[Status.VERIFYING, Status.ACCEPTED],
        )
        .order_by("pk")
        .values_list("pk", "status", "version")[: 40 * args.clients]
    )
    if len(docs) < 2 * args.clients:
        fail(f"{GOVERNMENT} has {len(docs)} documents verifying or accepted")
    original = {pk: status for pk, status, _version in docs}
    state = {pk: [status, version] for pk, status, version in docs}
    mine = [[pk for pk, _s, _v in docs[i :: args.clients]] for i in range(args.clients)]
    turn = [0] * args.clients

    def reread(pk: int) -> None:
        state[pk] = list(Document.objects.values_list("status", "version").get(pk=pk))

    def change(i: int, s: Session, pk: int | None = None, to: str | None = None):
        if pk is None:
            pk = mine[i][turn[i] % len(mine[i])]
            turn[i] += 1
        status, version = state[pk]
        to = to or (Status.ACCEPTED if status == Status.VERIFYING else Status.VERIFYING)
        try:
            answer = s.post(
                f"/documents/{pk}/status/",
                {"to": to, "source": "sync", "note": "bench", "version": version},
                headers={"HX-Request": "true"},
            )
        except ConnectionError:
            answer = CLOSED
        if answer[0] == 200:
            state[pk] = [to, version + 1]  # workflow.transition: one version per change
        else:
            reread(pk)
        return answer, 200

    def minimal(i: int, s: Session):
        try:
            return s.post(f"/bench/write/{mine[i][0]}/", {}), 204
        except ConnectionError:
            return CLOSED, 204

    rows, rates, notes = [], [], []
    for label, one in (("status change (htmx)", change), ("minimal one-row write", minimal)):
        row, rate, note = throughput(
            f"{label}, {args.clients} clients", *hammer(clients, one, args.seconds)
        )
        rows.append(row)
        rates.append(rate)
        notes.append(note)
        print(national.format_row(row), flush=True)
        print(note, flush=True)
        if one is change:  # every document back to its status (not timed), as it is now
            for pk, status in original.items():
                reread(pk)
                if state[pk][0] != status and change(0, clients[0], pk, status)[0][0] != 200:
                    notes.append(f"document {pk} could not be put back to {status}")
    notes.append(
        f"status change ÷ minimal write: {100 * rates[0] / rates[1]:.0f} % (target ≥ 30 %)"
    )
    print(notes[-1], flush=True)
    for s in clients:
        s.close()
    return rows, notes


def code_state() -> str:
    """The commit measured, and whether files outside bench/results differed from it."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"],
        capture_output=True,
        text=True,
    )
    dirty = " + uncommitted changes" if changed.stdout.strip() else ""
    return f"code {head.stdout.strip() or '?'}{dirty}"


def report(args, rows, notes, memory_lines) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    runs = str(args.runs) + (f" (the recap {args.export_runs})" if args.export_runs else "")
    tasks = "notices queued in Redis" if REDIS_URL else "tasks inside gunicorn"
    lines = [
        f"## served: bench/served.py, {timezone.localtime():%Y-%m-%d %H:%M} WIB, gunicorn "
        f"{gunicorn.__version__} gthread, {args.workers} workers × {args.threads} threads "
        f"(compose's web command, which runs 3), DEBUG off, {tasks}, {version}, "
        f"{Document.objects.count()} documents, {os.cpu_count()} cores (shared), "
        f"load {os.getloadavg()[0]:.1f}, {code_state()}",
        f"# over HTTP on 127.0.0.1, one keep-alive client per page: {runs} requests after "
        f"{args.warm} warm-ups (the poll 5×); queries and SQL ms counted in the server "
        "(X-Queries, X-SQL-ms), floor = bench/national.py's bare SQL from the client's process; "
        f"the write rows: latencies with {args.clients} clients for {args.seconds:.0f} s each",
        national.header(),
        *(national.format_row(r) for r in rows),
        *(f"# {note}" for note in notes),
        "# memory per gunicorn worker, VmRSS / PSS in MiB (issue 16: ≤ 150 MB)",
        *(f"# {line}" for line in memory_lines),
    ]
    target = ROOT / "bench" / "results" / f"national-{timezone.localdate():%Y-%m-%d}.txt"
    target.parent.mkdir(exist_ok=True)
    with target.open("a") as f:
        f.write("\n".join(lines) + "\n\n")
    print(f"\nappended to {target}")


if __name__ == "__main__":
    main()
