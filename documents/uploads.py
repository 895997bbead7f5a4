"""Checking an evidence upload before anything is stored.

The type is decided by the file's first bytes, not by its name: a web page renamed to .pdf is
refused. Only formats KPK's verifiers open (PDF, images, Office documents) are accepted; HTML
and SVG, which a browser would run, never are.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

# extension -> (content type, magic check)
PDF, PNG, JPEG, OOXML, OLE = "pdf", "png", "jpeg", "ooxml", "ole"
ALLOWED = {
    ".pdf": ("application/pdf", PDF),
    ".png": ("image/png", PNG),
    ".jpg": ("image/jpeg", JPEG),
    ".jpeg": ("image/jpeg", JPEG),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", OOXML),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", OOXML),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", OOXML),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".ppt": ("application/vnd.ms-powerpoint", OLE),
}
MAGIC = {
    PDF: (b"%PDF-",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
    JPEG: (b"\xff\xd8\xff",),
    OOXML: (b"PK\x03\x04",),
    OLE: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


FALLBACK_STEM = "berkas"


class UploadRejected(Exception):
    pass


@dataclass
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload) -> CheckedUpload:
    """Return what to store about ``upload`` or raise UploadRejected saying why, in Indonesian."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size == 0:
        raise UploadRejected(_("Berkas kosong. Pilih berkas yang berisi dokumen."))
    if upload.size > limit:
        raise UploadRejected(
            _("Berkas terlalu besar (%(size).1f MB). Batasnya %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": settings.MAX_UPLOAD_MB}
        )
    base = PurePath(upload.name.replace("\\", "/")).name
    suffix = PurePath(base).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadRejected(
            _(
                "Jenis berkas %(ext)s tidak diterima. Gunakan PDF, gambar (PNG/JPG) atau dokumen "
                "Office."
            )
            % {"ext": suffix or _("tanpa ekstensi")}
        )
    content_type, kind = ALLOWED[suffix]
    upload.seek(0)
    head = upload.read(16)
    if not head.startswith(MAGIC[kind]) or (kind == OOXML and not _is_ooxml(upload)):
        raise UploadRejected(
            _(
                "Isi berkas tidak sesuai dengan ekstensinya (%(ext)s). Simpan ulang dokumen dari "
                "aplikasi aslinya lalu unggah lagi."
            )
            % {"ext": suffix}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stem = _safe_stem(PurePath(base).stem)
    return CheckedUpload(
        name=f"{stem}{suffix}",
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )


def _safe_stem(stem: str) -> str:
    """The file name's stem as ASCII-safe characters, or a fallback: a name made only of
    emoji or punctuation (``📄.pdf``, ``(!).pdf``) is a valid file under another name."""
    try:
        return get_valid_filename(stem)[:80] or FALLBACK_STEM
    except SuspiciousFileOperation:  # nothing usable left of the name
        return FALLBACK_STEM


def _is_ooxml(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
