"""The dashboard at '/': province figures for inspectorate and leadership, a redirect for others."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import Source, Status, StatusChange
from regions.models import Region, Role
from reports import figures
from reports.models import ScoreRecord
from tests.conftest import make_document, make_user, query_count


@pytest.fixture
def province_docs(programme, province, kapuas, kotim, checklist):
    for req in checklist:
        make_document(req, province, Status.ACCEPTED)
    make_document(checklist[0], kapuas, Status.VERIFYING)
    make_document(checklist[0], kotim, Status.NOT_UPLOADED)
    ScoreRecord.objects.create(
        programme=programme, region=province, value=Decimal("55"), recorded_on=dt.date(2026, 10, 28)
    )


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_the_province_and_the_ranking(client, inspector, province_docs):
    client.force_login(inspector)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Provinsi Kalimantan Tengah" in body
    assert "55,00" in body  # Indonesian number format
    assert "Kabupaten Kapuas" in body and "Kabupaten Kotawaringin Timur" in body
    assert "perkiraan" in body


def test_leadership_sees_the_dashboard_too(client, leader, province_docs):
    client.force_login(leader)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("persona", ["kapuas_pic", "bpkad_operator"])
def test_regional_and_agency_users_land_on_their_government(
    client, persona, request, province_docs
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/todo/"


def test_a_user_without_membership_is_told_what_to_do(client, django_user_model, province_docs):
    client.force_login(django_user_model.objects.create_user("baru"))
    response = client.get("/")
    assert response.status_code == 200
    assert "belum terdaftar" in response.content.decode()


def test_htmx_gets_only_the_figures_fragment(client, inspector, province_docs):
    client.force_login(inspector)
    response = client.get("/", headers={"HX-Request": "true", "HX-Target": "figures"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="figures"')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]
    # a live refresh renews everything time-bound, not only the cards
    for part in ("Data per", "heat-title", "waiting-title", "latest-title", "returns-title"):
        assert part in body, part


def test_the_query_count_does_not_grow_with_governments_and_documents(
    client, inspector, province_docs, programme, province, checklist
):
    client.force_login(inspector)
    before = query_count(client, "/")
    for i in range(10, 16):
        region = Region.objects.create(
            code=f"62.{i}",
            name=f"Kabupaten {i}",
            short_name=f"K{i}",
            kind="regency",
            parent=province,
        )
        for req in checklist:
            doc = make_document(req, region, Status.NOT_UPLOADED)
            StatusChange.objects.create(
                document=doc,
                from_status=Status.NOT_UPLOADED,
                to_status=Status.NOT_UPLOADED,
                source=Source.IMPORT,
            )
    assert query_count(client, "/") == before
    assert before <= 15, before


def test_the_province_total_does_not_claim_a_missing_official_score(
    client, inspector, province_docs
):
    client.force_login(inspector)
    body = client.get("/").content.decode()
    total = body[body.index('id="total-title"') :]
    assert "tidak untuk total" in total
    assert "Skor resmi belum dicatat" not in total[: total.index("ranking-title")]


def test_latest_changes_is_scoped_by_the_provinces_governments_and_empty_without_history(
    inspector, province, kapuas, checklist
):
    """Issue 16: the query names the province's governments — on the change itself, never
    `region = P OR region.parent = P` — and lists the changes there are."""
    other = Region.objects.create(
        code="63", name="Provinsi Lain", short_name="Lain", kind="province"
    )
    elsewhere = make_document(checklist[0], other, Status.NOT_UPLOADED)
    StatusChange.objects.create(
        document=elsewhere,
        from_status=Status.NOT_UPLOADED,
        to_status=Status.UPLOADED,
        source=Source.IMPORT,
    )
    ids = [province.pk, kapuas.pk]
    with CaptureQueriesContext(connection) as ctx:
        assert list(figures.latest_changes(inspector, ids)) == []
    (sql,) = [q["sql"] for q in ctx.captured_queries if "statuschange" in q["sql"]]
    assert f'"documents_statuschange"."region_id" IN ({province.pk}, {kapuas.pk})' in sql, sql
    assert "parent_id" not in sql.split(" WHERE ", 1)[1], sql

    doc = make_document(checklist[1], kapuas, Status.NOT_UPLOADED)
    change = StatusChange.objects.create(
        document=doc,
        from_status=Status.NOT_UPLOADED,
        to_status=Status.UPLOADED,
        source=Source.IMPORT,
    )
    assert change.region == kapuas  # a change carries its document's government
    assert list(figures.latest_changes(inspector, ids)) == [change]


def test_latest_changes_are_the_newest_of_the_whole_province_in_order(
    inspector, province, kapuas, kotim, checklist
):
    """Each government's newest changes are read separately (a LATERAL join on PostgreSQL):
    the list is still the province's newest, newest first, however they fall by government."""
    start = timezone.now() - dt.timedelta(days=30)
    made = []
    for i, (region, req) in enumerate((g, r) for g in (province, kapuas, kotim) for r in checklist):
        doc = make_document(req, region, Status.NOT_UPLOADED)
        for step in range(4):  # kotim's changes are all newer than province's
            made.append(
                StatusChange.objects.create(
                    document=doc,
                    from_status=Status.NOT_UPLOADED,
                    to_status=Status.UPLOADED,
                    source=Source.IMPORT,
                    created_at=start + dt.timedelta(hours=i * 10 + step),
                )
            )
    newest = sorted(made, key=lambda c: (c.created_at, c.pk), reverse=True)
    ids = [province.pk, kapuas.pk, kotim.pk]
    assert list(figures.latest_changes(inspector, ids, limit=5)) == newest[:5]
    assert list(figures.latest_changes(inspector, ids, limit=30)) == newest[:30]
    assert (
        list(figures.latest_changes(inspector, [province.pk], limit=3))
        == [c for c in newest if c.region_id == province.pk][:3]
    )


def test_an_agency_operator_sees_only_their_agencys_latest_changes(
    province, kapuas, checklist, bpkad_kapuas
):
    """The per-government shortcut is for those who see whole governments."""
    operator = make_user("op-bpkad", kapuas, Role.AGENCY, unit=bpkad_kapuas)
    theirs = make_document(checklist[0], kapuas, unit=bpkad_kapuas)
    others = make_document(checklist[1], kapuas)
    at = timezone.now() - dt.timedelta(days=1)
    mine = StatusChange.objects.create(
        document=theirs,
        from_status="not_uploaded",
        to_status="uploaded",
        source="agency",
        created_at=at,
    )
    for h in range(12):  # newer changes of other agencies do not push theirs out
        StatusChange.objects.create(
            document=others,
            from_status="not_uploaded",
            to_status="uploaded",
            source="regional",
            created_at=at + dt.timedelta(hours=h + 1),
        )
    assert list(figures.latest_changes(operator, [kapuas.pk])) == [mine]


# --- the figures, rendered once per state of the province's data (reports.views._figures_body)


def _figures(client) -> str:
    body = client.get("/").content.decode()
    start = body.index('id="figures"')
    return body[body.index("</p>", start) : body.index('id="latest-title"', start)]


def test_the_figures_are_rendered_once_per_state_of_the_province(
    client, inspector, leader, province_docs
):
    """The second look (anyone who sees the whole province) reads them from the cache."""
    client.force_login(inspector)
    first = query_count(client, "/")
    again = query_count(client, "/")
    assert again < first - 5, (first, again)  # only the state is read, not the figures
    shown = _figures(client)
    client.force_login(leader)
    assert query_count(client, "/") == again
    assert _figures(client) == shown
    assert "csrfmiddlewaretoken" not in shown  # nothing personal is kept for others


def test_what_changes_the_figures_changes_the_cached_figures(
    client, inspector, province_docs, programme, province, kapuas, checklist
):
    from documents.checklist import retire
    from documents.models import Document
    from documents.workflow import transition
    from reports.scores import record_score

    client.force_login(inspector)
    before = _figures(client)
    assert before == _figures(client)
    # A status change (KPK accepts Kapuas' document under verification).
    doc = Document.objects.get(region=kapuas, status=Status.VERIFYING)
    transition(doc, Status.ACCEPTED, by=inspector, source="kpk", expected_version=doc.version)
    after_change = _figures(client)
    assert after_change != before
    # An official score.
    record_score(programme, kapuas, Decimal("71.5"), dt.date(2026, 11, 28), by=inspector)
    after_score = _figures(client)
    assert after_score != after_change and "71,50" in after_score
    # A requirement retired from the checklist leaves the figures.
    retire(checklist[2], by=inspector)
    assert _figures(client) != after_score


def test_each_language_has_its_own_figures(client, inspector, province_docs):
    client.force_login(inspector)
    indonesian = _figures(client)
    client.cookies["django_language"] = "en"
    english = _figures(client)
    assert "menit" in indonesian and "minutes" in english and "menit" not in english
