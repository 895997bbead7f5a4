"""Reading an uploaded workbook safely, and the plan an import previews before it applies.

An import is two steps, whatever it imports:

1. **Preview.** ``open_workbook`` refuses anything that is not a sane .xlsx (an old .xls, a CSV
   renamed, an encrypted or corrupt file, a zip bomb; XML bombs are refused by defusedxml,
   which openpyxl uses once it is installed). ``read_table`` finds the sheet and its header row
   by the column names it knows (in Indonesian and English), refuses merged cells, and reads
   every cell by the kind of its column — text, code, decimal (``55,00`` and ``55.00``), date —
   refusing formulas and dates typed as text. The caller (the domain module that owns the
   records) turns the rows into a ``Plan``: per row what changes (from → to), what is already
   so, and every error by row and column.
2. **Apply.** The caller stores the plan (it is plain JSON, ``Plan.to_json``) with the file's
   sha256 wherever it likes, and later applies it all in one transaction, or nothing.

``errors_workbook`` hands the user their own workbook back with a column of errors.

This module imports nothing of the project: regions, documents and reports each can use it
without breaking the one-way import chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_BYTES = 5 * 1024 * 1024  # an upload larger than this is refused before it is read
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # a zip bomb stops here
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10  # the header row may sit under a title of a few rows

XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: an old .xls, or an encrypted .xlsx
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


class SheetError(Exception):
    """The whole file is refused; ``message`` says why, for the person who uploaded it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- opening the file -------------------------------------------------------------------------


def open_workbook(data: bytes, *, max_bytes: int | None = None):
    """The workbook in ``data``, or SheetError saying in plain words what is wrong with it."""
    max_bytes = max_bytes or MAX_BYTES
    if len(data) > max_bytes:
        raise SheetError(
            _("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
            % {"size": _mb(len(data)), "limit": _mb(max_bytes)}
        )
    if not data:
        raise SheetError(_("Berkas kosong."))
    if data.startswith(XLS_MAGIC):
        if ENCRYPTED_MARK in data:
            raise SheetError(
                _(
                    "Berkas dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata "
                    "sandinya, simpan, lalu unggah lagi."
                )
            )
        raise SheetError(
            _(
                "Ini berkas Excel lama (.xls). Buka di Excel lalu Simpan Sebagai “Buku Kerja "
                "Excel (.xlsx)”, kemudian unggah lagi."
            )
        )
    if data.startswith(b"PK") and not zipfile.is_zipfile(io.BytesIO(data)):
        raise SheetError(_corrupt())  # a zip cut short: a broken download or copy
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SheetError(
            _(
                "Berkas ini bukan buku kerja Excel (.xlsx) — mungkin CSV atau berkas lain yang "
                "diganti namanya. Simpan sebagai .xlsx lalu unggah lagi."
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SheetError(_corrupt()) from None
    if "xl/workbook.xml" not in names:
        raise SheetError(
            _("Berkas ini bukan buku kerja Excel (.xlsx). Simpan sebagai .xlsx lalu unggah lagi.")
        )
    if unzipped > MAX_UNZIPPED_BYTES:
        raise SheetError(_("Isi berkas terlalu besar untuk dibaca."))
    try:
        return openpyxl.load_workbook(
            io.BytesIO(data), data_only=False, keep_links=False, keep_vba=False
        )
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        if _caused_by(error, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise SheetError(_("Berkas berisi XML yang tidak aman dan ditolak.")) from None
        raise SheetError(_corrupt()) from None


def _caused_by(error: BaseException | None, kind) -> bool:
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _corrupt() -> str:
    return _("Berkas rusak dan tidak dapat dibaca. Buka di Excel, simpan ulang, lalu unggah lagi.")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


# --- columns and cells ---------------------------------------------------------------------------

TEXT, CODE, DECIMAL, DATE = "text", "code", "decimal", "date"


def normalise(text) -> str:
    """How header names and status words are compared: case, spacing and the spaces around a
    slash do not matter; a trailing ``*`` (a required column in our templates) neither."""
    text = re.sub(r"\s+", " ", str(text or "")).strip().lower().rstrip("*").strip()
    return re.sub(r"\s*/\s*", " / ", text)


@dataclass(frozen=True)
class Column:
    key: str
    headers: tuple[str, ...]  # names it is recognised by, any language; the first is shown
    kind: str = TEXT
    required: bool = True

    @property
    def title(self) -> str:
        return self.headers[0]


@dataclass
class Problem:
    column: str  # the column's header as the user wrote it, or "" for the whole row
    message: str


@dataclass
class Row:
    number: int  # the row number Excel shows
    values: dict  # column key -> parsed value (None when empty or unreadable)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Table:
    sheet: str
    header_row: int
    headers: dict  # column key -> header as written
    rows: list[Row]
    problems: list[tuple[int, Problem]] = field(default_factory=list)  # rows outside data


def read_table(
    workbook,
    columns: list[Column],
    *,
    sheet_names: tuple[str, ...] = (),
    max_rows: int | None = None,
) -> Table:
    """Rows of the first sheet (``sheet_names`` first) whose header names the required columns."""
    max_rows = max_rows or MAX_ROWS
    sheets = sorted(
        (ws for ws in workbook.worksheets if ws.sheet_state == "visible"),
        key=lambda ws: (ws.title not in sheet_names, workbook.worksheets.index(ws)),
    )
    best_missing = None
    for ws in sheets:
        found = _find_header(ws, columns)
        if found is None:
            continue
        header_row, positions, missing = found
        if not missing:
            return _read_rows(ws, columns, header_row, positions, max_rows)
        if best_missing is None or len(missing) < len(best_missing):
            best_missing = missing
    missing = best_missing or [c for c in columns if c.required]
    raise SheetError(
        _(
            "Kolom wajib tidak ditemukan: %(missing)s. Judul kolom ada di satu baris, di atas "
            "data; gunakan templat bila ragu."
        )
        % {"missing": ", ".join(f"“{c.title}”" for c in missing)}
    )


def _find_header(ws, columns):
    """(header row, column key -> index, missing required columns) of the best-matching row."""
    best = None
    for r, values in enumerate(
        ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1
    ):
        names = [normalise(v) for v in values]
        positions = {}
        for column in columns:
            wanted = {normalise(h) for h in column.headers}
            for index, name in enumerate(names):
                if name in wanted and index not in positions.values():
                    positions[column.key] = index
                    break
        if not positions:
            continue
        missing = [c for c in columns if c.required and c.key not in positions]
        if best is None or len(missing) < len(best[2]):
            best = (r, positions, missing)
    return best


def _read_rows(ws, columns, header_row, positions, max_rows) -> Table:
    by_key = {c.key: c for c in columns}
    header_cells = next(ws.iter_rows(min_row=header_row, max_row=header_row))
    headers = {key: str(header_cells[i].value).strip() for key, i in positions.items()}
    merged = [str(m) for m in ws.merged_cells.ranges if m.max_row >= header_row]
    if merged:
        raise SheetError(
            _(
                "Lembar “%(sheet)s” berisi sel yang digabung (%(cells)s). Pisahkan gabungan sel "
                "(Merge & Center → Unmerge) lalu unggah lagi."
            )
            % {"sheet": ws.title, "cells": ", ".join(merged[:5])}
        )
    table = Table(sheet=ws.title, header_row=header_row, headers=headers, rows=[])
    blank_run: list[int] = []
    for number, cells in enumerate(ws.iter_rows(min_row=header_row + 1), start=header_row + 1):
        relevant = [cells[i] if i < len(cells) else None for i in positions.values()]
        if all(c is None or _is_blank(c.value) for c in relevant):
            blank_run.append(number)
            continue
        for blank in blank_run:  # blank rows followed by data: the data is not one table
            table.problems.append(
                (blank, Problem("", _("Baris kosong di tengah data: hapus baris ini.")))
            )
        blank_run = []
        if len(table.rows) >= max_rows:
            raise SheetError(
                _("Terlalu banyak baris: paling banyak %(max)s baris data per unggahan.")
                % {"max": max_rows}
            )
        row = Row(number=number, values={})
        for key, index in positions.items():
            cell = cells[index] if index < len(cells) else None
            value, problem = read_cell(cell, by_key[key].kind)
            row.values[key] = value
            if problem:
                row.problems.append(Problem(headers[key], problem))
            elif value is None and by_key[key].required:
                row.problems.append(Problem(headers[key], _("Wajib diisi.")))
        table.rows.append(row)
    return table


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_cell(cell, kind: str):
    """(value, problem): the cell read as ``kind``, or None and why it cannot be read."""
    if cell is None or _is_blank(cell.value):
        return None, None
    value = cell.value
    if cell.data_type == "f" or not isinstance(
        value, str | int | float | Decimal | dt.date | dt.datetime | dt.time | bool
    ):
        return None, _("Berisi rumus; salin lalu tempel sebagai nilai (Paste Special → Values).")
    if kind == DECIMAL:
        return read_decimal(value)
    if kind == DATE:
        return read_date(value)
    if isinstance(value, bool):
        return None, _("Nilai tidak dikenali.")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return None, _("Berisi tanggal; kolom ini berisi teks.")
    if isinstance(value, float | Decimal):
        if kind == CODE and value != int(value):
            return None, _(
                "Kode diketik sebagai angka (Excel mengubah 62.10 menjadi 62.1); format sel "
                "sebagai Teks lalu ketik ulang kodenya."
            )
        value = int(value) if value == int(value) else value
    return str(value).strip(), None


def read_decimal(value):
    if isinstance(value, bool):
        return None, _("Bukan angka.")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text and "." in text:
            return None, _(
                "Angka “%(value)s” memakai koma dan titik sekaligus; tulis 55,25 atau 55.25."
            ) % {"value": value}
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None, _("“%(value)s” bukan angka.") % {"value": value}
    else:
        return None, _("Bukan angka.")
    if not number.is_finite():
        return None, _("Bukan angka.")
    return number, None


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_date(value):
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, _(
        "Tanggal “%(value)s” ditulis sebagai teks atau angka; ketik sebagai tanggal Excel "
        "(sel berformat tanggal) atau TTTT-BB-HH, mis. 2025-10-27."
    ) % {"value": value}


# --- the plan -----------------------------------------------------------------------------------

CHANGE, SAME, ERROR = "change", "same", "error"


@dataclass
class PlanRow:
    row: int
    action: str  # CHANGE, SAME or ERROR
    subject: str = ""  # what the row is about, as people read it
    before: str = ""
    after: str = ""
    problems: list[Problem] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # what applying needs: ids, versions, values


@dataclass
class Plan:
    kind: str
    file_name: str
    sha256: str
    sheet: str = ""
    header_row: int = 1
    rows: list[PlanRow] = field(default_factory=list)

    @property
    def changes(self) -> list[PlanRow]:
        return [r for r in self.rows if r.action == CHANGE]

    @property
    def unchanged(self) -> list[PlanRow]:
        return [r for r in self.rows if r.action == SAME]

    @property
    def errors(self) -> list[PlanRow]:
        return [r for r in self.rows if r.action == ERROR]

    @property
    def can_apply(self) -> bool:
        """All or nothing: one row in error and nothing applies."""
        return not self.errors and bool(self.changes)

    def add_table_problems(self, table: Table) -> None:
        for number, problem in table.problems:
            self.rows.append(PlanRow(row=number, action=ERROR, problems=[problem]))
        self.rows.sort(key=lambda r: r.row)

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        raw = json.loads(text)
        rows = [
            PlanRow(**{**r, "problems": [Problem(**p) for p in r["problems"]]})
            for r in raw.pop("rows")
        ]
        return cls(**raw, rows=rows)


def mark_duplicates(rows: list[Row], key_of, columns: str) -> set[int]:
    """Flag every row whose key repeats an earlier one; returns the flagged row numbers."""
    first: dict = {}
    flagged = set()
    for row in rows:
        key = key_of(row)
        if key is None:
            continue
        if key in first:
            row.problems.append(
                Problem(
                    columns,
                    _("Duplikat: sama dengan baris %(row)s. Satu baris per %(what)s.")
                    % {"row": first[key], "what": columns},
                )
            )
            flagged.add(row.number)
        else:
            first[key] = row.number
    return flagged


# --- giving the workbook back with its errors -----------------------------------------------------

ERROR_FILL = PatternFill("solid", fgColor="FDE2E2")


def errors_workbook(data: bytes, plan: Plan) -> bytes:
    """The uploaded workbook, its sheet given a last column "Kesalahan" naming each row's errors."""
    workbook = open_workbook(data)
    ws = workbook[plan.sheet]
    column = ws.max_column + 1
    header = ws.cell(row=plan.header_row, column=column, value=_("Kesalahan"))
    header.font = Font(bold=True)
    header.fill = ERROR_FILL
    ws.column_dimensions[get_column_letter(column)].width = 60
    for row in plan.errors:
        text = "; ".join(
            f"{p.column}: {p.message}" if p.column else p.message for p in row.problems
        )
        cell = ws.cell(row=row.row, column=column)
        write_text(cell, text)
        cell.fill = ERROR_FILL
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_text(cell, value) -> None:
    """Put text in a cell as text: never a formula, whatever it starts with."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value)) if value is not None else None
    if cell.value is not None:
        cell.data_type = "s"
