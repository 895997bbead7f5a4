"""The status import (KPK's verdicts, or an old recap) and the official score import.

Both follow ``sheets.intake``: a workbook becomes a ``Plan`` (preview), stored with the file's
sha256 in ``sheets.StoredPlan``, then applied in one transaction or not at all. Statuses change
only through ``documents.workflow.transition`` (source ``import``, the note naming the file);
scores only through ``reports.scores.record_score``. A document changed since the preview makes
the whole apply fail (``ImportStale``): the user previews again.

Statuses are read through one fixed alias table (``STATUS_WORDS``): our codes, our labels in
both languages, and jaga.id's own words. On jaga.id "diunggah / belum diverifikasi" means the
document is with KPK — our ``verifying`` — while in this product "Diunggah" is the published
figure (every status but not uploaded). A word that could mean two statuses is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from documents import workflow
from documents.models import UPLOADED_FIGURE, Area, Document, Programme, Source, Status
from regions import scoping
from regions.models import Region, Role
from reports.models import ScoreRecord
from reports.scores import date_problem, record_score
from sheets.intake import (
    CHANGE,
    CODE,
    DATE,
    DECIMAL,
    ERROR,
    SAME,
    Column,
    Plan,
    PlanRow,
    Problem,
    SheetError,
    mark_duplicates,
    normalise,
    read_table,
)
from sheets.models import StoredPlan

STATUS, SCORE = "status", "score"


class ImportRefused(Exception):
    """Nothing was applied; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ImportStale(ImportRefused):
    pass


# --- the columns ----------------------------------------------------------------------------------
# The first header is what our workbooks write (the recap's "Rincian" sheet, the templates);
# the others are accepted too, in either language.

REGION = Column("region", ("Kode pemda", "Government code", "Kode wilayah", "Kode daerah"), CODE)
CODE_COLUMN = Column(
    "code", ("Kode", "Code", "Kode dokumen", "Kode persyaratan", "Requirement code"), CODE
)
STATUS_CODE = Column("status_code", ("Kode status", "Status code"), required=False)
STATUS_WORD = Column(
    "status", ("Status", "Status jaga.id", "Status di jaga.id", "Status on jaga.id"), required=False
)
NOTE = Column("note", ("Catatan", "Note", "Keterangan"), required=False)
STATUS_COLUMNS = [REGION, CODE_COLUMN, STATUS_CODE, STATUS_WORD, NOTE]

SCORE_VALUE = Column("value", ("Skor", "Score", "Nilai", "Skor MCSP"), DECIMAL)
SCORE_DATE = Column("recorded_on", ("Tanggal", "Date", "Tanggal di jaga.id", "Tanggal skor"), DATE)
AREA = Column("area", ("Kode area", "Area code", "Area"), CODE, required=False)
SCORE_COLUMNS = [REGION, SCORE_VALUE, SCORE_DATE, AREA, NOTE]

COLUMNS = {STATUS: STATUS_COLUMNS, SCORE: SCORE_COLUMNS}
SHEETS = {STATUS: ("Rincian", "Details", "Status"), SCORE: ("Skor", "Scores")}

# --- the status words ---------------------------------------------------------------------------

S = Status
JAGA_WORDS = {
    # jaga.id, as its pages and its users write them
    "belum diunggah": {S.NOT_UPLOADED},
    "belum upload": {S.NOT_UPLOADED},
    "diunggah / belum diverifikasi": {S.VERIFYING},  # on jaga.id: with KPK (DOMAIN.md)
    "belum diverifikasi": {S.VERIFYING},
    "menunggu verifikasi": {S.VERIFYING},
    "sedang diverifikasi": {S.VERIFYING},
    "ditolak": {S.NEEDS_REVISION},
    "ditolak / perlu perbaikan": {S.NEEDS_REVISION},
    "dikembalikan": {S.NEEDS_REVISION},
    "revisi": {S.NEEDS_REVISION},
    "diterima": {S.ACCEPTED},
    "disetujui": {S.ACCEPTED},
    # "Diunggah" alone is this product's published figure (any status but not uploaded) and
    # jaga.id's word for a document with KPK: it could mean "Siap dikirim" or "Proses
    # verifikasi", so it is refused rather than guessed.
    "diunggah": {S.UPLOADED, S.VERIFYING},
    "sudah diunggah": {S.UPLOADED, S.VERIFYING},
    "upload": {S.UPLOADED, S.VERIFYING},
    # English "Uploaded" is the same published figure; in a status column it is refused too
    # (the "Kode status" column reads our code ``uploaded`` strictly, without this table).
    "uploaded": {S.UPLOADED, S.VERIFYING},
}


@cache
def status_words() -> dict[str, frozenset[str]]:
    """Normalised word → the statuses it may mean (one: readable; more: refused)."""
    words: dict[str, set[str]] = {}

    def add(word, statuses):
        words.setdefault(normalise(word), set()).update(statuses)

    for word, statuses in JAGA_WORDS.items():
        add(word, statuses)
    for code in Status.values:
        add(code, {code})
        for language in ("id", "en"):
            with translation.override(language):
                add(str(Status(code).label), {code})
    for language in ("id", "en"):
        with translation.override(language):
            add(str(UPLOADED_FIGURE), {S.UPLOADED, S.VERIFYING})
    return {word: frozenset(statuses) for word, statuses in words.items()}


def read_status(word: str) -> tuple[str | None, str | None]:
    """(status code, None) or (None, why the word cannot be read)."""
    statuses = status_words().get(normalise(word))
    if not statuses:
        return None, _(
            "Status “%(word)s” tidak dikenal. Tulis salah satu: %(labels)s (atau istilah jaga.id "
            "seperti “diunggah / belum diverifikasi”, “ditolak / perlu perbaikan”)."
        ) % {"word": word, "labels": ", ".join(str(s.label) for s in Status)}
    if len(statuses) > 1:
        return None, _(
            "Status “%(word)s” bisa berarti %(meanings)s. Tulis statusnya dengan tepat: di jaga.id "
            "“diunggah / belum diverifikasi” berarti sedang diverifikasi KPK (Proses verifikasi)."
        ) % {
            "word": word,
            "meanings": _(" atau ").join(f"“{Status(s).label}”" for s in sorted(statuses)),
        }
    return next(iter(statuses)), None


# --- building a plan ------------------------------------------------------------------------------


def preview(kind: str, workbook, *, user, programme: Programme, file_name: str, sha: str) -> Plan:
    """The plan of an uploaded workbook: raises SheetError when the whole file is refused."""
    table = read_table(workbook, COLUMNS[kind], sheet_names=SHEETS[kind])
    plan = Plan(kind=kind, file_name=file_name, sha256=sha, sheet=table.sheet)
    plan.header_row = table.header_row
    if kind == STATUS:
        if "status_code" not in table.headers and "status" not in table.headers:
            raise SheetError(
                _("Kolom “Status” (atau “Kode status”) tidak ditemukan di baris judul kolom.")
            )
        _plan_statuses(plan, table, user, programme)
    else:
        _plan_scores(plan, table, user, programme)
    plan.add_table_problems(table)
    return plan


def _region_problem(table, code) -> Problem:
    return Problem(
        table.headers["region"],
        _("Pemda “%(code)s” tidak dikenal atau di luar cakupan Anda.") % {"code": code},
    )


def import_note(file_name: str, note: str | None) -> str:
    text = _("Impor dari berkas “%(file)s”") % {"file": file_name}
    return f"{text}: {note}" if note else text


def _plan_statuses(plan: Plan, table, user, programme: Programme) -> None:
    documents = {
        (d.region.code, d.requirement.code): d
        for d in Document.objects.visible_in(user, programme).select_related(
            "region", "requirement"
        )
    }
    region_codes = {region for region, _code in documents}
    requirement_codes = {code for _region, code in documents}
    mark_duplicates(
        table.rows,
        lambda r: (r.values["region"], r.values["code"]) if r.values["code"] else None,
        f"{table.headers['region']} + {table.headers['code']}",
    )
    for row in table.rows:
        region, code = row.values["region"], row.values["code"]
        document = documents.get((region, code))
        subject = f"{region or '?'} · {code or '?'}"
        if region and region not in region_codes:
            row.problems.append(_region_problem(table, region))
        elif region and code and document is None:
            row.problems.append(
                Problem(
                    table.headers["code"],
                    _("Kode “%(code)s” tidak ada di daftar periksa %(programme)s untuk pemda ini.")
                    % {"code": code, "programme": programme.name}
                    if code not in requirement_codes
                    else _("Kode “%(code)s” tidak berlaku untuk pemda ini.") % {"code": code},
                )
            )
        to = _row_status(row, table)
        if document is not None:
            subject = f"{region} · {code} {document.requirement.short_name}"
        if row.problems or document is None or to is None:
            plan.rows.append(PlanRow(row.number, ERROR, subject, problems=row.problems))
            continue
        before = str(Status(document.status).label)
        if to == document.status:
            plan.rows.append(PlanRow(row.number, SAME, subject, before, before))
            continue
        note = import_note(plan.file_name, row.values.get("note"))
        try:
            workflow.check(user, document, to, Source.IMPORT, note=note)
        except workflow.WorkflowError as error:
            column = table.headers.get("status") or table.headers["status_code"]
            plan.rows.append(
                PlanRow(row.number, ERROR, subject, problems=[Problem(column, str(error.message))])
            )
            continue
        plan.rows.append(
            PlanRow(
                row.number,
                CHANGE,
                subject,
                before,
                str(Status(to).label),
                data={"document": document.pk, "version": document.version, "to": to, "note": note},
            )
        )


def _row_status(row, table) -> str | None:
    """The row's target status from the code column, the word column, or both agreeing."""
    code, word = row.values.get("status_code"), row.values.get("status")
    from_code = from_word = None
    if code:
        if code in Status.values:
            from_code = code
        else:
            row.problems.append(
                Problem(
                    table.headers["status_code"],
                    _("Kode status “%(code)s” tidak dikenal; pilih salah satu: %(codes)s.")
                    % {"code": code, "codes": ", ".join(Status.values)},
                )
            )
    if word:
        from_word, problem = read_status(word)
        if problem:
            row.problems.append(Problem(table.headers["status"], problem))
    if from_code and from_word and from_code != from_word:
        row.problems.append(
            Problem(
                table.headers["status"],
                _("“%(code)s” dan “%(word)s” berbeda. Ubah keduanya, atau kosongkan salah satu.")
                % {"code": code, "word": word},
            )
        )
        return None
    if not code and not word and not row.problems:
        row.problems.append(
            Problem(table.headers.get("status") or table.headers["status_code"], _("Wajib diisi."))
        )
    return from_code or from_word


def _plan_scores(plan: Plan, table, user, programme: Programme) -> None:
    regions = {
        r.code: r
        for r in scoping.regions_visible_to(user)
        if scoping.role_for(user, r) == Role.INSPECTORATE
    }
    areas = {a.code: a for a in Area.objects.filter(programme=programme)}
    current = {
        (s.region_id, s.area_id, s.recorded_on): s
        for s in ScoreRecord.objects.filter(
            programme=programme, region__in=regions.values(), corrected=False
        )
    }
    mark_duplicates(
        table.rows,
        lambda r: (r.values["region"], r.values.get("area"), r.values["recorded_on"]),
        f"{table.headers['region']} + {table.headers['recorded_on']}",
    )
    today = timezone.localdate()
    for row in table.rows:
        values = row.values
        region = regions.get(values["region"])
        if values["region"] and region is None:
            row.problems.append(_region_problem(table, values["region"]))
        area = None
        if values.get("area"):
            area = areas.get(values["area"])
            if area is None:
                row.problems.append(
                    Problem(
                        table.headers["area"],
                        _("Area “%(code)s” tidak ada di %(programme)s.")
                        % {"code": values["area"], "programme": programme.name},
                    )
                )
        value = values["value"]
        if value is not None and not (0 <= value <= 100 and value == round(value, 2)):
            row.problems.append(
                Problem(
                    table.headers["value"], _("Skor harus 0–100 dengan paling banyak 2 desimal.")
                )
            )
        day = values["recorded_on"]
        problem = date_problem(programme, day, today) if day is not None else ""
        if problem:
            row.problems.append(Problem(table.headers["recorded_on"], problem))
        subject = " · ".join(
            str(part)
            for part in (
                region.short_name if region else values["region"] or "?",
                area.name if area else _("Keseluruhan"),
                day.strftime("%d/%m/%Y") if isinstance(day, dt.date) else "?",
            )
        )
        if row.problems or region is None or value is None or day is None:
            plan.rows.append(PlanRow(row.number, ERROR, subject, problems=row.problems))
            continue
        existing = current.get((region.pk, area.pk if area else None, day))
        after = number_format(value, 2)
        if existing is not None and existing.value == value:
            plan.rows.append(PlanRow(row.number, SAME, subject, after, after))
            continue
        plan.rows.append(
            PlanRow(
                row.number,
                CHANGE,
                subject,
                number_format(existing.value, 2) if existing else "—",
                after,
                data={
                    "region": region.pk,
                    "area": area.pk if area else None,
                    "value": str(value.quantize(Decimal("0.01"))),
                    "recorded_on": day.isoformat(),
                    "replaces": existing.pk if existing else None,
                    "note": import_note(plan.file_name, values.get("note"))[:300],
                },
            )
        )


# --- keeping and applying -------------------------------------------------------------------------


def keep(plan: Plan, data: bytes, *, by, programme: Programme) -> StoredPlan:
    return StoredPlan.keep(plan, data, by=by, context={"programme": programme.pk})


@dataclass
class Applied:
    changed: int


def apply(stored: StoredPlan, *, by) -> Applied:
    """Apply every change of a stored plan in one transaction, or raise and apply none."""
    plan = stored.load()
    if stored.applied_at is not None:
        raise ImportRefused(_("Rencana impor ini sudah diterapkan."))
    if plan.errors:
        raise ImportRefused(
            _("Perbaiki semua kesalahan di berkas lalu unggah lagi: tidak ada yang diterapkan.")
        )
    programme = Programme.objects.get(pk=stored.context["programme"])
    with transaction.atomic():
        if not stored.claim():
            raise ImportRefused(_("Rencana impor ini sudah diterapkan."))
        if plan.kind == STATUS:
            _apply_statuses(plan, by)
        else:
            _apply_scores(plan, by, programme)
    return Applied(changed=len(plan.changes))


def _stale() -> ImportStale:
    return ImportStale(
        _(
            "Sebagian data berubah sejak pratinjau dibuat, jadi tidak ada yang diterapkan. "
            "Unggah berkasnya lagi untuk pratinjau terbaru."
        )
    )


def _apply_statuses(plan: Plan, by) -> None:
    changes = plan.changes
    documents = Document.objects.select_for_update().in_bulk([r.data["document"] for r in changes])
    for row in changes:
        document = documents.get(row.data["document"])
        if document is None or document.version != row.data["version"]:
            raise _stale()
        try:
            workflow.transition(
                document,
                row.data["to"],
                by=by,
                source=Source.IMPORT,
                expected_version=row.data["version"],
                note=row.data["note"],
            )
        except workflow.WorkflowError as error:
            if error.is_stale:
                raise _stale() from None
            raise ImportRefused(str(error.message)) from None


def _apply_scores(plan: Plan, by, programme: Programme) -> None:
    regions = Region.objects.in_bulk([r.data["region"] for r in plan.changes])
    areas = Area.objects.in_bulk([r.data["area"] for r in plan.changes if r.data["area"]])
    for row in plan.changes:
        data = row.data
        day = dt.date.fromisoformat(data["recorded_on"])
        current = (
            ScoreRecord.objects.select_for_update()
            .filter(
                programme=programme,
                region_id=data["region"],
                area_id=data["area"],
                recorded_on=day,
                corrected=False,
            )
            .values_list("pk", flat=True)
            .first()
        )
        if current != data["replaces"]:
            raise _stale()
        record_score(
            programme,
            regions[data["region"]],
            Decimal(data["value"]),
            day,
            by=by,
            area=areas.get(data["area"]) if data["area"] else None,
            note=data["note"],
        )
