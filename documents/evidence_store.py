"""Storing a new piece of evidence: checked first, written whole or not at all."""

from __future__ import annotations

from django.http import Http404

from documents.models import Document, Evidence
from documents.uploads import check_upload


def add(document: Document, *, by, upload=None, url: str = "") -> Evidence:
    """Add a file or a link as the document's newest evidence.

    The file is checked (documents.uploads) before anything is written. Callers that go on to
    do more in the same transaction call ``discard_file`` when that fails, because a rolled-back
    row does not take its file on disk with it.
    """
    if upload is None:
        return Evidence.objects.create(document=document, url=url, uploaded_by=by)
    checked = check_upload(upload)
    evidence = Evidence(
        document=document,
        uploaded_by=by,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.content_type,
    )
    evidence.file.save(checked.name, upload, save=False)
    try:
        evidence.save()
    except Exception:
        discard_file(evidence)
        raise
    return evidence


def discard_file(evidence: Evidence | None) -> None:
    if evidence is not None and evidence.file:
        evidence.file.storage.delete(evidence.file.name)


def open_file(evidence: Evidence):
    """The stored file, opened for reading; 404 (not 500) when it is missing on disk, e.g. a
    restore that brought the database back without the files."""
    try:
        return evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("The evidence file is missing from storage") from None
