"""The page shell's context: the current programme, days to its deadline, who is logged in.

Every value is computed on first use (``cached_property``), so a response that never renders
the header (an htmx fragment, an email) pays nothing, and one that does pays at most two
queries: the current programme, and the user's memberships (which ``regions.scoping`` caches on
the user, so a view that already scoped its query pays only the first).
"""

from __future__ import annotations

from functools import cached_property

from documents.models import Programme, current_programme, programmes
from regions import scoping
from regions.models import Membership, RegionKind, Role, person_name

# From this many days before the deadline the countdown turns urgent (the first reminder, D-14).
URGENT_DAYS = 14
_REQUEST_ATTR = "_mcsp_shell"


class Shell:
    """What base.html shows around every page; used in templates as ``shell.<name>``."""

    def __init__(self, request):
        self._request = request
        self._user = getattr(request, "user", None)

    @cached_property
    def programme(self) -> Programme | None:
        return current_programme(self._request)

    @property
    def other_programmes(self) -> list[Programme]:
        """The switcher's choices: shown only where more than one programme exists."""
        return [p for p in programmes(self._request) if p != self.programme]

    @cached_property
    def days_left(self) -> int | None:
        return None if self.programme is None else self.programme.days_left()

    @property
    def countdown(self) -> str:
        """The header's days-left words (documents.models.Programme.countdown, the one rule)."""
        return "" if self.programme is None else self.programme.countdown()

    @property
    def deadline_state(self) -> str:
        """``over``, ``urgent`` or ``normal``: picks the countdown's class in base.html."""
        if self.programme is None:
            return ""
        if self.days_left < 0:
            return "over"
        return "urgent" if self.days_left <= URGENT_DAYS else "normal"

    @cached_property
    def is_authenticated(self) -> bool:
        return bool(getattr(self._user, "is_authenticated", False))

    @cached_property
    def user_name(self) -> str:
        if not self.is_authenticated:
            return ""
        return person_name(self._user)

    @cached_property
    def membership(self) -> Membership | None:
        """The widest membership (a province before a regency), as on the dashboard."""
        return scoping.home_membership(self._user)

    @property
    def at_province(self) -> bool:
        """Province staff and leadership have a dashboard; everyone else lands on their to-do."""
        m = self.membership
        return m is not None and m.region.kind == RegionKind.PROVINCE

    @property
    def has_todo(self) -> bool:
        m = self.membership
        return m is not None and m.role != Role.LEADERSHIP

    @property
    def role_label(self) -> str:
        m = self.membership
        return m.get_role_display() if m else ""

    @property
    def scope_name(self) -> str:
        m = self.membership
        if m is None:
            return ""
        if m.role == Role.AGENCY and m.unit is not None:
            return f"{m.unit.short_name} {m.region.name}"
        return m.region.name

    @cached_property
    def is_inspectorate(self) -> bool:
        return scoping.is_inspectorate(self._user)

    @cached_property
    def may_see_people(self) -> bool:
        return scoping.may_see_people(self._user)

    @cached_property
    def section(self) -> str:
        """Which main-menu entry the page belongs to (marked ``aria-current`` in the nav)."""
        path = getattr(self._request, "path_info", "")
        if path.startswith("/verify/"):
            return "verify"
        if path.startswith("/todo/"):
            return "todo"
        if path.startswith("/reports/"):
            return "reports"
        if path.startswith("/people/"):
            return "people"
        if path.startswith("/checklist/"):
            return "checklist"
        if path == "/" or path.startswith("/regions/"):
            return "dashboard"
        return ""


def shell(request) -> dict[str, Shell]:
    # One Shell per request, so a view rendering several templates still queries once.
    obj = getattr(request, _REQUEST_ATTR, None)
    if obj is None:
        obj = Shell(request)
        setattr(request, _REQUEST_ATTR, obj)
    return {"shell": obj}
