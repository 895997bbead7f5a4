"""Scoping proven on every address: the URL resolver is walked, so a new view is covered too.

Each named route is classified. A route missing from CLASSES fails the first test: whoever adds
a view decides here who may see it, and the checks below then hold it to that.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from documents.models import Evidence, Programme, Status
from tests.conftest import make_document

PUBLIC = "public"  # no login: login, password reset, language switch, health check
ACCOUNT = "account"  # any logged-in user, about themselves
AGGREGATE = "aggregate"  # figures of the user's province
SCOPED = "scoped"  # one government's data: 404 outside scope
INSPECTORATE = "inspectorate"  # inspectorate staff only: 403 for others
SUPERUSER = "superuser"  # Django admin
INSPECTORATE_ITEM = "inspectorate-item"  # one object of the inspectorate's own work: 403 others
PEOPLE = "people"  # /people/: who oversees people (403 for agency operators), rows in scope
INVITERS = "inviters"  # who may invite (inspectorate, PICs): 403 for leadership and operators

CLASSES = {
    "healthz": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": PUBLIC,
    "password_change": ACCOUNT,
    "password_change_done": ACCOUNT,
    "dashboard": AGGREGATE,
    "live": AGGREGATE,  # signed per user and governments; tests/reports/test_live.py
    "todo": ACCOUNT,  # the user's own government (or agency): tests/documents/test_todo.py
    "region": SCOPED,
    "document": SCOPED,
    "document-transition": SCOPED,
    "document-evidence": SCOPED,
    "document-comment": SCOPED,
    "document-assign": SCOPED,
    "evidence-download": SCOPED,
    "verify": INSPECTORATE,
    "verify-confirm": INSPECTORATE,
    "verify-apply": INSPECTORATE,
    "scores": INSPECTORATE,
    "region-scores": SCOPED,  # and inspectorate-only within scope (tests/reports/test_scores.py)
    "reports": AGGREGATE,  # the user's own recap links; imports for inspectorate staff only
    "recap": AGGREGATE,  # the user's province or government; Rincian via visible_in
    "region-recap": SCOPED,
    "region-evidence": SCOPED,
    # Leadership reads; agency operators get 403 (tests/documents/test_agencies.py).
    "region-agencies": SCOPED,
    "reports-import": INSPECTORATE,
    "reports-import-apply": INSPECTORATE,
    "reports-import-errors": INSPECTORATE,
    "reports-import-template": INSPECTORATE,
    "email-settings": ACCOUNT,
    # Authenticated by the signed token in the link, not a session (tests/reports/test_notices.py)
    "unsubscribe": PUBLIC,
    "digests": INSPECTORATE,
    "digest-preview": INSPECTORATE,  # 400 without a recipient; 404 outside scope
    # The weekly achievement page: public on purpose, aggregates an inspectorate user published
    # and nothing else (tests/reports/test_weekly.py holds it to that, and to its public cache).
    "weekly-archive": PUBLIC,
    "weekly": PUBLIC,
    "weekly-image": PUBLIC,
    "publish-week": INSPECTORATE,
    "ranking-image": AGGREGATE,  # the live ranking of the user's province as a PNG
    "mentoring": INSPECTORATE,
    # A session is the inspectorate's own note: 404 for anyone not inspecting its government.
    "mentoring-session": SCOPED,
    # People: inspectorate, leadership (read-only) and PICs of their own government; agency
    # operators 403 on the list (tests/regions/test_people.py); a person outside scope is a 404.
    "people": PEOPLE,
    "person": SCOPED,
    "person-deactivate": SCOPED,
    "person-reactivate": SCOPED,
    "person-resend": SCOPED,
    # The workbook import of people: the same rights as inviting one (regions.people.may_invite;
    # tests/regions/test_people_import.py); its plans are the uploader's own (404 for others).
    "people-import": INVITERS,
    "people-import-apply": INVITERS,  # POST only; 400 without a plan
    "people-import-errors": INVITERS,  # 400 without a plan
    "people-import-template": INVITERS,
    # The checklist of a programme year: the guidebook, edits, rollover (inspectorate staff).
    "checklist": INSPECTORATE,
    "checklist-import": INSPECTORATE,  # 400 without a plan
    "checklist-rollover": INSPECTORATE,
    "requirement-edit": INSPECTORATE_ITEM,  # tests/documents/test_checklist_admin.py
    # Authenticated by the signed, expiring token in the invitation email.
    "invitation": PUBLIC,
}
WRITES = {
    "document-transition",
    "document-evidence",
    "document-comment",
    "document-assign",
    "region-scores",
    "region-agencies",
    "person",
    "person-deactivate",
    "person-reactivate",
    "person-resend",
}


def _named_routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns == "admin":
                yield "admin:*", entry
                continue
            yield from _named_routes(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else repr(entry.pattern), entry


def test_every_route_is_classified():
    unclassified = [
        name for name, _ in _named_routes() if name != "admin:*" and name not in CLASSES
    ]
    assert not unclassified, f"classify these routes in tests/test_every_address.py: {unclassified}"


@pytest.fixture
def targets(checklist, kapuas, bappeda_kapuas, bpkad_operator):
    """A Bappeda document of Kapuas with file evidence, and the address of each scoped route."""
    doc = make_document(checklist[0], kapuas, Status.UPLOADED, unit=bappeda_kapuas)
    evidence = Evidence.objects.create(document=doc, url="https://drive.example/rkpd")
    return {
        "region": reverse("region", args=[kapuas.code]),
        "region-scores": reverse("region-scores", args=[kapuas.code]),
        "region-recap": reverse("region-recap", args=[kapuas.code]),
        "region-evidence": reverse("region-evidence", args=[kapuas.code]),
        "mentoring-session": reverse("mentoring-session", args=[_session(kapuas).pk]),
        "region-agencies": reverse("region-agencies", args=[kapuas.code]),
        "document": reverse("document", args=[doc.pk]),
        "document-transition": reverse("document-transition", args=[doc.pk]),
        "document-evidence": reverse("document-evidence", args=[doc.pk]),
        "document-comment": reverse("document-comment", args=[doc.pk]),
        "document-assign": reverse("document-assign", args=[doc.pk]),
        "evidence-download": reverse("evidence-download", args=[evidence.pk]),
        **{
            name: reverse(name, args=[bpkad_operator.pk])
            for name in ("person", "person-deactivate", "person-reactivate", "person-resend")
        },
    }


def _session(region):
    from reports.models import MentoringSession

    return MentoringSession.objects.create(
        programme=Programme.objects.get(),
        region=region,
        held_on=dt.date(2026, 11, 20),
        attendees="PIC",
        topics="Perda APBD",
    )


SCOPED_NAMES = [n for n, c in CLASSES.items() if c == SCOPED]


@pytest.mark.parametrize("name", SCOPED_NAMES)
def test_another_regencys_pic_gets_404_on_get_and_post(client, kotim_pic, targets, name):
    client.force_login(kotim_pic)
    assert client.get(targets[name]).status_code in (404, 405)
    assert client.post(targets[name], {"version": 1, "body": "x"}).status_code in (404, 405)


@pytest.mark.parametrize("name", [n for n in SCOPED_NAMES if not n.startswith("region")])
def test_an_agency_operator_gets_404_for_another_agencys_document(
    client, bpkad_operator, targets, name
):
    client.force_login(bpkad_operator)
    assert client.get(targets[name]).status_code in (404, 405)
    assert client.post(targets[name], {"version": 1, "body": "x"}).status_code in (404, 405)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_leadership_gets_403_on_every_write(client, leader, targets, name):
    client.force_login(leader)
    assert client.post(targets[name], {"version": 1, "body": "x"}).status_code == 403


@pytest.mark.parametrize("name", SCOPED_NAMES)
def test_anonymous_users_are_sent_to_login(client, targets, name):
    for method in (client.get, client.post):
        response = method(targets[name])
        if response.status_code == 405:
            continue
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_inspectorate_only_routes(client, kapuas_pic, bpkad_operator, leader, inspector, kotim):
    for name in (n for n, c in CLASSES.items() if c == INSPECTORATE):
        url = reverse(name)
        for user in (kapuas_pic, bpkad_operator, leader):
            client.force_login(user)
            answers = {client.get(url).status_code, client.post(url).status_code}
            assert answers in ({403}, {403, 405}), (name, answers)
        client.force_login(inspector)
        # The queue lists; its confirm and apply steps refuse an empty selection with 400.
        assert {client.get(url).status_code, client.post(url).status_code} & {200, 400}
        client.logout()
        assert 302 in {client.get(url).status_code, client.post(url).status_code}


def test_people_routes(client, inspector, leader, kapuas_pic, bpkad_operator, kotim_pic):
    for name in (n for n, c in CLASSES.items() if c == PEOPLE):
        url = reverse(name)
        client.force_login(bpkad_operator)
        assert client.get(url).status_code == 403
        for user in (inspector, leader, kapuas_pic, kotim_pic):
            client.force_login(user)
            assert client.get(url).status_code == 200
        client.logout()
        assert client.get(url).status_code == 302


def test_inviter_routes(client, inspector, leader, kapuas_pic, bpkad_operator, kotim_pic):
    for name in (n for n, c in CLASSES.items() if c == INVITERS):
        url = reverse(name)
        for user in (leader, bpkad_operator):
            client.force_login(user)
            answers = {client.get(url).status_code, client.post(url).status_code}
            assert answers in ({403}, {403, 405}), (name, answers)
        for user in (inspector, kapuas_pic, kotim_pic):
            client.force_login(user)
            assert {client.get(url).status_code, client.post(url).status_code} & {200, 400}
        client.logout()
        assert 302 in {client.get(url).status_code, client.post(url).status_code}


def test_the_admin_is_for_superusers_only(client, inspector):
    client.force_login(inspector)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_public_routes_answer_without_login(client, db):
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200
