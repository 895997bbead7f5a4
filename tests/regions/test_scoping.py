"""Who sees what (DESIGN.md "Scoping rule"): the PIC of Kapuas sees nothing of another regency."""

from __future__ import annotations

import pytest
from django.http import Http404

from documents.models import Comment, Document, Evidence, Source, Status, StatusChange
from documents.views import get_document_for_user
from documents.workflow import transition
from regions import scoping
from regions.models import Region
from tests.conftest import make_document


@pytest.fixture
def world(kapuas_doc, kotim_doc, checklist, kapuas, bappeda_kapuas, inspector):
    """Documents in Kapuas (BPKAD and Bappeda) and in Kotim, each with evidence and a comment."""
    bappeda_doc = make_document(checklist[0], kapuas, unit=bappeda_kapuas)
    for doc in (kapuas_doc, bappeda_doc, kotim_doc):
        ev = Evidence.objects.create(document=doc, url=f"https://drive.example/{doc.pk}")
        Comment.objects.create(document=doc, body="Mohon dilengkapi")
        transition(
            doc,
            Status.UPLOADED,
            by=inspector,
            source=Source.SYNC,
            note="jaga.id",
            expected_version=doc.version,
            evidence=ev,
        )
    return {"kapuas_bpkad": kapuas_doc, "kapuas_bappeda": bappeda_doc, "kotim": kotim_doc}


def _visible(model, user):
    return set(model.objects.visible_to(user).values_list("pk", flat=True))


def test_the_pic_of_kapuas_sees_only_kapuas(world, kapuas_pic):
    kapuas_docs = {world["kapuas_bpkad"].pk, world["kapuas_bappeda"].pk}
    assert _visible(Document, kapuas_pic) == kapuas_docs
    for model in (Evidence, Comment, StatusChange):
        assert {o.document_id for o in model.objects.visible_to(kapuas_pic)} == kapuas_docs


def test_the_agency_operator_sees_only_their_units_documents(world, bpkad_operator):
    assert _visible(Document, bpkad_operator) == {world["kapuas_bpkad"].pk}
    for model in (Evidence, Comment, StatusChange):
        assert {o.document_id for o in model.objects.visible_to(bpkad_operator)} == {
            world["kapuas_bpkad"].pk
        }


def test_a_province_membership_covers_every_government_under_it(world, inspector, leader):
    every = {d.pk for d in world.values()}
    assert _visible(Document, inspector) == every
    assert _visible(Document, leader) == every


def test_a_user_without_membership_sees_nothing(world, django_user_model):
    nobody = django_user_model.objects.create_user("nobody")
    assert _visible(Document, nobody) == set()
    assert not scoping.regions_visible_to(nobody).exists()


def test_superusers_are_for_the_admin_site_only(world, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.go.id", "x")
    assert _visible(Document, admin) == set()


def test_document_helper_raises_404_outside_scope(world, kapuas_pic, bpkad_operator):
    assert get_document_for_user(kapuas_pic, world["kapuas_bpkad"].pk)
    with pytest.raises(Http404):
        get_document_for_user(kapuas_pic, world["kotim"].pk)
    with pytest.raises(Http404):
        get_document_for_user(bpkad_operator, world["kapuas_bappeda"].pk)


def test_region_pages_follow_the_same_rule(
    kapuas, kotim, province, kapuas_pic, bpkad_operator, inspector
):
    assert scoping.get_region_for_user(kapuas_pic, "62.03") == kapuas
    assert scoping.get_region_for_user(bpkad_operator, "62.03") == kapuas
    for code in ("62.02", "62"):
        with pytest.raises(Http404):
            scoping.get_region_for_user(kapuas_pic, code)
    assert set(scoping.regions_visible_to(inspector)) == {province, kapuas, kotim}


def test_aggregates_cover_the_whole_province_for_every_member(
    kapuas, kotim, province, kapuas_pic, bpkad_operator
):
    """The one exception: ranking figures of neighbours, never their documents."""
    for user in (kapuas_pic, bpkad_operator):
        assert set(Region.objects.filter(scoping.aggregate_region_q(user))) == {
            province,
            kapuas,
            kotim,
        }


def test_aggregates_stop_at_the_province_border(kapuas_pic, db):
    other = Region.objects.create(
        code="63", name="Provinsi Kalimantan Selatan", short_name="Kalsel", kind="province"
    )
    Region.objects.create(
        code="63.01", name="Kabupaten Tanah Laut", short_name="Tala", kind="regency", parent=other
    )
    assert (
        not Region.objects.filter(scoping.aggregate_region_q(kapuas_pic))
        .filter(code__startswith="63")
        .exists()
    )


def test_home_region_is_the_widest_membership(kapuas_pic, inspector, province, kapuas):
    assert scoping.home_region(kapuas_pic) == kapuas
    assert scoping.home_region(inspector) == province


def test_memberships_are_loaded_once(kapuas_pic, django_assert_num_queries, kapuas):
    scoping.forget_memberships(kapuas_pic)
    with django_assert_num_queries(1):
        scoping.memberships(kapuas_pic)
        scoping.memberships(kapuas_pic)
        scoping.role_for(kapuas_pic, kapuas)


def test_imports_run_one_way_regions_documents_reports():
    """regions ← documents ← reports: no domain module imports one above it (views and
    management commands sit above all three and may import any)."""
    import ast
    from pathlib import Path

    above = {"regions": ("documents", "reports"), "documents": ("reports",), "reports": ()}
    root = Path(__file__).resolve().parents[2]
    for app, forbidden in above.items():
        for path in (root / app).rglob("*.py"):
            if "views" in path.name or "management" in path.parts or "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                for name in names:
                    assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
