#!/usr/bin/env bash
# make loadtest: the personas' mix (bench/locustfile.py) against gunicorn as docker-compose.yml
# runs it — DEBUG off, hashed static files served by WhiteNoise, gthread workers — on
# 127.0.0.1 only, with the demo data in a PostgreSQL database of its own. Never in CI.
#
# Environment (defaults):
#   LOADTEST_DATABASE_URL  postgres://postgres@127.0.0.1:5432/mcsp_loadtest — created when
#                          missing, migrated and seeded with the demo (seed_demo). Never point
#                          it at real data: the demo accounts would be added to it.
#   LOADTEST_REDIS_URL     unset: Celery tasks run inside gunicorn. Set it (a Redis database of
#                          its own, e.g. redis://127.0.0.1:6379/13) to queue them as production
#                          does; that database is emptied afterwards.
#   LOADTEST_USERS "10 50", LOADTEST_SECONDS 60 (per run; users log in before it starts,
#   bench/loadtest_login.py, one session each: 50 logins would otherwise fill the run),
#   LOADTEST_PORT 8713, LOADTEST_WORKERS 3, LOADTEST_THREADS 4 (the compose command line).
# Results: var/loadtest/u<N>_stats.csv and a table of pages/s and p95 per page.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${CI:-}" in 1 | true | yes) echo "loadtest: never in CI" >&2; exit 1 ;; esac

url="${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mcsp_loadtest}"
redis="${LOADTEST_REDIS_URL:-}"
port="${LOADTEST_PORT:-8713}"
seconds="${LOADTEST_SECONDS:-60}"
users="${LOADTEST_USERS:-10 50}"
workers="${LOADTEST_WORKERS:-3}"
threads="${LOADTEST_THREADS:-4}"
out=var/loadtest
locust="${LOCUST:-var/loadtest-venv/bin/locust}"
py=.venv/bin/python
mkdir -p "$out"

[ "$seconds" -le 120 ] || { echo "loadtest: LOADTEST_SECONDS is at most 120" >&2; exit 1; }
for n in $users; do
  [ "$n" -le 200 ] || { echo "loadtest: at most 200 users" >&2; exit 1; }
done
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "loadtest: something already listens on 127.0.0.1:$port (LOADTEST_PORT)" >&2
  exit 1
fi

# Production settings, as the compose stack and the image set them (plain http on loopback:
# no TLS proxy in the loop, so SITE_URL is http and cookies are not Secure).
export DATABASE_URL="$url" REDIS_URL="$redis" DEBUG=0 STATIC_HASHED=1 \
  STATIC_ROOT="$PWD/$out/static" MEDIA_ROOT="$PWD/$out/media" EMAIL_URL=console:// \
  SECRET_KEY=loadtest-only-secret-key ALLOWED_HOSTS=127.0.0.1 \
  SITE_URL="http://127.0.0.1:$port" FORWARDED_ALLOW_IPS=127.0.0.1 LOG_LEVEL=WARNING

if ! psql "$url" -XAtqc 'SELECT 1' >/dev/null 2>&1; then
  name="${url##*/}"
  name="${name%%\?*}"
  echo "loadtest: creating database $name"
  psql "${url%/*}/postgres" -Xqc "CREATE DATABASE \"$name\""
fi
DEBUG=1 "$py" manage.py migrate --noinput >/dev/null
DEBUG=1 "$py" manage.py seed_demo >"$out/seed.log"
"$py" manage.py collectstatic --noinput >/dev/null

"$py" -m gunicorn mcsp_tracker.wsgi --bind "127.0.0.1:$port" --workers "$workers" \
  --threads "$threads" --worker-class gthread --timeout 120 \
  --control-socket "$PWD/$out/gunicorn.ctl" >"$out/gunicorn.log" 2>&1 &
gunicorn=$!
cleanup() {
  kill "$gunicorn" 2>/dev/null || true
  wait "$gunicorn" 2>/dev/null || true
  if [ -n "$redis" ]; then redis-cli -u "$redis" FLUSHDB >/dev/null || true; fi
}
trap cleanup EXIT
for _ in $(seq 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || {
  echo "loadtest: gunicorn did not start (see $out/gunicorn.log)" >&2
  exit 1
}

# Django imports the URLconf (every view module) on a worker's first request: warm every
# worker up before the clock starts.
warming=()
for _ in $(seq $((workers * threads))); do
  curl -s -o /dev/null "http://127.0.0.1:$port/accounts/login/" &
  warming+=($!)
done
wait "${warming[@]}"

echo "gunicorn: $workers workers x $threads threads (gthread) on 127.0.0.1:$port;" \
  "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
csvs=()
for n in $users; do
  rate=$(((n + 4) / 5)) # everyone spawned within ~5 s
  echo "== $n users, ${seconds} s"
  "$(dirname "$locust")/python" bench/loadtest_login.py "http://127.0.0.1:$port" "$n" \
    "$out/sessions-$n.json"
  LOADTEST_SESSIONS="$out/sessions-$n.json" "$locust" -f bench/locustfile.py --headless --host "http://127.0.0.1:$port" \
    --users "$n" --spawn-rate "$rate" --run-time "${seconds}s" --csv "$out/u$n" \
    --only-summary --loglevel WARNING 2>&1 | grep '^loadtest:' || true
  csvs+=("$out/u$n")
done
python3 bench/loadtest_report.py "${csvs[@]}"
