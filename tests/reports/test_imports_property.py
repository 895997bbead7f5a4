"""Property: whatever a cell holds, the status import never fails unhandled and never half-applies.

A short profile (a few dozen examples) keeps CI fast; raise HYPOTHESIS_EXAMPLES locally to dig.
"""

from __future__ import annotations

import datetime as dt
import io
import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.models import Document, Status, StatusChange
from reports import imports
from sheets import intake
from tests.conftest import make_document

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "40"))

words = st.sampled_from(
    [
        "62.03",
        "62.02",
        "62.99",
        "1.1.a",
        "1.1.b",
        "2.1.a",
        "Diterima",
        "diunggah / belum diverifikasi",
        "Diunggah",
        "Perlu perbaikan",
        "accepted",
        "needs_revision",
        "=1+1",
        "55,00",
        "",
        " ",
    ]
)
cells = st.one_of(
    st.none(),
    words,
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    st.booleans(),
)
rows = st.lists(st.lists(cells, min_size=4, max_size=4), min_size=0, max_size=6)


def workbook(body) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Kode pemda", "Kode", "Status", "Catatan"])
    for row in body:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def documents(checklist, kapuas, kotim):
    return [
        make_document(checklist[0], kapuas, Status.VERIFYING),
        make_document(checklist[1], kapuas, Status.UPLOADED),
        make_document(checklist[2], kapuas),
        make_document(checklist[0], kotim, Status.ACCEPTED),
    ]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=rows)
def test_random_cells_never_raise_and_never_half_apply(body, inspector, programme, documents):
    data = workbook(body)
    before = dict(Document.objects.values_list("pk", "status"))
    history = StatusChange.objects.count()
    try:
        plan = imports.preview(
            imports.STATUS,
            intake.open_workbook(data),
            user=inspector,
            programme=programme,
            file_name="acak.xlsx",
            sha=intake.sha256(data),
        )
    except intake.SheetError:
        return  # refused whole, with a message
    for row in plan.errors:
        assert row.problems and all(p.message for p in row.problems)
    stored = imports.keep(plan, data, by=inspector, programme=programme)
    try:
        applied = imports.apply(stored, by=inspector)
    except imports.ImportRefused:
        applied = None
    after = dict(Document.objects.values_list("pk", "status"))
    changed = {pk for pk in after if after[pk] != before[pk]}
    if applied is None:
        assert not changed and StatusChange.objects.count() == history
    else:
        assert not plan.errors
        assert changed == {r.data["document"] for r in plan.changes}
        assert StatusChange.objects.count() == history + len(plan.changes)
