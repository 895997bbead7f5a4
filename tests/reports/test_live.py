"""Live progress by polling (reports/live.py): cheap when nothing changed, a signal when it did."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from documents.models import Document, Evidence, Status
from documents.workflow import transition
from reports import live
from tests.conftest import make_document


@pytest.fixture
def docs(checklist, kapuas, kotim, bpkad_kapuas):
    return {
        "kapuas": make_document(checklist[2], kapuas, unit=bpkad_kapuas),
        "kotim": make_document(checklist[2], kotim),
    }


def _poll_url(client, page):
    html = client.get(page).content.decode()
    match = re.search(r'id="live"[^>]*hx-get="([^"]+)"', html, re.S)
    assert match, "the page carries a #live poller"
    return match.group(1).replace("&amp;", "&")


def test_an_unchanged_poll_costs_the_session_and_one_query(
    client, kapuas_pic, docs, django_assert_num_queries
):
    client.force_login(kapuas_pic)
    url = _poll_url(client, "/regions/62.03/")
    with django_assert_num_queries(2):  # the session row, then MAX(updated_at)
        response = client.get(url)
    assert response.status_code == 204
    assert response.content == b""


def test_a_change_answers_with_a_note_and_the_refresh_signal(client, kapuas_pic, inspector, docs):
    client.force_login(kapuas_pic)
    url = _poll_url(client, "/regions/62.03/")
    doc = docs["kapuas"]
    Evidence.objects.create(document=doc, url="https://drive.example/apbd")
    transition(doc, Status.UPLOADED, by=kapuas_pic, source="regional", expected_version=1)
    response = client.get(url)
    assert response.status_code == 200
    assert "scopeChanged" in response["HX-Trigger-After-Swap"]
    body = response.content.decode()
    assert "Kapuas · Perda APBD → Siap dikirim" in body  # government + short name
    # the next poll starts from the change just reported: quiet again
    next_url = re.search(r'hx-get="([^"]+)"', body).group(1).replace("&amp;", "&")
    assert client.get(next_url).status_code == 204


def test_changes_elsewhere_do_not_wake_a_government_page(client, kapuas_pic, inspector, docs):
    client.force_login(kapuas_pic)
    url = _poll_url(client, "/regions/62.03/")
    Document.objects.filter(pk=docs["kotim"].pk).update(updated_at=timezone.now())
    assert client.get(url).status_code == 204


def test_the_dashboard_wakes_for_any_government_of_the_province(client, leader, docs):
    client.force_login(leader)
    url = _poll_url(client, "/")
    Document.objects.filter(pk=docs["kotim"].pk).update(
        updated_at=timezone.now() + dt.timedelta(seconds=1)
    )
    assert client.get(url).status_code == 200


def test_a_token_is_good_only_for_its_user(client, kapuas_pic, kotim_pic, docs):
    client.force_login(kotim_pic)
    url = live.poll_url(kapuas_pic, [docs["kapuas"].region_id])
    assert client.get(url).status_code == 403
    assert client.get(url.replace("t=", "t=x")).status_code == 400


def test_a_logged_out_page_stops_polling(client, kapuas_pic, docs):
    url = live.poll_url(kapuas_pic, [docs["kapuas"].region_id])
    assert client.get(url).status_code == 286


def test_the_figures_refresh_themselves_on_the_signal(client, kapuas_pic, docs):
    client.force_login(kapuas_pic)
    html = client.get("/regions/62.03/").content.decode()
    for fragment in ("summary", "checklist"):
        tag = re.search(rf'<div id="{fragment}"[^>]*>', html).group(0)
        assert "scopeChanged from:body" in tag
    response = client.get("/regions/62.03/", headers={"HX-Request": "true", "HX-Target": "summary"})
    assert response.content.decode().lstrip().startswith('<div id="summary"')
