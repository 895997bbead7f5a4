"""Small presentation helpers shared by every page: they show, they do not decide."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

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
