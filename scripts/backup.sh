#!/usr/bin/env bash
# Back up the database and the private evidence files as one consistent pair.
#
#   scripts/backup.sh [DIR]      (DIR: $BACKUP_DIR, else backups/ next to this checkout)
#
# Reads DATABASE_URL (postgres://…) and MEDIA_ROOT (default var/media) from the environment,
# like the app. Writes DIR/mcsp-<UTC time>/ with
#   database.dump   pg_dump, custom format (pg_restore reads it)
#   media.tar       everything under MEDIA_ROOT (evidence files are already compressed: no gzip)
#   SHA256SUMS, INFO
# and prints that folder's path. A backup is complete or absent: it is written under a
# .partial name and renamed at the end.
#
# Why the pair is consistent: the dump is taken FIRST and the files AFTER it. pg_dump reads
# one snapshot of the database. An evidence file is written before its row is inserted, and
# the row only becomes visible when its transaction commits (documents/evidence_store.py), so
# every file a row of the snapshot names is already on disk when the snapshot starts. Files
# are only ever added, under new names (evidence_path: <region>/<document id>/<sha256>-<name>;
# FileSystemStorage never overwrites, it picks another name), and never replaced or deleted
# once their row committed — so the archive taken afterwards holds every one of them, byte for
# byte. It may also hold files newer than the snapshot, whose rows are not in the dump: such a
# file is unreferenced and harmless. scripts/restore.sh checks every restored row's file.
set -euo pipefail
umask 077  # evidence files and password hashes: readable by the owner only

root="$(cd "$(dirname "$0")/.." && pwd)"
url="${DATABASE_URL:-}"
media="${MEDIA_ROOT:-$root/var/media}"
dest="${1:-${BACKUP_DIR:-$root/backups}}"

die() { echo "backup: $*" >&2; exit 1; }

case "$url" in
  postgres://* | postgresql://*) ;;
  pgsql://*) url="postgresql://${url#pgsql://}" ;;
  "") die "DATABASE_URL is not set (postgres://user:password@host:5432/name)" ;;
  *) die "DATABASE_URL is not PostgreSQL; only a PostgreSQL database is backed up" ;;
esac

server="$(psql "$url" -XAtqc 'SHOW server_version_num')" || die "cannot reach the database"
server_major=$((server / 10000))
client_major="$(pg_dump --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
[ "$client_major" = "$server_major" ] ||
  die "pg_dump is version $client_major but the server is PostgreSQL $server_major; use the server's own (the compose file's backup service does)"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dest"
out="$dest/mcsp-$stamp"
tmp="$out.partial"
[ ! -e "$out" ] || die "$out already exists"
rm -rf "$tmp"
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT

# 1. The database: one snapshot.
pg_dump --dbname="$url" --format=custom --file="$tmp/database.dump"
pg_restore --list "$tmp/database.dump" >/dev/null  # readable, complete table of contents

# 2. The files, after the snapshot (see above). GNU tar exits 1 when a file changed or appeared
# while it read; an upload arriving meanwhile is such a case and harmless, so only 2+ fails.
if [ -d "$media" ]; then
  status=0
  tar --create --file="$tmp/media.tar" --directory="$media" . || status=$?
  [ "$status" -le 1 ] || die "tar failed ($status) archiving $media"
else
  echo "backup: $media does not exist (no evidence files yet); the archive is empty" >&2
  tar --create --file="$tmp/media.tar" --files-from=/dev/null
fi

{
  echo "created: $stamp"
  echo "server: PostgreSQL $server_major ($server)"
  echo "pg_dump: $(pg_dump --version)"
  echo "media files: $(tar --list --file="$tmp/media.tar" | grep -vc '/$' || true)"
} >"$tmp/INFO"
(cd "$tmp" && sha256sum database.dump media.tar >SHA256SUMS)

mv "$tmp" "$out"
trap - EXIT
echo "$out"
