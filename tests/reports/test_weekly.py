"""The public weekly achievement page: publishing, the frozen copy, public scoping and caching,
and the recap for chat groups (text and ranking image)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from documents.models import Status
from reports import snapshots, weekly
from reports.models import PublishedRow, PublishedWeek, ScoreRecord
from tests.conftest import WIB, make_document

THURSDAY = dt.datetime(2026, 11, 26, 10, 0, tzinfo=WIB)  # in 2026-W48


@pytest.fixture
def week_docs(programme, province, kapuas, kotim, checklist, bpkad_kapuas, kapuas_pic):
    make_document(checklist[0], province, Status.ACCEPTED)
    make_document(checklist[1], province, Status.NOT_UPLOADED)
    make_document(checklist[0], kapuas, Status.ACCEPTED)
    make_document(checklist[2], kapuas, Status.VERIFYING, unit=bpkad_kapuas, assignee=kapuas_pic)
    make_document(checklist[0], kotim, Status.NOT_UPLOADED)
    ScoreRecord.objects.create(
        programme=programme, region=kapuas, value=Decimal("74.5"), recorded_on=dt.date(2026, 11, 2)
    )


@pytest.fixture
def frozen_now():
    with time_machine.travel(THURSDAY, tick=False):
        yield


def _publish(client, inspector, week="2026-W48"):
    client.force_login(inspector)
    return client.post(reverse("publish-week"), {"week": week})


def test_inspectorate_publishes_a_week_and_anyone_can_read_it(
    client, inspector, week_docs, frozen_now
):
    response = _publish(client, inspector)
    assert response.status_code == 302
    week = PublishedWeek.objects.get()
    assert week.week == "2026-W48" and week.published_by == inspector
    client.logout()
    page = client.get("/capaian/62/2026-W48/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kapuas" in body and "Kotim" in body
    assert "50,00%" in body  # Kapuas: 1 of 2 accepted
    assert "74,50" in body and "Waspada" in body
    assert "4 hari lagi" in body


def test_the_published_page_never_moves(
    client, inspector, programme, week_docs, kapuas, frozen_now
):
    _publish(client, inspector)
    client.logout()
    before = client.get("/capaian/62/2026-W48/").content
    kapuas.documents.update(status=Status.ACCEPTED)
    kapuas.short_name = "Kapuas Baru"
    kapuas.save()
    ScoreRecord.objects.create(
        programme=programme,
        region=kapuas,
        value=Decimal("90"),
        recorded_on=dt.date(2026, 11, 25),
    )
    after = client.get("/capaian/62/2026-W48/").content
    assert after == before
    assert b"Kapuas Baru" not in after


def test_the_page_has_no_personal_data_or_document_names(
    client, inspector, kapuas_pic, week_docs, frozen_now
):
    _publish(client, inspector)
    client.logout()
    body = client.get("/capaian/62/2026-W48/").content.decode()
    for private in (
        inspector.username,
        inspector.email,
        kapuas_pic.username,
        "Perda APBD",
        "Perkada RKPD",
        "BPKAD",
    ):
        assert private not in body


def test_unpublished_weeks_and_unknown_provinces_are_404(client, week_docs, frozen_now, inspector):
    assert client.get("/capaian/62/2026-W47/").status_code == 404
    assert client.get("/capaian/62/2026-W47/peringkat.png").status_code == 404
    _publish(client, inspector)
    client.logout()
    assert client.get("/capaian/62/2026-W47/").status_code == 404
    assert client.get("/capaian/62.03/2026-W48/").status_code == 404  # a regency, not a province
    assert client.get("/capaian/99/").status_code == 404
    assert client.get("/capaian/62/nonsense/").status_code == 404


def test_public_pages_are_publicly_cacheable(client, inspector, week_docs, frozen_now):
    _publish(client, inspector)
    for user in (None, inspector):  # a logged-in visitor gets the same public copy
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for url in ("/capaian/62/", "/capaian/62/2026-W48/", "/capaian/62/2026-W48/peringkat.png"):
            response = client.get(url)
            assert response.status_code == 200, url
            cache = response["Cache-Control"]
            assert "public" in cache and "max-age" in cache and "private" not in cache, url
            assert "Set-Cookie" not in response.headers and not response.cookies, url
            assert "nonce-" not in response.get("Content-Security-Policy", ""), url
    page = client.get("/capaian/62/2026-W48/").content.decode()
    assert "csrfmiddlewaretoken" not in page and "x-csrftoken" not in page


def test_the_archive_lists_published_weeks(client, inspector, week_docs, frozen_now):
    assert "Belum ada minggu" in client.get("/capaian/62/").content.decode()
    _publish(client, inspector)
    client.logout()
    body = client.get("/capaian/62/").content.decode()
    assert 'href="/capaian/62/2026-W48/"' in body


@pytest.mark.parametrize("persona", ["kapuas_pic", "leader", "bpkad_operator"])
def test_only_inspectorate_staff_publish(client, persona, request, week_docs, frozen_now):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(reverse("publish-week"), {"week": "2026-W48"}).status_code == 403
    assert not PublishedWeek.objects.exists()


def test_a_week_is_published_once_and_never_before_it_begins(
    client, inspector, week_docs, frozen_now
):
    assert _publish(client, inspector).status_code == 302
    again = _publish(client, inspector)
    assert again.status_code == 400 and "sudah diterbitkan" in again.content.decode()
    future = _publish(client, inspector, "2026-W50")
    assert future.status_code == 400 and "belum dimulai" in future.content.decode()
    bad = _publish(client, inspector, "2026-48")
    assert bad.status_code == 400
    assert PublishedWeek.objects.count() == 1


def test_a_past_week_shows_its_sunday_from_the_daily_rows(
    programme, province, kapuas, week_docs, frozen_now
):
    # The rows of Sunday 22 November (end of 2026-W47) say Kapuas had nothing accepted.
    snapshots.write_for_day(programme, dt.date(2026, 11, 22))
    from reports.models import Snapshot

    Snapshot.objects.filter(region=kapuas, day=dt.date(2026, 11, 22)).update(
        accepted=0, verifying=1, not_uploaded=1
    )
    published = weekly.publish(programme, province, "2026-W47")
    assert published.as_of == dt.datetime(2026, 11, 22, 23, 59, 59, tzinfo=WIB)
    row = published.rows.get(code="62.03")
    assert row.accepted == 0 and row.pct_accepted == Decimal("0.00")
    # The score recorded on 2 November counts; one recorded later would not.
    assert row.score == Decimal("74.50")


def test_a_past_week_without_daily_rows_is_refused(programme, province, week_docs, frozen_now):
    with pytest.raises(weekly.PublishError, match="backfill_snapshots"):
        weekly.publish(programme, province, "2026-W40")


def test_the_command_publishes_and_refuses_twice(week_docs, frozen_now, capsys):
    call_command("publish_week", "--province", "62", "--week", "2026-W48")
    assert "/capaian/62/2026-W48/" in capsys.readouterr().out
    assert PublishedRow.objects.filter(week__week="2026-W48").count() == 4  # own, total, 2
    with pytest.raises(CommandError, match="sudah diterbitkan"):
        call_command("publish_week", "--province", "62", "--week", "2026-W48")
    with pytest.raises(CommandError):
        call_command("publish_week", "--province", "62.03", "--week", "2026-W48")


# --- the recap for chat groups ------------------------------------------------------------------


def test_the_dashboard_offers_the_chat_recap(client, inspector, week_docs, frozen_now):
    client.force_login(inspector)
    body = client.get("/").content.decode()
    assert "Salin rekap" in body and 'id="chat-recap"' in body
    assert "*Peringkat kab/kota*" in body
    assert "1. Kapuas 50,00%" in body


def test_the_chat_text_is_indonesian_whatever_the_reader_chose(
    programme, province, week_docs, frozen_now
):
    from django.utils import translation

    with translation.override("en"):
        text = weekly.chat_text(weekly.live_recap(programme, province))
    assert "*Peringkat kab/kota*" in text
    assert "4 hari lagi" in text
    assert "Perlu perhatian" in text and "Kotim" in text
    assert "\n\n\n" not in text


def test_the_ranking_image_is_a_phone_sized_png(
    client, inspector, kapuas_pic, week_docs, frozen_now
):
    for user in (inspector, kapuas_pic):  # aggregates: every user of the province
        client.force_login(user)
        response = client.get(reverse("ranking-image"))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(response.content))
        assert image.width == 1080 and image.height > 600


def test_the_published_image_is_public(client, inspector, week_docs, frozen_now):
    _publish(client, inspector)
    client.logout()
    response = client.get("/capaian/62/2026-W48/peringkat.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).width == 1080
