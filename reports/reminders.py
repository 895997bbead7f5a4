"""Deadline reminders at D-14, D-7, D-3 and D-1, to PICs and agency operators with work left.

Only the newest checkpoint that has come is ever planned: a worker that was down over D-7 sends
the D-7 reminder once on its next tick, and on D-3 the D-3 one; never a burst of stale ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, Programme, Status
from regions import preferences
from regions.models import Membership, Role, person_name, profile_for
from reports import emails
from reports.digests import link
from reports.models import Delivery, DeliveryKind

CHECKPOINTS = (14, 7, 3, 1)  # days before the last day
REMINDER_TIME = dt.time(7, 0)  # WIB
OPEN = (Status.NOT_UPLOADED, Status.NEEDS_REVISION)


def checkpoint_on(programme: Programme, day: dt.date) -> int | None:
    """The newest checkpoint that has come by ``day`` (None before D-14 and after the deadline).
    On the last day itself a missed D-1 is still worth sending."""
    days = programme.days_left(day)
    if days < 0 or days > CHECKPOINTS[0]:
        return None
    return min(k for k in CHECKPOINTS if k >= max(days, 1))


def checkpoint_at(programme: Programme, now: dt.datetime) -> int | None:
    """The checkpoint due at ``now``: a day's reminders go out from 07:00 WIB."""
    local = timezone.localtime(now)
    day = local.date() if local.time() >= REMINDER_TIME else local.date() - dt.timedelta(days=1)
    return checkpoint_on(programme, day)


def period(checkpoint: int) -> str:
    return f"D-{checkpoint}"


def _open_documents(programme: Programme, day: dt.date):
    return Document.objects.of_programme(programme).in_force(day).filter(status__in=OPEN)


def plan(programme: Programme, checkpoint: int, day: dt.date) -> list[Delivery]:
    """Rows for everyone who still has documents not uploaded or returned. Two queries."""
    left: dict[tuple[int, int | None], int] = defaultdict(int)
    for row in (
        _open_documents(programme, day)
        .values("region_id", "unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        left[(row["region_id"], None)] += row["n"]  # the PIC's count: every agency's
        if row["unit_id"] is not None:
            left[(row["region_id"], row["unit_id"])] += row["n"]  # the operator's
    rows = []
    for m in (
        Membership.objects.filter(role__in=[Role.REGIONAL, Role.AGENCY], user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "user__profile", "region")
        .order_by("region__code", "user__username")
    ):
        key = (m.region_id, m.unit_id if m.role == Role.AGENCY else None)
        if not left.get(key) or not preferences.wants(m.user, "reminders"):
            continue
        rows.append(
            Delivery(
                programme=programme,
                kind=DeliveryKind.REMINDER,
                period=period(checkpoint),
                recipient_user=m.user,
                region=m.region,
                recipient=m.user.email,
                language=profile_for(m.user).language,
            )
        )
    return rows


def build(delivery: Delivery):
    user = delivery.recipient_user
    if not preferences.wants(user, "reminders"):
        return None
    membership = Membership.objects.filter(user=user, region=delivery.region).first()
    if membership is None:
        return None
    today = timezone.localdate()
    documents = _open_documents(delivery.programme, today).filter(region=delivery.region)
    if membership.role == Role.AGENCY:
        documents = documents.filter(unit=membership.unit)
    by_unit: dict[str, list[Document]] = defaultdict(list)
    for doc in documents.select_related("requirement", "unit").order_by(
        "unit__short_name", "requirement__code"
    ):
        by_unit[doc.unit.short_name if doc.unit else ""].append(doc)
    if not by_unit:
        return None  # finished since the reminder was planned
    context = {
        "programme": delivery.programme,
        "region": delivery.region,
        "unit": membership.unit,
        "user_name": person_name(user),
        "checkpoint": delivery.period,
        "countdown": delivery.programme.countdown(today),
        "deadline": delivery.programme.deadline,
        "by_unit": sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        "total_left": sum(len(docs) for docs in by_unit.values()),
        "region_url": link(reverse("region", args=[delivery.region.code])),
        "unsubscribe_url": preferences.unsubscribe_url(user, "reminders"),
    }
    return emails.message(
        "reminder",
        context,
        to=delivery.recipient,
        language=delivery.language,
        headers=preferences.unsubscribe_headers(user, "reminders"),
    )
