"""Small presentation helpers shared by every page: they show, they do not decide."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format

from documents.models import UPLOADED_FIGURE, UPLOADED_FOOTNOTE, Source, Status
from regions.models import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """A person's name as the product shows it everywhere (regions.models.person_name)."""
    return person_name(user)


@register.filter
def signed(value, places: int = 2) -> str:
    """A change with its sign, ``+1,50`` / ``-0,25`` / ``0,00``; a dash when there is none."""
    if value is None:
        return "—"
    text = floatformat(value, places)
    return f"+{text}" if Decimal(value) > 0 else text


@register.filter
def number(value, places: int = 2) -> str:
    """A figure as the page's language writes it, ``55,00`` / ``386.400`` in Indonesian —
    ``floatformat`` with ``places`` and grouping, rounded half up like it, at a fraction of its
    cost: the ranking and the heat map of a 39-government province show ~700 of them."""
    if value is None or value == "":
        return ""
    places = int(places)
    if isinstance(value, float):
        value = repr(value)  # 2.675 is 2.675 here, as in floatformat, not 2.67499…
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"  # "386,400.00": Python's separators, swapped below
    decimal_sep, group_sep = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    return text.replace(",", "\x00").replace(".", decimal_sep).replace("\x00", group_sep)


@register.filter
def status_label(code: str) -> str:
    """The status's label from a code (``"uploaded"|status_label`` → Siap dikirim)."""
    return Status(code).label


@register.simple_tag
def uploaded_figure() -> str:
    """The word of the published figure "Diunggah" (documents.models.UPLOADED_FIGURE)."""
    return UPLOADED_FIGURE


@register.simple_tag
def uploaded_footnote() -> str:
    return UPLOADED_FOOTNOTE


@register.filter
def source_label(code: str) -> str:
    """Who a change came from, in words (``"kpk"|source_label`` → Verifikasi KPK)."""
    return Source(code).label if code in Source.values else ""
