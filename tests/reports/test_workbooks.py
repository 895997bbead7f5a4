"""The recap workbook: downloaded, re-opened with openpyxl, every figure held equal to the
figures module's, print set-up checked, and scope respected."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.utils import timezone
from openpyxl import Workbook

from documents import workflow
from documents.models import Source, Status, StatusChange
from regions.models import Region, RegionKind, Unit
from reports import figures, snapshots, workbooks
from reports.scores import record_score
from tests.conftest import make_document, query_count

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def province_documents(checklist, province, kapuas, kotim, bpkad_kapuas, bappeda_kapuas, inspector):
    """Documents in three governments with varied statuses, a score and an '=' note."""
    docs = {
        "62": [
            make_document(checklist[0], province, Status.ACCEPTED),
            make_document(checklist[1], province, Status.VERIFYING),
            make_document(checklist[2], province),
        ],
        "62.03": [
            make_document(checklist[0], kapuas, Status.UPLOADED, unit=bappeda_kapuas),
            make_document(checklist[1], kapuas, unit=bappeda_kapuas, due_on=dt.date(2020, 1, 1)),
            make_document(checklist[2], kapuas, Status.VERIFYING, unit=bpkad_kapuas),
        ],
        "62.02": [
            make_document(checklist[0], kotim, Status.ACCEPTED),
            make_document(checklist[1], kotim, Status.ACCEPTED),
            make_document(checklist[2], kotim, Status.NEEDS_REVISION),
        ],
    }
    kapuas_apbd = docs["62.03"][2]
    workflow.transition(
        kapuas_apbd,
        Status.ACCEPTED,
        by=inspector,
        source=Source.SYNC,
        expected_version=kapuas_apbd.version,
        note='=HYPERLINK("http://evil.example","klik")',
    )
    record_score(
        checklist[0].programme, kapuas, Decimal("55.25"), timezone.localdate(), by=inspector
    )
    return docs


def _open(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _table(ws):
    """Header row (found by its first heading) and the rows under it, keyed by heading."""
    header_row = next(
        r for r in range(1, 10) if ws.cell(r, 1).value in ("Kode pemda", "Government code")
    )
    headers = [c.value for c in ws[header_row]]
    rows = []
    for cells in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if cells[1] is None:
            break
        rows.append(dict(zip(headers, cells, strict=False)))
    return header_row, rows


def _pct(value) -> Decimal:
    return (Decimal(str(value)) * 100).quantize(Decimal("0.01"))


def test_the_province_recap_holds_every_figure_of_the_figures_module(
    client, inspector, province, province_documents, programme
):
    client.force_login(inspector)
    workbook = _open(client.get("/reports/recap.xlsx"))
    assert workbook.sheetnames == ["Ringkasan", "Per Area", "Per OPD", "Rincian"]

    result = figures.for_province(programme, province, today=timezone.localdate())
    result.ranking()
    _, rows = _table(workbook["Ringkasan"])
    by_code = {row["Kode pemda"]: row for row in rows if row["Kode pemda"]}
    assert set(by_code) == {"62", "62.02", "62.03"}
    for fig in result.by_region.values():
        row = by_code[fig.scope.code]
        assert row["Pemerintah daerah"] == fig.scope.name
        assert row["Jumlah dokumen"] == fig.total
        assert row["Belum diunggah"] == fig.not_uploaded
        assert row["Siap dikirim"] == fig.waiting
        assert row["Proses verifikasi"] == fig.verifying
        assert row["Perlu perbaikan"] == fig.needs_revision
        assert row["Diterima"] == fig.accepted
        assert row["Diunggah"] == fig.uploaded
        assert _pct(row["% diunggah"]) == fig.pct_uploaded
        assert _pct(row["% diterima"]) == fig.pct_accepted
        assert row["Peringkat"] == fig.rank
        estimate = row["Perkiraan skor (bukan skor resmi)"]
        assert (Decimal(str(estimate)) if estimate is not None else None) == fig.estimate
        assert row["Laju dibutuhkan (dokumen/hari)"] == pytest.approx(float(fig.pace_needed))
        if fig.score:
            assert Decimal(str(row["Skor resmi"])) == fig.score.value
            assert row["Kategori skor"] == fig.band.label
            assert row["Tanggal skor"].date() == fig.score.recorded_on
        else:
            assert row["Skor resmi"] is None
    assert by_code["62.03"]["Skor resmi"] == 55.25
    assert by_code["62.03"]["Kategori skor"] == "Rentan"
    assert by_code["62"]["Peringkat"] is None  # the province is not ranked

    total = next(row for row in rows if row["Pemerintah daerah"] == "Total se-provinsi")
    assert total["Jumlah dokumen"] == result.combined.total == 9
    assert total["Diterima"] == result.combined.accepted
    assert _pct(total["% diterima"]) == result.combined.pct_accepted

    # Per Area: the dashboard's heatmap
    _, area_rows = _table(workbook["Per Area"])
    for row in area_rows:
        fig = next(f for f in result.by_region.values() if f.scope.code == row["Kode pemda"])
        for area in result.areas:
            value = row[f"{area.code}. {area.name}"]
            assert (_pct(value) if value is not None else None) == fig.area_pct_accepted(area.pk)

    # Per OPD: every agency of every government, with its lateness
    _, unit_rows = _table(workbook["Per OPD"])
    kapuas_units = {
        f.scope.name: f for f in figures.for_units(programme, province_documents["62.03"][0].region)
    }
    listed = {row["OPD"]: row for row in unit_rows if row["Kode pemda"] == "62.03"}
    assert set(listed) == set(kapuas_units)
    for name, fig in kapuas_units.items():
        assert listed[name]["Jumlah dokumen"] == fig.total
        assert listed[name]["Diterima"] == fig.accepted
        assert listed[name]["Peringkat di pemda"] == fig.rank
    bappeda = Unit.objects.get(short_name="Bappeda").name
    assert listed[bappeda]["Lewat tanggal komitmen"] == 1


def test_the_detail_sheet_lists_every_document_and_keeps_a_typed_formula_as_text(
    client, inspector, province_documents
):
    client.force_login(inspector)
    ws = _open(client.get("/reports/recap.xlsx"))["Rincian"]
    header_row, rows = _table(ws)
    assert len(rows) == 9
    apbd = next(r for r in rows if r["Kode pemda"] == "62.03" and r["Kode"] == "2.1.a")
    assert apbd["Kode status"] == "accepted"
    assert apbd["Status"] == "Diterima"
    assert apbd["OPD"] == "BPKAD"
    assert apbd["Catatan terakhir"] == '=HYPERLINK("http://evil.example","klik")'
    note_cell = next(
        c
        for c in ws.iter_rows(min_row=header_row + 1)
        for c in c
        if c.value == apbd["Catatan terakhir"]
    )
    assert note_cell.data_type == "s"  # text, never a formula
    assert isinstance(apbd["Perubahan terakhir"], dt.datetime)


def test_every_sheet_is_print_ready_and_filterable(client, inspector, province_documents):
    client.force_login(inspector)
    workbook = _open(client.get("/reports/recap.xlsx"))
    for ws in workbook.worksheets:
        header_row, _rows = _table(ws)
        assert ws.freeze_panes == f"A{header_row + 1}"
        assert ws.auto_filter.ref.startswith(f"A{header_row}:")
        assert ws.print_title_rows == f"${header_row}:${header_row}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert ws.cell(header_row, 1).font.b
    summary = workbook["Ringkasan"]
    assert "Rekap MCSP 2026" in summary["A1"].value
    assert "Batas waktu unggah: 30 November 2026" in summary["A2"].value
    assert summary["A3"].value.startswith("Dibuat ") and summary["A3"].value.endswith("WIB")
    header_row, _ = _table(summary)
    headers = [c.value for c in summary[header_row]]
    first = header_row + 1
    assert summary.cell(first, headers.index("% diterima") + 1).number_format == "0.00%"
    assert summary.cell(first, headers.index("Skor resmi") + 1).number_format == "0.00"


def test_a_pic_gets_their_own_government_only(client, kapuas_pic, province_documents):
    client.force_login(kapuas_pic)
    workbook = _open(client.get("/reports/recap.xlsx"))
    _, rows = _table(workbook["Ringkasan"])
    assert [r["Kode pemda"] for r in rows if r["Kode pemda"]] == ["62.03"]
    assert rows[0]["Peringkat"] in (1, 2)  # its rank in the province, an aggregate figure
    _, details = _table(workbook["Rincian"])
    assert {r["Kode pemda"] for r in details} == {"62.03"}


def test_an_agency_operator_sees_only_their_agency_in_the_detail_sheet(
    client, bpkad_operator, province_documents
):
    client.force_login(bpkad_operator)
    workbook = _open(client.get("/regions/62.03/recap.xlsx"))
    _, details = _table(workbook["Rincian"])
    assert [(r["Kode pemda"], r["Kode"]) for r in details] == [("62.03", "2.1.a")]


def test_one_governments_recap_and_another_regencys_404(
    client, inspector, kotim_pic, province_documents
):
    client.force_login(inspector)
    workbook = _open(client.get("/regions/62.03/recap.xlsx"))
    _, rows = _table(workbook["Ringkasan"])
    assert [r["Kode pemda"] for r in rows if r["Kode pemda"]] == ["62.03"]
    client.force_login(kotim_pic)
    assert client.get("/regions/62.03/recap.xlsx").status_code == 404


def test_english_users_get_english_headings(client, inspector, province_documents):
    client.force_login(inspector)
    client.cookies["django_language"] = "en"
    workbook = _open(client.get("/reports/recap.xlsx"))
    # The detail sheet is "Details" in English: a name the status import looks for (imports.SHEETS).
    header_row, rows = _table(workbook["Details"])
    assert workbook["Details"].cell(header_row, 1).value == "Government code"
    assert len(rows) == 9
    assert {r["Status"] for r in rows} == {
        "Accepted",
        "In verification",
        "Not uploaded",
        "Needs revision",
        "Ready to send",
    }


def test_the_recap_costs_the_same_queries_however_many_governments_and_documents(
    client, inspector, province, province_documents, programme, checklist
):
    """Issue 16: the figures in one for_province call, the agencies of every government in one
    grouped query, the detail rows in one — 37 / 73 / 169 queries for 6 / 15 / 39 governments
    before."""
    client.force_login(inspector)
    before = query_count(client, "/reports/recap.xlsx")
    for i in range(10, 16):
        region = Region.objects.create(
            code=f"62.{i}",
            name=f"Kabupaten {i}",
            short_name=f"K{i}",
            kind=RegionKind.REGENCY,
            parent=province,
        )
        units = [
            Unit.objects.create(region=region, name=f"Dinas {n} {i}", short_name=f"D{n}")
            for n in range(2)
        ]
        for n, req in enumerate(checklist):
            doc = make_document(req, region, Status.NOT_UPLOADED, unit=units[n % 2])
            StatusChange.objects.create(
                document=doc,
                from_status=Status.NOT_UPLOADED,
                to_status=Status.NOT_UPLOADED,
                source=Source.IMPORT,
                note=f"catatan {i}.{n}",
            )
    snapshots.write_for_day(programme, timezone.localdate() - dt.timedelta(days=7))
    response = client.get("/reports/recap.xlsx")
    assert query_count(client, "/reports/recap.xlsx") == before
    assert before <= 17, before

    workbook = _open(response)
    _, unit_rows = _table(workbook["Per OPD"])
    assert {(r["Kode pemda"], r["OPD"]) for r in unit_rows} >= {
        (f"62.{i}", f"Dinas {n} {i}") for i in range(10, 16) for n in range(2)
    }
    _, details = _table(workbook["Rincian"])
    assert len(details) == 9 + 6 * len(checklist)
    notes = {r["Kode pemda"]: r["Catatan terakhir"] for r in details if r["Kode"] == "1.1.a"}
    assert notes["62.15"] == "catatan 15.0"


def test_the_rincian_query_names_the_governments_in_one_condition(
    inspector, province, kapuas, kotim, province_documents, programme
):
    """Issue 16: a second IN on the region squared the planner's selectivity (2,000 of 27,300
    rows estimated) and the server-side cursor of iterator(), planned for its first rows,
    walked every government of the country in a nested loop: 1.9 s instead of 0.3 s."""
    query = workbooks.detail_documents(
        inspector, programme, [province, kapuas, kotim], timezone.localdate()
    )
    sql = str(query.query)
    assert sql.count('"region_id" IN (') == 1, sql
    assert len(list(query)) == 9


@pytest.mark.postgres
def test_postgresql_compiles_no_query_just_in_time(db):
    """settings: jit=off. The Rincian query of a 39-government province is costed ~590,000 (one
    subquery per document) and PostgreSQL's JIT compiled it for 1-1.5 s around 0.3 s of work."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_sheet_writer_writes_each_kind_of_value_as_openpyxl_reads_it_back():
    """The rows are serialised by reports.workbooks, not by openpyxl: text stays text (a typed
    formula too), without the characters XML forbids and at most 32,767 long, spaces at either
    end kept; numbers, dates and times keep their value and format; styles and heights hold."""
    workbook = Workbook(write_only=True)
    columns = [
        workbooks.Col("Teks", 20),
        workbooks.Col("Kode", 10, workbooks.TEXT_FORMAT),
        workbooks.Col("Angka", 10, workbooks.TWO),
        workbooks.Col("Tanggal", 12, workbooks.DATE_FORMAT),
        workbooks.Col("Waktu", 15, workbooks.DATETIME_FORMAT),
        workbooks.Col("Persen", 10, workbooks.PERCENT),
    ]
    sheet = workbooks.SheetWriter(workbook, "Uji", columns, heading=["Judul & <sub>", "kedua"])
    accepted = workbooks.STATUS_FILL[Status.ACCEPTED]
    sheet.row(
        [
            '=HYPERLINK("http://evil.example","klik")',
            "62.10",
            Decimal("55.00"),
            dt.date(2026, 11, 29),
            dt.datetime(2026, 11, 29, 13, 45, 30),
            Decimal("0.4561"),
        ],
        fills={0: accepted},
    )
    sheet.row(["  spasi di tepi  ", "a\x01b<c>&d", 7, None, None, 1.5])
    sheet.row(["x" * 40_000, "", True, None, None, 0])
    sheet.row(["Total", "", Decimal("-1.25"), None, None, None], total=True)
    sheet.blank()
    sheet.line("Catatan kaki", font=workbooks.FOOTNOTE)
    sheet.finish(title="Rekap & uji", generated="Dibuat", filter_rows=4)
    out = io.BytesIO()
    workbook.save(out)

    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["Uji"]
    assert ws["A1"].value == "Judul & <sub>" and ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].value == "kedua" and not ws["A2"].font.b
    assert [c.value for c in ws[4]] == ["Teks", "Kode", "Angka", "Tanggal", "Waktu", "Persen"]
    assert ws["A4"].font.b and ws["A4"].fill.fgColor.rgb == "001E3A8A"
    assert ws.row_dimensions[4].height == 15
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:F8"
    assert ws.oddHeader.left.text == "Rekap && uji"

    formula, code, number, day, moment, share = (c for c in ws[5])
    assert formula.value == '=HYPERLINK("http://evil.example","klik")'
    assert formula.data_type == "s"
    assert formula.fill.fgColor.rgb == "00DCFCE7" and formula.alignment.wrap_text
    assert code.value == "62.10" and code.number_format == "@"
    assert number.value == 55 and number.number_format == "0.00"
    assert day.value == dt.datetime(2026, 11, 29) and day.number_format == "dd/mm/yyyy"
    assert moment.value == dt.datetime(2026, 11, 29, 13, 45, 30)
    assert moment.number_format == "dd/mm/yyyy hh:mm"
    assert share.value == 0.4561 and share.number_format == "0.00%"
    assert not share.fill.fgColor.rgb.endswith("DCFCE7")

    spaced, cleaned, whole, empty_day, _, fraction = (c for c in ws[6])
    assert spaced.value == "  spasi di tepi  "
    assert cleaned.value == "ab<c>&d"
    assert whole.value == 7 and empty_day.value is None and fraction.value == 1.5
    assert empty_day.number_format == "dd/mm/yyyy"  # styled though empty, as before
    long_text = ws["A7"]
    assert long_text.value == "x" * 32_767
    assert ws.row_dimensions[7].height == 90  # wrapped: six lines at most
    assert ws["B7"].value is None and ws["C7"].value is True

    total = ws[8]
    assert total[0].value == "Total" and all(c.font.b for c in total)
    assert all(c.fill.fgColor.rgb == "00E2E8F0" for c in total)
    assert total[2].value == -1.25 and total[2].border.top.style == "thin"
    assert ws["A9"].value is None
    assert ws["A10"].value == "Catatan kaki" and ws["A10"].font.i
