"""The admin holds at national scale (issue 16): every registered model's changelist and change
form costs the same number of queries however many rows there are; no change form renders a
select of every government, agency, person or document; the big tables' changelists never
count the whole table on PostgreSQL (mcsp_tracker/admin_paging.py).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, ForeignKeyRawIdWidget
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.models import (
    Area,
    Comment,
    Document,
    Evidence,
    Indicator,
    Programme,
    Requirement,
    Status,
    StatusChange,
)
from mcsp_tracker.admin_paging import BigTableAdmin, EstimatedCountPaginator, ScaledAdmin
from regions.models import Membership, Region, RegionKind, Role, Unit
from reports.models import Delivery, DeliveryKind, ScoreRecord, Snapshot
from tests.conftest import WIB, make_document

BARE_COUNT = re.compile(r'SELECT COUNT\(\*\) AS "__count" FROM "\w+"\s*$', re.IGNORECASE)
# Foreign keys to these tables must never render as a <select> of every row on a change form.
LARGE = {Document, Region, Unit, User, Requirement}


def grow(batch: int, province: Region) -> None:
    """A little more of everything the admin lists: one more government with its agency,
    person, documents and their history, evidence and comments, one more programme with a
    checklist, snapshots, scores, emails and sign-in records."""
    programme = Programme.objects.create(
        kind="mcsp",
        year=2030 + batch,
        name=f"MCSP {2030 + batch}",
        starts_on=dt.date(2030 + batch, 3, 1),
        deadline=dt.datetime(2030 + batch, 11, 30, 23, 59, 59, tzinfo=WIB),
    )
    area = Area.objects.create(programme=programme, code="1", name="Perencanaan", order=1)
    indicator = Indicator.objects.create(area=area, code="1.1", name="RKPD", order=1)
    requirements = [
        Requirement.objects.create(indicator=indicator, code=f"1.1.{n}", name=f"Dokumen {n}")
        for n in "abc"
    ]
    region = Region.objects.create(
        code=f"62.{70 + batch}",
        name=f"Kabupaten {batch}",
        short_name=f"Kab {batch}",
        kind=RegionKind.REGENCY,
        parent=province,
    )
    unit = Unit.objects.create(region=region, name="Badan Keuangan", short_name="BPKAD")
    user = User.objects.create_user(f"pic-{batch}", f"pic-{batch}@example.go.id", "x")
    Membership.objects.create(user=user, region=region, role=Role.AGENCY, unit=unit)
    Group.objects.create(name=f"grup {batch}")
    now = timezone.now()
    for requirement in requirements:
        document = make_document(requirement, region, unit=unit, assignee=user)
        evidence = Evidence.objects.create(
            document=document, url="https://example.go.id/a.pdf", uploaded_by=user
        )
        Comment.objects.create(document=document, author=user, body="Sudah diunggah")
        StatusChange.objects.create(
            document=document,
            from_status=Status.NOT_UPLOADED,
            to_status=Status.UPLOADED,
            actor=user,
            source="regional",
            evidence=evidence,
        )
        Document.objects.filter(pk=document.pk).update(status=Status.UPLOADED)
    for day in range(3):
        for snapshot_unit in (None, unit):
            Snapshot.objects.create(
                programme=programme,
                region=region,
                unit=snapshot_unit,
                day=dt.date(2030 + batch, 6, 1 + day),
                total=3,
            )
    ScoreRecord.objects.create(
        programme=programme,
        region=region,
        area=area,
        value=55,
        recorded_on=dt.date(2030 + batch, 6, 1),
        entered_by=user,
    )
    Delivery.objects.create(
        programme=programme,
        kind=DeliveryKind.DIGEST_REGION,
        period=f"{2030 + batch}-W23",
        recipient_user=user,
        region=region,
        recipient=user.email,
        sent_at=now,
    )
    common = {
        "user_agent": "pytest",
        "ip_address": f"10.0.0.{batch}",
        "username": user.username,
        "http_accept": "*/*",
        "path_info": "/accounts/login/",
    }
    AccessLog.objects.create(**common)
    AccessFailureLog.objects.create(**common)
    AccessAttempt.objects.create(**common, get_data="", post_data="", failures_since_start=1)


def admin_pages(first_rows: dict) -> list[tuple[str, str]]:
    pages = []
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{opts.label} list", reverse(f"{name}_changelist")))
        pages.append((f"{opts.label} change", reverse(f"{name}_change", args=[first_rows[model]])))
    return pages


def queries_per_page(client, pages) -> dict[str, int]:
    counts = {}
    for label, url in pages:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(ctx.captured_queries)
    return counts


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.go.id", "x")


@pytest.mark.django_db
def test_every_admin_page_costs_the_same_queries_with_more_rows(client, superuser, province):
    grow(1, province)
    first_rows = {
        model: model._default_manager.order_by("pk")[0].pk for model in admin.site._registry
    }
    pages = admin_pages(first_rows)
    client.force_login(superuser)
    queries_per_page(client, pages)  # warm up: content types, permissions, translations
    before = queries_per_page(client, pages)

    for batch in range(2, 6):
        grow(batch, province)
    for model in admin.site._registry:
        assert model._default_manager.count() >= 2, (
            f"{model._meta.label} is in the admin: add rows of it to grow()"
        )
    after = queries_per_page(client, pages)

    grown = {label: (n, after[label]) for label, n in before.items() if after[label] > n}
    assert not grown, f"queries grew with the rows (before, after): {grown}"


def test_our_admins_count_once_and_big_tables_estimate():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"auth"}:
            continue  # Django's own user and group admins: small tables, left as shipped
        assert isinstance(model_admin, ScaledAdmin), model._meta.label
        assert model_admin.show_full_result_count is False, model._meta.label
    big = (Document, StatusChange, Evidence, Comment, Snapshot, ScoreRecord, Delivery, AccessLog)
    for model in big:
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, BigTableAdmin), model._meta.label
        assert model_admin.paginator is EstimatedCountPaginator
        assert model_admin.get_ordering(None) == ["-pk"]


@pytest.mark.django_db
def test_no_change_form_selects_among_every_government_person_or_document(superuser):
    """A foreign key to a large table is a raw id or an autocomplete, never a <select> of all
    386,400 documents or 9,384 agencies."""
    request = RequestFactory().get("/")
    request.user = superuser
    offenders = []
    for model, model_admin in admin.site._registry.items():
        if not (
            model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        ):
            continue  # view only (history): every field is rendered as text
        form = model_admin.get_form(request)
        for name, field in form.base_fields.items():
            related = getattr(getattr(field, "queryset", None), "model", None)
            if related not in LARGE:
                continue
            widget = getattr(field.widget, "widget", field.widget)  # RelatedFieldWidgetWrapper
            if not isinstance(widget, (AutocompleteSelect, ForeignKeyRawIdWidget)):
                offenders.append(f"{model._meta.label}.{name}")
    assert not offenders, f"a <select> of every row: {offenders}"


@pytest.mark.django_db
def test_small_tables_get_the_exact_count(province, kapuas, kotim):
    paginator = EstimatedCountPaginator(Region.objects.all(), 100)
    with CaptureQueriesContext(connection) as ctx:
        assert paginator.count == 3
    assert any("COUNT(*)" in q["sql"] for q in ctx.captured_queries)


@pytest.mark.postgres
@pytest.mark.django_db
def test_document_changelist_never_counts_the_whole_table_on_postgresql(
    client, superuser, province, monkeypatch
):
    for batch in range(1, 4):
        grow(batch, province)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_document")
    rows = Document.objects.count()
    # The test table is tiny: treat it as large, as 386,400 documents are.
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_above", 1)
    client.force_login(superuser)
    url = reverse("admin:documents_document_changelist")

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in sql if BARE_COUNT.search(s)], sql
    assert any("reltuples" in s for s in sql)
    assert response.context["cl"].result_count == rows  # ANALYZE counted them all

    # Filtered, the count is exact (and has a WHERE).
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"status": Status.UPLOADED})
    assert response.context["cl"].result_count == rows
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert counts and all("WHERE" in s for s in counts)


@pytest.mark.django_db
def test_province_filter_offers_provinces_and_then_their_governments(
    client, superuser, province, kapuas, kotim, checklist
):
    make_document(checklist[0], kapuas)
    make_document(checklist[0], kotim)
    client.force_login(superuser)
    url = reverse("admin:documents_document_changelist")
    response = client.get(url)
    assert "?province=62" in response.text
    assert "government=" not in response.text  # no government list before a province

    response = client.get(url, {"province": "62"})
    assert response.context["cl"].result_count == 2
    assert "government=62.03" in response.text

    response = client.get(url, {"province": "62", "government": "62.03"})
    assert [str(d.region) for d in response.context["cl"].result_list] == ["Kabupaten Kapuas"]
