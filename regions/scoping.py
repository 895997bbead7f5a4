"""Who may see what: the one place that turns memberships into query filters.

The rule (DESIGN.md, "Scoping rule"):

* A membership of a province covers the province and every government under it; a membership
  of a regency or city covers that government only.
* An agency operator (role ``agency``) sees their government's figures but only their own
  unit's documents.
* Documents, evidence, comments and history outside a user's scope are answered with 404.
* **The aggregate exception**: counts, percentages, scores and rank of every government in the
  same province are visible to every logged-in member of that province (rankings motivate).
  ``aggregate_region_q`` is the only place that widens scope, and only figure views use it.

What this module owns: memberships (loaded once per request), the filters every scoped query
uses (``region_q``, ``document_q``, ``aggregate_region_q``), which membership governs a user in
a government (``membership_for``) and the region lookups that 404 (``get_region_for_user``).
It knows nothing of documents: ``document_q`` builds a filter from field names, and the
documents app applies it (``documents.models.ScopedQuerySet``). Imports run one way,
regions ← documents ← reports.

Views never filter by hand: they call ``Model.objects.visible_to(user)``,
``regions_visible_to(user)`` or a ``get_*_for_user`` helper, which raises Http404.
"""

from __future__ import annotations

from django.db.models import CharField, OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.http import Http404

from regions.models import Membership, Region, RegionKind, Role

_CACHE_ATTR = "_mcsp_memberships"


def memberships(user) -> list[Membership]:
    """The user's memberships with their regions, loaded once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # The governments under each membership's region come in the same query, as a list:
        # scoped queries then name their governments (region_id IN (…)), which PostgreSQL
        # reads through the index of each government, instead of `region = P OR region.parent
        # = P`, which reads the whole country (issue 16).
        children = (
            Region.objects.filter(parent=OuterRef("region"))
            .order_by()
            .values("parent")
            .annotate(ids=StringAgg(Cast("pk", CharField()), Value(",")))
            .values("ids")
        )
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("region", "unit")
            .annotate(children_ids=Subquery(children))
        )
        for m in cached:
            m.government_ids = [
                m.region_id,
                *(int(i) for i in (m.children_ids or "").split(",") if i),
            ]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the per-request cache (after memberships change, in tests and admin)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _covers(m: Membership, prefix: str, within: set[int] | None = None) -> Q:
    """Governments one membership covers (its own, and for a province every government under
    it) — only those in ``within`` when given — as a filter on ``<prefix>id`` naming them."""
    ids = m.government_ids if within is None else [i for i in m.government_ids if i in within]
    return Q(**{f"{prefix}id__in": ids})


def region_q(user, prefix: str = "") -> Q:
    """Filter for governments whose own page (figures, checklist) the user may open."""
    q = Q(**{f"{prefix}pk__in": []})
    for m in memberships(user):
        q |= _covers(m, prefix)
    return q


def document_q(user, prefix: str = "", unit_prefix: str | None = None, within=None) -> Q:
    """Filter for documents the user may see; ``prefix`` is e.g. ``"document__"``, the path to a
    model with the document's ``region`` (a status change carries its own) and ``unit_prefix``
    the path to the one with its ``unit`` (the same unless given).

    ``within`` (government ids) narrows the scope to those governments in the same condition,
    rather than in a second one on the same column, which the planner would take as twice as
    selective and misjudge."""
    unit_prefix = prefix if unit_prefix is None else unit_prefix
    within = None if within is None else set(within)
    q = Q(**{f"{prefix}pk__in": []})
    for m in memberships(user):
        if m.role == Role.AGENCY:
            if within is None or m.region_id in within:
                q |= Q(**{f"{prefix}region_id": m.region_id, f"{unit_prefix}unit_id": m.unit_id})
        else:
            q |= _covers(m, f"{prefix}region__", within)
    return q


def aggregate_region_q(user, prefix: str = "") -> Q:
    """The aggregate exception: every government in the provinces the user belongs to."""
    provinces = {m.region.province_id for m in memberships(user)}
    return Q(**{f"{prefix}pk__in": provinces}) | Q(**{f"{prefix}parent_id__in": provinces})


def membership_for(user, region: Region) -> Membership | None:
    """The membership that governs what the user may do in ``region``.

    A membership of the government itself wins over one of its province, so a regency PIC
    who is also listed at the province acts as the PIC at home.
    """
    inherited = None
    for m in memberships(user):
        if m.region_id == region.pk:
            return m
        if m.region.kind == RegionKind.PROVINCE and m.region_id == region.parent_id:
            inherited = m
    return inherited


def role_for(user, region: Region) -> str | None:
    m = membership_for(user, region)
    return m.role if m else None


def sees_every_document_of(user, region_ids) -> bool:
    """Whether the user sees all documents of each of these governments (an agency operator
    sees only their agency's)."""
    wanted = set(region_ids)
    covered = set()
    for m in memberships(user):
        if m.role != Role.AGENCY:
            covered.update(m.government_ids)
    return wanted <= covered


def is_inspectorate(user) -> bool:
    return any(m.role == Role.INSPECTORATE for m in memberships(user))


def home_membership(user) -> Membership | None:
    """The user's widest membership (a province before a regency): where they land, and what
    the header says they are."""
    ms = memberships(user)
    if not ms:
        return None
    return min(ms, key=lambda m: (m.region.kind != RegionKind.PROVINCE, m.region.code))


def home_region(user) -> Region | None:
    m = home_membership(user)
    return m.region if m else None


def get_region_for_user(user, code: str) -> Region:
    try:
        return Region.objects.filter(region_q(user)).get(code=code)
    except Region.DoesNotExist:
        raise Http404("No such government in your scope") from None


# --- people -----------------------------------------------------------------------------------
# Who sees the people of a government: everyone but agency operators (leadership read-only).
# What each may change is regions.people's rule (role ranking and scope limits).
PEOPLE_ROLES = frozenset({Role.INSPECTORATE, Role.LEADERSHIP, Role.REGIONAL})


def may_see_people(user) -> bool:
    return any(m.role in PEOPLE_ROLES for m in memberships(user))


def people_q(user, prefix: str = "") -> Q:
    """Filter for memberships (``prefix`` from the model to Membership) whose government the user
    oversees in a role that sees people: a province covers its governments, a PIC their own."""
    q = Q(**{f"{prefix}pk__in": []})
    for m in memberships(user):
        if m.role in PEOPLE_ROLES:
            q |= _covers(m, f"{prefix}region__")
    return q


def people_regions(user):
    """Governments whose people the user sees."""
    q = Q(pk__in=[])
    for m in memberships(user):
        if m.role in PEOPLE_ROLES:
            q |= _covers(m, "")
    return Region.objects.filter(q)


def regions_visible_to(user):
    """Governments whose own page (documents and figures) the user may open."""
    return Region.objects.filter(region_q(user))
