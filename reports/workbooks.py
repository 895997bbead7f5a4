"""Every workbook the product writes: the recap and the import templates.

The recap has four sheets, all read from ``reports.figures`` (the dashboard's numbers, never
recounted here) except "Rincian", which lists the documents themselves:

* "Ringkasan": one row per government (counts by status, % uploaded and accepted, official score
  with band and date, estimate, rank, weekly change, pace needed, projected finish) and a total;
* "Per Area": % accepted per government and area (the dashboard's heatmap);
* "Per OPD": every agency's counts and how many of its documents are past their committed date;
* "Rincian": every document the user may see — a valid status import file as it stands.

Print-ready and filterable: bold frozen header rows, autofilter, widths, number formats, status
and band fills, A4 landscape fitted to the page width, header rows repeated on every page, a
header and a page-numbered footer. Any text a person typed (notes, names, file names) is
written as text, never as a formula.

openpyxl (write-only mode) writes each sheet's frame — properties, frozen pane, widths,
autofilter, print set-up, header and footer — and the styles; ``SheetWriter`` serialises the rows
itself, as openpyxl would, into a temporary file spliced into the sheet: openpyxl's cell objects
and XML writer took ~20 s for a 39-government province's 27,300 documents, ~1 s now (issue 16).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

from django.db.models import Count, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, get_time_format
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from documents.models import (
    UPLOADED_FIGURE,
    Document,
    Evidence,
    Programme,
    ProgrammeKind,
    Status,
    StatusChange,
)
from regions.models import Region, RegionKind
from reports import figures, spi
from reports.imports import (
    JAGA_WORDS,
    STATUS,
)
from sheets.intake import write_text

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PERCENT = "0.00%"
TWO = "0.00"
ONE = "0.0"
SIGNED = "+0.00;-0.00;0.00"
INTEGER = "0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
TEXT_FORMAT = "@"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FOOTNOTE = Font(italic=True, size=9)
HEADER_FILL = PatternFill("solid", fgColor="1E3A8A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TOTAL_FILL = PatternFill("solid", fgColor="E2E8F0")
THIN = Side(style="thin", color="94A3B8")
TOP_BORDER = Border(top=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")

STATUS_FILL = {
    Status.NOT_UPLOADED: PatternFill("solid", fgColor="E2E8F0"),
    Status.UPLOADED: PatternFill("solid", fgColor="DBEAFE"),
    Status.VERIFYING: PatternFill("solid", fgColor="FEF3C7"),
    Status.NEEDS_REVISION: PatternFill("solid", fgColor="FEE2E2"),
    Status.ACCEPTED: PatternFill("solid", fgColor="DCFCE7"),
}
BAND_FILL = {
    "rentan": PatternFill("solid", fgColor="FEE2E2"),
    "waspada": PatternFill("solid", fgColor="FEF3C7"),
    "terjaga": PatternFill("solid", fgColor="DCFCE7"),
}
HEAT_FILL = [
    PatternFill("solid", fgColor=colour)
    for colour in ("FFF7ED", "FFEDD5", "FED7AA", "BBF7D0", "86EFAC", "4ADE80")
]


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    number_format: str | None = None


# --- cells --------------------------------------------------------------------------------------


class SheetWriter:
    """One sheet of a write-only workbook: header block, column headings, rows, print set-up.

    openpyxl writes everything around the rows (sheet properties, frozen pane, column widths,
    autofilter, print set-up, header and footer) and registers the styles; the rows themselves
    are serialised here, one string per row, into a temporary file that ``finish`` splices into
    openpyxl's sheet. The XML is the one openpyxl writes (inline strings, ``s`` style indices,
    ``%.16g`` numbers, Excel serial dates), without a cell object and an XML element per cell:
    openpyxl's own writer spent ~20 s on a 39-government province's 27,300 documents (issue 16).
    """

    def __init__(self, workbook: Workbook, title: str, columns: list[Col], *, heading: list[str]):
        self.ws = workbook.create_sheet(title)
        self.columns = columns
        self.rows_written = 0
        # The <row> elements, in order; closed by finish(), which splices them into the sheet.
        self._rows = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._heights: dict[int, float] = {}
        self._styles: dict[tuple, tuple[int, tuple]] = {}  # by style objects' ids, kept alive
        # Each column's style, registered on first use: plain, in the total row, and filled.
        self._plain_styles: list[int | None] = [None] * len(columns)
        self._total_styles: list[int | None] = [None] * len(columns)
        self._filled_styles: dict[tuple, tuple[int, PatternFill]] = {}
        self._letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        self._dated = [bool(c.number_format) and is_date_format(c.number_format) for c in columns]
        # Wrapped text needs a taller row, and not every reader (LibreOffice) computes it.
        self._wrapping = [(i, max(c.width - 1, 1)) for i, c in enumerate(columns) if self._wraps(c)]
        for index, col in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = col.width
        self.header_row = len(heading) + (1 if heading else 0) + 1
        self.ws.freeze_panes = f"A{self.header_row + 1}"
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        # Headings wrap; a row's height is not computed by every reader, so it is set.
        self._heights[self.header_row] = 15 * max(
            1, *(len(c.header) // max(int(c.width) - 1, 1) + 1 for c in columns)
        )
        for i, line in enumerate(heading):
            self.line(line, font=TITLE if i == 0 else None)
        if heading:
            self.blank()
        header = self.style(font=HEADER_FONT, fill=HEADER_FILL, align=HEADER_ALIGN)
        self._append([c.header for c in columns], [header] * len(columns))

    def style(self, number_format=None, *, font=None, fill=None, align=None, border=None) -> int:
        """The workbook's index of a style (0: none), registered once per combination:
        assigning openpyxl styles costs a lookup each."""
        key = (number_format, id(font), id(fill), id(align), id(border))
        known = self._styles.get(key)
        if known is None:
            proto = WriteOnlyCell(self.ws)
            if number_format:
                proto.number_format = number_format
            for name, value in (("font", font), ("fill", fill), ("alignment", align)):
                if value is not None:
                    setattr(proto, name, value)
            if border is not None:
                proto.border = border
            known = (proto.style_id if proto.has_style else 0, (font, fill, align, border))
            self._styles[key] = known
        return known[0]

    def line(self, text: str, *, font=None) -> None:
        """A row of one text cell (a title, a footnote)."""
        self._append([text], [self.style(font=font)])

    def blank(self) -> None:
        self._append([], [])

    def _append(self, values: list, styles: list[int]) -> None:
        """Write one row: its values, each with its style index."""
        self.rows_written += 1
        number = str(self.rows_written)
        height = self._heights.get(self.rows_written)
        parts = [
            f'<row r="{number}" ht="{height:.16g}" customHeight="1">'
            if height
            else f'<row r="{number}">'
        ]
        for letter, value, style in zip(self._letters, values, styles, strict=False):
            parts.append(_cell_xml(letter + number, value, style))
        parts.append("</row>")
        self._rows.write("".join(parts))

    def row(self, values: list, *, fills: dict[int, PatternFill] | None = None, total=False):
        if len(values) != len(self.columns):
            raise ValueError(f"{len(values)} values for {len(self.columns)} columns")
        lines = 1
        for index, width in self._wrapping:
            value = values[index]
            if isinstance(value, str) and len(value) > width:
                lines = max(lines, math.ceil(len(value) / width))
        if lines > 1:
            self._heights[self.rows_written + 1] = 15 * min(lines, 6)
        plain = self._total_styles if total else self._plain_styles
        styles = []
        for index, value in enumerate(values):
            fill = fills.get(index) if fills else None
            if fill is None:
                style = plain[index]
                if style is None:
                    fill = TOTAL_FILL if total else None
                    style = plain[index] = self._column_style(index, fill, total)
            else:
                key = (index, id(fill), total)
                known = self._filled_styles.get(key)
                if known is None:
                    known = self._filled_styles[key] = (
                        self._column_style(index, fill, total),
                        fill,  # held, so that its id is not reused
                    )
                style = known[0]
            if isinstance(value, DATE_TYPES) and not self._dated[index]:
                # As openpyxl does: a date in a column without a date format gets one.
                fill = fill or (TOTAL_FILL if total else None)
                style = self._column_style(index, fill, total, get_time_format(type(value)))
            styles.append(style)
        self._append(values, styles)

    def _column_style(self, index: int, fill, total: bool, number_format=None) -> int:
        col = self.columns[index]
        return self.style(
            number_format or col.number_format,
            font=BOLD if total else None,
            fill=fill,
            align=WRAP if self._wraps(col) else TOP,
            border=TOP_BORDER if total else None,
        )

    @staticmethod
    def _wraps(col: Col) -> bool:
        return col.number_format == TEXT_FORMAT or col.width >= 16

    def finish(self, *, title: str, generated: str, filter_rows: int | None = None) -> None:
        """Autofilter over the table, A4 landscape fitted to the width, header and footer; then
        the sheet is closed and its rows spliced in. Nothing may be written to it after."""
        last_col = get_column_letter(len(self.columns))
        last_row = self.header_row + (filter_rows if filter_rows is not None else 0)
        self.ws.auto_filter.ref = f"A{self.header_row}:{last_col}{max(last_row, self.header_row)}"
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = 9  # A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.print_options.gridLines = False
        self.ws.page_margins.left = self.ws.page_margins.right = 0.4
        self.ws.page_margins.top = self.ws.page_margins.bottom = 0.75
        self.ws.page_margins.header = self.ws.page_margins.footer = 0.3
        self.ws.oddHeader.left.text = _escape(title)
        self.ws.oddHeader.left.size = 9
        self.ws.oddHeader.right.text = _escape(generated)
        self.ws.oddHeader.right.size = 9
        self.ws.oddFooter.left.text = "&A"
        self.ws.oddFooter.left.size = 9
        self.ws.oddFooter.right.text = _("Halaman &P dari &N")
        self.ws.oddFooter.right.size = 9
        self._splice()

    def _splice(self) -> None:
        """Close the openpyxl sheet (written with no rows to its temporary file, which the
        workbook's save then zips) and rewrite that file with the rows in its sheetData."""
        self.ws.close()
        path = self.ws._writer.out
        with open(path, encoding="utf-8", newline="") as f:
            around = f.read()
        head, found, tail = around.partition(EMPTY_SHEET_DATA)
        if not found or EMPTY_SHEET_DATA in tail:
            raise RuntimeError("openpyxl wrote the sheet in a form this writer does not know")
        with open(path, "w", encoding="utf-8", newline="") as f, self._rows as rows:
            f.write(head)
            f.write("<sheetData>")
            rows.seek(0)
            shutil.copyfileobj(rows, f, 1 << 20)
            f.write("</sheetData>")
            f.write(tail)


EMPTY_SHEET_DATA = "<sheetData></sheetData>"
DATE_TYPES = (dt.date, dt.time, dt.timedelta)  # dt.datetime is a dt.date


def _cell_xml(ref: str, value, style: int) -> str:
    """One cell as openpyxl writes it: text always as an inline string (never a formula), numbers
    as ``%.16g``, dates as Excel serials. A cell with neither value nor style is left out."""
    s = f' s="{style}"' if style else ""
    if isinstance(value, str):
        text = _inline_string(value) if len(value) <= 200 else _inline_text(value)
        return f'<c r="{ref}"{s}{text}'
    if value is None:
        return f'<c r="{ref}"{s} t="n" />' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, DATE_TYPES):
        if getattr(value, "tzinfo", None) is not None:
            raise TypeError("Excel has no time zones: write local time without tzinfo")
        value = to_excel(value)
    elif not isinstance(value, int | float | Decimal):
        raise TypeError(f"Cannot write {type(value).__name__} to a cell")
    if math.isnan(value) or math.isinf(value):
        return f'<c r="{ref}"{s} t="n"><v /></c>'
    return f'<c r="{ref}"{s} t="n"><v>{float(value):.16g}</v></c>'  # as openpyxl: "%.16g"


def _inline_text(value: str) -> str:
    """A text cell's type and content: at most 32,767 characters, without the characters XML
    forbids, spaces kept at either end."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    if not text:
        return ' t="inlineStr" />'
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f' t="inlineStr"><is><t{space}>{xml_escape(text)}</t></is></c>'


# Codes, names, areas and statuses repeat on every row: short texts are serialised once (at most
# 4,096 of up to 200 characters are kept, a few MiB per process).
_inline_string = functools.lru_cache(maxsize=4096)(_inline_text)


def _escape(text: str) -> str:
    """Header and footer text: ``&`` starts a code there, so a literal one is doubled."""
    return str(text).replace("&", "&&")


def _pct(value: Decimal) -> Decimal:
    """A figure's percentage (45.61) as the fraction a percent-formatted cell holds (0.4561)."""
    return value / 100


# --- the recap ----------------------------------------------------------------------------------


@dataclass
class RecapScope:
    """Which governments a recap covers and how it is titled."""

    programme: Programme
    regions: list[Region]  # in scope, the province first when there is one
    name: str
    province: Region | None = None  # the province when the recap covers it whole


def recap_filename(scope: RecapScope, today: dt.date) -> str:
    code = scope.regions[0].code if len(scope.regions) == 1 else scope.province.code
    return f"rekap-mcsp-{scope.programme.year}-{code}-{today:%Y%m%d}.xlsx"


def recap(user, scope: RecapScope, *, now: dt.datetime | None = None) -> bytes:
    """The recap workbook of ``scope`` as the user may see it."""
    now = timezone.localtime(now)
    today = now.date()
    programme = scope.programme
    province = scope.province or (
        scope.regions[0]
        if scope.regions[0].kind == RegionKind.PROVINCE
        else scope.regions[0].parent
    )
    result = figures.for_province(programme, province, today=today)
    result.ranking()  # sets every regency's and city's rank in its province
    in_scope = [result.by_region[r.pk] for r in scope.regions if r.pk in result.by_region]
    own = [f for f in in_scope if f.scope.kind == RegionKind.PROVINCE]
    ranked = [f for f in in_scope if f.scope.kind != RegionKind.PROVINCE]
    rows = own + sorted(ranked, key=lambda f: (f.rank or 0, f.scope.code))

    title = _("Rekap %(programme)s — %(scope)s") % {
        "programme": programme.name,
        "scope": scope.name,
    }
    generated = _("Dibuat %(when)s WIB") % {"when": formats.date_format(now, "j F Y, H.i")}
    heading = [
        title,
        _("Batas waktu unggah: %(day)s (%(countdown)s)")
        % {
            "day": formats.date_format(programme.last_day, "j F Y"),
            "countdown": programme.countdown(today),
        },
        generated,
    ]
    workbook = Workbook(write_only=True)
    _summary_sheet(
        workbook, rows, result.combined if scope.province else None, heading, title, generated
    )
    _area_sheet(workbook, rows, result.areas, title, generated)
    _unit_sheet(workbook, programme, [f.scope for f in rows], today, title, generated)
    _detail_sheet(workbook, user, programme, [f.scope for f in rows], today, title, generated)
    if programme.kind == ProgrammeKind.MCSP:
        follow_up = spi.summary(spi.current(), [f.scope for f in rows], today=today)
        if follow_up is not None:
            _spi_sheet(workbook, follow_up, title, generated)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def summary_columns() -> list[Col]:
    return [
        Col(_("Kode pemda"), 10, TEXT_FORMAT),
        Col(_("Pemerintah daerah"), 30),
        Col(_("Jumlah dokumen"), 10, INTEGER),
        Col(str(Status.NOT_UPLOADED.label), 10, INTEGER),
        Col(str(Status.UPLOADED.label), 10, INTEGER),
        Col(str(Status.VERIFYING.label), 11, INTEGER),
        Col(str(Status.NEEDS_REVISION.label), 10, INTEGER),
        Col(str(Status.ACCEPTED.label), 10, INTEGER),
        Col(str(UPLOADED_FIGURE), 10, INTEGER),
        Col(_("% diunggah"), 10, PERCENT),
        Col(_("% diterima"), 10, PERCENT),
        Col(_("Skor resmi"), 9, TWO),
        Col(_("Kategori skor"), 10),
        Col(_("Tanggal skor"), 11, DATE_FORMAT),
        Col(_("Perkiraan skor (bukan skor resmi)"), 12, TWO),
        Col(_("Peringkat"), 9, INTEGER),
        Col(_("Perubahan % diterima 7 hari (poin)"), 12, SIGNED),
        Col(_("Laju dibutuhkan (dokumen/hari)"), 12, ONE),
        Col(_("Perkiraan selesai"), 11, DATE_FORMAT),
    ]


def summary_values(fig: figures.Figures, *, code: str, name: str) -> list:
    score = fig.score
    return [
        code,
        name,
        fig.total,
        fig.not_uploaded,
        fig.waiting,
        fig.verifying,
        fig.needs_revision,
        fig.accepted,
        fig.uploaded,
        _pct(fig.pct_uploaded),
        _pct(fig.pct_accepted),
        score.value if score else None,
        str(fig.band.label) if fig.band else None,
        score.recorded_on if score else None,
        fig.estimate,
        fig.rank,
        fig.weekly_change_accepted,
        fig.pace_needed,
        fig.projected_finish,
    ]


def _summary_sheet(workbook, rows, combined, heading, title, generated) -> None:
    sheet = SheetWriter(workbook, _("Ringkasan"), summary_columns(), heading=heading)
    band_column = 12
    for fig in rows:
        fills = {band_column: BAND_FILL[fig.band.key]} if fig.band else {}
        sheet.row(summary_values(fig, code=fig.scope.code, name=fig.scope.name), fills=fills)
    if combined is not None and len(rows) > 1:
        values = summary_values(combined, code="", name=_("Total se-provinsi"))
        sheet.row(values, total=True)
    footnotes = [
        _("Diunggah = semua dokumen selain yang belum diunggah."),
        _(
            "Perkiraan skor dihitung dari dokumen yang diterima; skor resmi adalah yang tercatat "
            "di jaga.id."
        ),
        _("Peringkat: % diterima, lalu % diunggah; provinsi tidak diperingkat."),
    ]
    sheet.blank()
    for line in footnotes:
        sheet.line(line, font=FOOTNOTE)
    sheet.finish(title=title, generated=generated, filter_rows=len(rows))


def _spi_sheet(workbook, follow_up: spi.Summary, title, generated) -> None:
    """The SPI action-plan follow-up beside MCSP: plans and their documents per government, with
    the same figures as the Ringkasan sheet (reports.figures over the spi_rtl programme)."""
    columns = [Col(_("Rencana aksi"), 9, INTEGER), *summary_columns()[:11]]
    heading = [follow_up.programme.name, generated]
    sheet = SheetWriter(workbook, _("RTL SPI"), columns, heading=heading)
    for line in follow_up.lines:
        values = summary_values(line.fig, code=line.region.code, name=line.region.name)
        sheet.row([line.plans, *values[:11]])
    sheet.finish(title=title, generated=generated, filter_rows=len(follow_up.lines))


def _area_sheet(workbook, rows, areas, title, generated) -> None:
    columns = [Col(_("Kode pemda"), 10, TEXT_FORMAT), Col(_("Pemerintah daerah"), 30)] + [
        Col(f"{a.code}. {a.name}", 14, PERCENT) for a in areas
    ]
    sheet = SheetWriter(
        workbook,
        _("Per Area"),
        columns,
        heading=[title, _("% dokumen diterima per area intervensi")],
    )
    for fig in rows:
        values = [fig.scope.code, fig.scope.name]
        fills = {}
        for i, area in enumerate(areas, start=2):
            pct = fig.area_pct_accepted(area.pk)
            values.append(_pct(pct) if pct is not None else None)
            level = figures.heat_level(pct)
            if level >= 0:
                fills[i] = HEAT_FILL[level]
        sheet.row(values, fills=fills)
    sheet.finish(title=title, generated=generated, filter_rows=len(rows))


def _unit_sheet(workbook, programme, regions, today, title, generated) -> None:
    columns = [
        Col(_("Kode pemda"), 10, TEXT_FORMAT),
        Col(_("Pemerintah daerah"), 24),
        Col(_("OPD"), 30),
        Col(_("Jumlah dokumen"), 10, INTEGER),
        Col(str(Status.NOT_UPLOADED.label), 10, INTEGER),
        Col(str(Status.UPLOADED.label), 10, INTEGER),
        Col(str(Status.VERIFYING.label), 11, INTEGER),
        Col(str(Status.NEEDS_REVISION.label), 10, INTEGER),
        Col(str(Status.ACCEPTED.label), 10, INTEGER),
        Col(_("% diunggah"), 10, PERCENT),
        Col(_("% diterima"), 10, PERCENT),
        Col(_("Peringkat di pemda"), 10, INTEGER),
        Col(_("Lewat tanggal komitmen"), 12, INTEGER),
    ]
    sheet = SheetWriter(
        workbook, _("Per OPD"), columns, heading=[title, _("Capaian per perangkat daerah")]
    )
    late = dict(
        Document.objects.of_programme(programme)
        .in_force(today)
        .filter(
            region__in=regions,
            unit__isnull=False,
            due_on__lt=today,
            status__in=(Status.NOT_UPLOADED, Status.NEEDS_REVISION),
        )
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    count = 0
    units = figures.units_of_regions(programme, regions, today=today)  # four queries in all
    for region in regions:
        for fig in units[region.pk]:
            unit = fig.scope
            lateness = late.get(unit.pk, 0)
            sheet.row(
                [
                    region.code,
                    region.short_name,
                    unit.name,
                    fig.total,
                    fig.not_uploaded,
                    fig.waiting,
                    fig.verifying,
                    fig.needs_revision,
                    fig.accepted,
                    _pct(fig.pct_uploaded),
                    _pct(fig.pct_accepted),
                    fig.rank,
                    lateness,
                ],
                fills={12: STATUS_FILL[Status.NEEDS_REVISION]} if lateness else None,
            )
            count += 1
    sheet.finish(title=title, generated=generated, filter_rows=count)


def detail_columns() -> list[Col]:
    # The import reads this sheet back: these headings, in either language, are among the
    # import's column names (reports.imports; a test holds them to it).
    return [
        Col(_("Kode pemda"), 10, TEXT_FORMAT),
        Col(_("Pemerintah daerah"), 18),
        Col(_("Area"), 18),
        Col(_("Indikator"), 24),
        Col(_("Kode"), 10, TEXT_FORMAT),
        Col(_("Dokumen"), 40),
        Col(_("OPD"), 12),
        Col(_("Kode status"), 14, TEXT_FORMAT),
        Col(_("Status"), 16),
        Col(_("Perubahan terakhir"), 15, DATETIME_FORMAT),
        Col(_("Catatan terakhir"), 36),
        Col(_("Berkas bukti"), 28),
    ]


DETAIL_FIELDS = (
    "region__code",
    "region__short_name",
    "requirement__indicator__area__code",
    "requirement__indicator__area__name",
    "requirement__indicator__code",
    "requirement__indicator__name",
    "requirement__code",
    "requirement__name",
    "unit__short_name",
    "status",
    "status_changed_at",
    "last_note",
    "evidence_name",
    "evidence_url",
)


def detail_documents(user, programme, regions, today):
    """The Rincian sheet's documents as tuples of ``DETAIL_FIELDS``, in guidebook order: one
    query; plain tuples, not six model instances per document."""
    last_change = StatusChange.objects.filter(document=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    newest_evidence = Evidence.objects.filter(document=OuterRef("pk")).order_by(
        "-uploaded_at", "-pk"
    )
    return (
        # ``within`` rather than a second filter on the region: the planner would take two
        # conditions on it as twice as selective, estimate 2,000 of 27,300 rows and, for the
        # server-side cursor of ``iterator()`` (planned for its first 10 %), walk every
        # government of the country in a nested loop: 1.9 s instead of 0.5 s (issue 16).
        Document.objects.visible_to(user, within=[r.pk for r in regions])
        .of_programme(programme)
        .in_force(today)
        .annotate(
            last_note=Subquery(last_change.exclude(note="").values("note")[:1]),
            evidence_name=Subquery(newest_evidence.values("original_name")[:1]),
            evidence_url=Subquery(newest_evidence.values("url")[:1]),
        )
        .order_by(
            "region__code",
            "requirement__indicator__area__order",
            "requirement__indicator__order",
            "requirement__order",
            "requirement__code",
        )
        .values_list(*DETAIL_FIELDS)
    )


def _detail_sheet(workbook, user, programme, regions, today, title, generated) -> None:
    sheet = SheetWriter(workbook, _("Rincian"), detail_columns(), heading=[])
    status_column = 8
    fills = {status: {status_column: fill} for status, fill in STATUS_FILL.items()}
    labels = {status.value: str(status.label) for status in Status}
    here = timezone.get_current_timezone()
    count = 0
    rows = detail_documents(user, programme, regions, today).iterator(chunk_size=2000)
    for (
        region_code,
        region_name,
        area_code,
        area_name,
        indicator_code,
        indicator_name,
        code,
        name,
        unit,
        status,
        changed_at,
        last_note,
        evidence_name,
        evidence_url,
    ) in rows:
        sheet.row(
            [
                region_code,
                region_name,
                f"{area_code}. {area_name}",
                f"{indicator_code} {indicator_name}",
                code,
                name,
                unit or "",
                status,
                labels[status],
                changed_at.astimezone(here).replace(tzinfo=None),
                last_note or "",
                evidence_name or evidence_url or "",
            ],
            fills=fills[status],
        )
        count += 1
    sheet.finish(title=title, generated=generated, filter_rows=count)


# --- import templates ---------------------------------------------------------------------------


def import_template(kind: str) -> bytes:
    """An empty import sheet with its headers, and a sheet explaining what to write."""
    workbook = Workbook(write_only=True)
    if kind == STATUS:
        columns = [
            Col(_("Kode pemda"), 12, TEXT_FORMAT),
            Col(_("Kode"), 14, TEXT_FORMAT),
            Col(_("Status"), 30),
            Col(_("Catatan"), 50),
        ]
        sheet = SheetWriter(workbook, _("Status"), columns, heading=[])
        help_lines = [
            _("Satu baris per dokumen: kode pemda (mis. 62.03), kode dokumen, status, catatan."),
            _("Ketik kode sebagai teks (sel berformat Teks), agar 62.10 tidak menjadi 62.1."),
            _("Lembar “Rincian” dari rekap juga dapat diimpor apa adanya."),
            _("Status yang dikenali:"),
            *[f"• {s.label} ({s.value})" for s in Status],
            _("Istilah jaga.id yang dikenali:"),
            *[
                f"• {word} → {Status(next(iter(statuses))).label}"
                for word, statuses in JAGA_WORDS.items()
                if len(statuses) == 1
            ],
            _(
                "“Diunggah” saja ditolak: bisa berarti Siap dikirim atau Proses verifikasi. Di "
                "jaga.id “diunggah / belum diverifikasi” berarti Proses verifikasi."
            ),
        ]
    else:
        columns = [
            Col(_("Kode pemda"), 12, TEXT_FORMAT),
            Col(_("Skor"), 10, TWO),
            Col(_("Tanggal"), 14, DATE_FORMAT),
            Col(_("Kode area"), 12, TEXT_FORMAT),
            Col(_("Catatan"), 50),
        ]
        sheet = SheetWriter(workbook, _("Skor"), columns, heading=[])
        help_lines = [
            _("Satu baris per skor: kode pemda, skor sebagaimana tampil di jaga.id, tanggalnya."),
            _("Skor boleh ditulis 55,00 atau 55.00. Tanggal: tanggal Excel atau 2025-10-27."),
            _("Kode area dikosongkan untuk skor keseluruhan."),
        ]
    sheet.finish(title=_("Templat impor"), generated="", filter_rows=0)
    guide = workbook.create_sheet(_("Petunjuk"))
    guide.column_dimensions["A"].width = 100
    for line in help_lines:
        cell = WriteOnlyCell(guide)
        write_text(cell, line)
        guide.append([cell])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
