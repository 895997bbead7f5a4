"""Small presentation helpers shared by every page."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    """A person's full name, else their username, else a dash (history can outlive accounts)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username
