"""`make backup` / `make restore` (scripts/backup.sh, scripts/restore.sh), exercised once for
real: a throw-away database with documents, append-only history and an evidence file is backed
up, restored into another fresh database and media folder, and found the same there."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n" + bytes(range(256)) * 8

# Run inside the source database by `manage.py shell`: the real workflow writes the rows and
# stores the file, as a PIC and the inspectorate would.
SEED = """
import datetime as dt
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from documents import workflow
from documents.models import (Area, Document, Indicator, Programme, Requirement,
                              ReturnReason, Source, Status)
from regions.models import Membership, Region, RegionKind, Role

wib = dt.timezone(dt.timedelta(hours=7))
province = Region.objects.create(code="62", name="Provinsi Kalimantan Tengah",
                                 short_name="Pemprov Kalteng", kind=RegionKind.PROVINCE)
kapuas = Region.objects.create(code="62.03", name="Kabupaten Kapuas", short_name="Kapuas",
                               kind=RegionKind.REGENCY, parent=province)
pic = User.objects.create_user("bob-kapuas", "bob@example.go.id", "mcsp-demo")
Membership.objects.create(user=pic, region=kapuas, role=Role.REGIONAL)
staff = User.objects.create_user("alice-inspektorat", "alice@example.go.id", "mcsp-demo")
Membership.objects.create(user=staff, region=province, role=Role.INSPECTORATE)
programme = Programme.objects.create(kind="mcsp", year=2026, name="MCSP 2026",
    starts_on=dt.date(2026, 3, 5), deadline=dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=wib))
area = Area.objects.create(programme=programme, code="1", name="Perencanaan", order=1)
indicator = Indicator.objects.create(area=area, code="1.1", name="RKPD", order=1)
docs = []
for n in range(3):
    requirement = Requirement.objects.create(indicator=indicator, code=f"1.1.{n}",
                                             name=f"Syarat {n}", order=n)
    docs.append(Document.objects.create(requirement=requirement, region=kapuas))
first, second, _ = docs
workflow.add_evidence(first, by=pic, upload=SimpleUploadedFile("Perkada RKPD.pdf", PDF),
                      submit=True, expected_version=first.version)
workflow.transition(first, Status.VERIFYING, by=pic, source=Source.REGIONAL,
                    expected_version=first.version)
workflow.transition(first, Status.NEEDS_REVISION, by=staff, source=Source.KPK,
                    expected_version=first.version, note="Belum ditandatangani",
                    reason_code=ReturnReason.UNSIGNED)
workflow.add_evidence(second, by=pic, url="https://jaga.id/berkas/2", submit=True,
                      expected_version=second.version)
workflow.comment(second, by=staff, body="Tautan sudah dicek")
"""

QUERIES = {
    "documents": "SELECT id, region_id, requirement_id, status, version FROM documents_document",
    "history": "SELECT id, document_id, from_status, to_status, actor_id, created_at, source, "
    "note, reason_code, evidence_id FROM documents_statuschange",
    "evidence": "SELECT id, document_id, file, url, original_name, size, sha256 "
    "FROM documents_evidence",
    "comments": "SELECT id, document_id, body FROM documents_comment",
    "users": "SELECT id, username, password FROM auth_user",
}


def _url(name: str) -> str:
    s = connection.settings_dict
    password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    user = quote(s["USER"] or "postgres", safe="")
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _admin(sql: str) -> None:
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _rows(name: str) -> dict[str, list[tuple]]:
    with psycopg.connect(_url(name)) as conn:
        return {key: conn.execute(f"{sql} ORDER BY 1").fetchall() for key, sql in QUERIES.items()}


def _run(args: list[str], *, database: str, media: Path, **env) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    environ |= {
        "DATABASE_URL": _url(database),
        "MEDIA_ROOT": str(media),
        "SECRET_KEY": "test-only-secret-key",
        **env,
    }
    done = subprocess.run(args, cwd=ROOT, env=environ, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def databases():
    """Two fresh databases of this test's own, dropped afterwards whatever happened."""
    tag = uuid.uuid4().hex[:8]
    names = (f"mcsp_h13b_source_{tag}", f"mcsp_h13b_restored_{tag}")
    for name in names:
        _admin(f"CREATE DATABASE {name}")
    yield names
    for name in names:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(databases, tmp_path):
    source, restored = databases
    source_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    python = [sys.executable, "manage.py"]
    _run([*python, "migrate", "--noinput"], database=source, media=source_media)
    _run([*python, "shell", "-c", f"PDF = {PDF!r}\n{SEED}"], database=source, media=source_media)

    # A file whose row is not committed when the dump's snapshot starts (an upload in flight)
    # rides along in the archive without a row: harmless, nothing points at it.
    orphan = source_media / "evidence" / "62.03" / "999" / "in-flight.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(PDF)

    folder = _run(
        ["scripts/backup.sh"],
        database=source,
        media=source_media,
        BACKUP_DIR=str(tmp_path / "backups"),
    ).strip()
    assert sorted(p.name for p in Path(folder).iterdir()) == [
        "INFO",
        "SHA256SUMS",
        "database.dump",
        "media.tar",
    ]
    report = _run(["scripts/restore.sh", folder], database=restored, media=restored_media)
    assert "3 documents, 4 status changes, 2 evidence rows; 1 evidence files" in report

    before, after = _rows(source), _rows(restored)
    assert after == before
    assert [len(before[key]) for key in ("documents", "history", "evidence", "comments")] == [
        3,
        4,
        2,
        1,
    ]
    [stored] = [row[2] for row in after["evidence"] if row[2]]
    assert (restored_media / stored).read_bytes() == (source_media / stored).read_bytes() == PDF
    assert (restored_media / orphan.relative_to(source_media)).exists()

    # The history is append-only again once restored: the trigger came back with the schema.
    with psycopg.connect(_url(restored)) as conn, pytest.raises(psycopg.errors.RestrictViolation):
        conn.execute("UPDATE documents_statuschange SET note = 'rewritten'")

    # A database or folder already in use is never restored over.
    refused = subprocess.run(
        ["scripts/restore.sh", folder],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": _url(restored), "MEDIA_ROOT": str(tmp_path / "new")},
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert "not empty" in refused.stderr
