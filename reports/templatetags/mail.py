"""Helpers for the email templates (templates/emails/): they show, they do not decide."""

from __future__ import annotations

from django import template

from documents.models import UPLOADED_FIGURE, UPLOADED_FOOTNOTE
from reports.figures import percent

register = template.Library()


@register.simple_tag
def bar_segments(fig) -> dict[str, str]:
    """Widths (CSS %, dot decimals) of an email's table bar: accepted, other uploaded, rest."""
    accepted = percent(fig.accepted, fig.total)
    other = percent(fig.uploaded - fig.accepted, fig.total)
    rest = max(100 - accepted - other, 0)
    return {"accepted": f"{accepted:.2f}", "other": f"{other:.2f}", "rest": f"{rest:.2f}"}


# The text part is rendered with autoescape off, where a simple tag's lazy string is not turned
# into text: these give the shared words (documents.models) as plain strings.
@register.simple_tag
def uploaded_word() -> str:
    return str(UPLOADED_FIGURE)


@register.simple_tag
def uploaded_note() -> str:
    return str(UPLOADED_FOOTNOTE)
