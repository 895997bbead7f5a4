"""seed_scale: the national benchmark data set, tried at a tiny size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import Count

from documents.models import Document, Programme, Status, StatusChange
from regions.models import Membership, Region, RegionKind
from reports.management.commands import seed_scale
from reports.models import Snapshot

pytestmark = pytest.mark.django_db


def test_the_province_list_is_the_country():
    assert len(seed_scale.PROVINCES) == 38
    assert sum(k + c for _, _, k, c in seed_scale.PROVINCES) == 514
    assert len({code for code, *_ in seed_scale.PROVINCES}) == 38


def test_it_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", provinces=1, per_government=5)


def test_it_seeds_a_tiny_country_once(settings):
    settings.DEBUG = True
    call_command("seed_scale", provinces=1, per_government=20)
    # Aceh: the province, 18 regencies and 5 cities, 20 documents each.
    assert Region.objects.count() == 24
    assert Region.objects.filter(kind=RegionKind.CITY).count() == 5
    assert Document.objects.count() == 24 * 20
    assert Document.objects.exclude(status=Status.NOT_UPLOADED).exists()
    # Every change leads to the document's status, and the document's version counts them.
    for doc in Document.objects.annotate(n=Count("history")).filter(n__gt=0)[:50]:
        last = StatusChange.objects.filter(document=doc).order_by("-created_at", "-pk").first()
        assert last.to_status == doc.status
        assert doc.version == 1 + doc.n
    # One hash for everyone.
    assert User.objects.values("password").distinct().count() == 1
    assert Membership.objects.filter(region__code="11", role="inspectorate").exists()
    # Snapshots from the history, today's equal to the documents' counts.
    today = Snapshot.objects.filter(unit=None).latest("day").day
    assert today - Snapshot.objects.earliest("day").day <= dt.timedelta(days=60)
    assert (
        sum(Snapshot.objects.filter(unit=None, day=today).values_list("total", flat=True))
        == Document.objects.count()
    )

    call_command("seed_scale", provinces=1, per_government=20)
    assert Programme.objects.count() == 1
    assert Document.objects.count() == 24 * 20
