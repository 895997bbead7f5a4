"""The verification queue at /verify/: oldest first, filters, bulk changes after a confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from documents.models import Document, Status, StatusChange
from tests.conftest import make_document


@pytest.fixture
def queue(checklist, kapuas, kotim):
    now = timezone.now()
    return {
        "old": make_document(
            checklist[0], kapuas, Status.UPLOADED, status_changed_at=now - dt.timedelta(days=9)
        ),
        "new": make_document(
            checklist[1], kapuas, Status.UPLOADED, status_changed_at=now - dt.timedelta(days=1)
        ),
        "kotim": make_document(checklist[2], kotim, Status.VERIFYING),
    }


def test_oldest_first_and_by_stage(client, inspector, queue):
    client.force_login(inspector)
    body = client.get("/verify/").content.decode()
    assert body.index("Perkada RKPD") < body.index("Berita acara Musrenbang")
    assert "Perda APBD" not in body
    body = client.get("/verify/?stage=verifying").content.decode()
    assert "Perda APBD" in body and "Perkada RKPD" not in body


def test_filter_by_government(client, inspector, queue, kotim):
    client.force_login(inspector)
    body = client.get(f"/verify/?stage=verifying&region={kotim.code}").content.decode()
    assert "Perda APBD" in body


def test_bulk_send_asks_once_then_changes_all(client, inspector, queue):
    client.force_login(inspector)
    picks = [f"{d.pk}:{d.version}" for d in (queue["old"], queue["new"])]
    confirm = client.post("/verify/confirm/", {"action": "send", "versions": picks})
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Konfirmasi" in body and "Perkada RKPD" in body and "Berita acara Musrenbang" in body
    assert Document.objects.filter(status=Status.VERIFYING).count() == 1  # nothing yet
    done = client.post("/verify/apply/", {"action": "send", "versions": picks})
    assert done.status_code == 302 and done["Location"] == "/verify/"
    assert Document.objects.filter(status=Status.VERIFYING).count() == 3
    assert StatusChange.objects.filter(source="regional", actor=inspector).count() == 2
    page = client.get(done["Location"]).content.decode()
    assert "2 dokumen diubah (Tandai sudah dikirim ke KPK)" in page
    assert "Antrean kosong" in page


def test_bulk_is_all_or_nothing(client, inspector, queue):
    client.force_login(inspector)
    Document.objects.filter(pk=queue["new"].pk).update(version=7)  # changed meanwhile
    picks = [f"{queue['old'].pk}:1", f"{queue['new'].pk}:1"]
    response = client.post("/verify/apply/", {"action": "send", "versions": picks})
    assert response.status_code == 409
    assert "Tidak ada yang diubah" in response.content.decode()
    assert not StatusChange.objects.exists()
    assert Document.objects.get(pk=queue["old"].pk).status == Status.UPLOADED


def test_bulk_return_asks_for_a_reason_and_a_note(client, inspector, queue):
    client.force_login(inspector)
    pick = [f"{queue['kotim'].pk}:1"]
    confirm = client.post(
        "/verify/confirm/?stage=verifying", {"action": "kpk_return", "versions": pick}
    )
    body = confirm.content.decode()
    assert 'name="reason"' in body and "Format berkas tidak sesuai" in body
    for missing in ({"note": "Belum ditandatangani"}, {"reason": "unsigned"}):
        response = client.post(
            "/verify/apply/?stage=verifying", {"action": "kpk_return", "versions": pick, **missing}
        )
        assert response.status_code == 400
        assert Document.objects.get(pk=queue["kotim"].pk).status == Status.VERIFYING
    response = client.post(
        "/verify/apply/?stage=verifying",
        {
            "action": "kpk_return",
            "versions": pick,
            "note": "Dokumen belum ditandatangani",
            "reason": "unsigned",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/verify/?stage=verifying"
    change = StatusChange.objects.get(document=queue["kotim"])
    assert (change.to_status, change.source, change.reason) == ("needs_revision", "kpk", "unsigned")


def test_an_empty_selection_says_what_to_do(client, inspector, queue):
    client.force_login(inspector)
    response = client.post("/verify/confirm/", {"action": "send"})
    assert response.status_code == 400
    assert "Pilih minimal satu dokumen" in response.content.decode()


def test_a_document_outside_the_scope_is_404(client, inspector, queue, checklist, db):
    from regions.models import Region

    other = Region.objects.create(
        code="63", name="Provinsi Kalsel", short_name="Kalsel", kind="province"
    )
    foreign = make_document(checklist[0], other, Status.UPLOADED)
    client.force_login(inspector)
    response = client.post("/verify/apply/", {"action": "send", "versions": [f"{foreign.pk}:1"]})
    assert response.status_code == 404
    assert not StatusChange.objects.exists()


def test_the_queue_has_a_select_all_box(client, inspector, queue):
    client.force_login(inspector)
    assert 'data-select-all="versions"' in client.get("/verify/").content.decode()


def _apply_queries(client, documents) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            "/verify/apply/", {"action": "send", "versions": [f"{d.pk}:1" for d in documents]}
        )
    assert response.status_code == 302
    return len(ctx.captured_queries)


def test_a_bulk_change_costs_the_same_few_queries_per_document(
    client, inspector, checklist, kapuas
):
    """Per document: the conditional UPDATE, the history INSERT and the savepoint around them;
    nothing is looked up again per document (programme, region, unit come with the list)."""
    from documents.models import Requirement

    docs = [
        make_document(
            Requirement.objects.create(
                indicator=checklist[0].indicator, code=f"b{i}", name=f"D{i}"
            ),
            kapuas,
            Status.UPLOADED,
        )
        for i in range(8)
    ]
    client.force_login(inspector)
    two = _apply_queries(client, docs[:2])
    eight = _apply_queries(client, docs[2:])
    assert (eight - two) / 4 <= 4  # four more documents, at most four queries each


def test_the_queue_names_the_provinces_governments_in_its_sql(
    client, inspector, queue, province, kapuas, kotim
):
    """Issue 16: scope by the list of the province's governments, not `region = P OR
    region.parent = P` (which reads every uploaded document of the country)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(inspector)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/verify/").status_code == 200
    (sql,) = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "documents_document"' in q["sql"]
    ]
    where = sql.split(" WHERE ", 1)[1]
    ids = ", ".join(str(pk) for pk in sorted([province.pk, kapuas.pk, kotim.pk]))
    assert f'"documents_document"."region_id" IN ({ids})' in where, where
    assert "parent_id" not in where, where


def test_the_queue_shows_a_page_at_a_time_oldest_first(
    client, inspector, checklist, kapuas, kotim, monkeypatch
):
    """Staff work from the top: the first page, then the next rows in place of the button
    (htmx) or as a page of their own (no JavaScript), none twice, none skipped — including
    documents whose status changed at the same moment."""
    from documents import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 2)
    same = timezone.now() - dt.timedelta(days=3)
    docs = [
        make_document(req, region, Status.UPLOADED, status_changed_at=same)
        for region in (kapuas, kotim)
        for req in checklist
    ]
    expected = [d.pk for d in sorted(docs, key=lambda d: (d.status_changed_at, d.pk))]
    client.force_login(inspector)
    page = client.get("/verify/")
    seen = [d.pk for d in page.context["documents"]]
    more = page.context["more_url"]
    assert len(seen) == 2 and "paling lama menunggu lebih dulu" in page.content.decode()
    while more:
        part = client.get(more, headers={"HX-Request": "true", "HX-Target": "queue-more"})
        body = part.content.decode()
        assert "<html" not in body and "<tr" in body  # only the rows, for the table
        seen += [d.pk for d in part.context["documents"]]
        more = part.context["more_url"]
    assert seen == expected
    # Without JavaScript the link is a page of its own, with a way back to the top.
    plain = client.get(page.context["more_url"])
    assert "Kembali ke awal antrean" in plain.content.decode()
    assert [d.pk for d in plain.context["documents"]] == expected[2:4]
    # The list refreshing itself (htmx, after a panel action) on a later page gets the page,
    # and the addresses it builds carry the filters only, never what else the request had.
    refresh = client.get(
        f"{page.context['more_url']}&csrfmiddlewaretoken=x&versions=1:1",
        headers={"HX-Request": "true", "HX-Target": "queue-list"},
    )
    assert 'id="queue-list"' in refresh.content.decode()
    assert "csrf" not in refresh.context["more_url"] + refresh.context["first_url"]
    assert "versions" not in refresh.context["more_url"]
    # A position that is not one starts from the top.
    assert [d.pk for d in client.get("/verify/?after=x.1").context["documents"]] == expected[:2]


def test_the_panel_offers_the_document_after_the_one_opened(client, inspector, checklist, kapuas):
    """Opened from anywhere in the queue, the panel's "next" is the document after it (the
    oldest when it is the last), and stays so after acting on it."""
    start = timezone.now() - dt.timedelta(days=5)
    docs = [
        make_document(req, kapuas, Status.UPLOADED, status_changed_at=start + dt.timedelta(hours=i))
        for i, req in enumerate(checklist)
    ]
    client.force_login(inspector)
    page = client.get("/verify/")
    positions = {d.pk: d.queue_position for d in page.context["documents"]}
    middle = docs[1]
    url = f"/documents/{middle.pk}/?queue=uploaded&at={positions[middle.pk]}"
    panel = client.get(url, headers={"HX-Request": "true"})
    assert panel.context["next_in_queue"] == docs[2]
    assert f'"at": "{positions[middle.pk]}"' in panel.content.decode()  # kept on its forms
    last = client.get(
        f"/documents/{docs[2].pk}/?queue=uploaded&at={positions[docs[2].pk]}",
        headers={"HX-Request": "true"},
    )
    assert last.context["next_in_queue"] == docs[0]  # the end: back to the oldest
    plain = client.get(f"/documents/{middle.pk}/?queue=uploaded", headers={"HX-Request": "true"})
    assert plain.context["next_in_queue"] == docs[0]  # no position: the oldest
