"""Notices when KPK or the inspectorate's review returns or accepts a document.

Batched: the first change of a batch window (NOTICE_BATCH_MINUTES, counted from the hour in
WIB) creates one Delivery per recipient, due at the window's end plus a grace for transactions
still committing; the email then lists every such change of that window the recipient may see.
A bulk change of 40 documents is one email. Changes from ``sync`` and ``import`` arrive in
bulk and are summed up in the next weekly digest instead.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from documents.models import Source, Status, StatusChange
from regions import preferences
from regions.models import Membership, Role, person_name, profile_for
from reports import emails
from reports.digests import link
from reports.models import Delivery, DeliveryKind

SOURCES = (Source.KPK, Source.REVIEW)
OUTCOMES = (Status.NEEDS_REVISION, Status.ACCEPTED)
GRACE = dt.timedelta(seconds=30)
PERIOD_FORMAT = "%Y-%m-%dT%H:%M"


def is_notable(change: StatusChange) -> bool:
    return change.source in SOURCES and change.to_status in OUTCOMES


def window(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The batch window holding ``moment``: [start, end) in WIB."""
    minutes = settings.NOTICE_BATCH_MINUTES
    local = timezone.localtime(moment)
    start = local.replace(minute=local.minute - local.minute % minutes, second=0, microsecond=0)
    if minutes > 60:
        start = start.replace(minute=0)
    return start, start + dt.timedelta(minutes=minutes)


def window_of(period: str) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.strptime(period, PERIOD_FORMAT))
    return start, start + dt.timedelta(minutes=settings.NOTICE_BATCH_MINUTES)


def recipients(change: StatusChange):
    """The PICs of the document's government and the operators of its agency."""
    document = change.document
    who = Q(role=Role.REGIONAL)
    if document.unit_id:
        who |= Q(role=Role.AGENCY, unit_id=document.unit_id)
    return (
        Membership.objects.filter(who, region_id=document.region_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "user__profile", "region")
    )


def plan(change: StatusChange) -> list[Delivery]:
    if not is_notable(change):
        return []
    start, end = window(change.created_at)
    programme = change.document.requirement.programme
    return [
        Delivery(
            programme=programme,
            kind=DeliveryKind.NOTICE,
            period=start.strftime(PERIOD_FORMAT),
            recipient_user=m.user,
            region=m.region,
            recipient=m.user.email,
            language=profile_for(m.user).language,
            not_before=end + GRACE,
        )
        for m in recipients(change)
        if preferences.wants(m.user, "notices")
    ]


def changes_for(delivery: Delivery):
    start, end = window_of(delivery.period)
    return (
        StatusChange.objects.visible_to(delivery.recipient_user, within=[delivery.region_id])
        .filter(
            document__requirement__programme=delivery.programme,
            source__in=SOURCES,
            to_status__in=OUTCOMES,
            created_at__gte=start,
            created_at__lt=end,
        )
        .select_related("document__requirement", "document__unit", "actor")
        .order_by("to_status", "document__requirement__code", "created_at")
    )


def build(delivery: Delivery):
    user = delivery.recipient_user
    if not preferences.wants(user, "notices"):
        return None
    changes = list(changes_for(delivery))
    if not changes:
        return None
    returned = [c for c in changes if c.to_status == Status.NEEDS_REVISION]
    accepted = [c for c in changes if c.to_status == Status.ACCEPTED]
    context = {
        "programme": delivery.programme,
        "region": delivery.region,
        "user_name": person_name(user),
        "returned": returned,
        "accepted": accepted,
        "countdown": delivery.programme.countdown(timezone.localdate()),
        "region_url": link(reverse("region", args=[delivery.region.code])),
        "unsubscribe_url": preferences.unsubscribe_url(user, "notices"),
    }
    return emails.message(
        "notice",
        context,
        to=delivery.recipient,
        language=delivery.language,
        headers=preferences.unsubscribe_headers(user, "notices"),
    )
