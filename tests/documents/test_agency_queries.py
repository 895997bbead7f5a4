"""The government page and the document panel cost the same queries however many agencies a
government has (issue 16: the agency filter's labels used to load the government once each)."""

from __future__ import annotations

import pytest

from regions.models import Unit
from tests.conftest import query_count

pytestmark = pytest.mark.django_db


def _more_agencies(region, n: int) -> None:
    Unit.objects.bulk_create(
        Unit(region=region, short_name=f"Dinas {i}", name=f"Dinas {i}") for i in range(n)
    )


def test_the_government_page_does_not_query_per_agency(client, kapuas_pic, kapuas, kapuas_doc):
    client.force_login(kapuas_pic)
    before = query_count(client, "/regions/62.03/")
    _more_agencies(kapuas, 6)
    assert query_count(client, "/regions/62.03/") == before


def test_the_document_panel_does_not_query_per_agency(client, kapuas_pic, kapuas, kapuas_doc):
    client.force_login(kapuas_pic)
    url = f"/documents/{kapuas_doc.pk}/"
    before = query_count(client, url)
    _more_agencies(kapuas, 6)
    assert query_count(client, url) == before
