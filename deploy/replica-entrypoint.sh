#!/bin/sh
# The "replica" service of docker-compose.yml (profile "scale"): a read-only hot standby of the
# "postgres" service, kept current by streaming replication. The app reads from it only where a
# few seconds of lag do no harm (mcsp_tracker/db_router.py; README: "Scaling out").
#
# First start (empty volume): wait for the primary, let the replication user in (a line in the
# primary's pg_hba.conf: the postgres image admits ordinary connections only), create a
# replication slot, so the primary keeps its WAL while this replica is down, and copy the
# primary with pg_basebackup, which also writes the standby settings. Every start: run PostgreSQL
# as a hot standby through the image's own entrypoint.
#
# Retiring the replica: `docker compose rm -sf replica`, drop its volume, and on the primary
# `SELECT pg_drop_replication_slot('mcsp_replica');` (a slot nobody reads keeps WAL forever).
set -eu

PRIMARY_HOST="${PRIMARY_HOST:-postgres}"
PRIMARY_USER="${PRIMARY_USER:-mcsp}"
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
SLOT="${REPLICATION_SLOT:-mcsp_replica}"
: "${PGPASSWORD:?PGPASSWORD: the password of PRIMARY_USER}"
export PGPASSWORD

primary() {
	psql -h "$PRIMARY_HOST" -U "$PRIMARY_USER" -d postgres -v ON_ERROR_STOP=1 -Atqc "$1"
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
	until pg_isready -q -h "$PRIMARY_HOST" -U "$PRIMARY_USER"; do sleep 1; done

	hba="$(primary 'SHOW hba_file')"
	line="host replication $PRIMARY_USER all scram-sha-256"
	primary "COPY (SELECT '$line') TO PROGRAM 'grep -qxF \"$line\" $hba || cat >> $hba'"
	primary 'SELECT pg_reload_conf()' >/dev/null

	if [ -z "$(primary "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'")" ]; then
		primary "SELECT pg_create_physical_replication_slot('$SLOT')" >/dev/null
	fi

	mkdir -p "$PGDATA"
	chown postgres:postgres "$PGDATA"
	chmod 700 "$PGDATA"
	# -R: standby.signal and primary_conninfo (with the slot) in postgresql.auto.conf.
	gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U "$PRIMARY_USER" -D "$PGDATA" \
		--wal-method=stream --slot="$SLOT" --write-recovery-conf --checkpoint=fast
fi

# hot_standby_feedback: the primary's vacuum waits for rows a long export on the replica still
# reads, instead of the export being cancelled ("conflict with recovery").
exec docker-entrypoint.sh postgres -c hot_standby=on -c hot_standby_feedback=on
