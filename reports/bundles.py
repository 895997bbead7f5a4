"""The evidence bundle: every current evidence file of one government, as one zip.

Officials re-upload evidence to jaga.id document by document; the bundle hands them the files
named ``<requirement code>_<short name>.<ext>`` in the guidebook's order (1.2 before 1.10), with
a MANIFEST.csv saying what each file is. The zip is streamed by zipstream-ng straight from the
private MEDIA_ROOT (no temporary file, nothing held in memory); its files are stored, not
compressed (they are PDFs and images already), which is what lets the response announce its
Content-Length before the first byte. Links (evidence that is a URL) are listed in the manifest.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from zipstream import ZipStream

from documents.models import Document, Evidence, Programme, Status
from regions.models import Region, person_name

MANIFEST = "MANIFEST.csv"
MANIFEST_HEADER = [
    "kode",
    "dokumen",
    "status",
    "nama_berkas",
    "ukuran_byte",
    "sha256",
    "diunggah_pada",
    "diunggah_oleh",
    "tautan",
]
NAME_LIMIT = 100


def guidebook_key(code: str) -> tuple:
    """Sort key reading a code as the guidebook does: 1.2 before 1.10, 2.a before 2.b."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-_ ]", code))


def ascii_name(text: str) -> str:
    """A file-name part any unzip tool and any operating system accepts."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9.-]+", "_", text).strip("._-")
    return re.sub(r"_+", "_", text)


@dataclass
class Entry:
    document: Document
    evidence: Evidence
    name: str  # inside the zip; "" for a link


def entries(user, programme: Programme, region: Region) -> list[Entry]:
    """The current evidence of every document of ``region`` the user may see, in guidebook order,
    each with a unique name."""
    newest = Evidence.objects.filter(document=OuterRef("pk")).order_by("-uploaded_at", "-pk")
    documents = (
        Document.objects.visible_in(user, programme)
        .filter(region=region)
        .annotate(current_evidence=Subquery(newest.values("pk")[:1]))
        .filter(current_evidence__isnull=False)
        .select_related("requirement")
    )
    documents = sorted(documents, key=lambda d: guidebook_key(d.requirement.code))
    evidence = Evidence.objects.select_related("uploaded_by").in_bulk(
        [d.current_evidence for d in documents]
    )
    taken: set[str] = set()
    result = []
    for document in documents:
        item = evidence[document.current_evidence]
        name = ""
        if item.file and item.file.storage.exists(item.file.name):
            name = _unique(_file_name(document, item), taken)
        result.append(Entry(document, item, name))
    return result


def _file_name(document: Document, evidence: Evidence) -> str:
    requirement = document.requirement
    suffix = Path(evidence.original_name or evidence.file.name).suffix.lower()
    suffix = ascii_name(suffix) if suffix else ""
    stem = ascii_name(f"{requirement.code}_{requirement.short_name}")[:NAME_LIMIT] or "dokumen"
    return f"{stem}.{suffix.lstrip('.')}" if suffix else stem


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate = f"{stem}-{n}{dot}{suffix}"
        n += 1
    taken.add(candidate.lower())
    return candidate


def manifest(items: list[Entry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MANIFEST_HEADER)
    for item in items:
        ev = item.evidence
        writer.writerow(
            [
                item.document.requirement.code,
                item.document.requirement.name,
                Status(item.document.status).label,
                item.name,
                ev.size if item.name else "",
                ev.sha256 if item.name else "",
                timezone.localtime(ev.uploaded_at).isoformat(timespec="seconds"),
                person_name(ev.uploaded_by),
                ev.url,
            ]
        )
    # With a BOM, Excel opens the UTF-8 manifest with its accents intact.
    return "\ufeff".encode() + out.getvalue().encode()


def bundle(items: list[Entry]) -> ZipStream:
    """The zip, not yet read: iterate it to stream; ``len()`` is its exact size in bytes."""
    stream = ZipStream(sized=True)
    for item in items:
        if item.name:
            stream.add_path(item.evidence.file.path, item.name)
    stream.add(manifest(items), MANIFEST)
    return stream


def bundle_filename(region: Region, today) -> str:
    return f"bukti-{ascii_name(region.code)}-{ascii_name(region.short_name)}-{today:%Y%m%d}.zip"
