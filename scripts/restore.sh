#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into a fresh database and an empty media folder.
#
#   scripts/restore.sh BACKUP_FOLDER
#
# DATABASE_URL names the target database: it must exist and hold no tables (createdb, or the
# compose stack's postgres on a new volume before `web` ever migrated it). MEDIA_ROOT (default
# var/media) must be missing or empty. Nothing is overwritten: a target in use is refused.
#
# History rows (documents_statuschange) are append-only: a trigger refuses UPDATE and DELETE.
# pg_restore loads every table's rows first and creates triggers, constraints and indexes
# afterwards (the dump's post-data section), so the trigger never sees the load and needs no
# disabling; it is back in force when the restore commits (one transaction: all or nothing).
# Afterwards every evidence row's file is checked against its stored sha256.
set -euo pipefail
umask 077

root="$(cd "$(dirname "$0")/.." && pwd)"
url="${DATABASE_URL:-}"
media="${MEDIA_ROOT:-$root/var/media}"
backup="${1:-}"

die() { echo "restore: $*" >&2; exit 1; }

[ -n "$backup" ] || die "usage: scripts/restore.sh BACKUP_FOLDER (a folder scripts/backup.sh wrote)"
[ -f "$backup/database.dump" ] && [ -f "$backup/media.tar" ] ||
  die "$backup has no database.dump and media.tar"
case "$url" in
  postgres://* | postgresql://*) ;;
  pgsql://*) url="postgresql://${url#pgsql://}" ;;
  "") die "DATABASE_URL is not set (postgres://user:password@host:5432/name)" ;;
  *) die "DATABASE_URL is not PostgreSQL" ;;
esac

(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || die "$backup is damaged (SHA256SUMS)"

server="$(psql "$url" -XAtqc 'SHOW server_version_num')" ||
  die "cannot reach the target database (create it first: createdb, or the compose postgres)"
server_major=$((server / 10000))
client_major="$(pg_restore --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
[ "$client_major" = "$server_major" ] ||
  die "pg_restore is version $client_major but the server is PostgreSQL $server_major"

tables="$(psql "$url" -XAtqc "SELECT count(*) FROM pg_class c JOIN pg_namespace n
  ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")"
[ "$tables" = 0 ] || die "the target database is not empty ($tables tables); restore into a fresh one"
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  die "$media is not empty; restore into a fresh folder"
fi

# 1. The database, in one transaction. --no-owner/--no-privileges: the restoring role owns
# everything (the compose stack's role is mcsp, a local one may be postgres).
pg_restore --dbname="$url" --no-owner --no-privileges --exit-on-error --single-transaction \
  "$backup/database.dump"
psql "$url" -XAtqc 'ANALYZE' # planner statistics are not in a dump; pages are slow without them

# 2. The files.
mkdir -p "$media"
tar --extract --file="$backup/media.tar" --directory="$media" --no-same-owner

# 3. Every row's file is there with the bytes it was uploaded with.
checked=0
bad=0
while IFS=$'\t' read -r name sha; do
  [ -n "$name" ] || continue
  checked=$((checked + 1))
  if [ ! -f "$media/$name" ]; then
    echo "restore: missing file $name" >&2
    bad=$((bad + 1))
  elif [ -n "$sha" ] && [ "$(sha256sum <"$media/$name" | cut -d' ' -f1)" != "$sha" ]; then
    echo "restore: file $name differs from its sha256" >&2
    bad=$((bad + 1))
  fi
done < <(psql "$url" -XAtq -F $'\t' -c "SELECT file, sha256 FROM documents_evidence WHERE file <> ''")
[ "$bad" = 0 ] || die "$bad of $checked evidence files are missing or differ"

counts="$(psql "$url" -XAtq -F ' ' -c "SELECT (SELECT count(*) FROM documents_document),
  (SELECT count(*) FROM documents_statuschange), (SELECT count(*) FROM documents_evidence)")"
read -r documents history evidence <<<"$counts"
echo "restored $documents documents, $history status changes, $evidence evidence rows;" \
  "$checked evidence files present and intact"
