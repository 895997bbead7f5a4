"""The ``number`` filter writes figures exactly as ``floatformat`` does, only quicker."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from documents.templatetags.mcsp import number

VALUES = [
    0,
    7,
    100,
    386400,
    1234567,
    Decimal("0.00"),
    Decimal("45.50"),
    Decimal("55.00"),
    Decimal("99.995"),
    Decimal("0.005"),
    Decimal("12.345"),
    Decimal("2.5"),
    Decimal("3.5"),
    66.666,
    2.675,
    0.125,
]


@pytest.mark.parametrize("language", ["id", "en"])
def test_number_matches_floatformat_in_both_languages(language):
    with translation.override(language):
        for value in VALUES:
            assert number(value, 2) == floatformat(value, "2g"), value
            assert number(value, 0) == floatformat(value, "0g"), value
    with translation.override("id"):
        assert number(Decimal("55"), 2) == "55,00" and number(386400, 0) == "386.400"


def test_nothing_shows_nothing():
    assert number(None) == "" and number("") == ""
