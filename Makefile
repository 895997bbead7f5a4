# Two commands for a fresh machine: `make run` and `make test`. Both build .venv from uv.lock
# with the machine's Python 3.13 (uv never downloads an interpreter: UV_PYTHON_DOWNLOADS=never).

UV ?= $(shell command -v uv 2>/dev/null || echo .venv-tools/bin/uv)
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test setup lint format migrate demo worker beat screenshots messages clean
.PHONY: backup restore loadtest

.venv-tools/bin/uv:
	python3 -m venv .venv-tools
	.venv-tools/bin/pip install --quiet uv

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python 3.13
	touch $@

setup: .venv/.synced

migrate: setup
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py seed_demo

# Serve on http://127.0.0.1:8000 with the embedded SQLite default and the demo data.
run: demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# The whole suite. Point DATABASE_URL / REDIS_URL at real services to run the marked tests;
# .ci/run does, with CI=true so that none of them may skip.
test: setup
	SECRET_KEY=$${SECRET_KEY:-test-only-secret-key} $(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Background jobs need REDIS_URL (without it tasks run inside the web process: `make run`).
worker: setup
	$(PY) -m celery -A mcsp_tracker worker --loglevel=INFO

beat: setup
	mkdir -p var
	$(PY) -m celery -A mcsp_tracker beat --loglevel=INFO --schedule=var/celerybeat-schedule

messages: setup
	DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=.venv-tools
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=.venv-tools

screenshots: demo
	DEBUG=1 $(PY) docs/screenshots.py

# The database (pg_dump) and the evidence files under MEDIA_ROOT as one consistent pair, in
# backups/mcsp-<time>/ (BACKUP_DIR; not under var/, which `make clean` removes). Needs
# DATABASE_URL (PostgreSQL) and pg_dump of the server's version. Restore into a fresh database
# and an empty MEDIA_ROOT (README: Backup and restore):
#   make restore BACKUP=backups/mcsp-20261120T010000Z
backup:
	scripts/backup.sh

restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/mcsp-<time>" >&2; exit 2; }
	scripts/restore.sh "$(BACKUP)"

# Load test (never in CI): the personas' mix in locust against gunicorn as compose runs it, on
# 127.0.0.1 with the demo data in PostgreSQL (LOADTEST_DATABASE_URL, a database of its own),
# 10 and 50 users for 60 s each; bench/loadtest.sh lists the knobs. locust lives in a venv of
# its own, not in uv.lock.
LOCUST_VERSION := 2.47.0
var/loadtest-venv/bin/locust:
	python3 -m venv var/loadtest-venv
	var/loadtest-venv/bin/pip install --quiet "locust==$(LOCUST_VERSION)"

loadtest: setup var/loadtest-venv/bin/locust
	bench/loadtest.sh

# Issue 16's pages against a national data set, each beside its bare SQL (never in CI: minutes,
# and a database of its own). Seed it once: DEBUG=1 manage.py seed_scale in an empty database.
# bench/national.py in-process, then bench/served.py over HTTP through gunicorn as compose runs
# it (2 workers here), with the status-change throughput and the memory per worker.
#   make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/mcsp_scale
bench: setup
	@test -n "$(DATABASE_URL)" || { echo "make bench needs DATABASE_URL (a seed_scale database)" >&2; exit 2; }
	$(PY) bench/national.py $(BENCH_ARGS)
	$(PY) bench/served.py $(SERVED_ARGS)

clean:
	rm -rf .venv .venv-tools var .pytest_cache .ruff_cache
