"""The dashboard at '/': province figures for inspectorate and leadership, a redirect for others."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Source, Status, StatusChange
from regions.models import Region
from reports import figures
from reports.models import ScoreRecord
from tests.conftest import make_document, query_count


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
    """Issue 16: the query names the province's governments (it skips the national walk when
    none of their documents has a change), and still lists the changes there are."""
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
        assert list(figures.latest_changes(inspector, region_ids=ids)) == []
    (sql,) = [q["sql"] for q in ctx.captured_queries if "statuschange" in q["sql"]]
    assert "region_id" in sql and f"IN ({province.pk}, {kapuas.pk})" in sql, sql

    doc = make_document(checklist[1], kapuas, Status.NOT_UPLOADED)
    change = StatusChange.objects.create(
        document=doc,
        from_status=Status.NOT_UPLOADED,
        to_status=Status.UPLOADED,
        source=Source.IMPORT,
    )
    assert list(figures.latest_changes(inspector, region_ids=ids)) == [change]
