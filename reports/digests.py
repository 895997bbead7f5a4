"""The weekly digests: leadership (the province) and each government's PIC.

Every number comes from reports.figures, the module the dashboard reads, for the Monday the
digest is dated (a test holds a digest's numbers equal to the dashboard's at that moment).
``plan_*`` decide who gets which digest (Delivery rows); ``build_*`` turn a row into the
email, for sending and for the preview at /reports/digests/ alike.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, Programme, ReturnReason, Source, Status, StatusChange
from mcsp_tracker.db_router import reads_from_replica
from regions.models import Membership, Region, RegionKind, Role, person_name, profile_for
from reports import emails, figures, mentoring, spi
from reports.models import Delivery, DeliveryKind

DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = dt.time(7, 0)  # WIB
# A digest missed on Monday (worker down) still goes out until this long after 07:00.
CATCH_UP = dt.timedelta(days=1)
AT_RISK_LIMIT = 5
AGENCIES_BEHIND = 5
MISSING_PER_AGENCY = 5
# An email is read, not searched: longer lists end with "… and N more" and a link to the page.
LIST_LIMIT = 12
AGENCY_LIMIT = 8


# --- the week ------------------------------------------------------------------------------------


def iso_week(moment: dt.datetime) -> str:
    """The ISO week (``2026-W49``) of a moment in WIB: the period key of a digest."""
    return timezone.localtime(moment).strftime("%G-W%V")


def week_moment(week: str) -> dt.datetime:
    """Monday 07:00 WIB of an ISO week: when its digest is due and the moment it reports."""
    try:
        monday = dt.datetime.strptime(f"{week}-1", "%G-W%V-%u").date()
    except ValueError:
        raise ValueError(f"not an ISO week like 2026-W49: {week!r}") from None
    return timezone.make_aware(dt.datetime.combine(monday, DIGEST_TIME))


def due_week(now: dt.datetime) -> str | None:
    """The week whose digests are due at ``now`` (None outside Monday 07:00 + catch-up)."""
    week = iso_week(now)
    start = week_moment(week)
    return week if start <= now < start + CATCH_UP else None


# --- who gets what --------------------------------------------------------------------------------


def _with_email(memberships):
    return [m for m in memberships if m.user.email and m.user.is_active]


def leadership_recipients(programme: Programme) -> list[Membership]:
    """Leadership and inspectorate staff of each province."""
    return _with_email(
        Membership.objects.filter(
            region__kind=RegionKind.PROVINCE, role__in=[Role.LEADERSHIP, Role.INSPECTORATE]
        )
        .select_related("user", "user__profile", "region")
        .order_by("region__code", "user__username")
    )


def region_recipients(programme: Programme) -> list[Membership]:
    """The PIC (MCSP admin) of each regency and city."""
    return _with_email(
        Membership.objects.filter(role=Role.REGIONAL)
        .exclude(region__kind=RegionKind.PROVINCE)
        .select_related("user", "user__profile", "region")
        .order_by("region__code", "user__username")
    )


def _row(programme, kind, period, membership, **extra) -> Delivery:
    user = membership.user
    return Delivery(
        programme=programme,
        kind=kind,
        period=period,
        recipient_user=user,
        region=membership.region,
        recipient=user.email,
        language=profile_for(user).language,
        **extra,
    )


def plan(programme: Programme, week: str, kinds: set[str] | None = None) -> list[Delivery]:
    """Every digest row of a week (unsaved): deliveries.ensure creates the missing ones."""
    kinds = kinds or {DeliveryKind.DIGEST_LEADERSHIP, DeliveryKind.DIGEST_REGION}
    rows = []
    if DeliveryKind.DIGEST_LEADERSHIP in kinds:
        rows += [
            _row(programme, DeliveryKind.DIGEST_LEADERSHIP, week, m)
            for m in leadership_recipients(programme)
        ]
    if DeliveryKind.DIGEST_REGION in kinds:
        rows += [
            _row(programme, DeliveryKind.DIGEST_REGION, week, m)
            for m in region_recipients(programme)
        ]
    return rows


# --- what it says -------------------------------------------------------------------------------


def link(path: str) -> str:
    return urljoin(settings.SITE_URL + "/", path.lstrip("/"))


def leadership_context(programme: Programme, province: Region, user, week: str) -> dict:
    moment = week_moment(week)
    today = timezone.localdate(moment)
    result = figures.for_province(programme, province, today=today)
    own = result.by_region[province.pk]
    ranking = result.ranking()
    units = figures.for_units(programme, province, today=today)
    visible = figures.scoped_documents(user, programme, today)
    waiting = list(figures.waiting_longest(visible, limit=5))
    overdue = list(
        mentoring.overdue(programme, [f.scope for f in result.by_region.values()], today=today)
    )
    return {
        "spi": spi.for_province(province, today=today),
        "overdue_commitments": overdue[:LIST_LIMIT],
        "overdue_more": max(len(overdue) - LIST_LIMIT, 0),
        "programme": programme,
        "province": province,
        "user_name": person_name(user),
        "week": week,
        "moment": moment,
        "since": moment - dt.timedelta(days=7),
        "own": own,
        "total": result.combined,
        "ranking": ranking,
        "at_risk": [f for f in ranking if f.finishes_late][:AT_RISK_LIMIT],
        "agencies_behind": units[::-1][:AGENCIES_BEHIND],
        "waiting_longest": [(doc, (moment - doc.status_changed_at).days) for doc in waiting],
        "dashboard_url": link("/"),
        "settings_url": link(reverse("email-settings")),
    }


def region_context(programme: Programme, region: Region, user, week: str) -> dict:
    """One government's digest. Everything here is of ``region`` alone (test: no other
    government's name or number appears), except its rank among the province's governments."""
    moment = week_moment(week)
    today = timezone.localdate(moment)
    since = moment - dt.timedelta(days=7)
    province = region.parent or region
    ranked = figures.for_province(programme, province, today=today).ranking()
    fig = next(f for f in ranked if f.scope.pk == region.pk)
    documents = Document.objects.of_programme(programme).in_force(today).filter(region=region)
    last_return = StatusChange.objects.filter(
        document=OuterRef("pk"), to_status=Status.NEEDS_REVISION
    ).order_by("-created_at", "-pk")
    returned = list(
        documents.filter(status=Status.NEEDS_REVISION)
        .select_related("requirement", "unit")
        .annotate(
            return_note=Subquery(last_return.values("note")[:1]),
            return_reason=Subquery(last_return.values("reason_code")[:1]),
            return_source=Subquery(last_return.values("source")[:1]),
        )
        .order_by("-status_changed_at", "pk")
    )
    for doc in returned:
        doc.is_new = doc.status_changed_at >= since
        doc.returned_by_kpk = doc.return_source == Source.KPK
        doc.reason_label = _reason_label(doc.return_reason)
    missing: dict[str, list[Document]] = defaultdict(list)
    for doc in (
        documents.filter(status=Status.NOT_UPLOADED)
        .select_related("requirement", "unit")
        .order_by("unit__short_name", "requirement__code")
    ):
        missing[doc.unit.short_name if doc.unit else ""].append(doc)
    due_this_week = list(
        documents.filter(
            status__in=[Status.NOT_UPLOADED, Status.NEEDS_REVISION],
            due_on__gte=today,
            due_on__lt=today + dt.timedelta(days=7),
        )
        .select_related("requirement", "unit")
        .order_by("due_on", "requirement__code")
    )
    overdue = list(mentoring.overdue(programme, [region], today=today))
    return {
        "spi": spi.summary(spi.current(), [region], today=today),
        "overdue_commitments": overdue[:LIST_LIMIT],
        "overdue_more": max(len(overdue) - LIST_LIMIT, 0),
        "programme": programme,
        "region": region,
        "user_name": person_name(user),
        "week": week,
        "moment": moment,
        "since": since,
        "fig": fig,
        "ranked_count": len(ranked),
        "returned": returned[:LIST_LIMIT],
        "returned_count": len(returned),
        "returned_more": max(len(returned) - LIST_LIMIT, 0),
        "returned_this_week": sum(1 for d in returned if d.is_new),
        "missing": [
            (unit, docs[:MISSING_PER_AGENCY], max(len(docs) - MISSING_PER_AGENCY, 0), len(docs))
            for unit, docs in sorted(missing.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ][:AGENCY_LIMIT],
        "missing_count": sum(len(docs) for docs in missing.values()),
        "agencies_more": max(len(missing) - AGENCY_LIMIT, 0),
        "due_this_week": due_this_week[:LIST_LIMIT],
        "due_more": max(len(due_this_week) - LIST_LIMIT, 0),
        "region_url": link(reverse("region", args=[region.code])),
        "settings_url": link(reverse("email-settings")),
    }


def _reason_label(code: str | None) -> str:
    reason = ReturnReason.of(code or "")
    return str(reason.label) if reason else ""


@reads_from_replica  # figures a few seconds old are fine in a weekly email
def build_leadership(delivery: Delivery):
    context = leadership_context(
        delivery.programme, delivery.region, delivery.recipient_user, delivery.period
    )
    return emails.message(
        "digest-leadership", context, to=delivery.recipient, language=delivery.language
    )


@reads_from_replica
def build_region(delivery: Delivery):
    context = region_context(
        delivery.programme, delivery.region, delivery.recipient_user, delivery.period
    )
    return emails.message(
        "digest-region", context, to=delivery.recipient, language=delivery.language
    )
