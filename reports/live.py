"""Live progress by polling: cheap when nothing changed, a refresh signal when something did.

An open dashboard or government page carries a small ``#live`` element that htmx polls every
few seconds (``templates/reports/_live.html``). The poll URL holds a signed token naming the
user and the governments the page shows, and the moment the page was drawn. The poll view then
needs only the session (to check the token belongs to the logged-in user) and one indexed
query — the newest ``Document.updated_at`` of those governments — to answer:

* 204, no body: nothing changed; htmx leaves the page alone;
* 200: a new ``#live`` element with a short note of what changed, and the ``scopeChanged``
  event, on which the page's figures and checklist re-fetch themselves (open panels and text
  being typed are outside those fragments, so they survive);
* 286: the session is gone; htmx stops polling.

Hidden browser tabs do not poll (static/js/app.js cancels the request).
"""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from documents.models import Document
from mcsp_tracker import db_router
from regions.models import Region

SALT = "mcsp.live"
POLL_SECONDS = 5


def poll_url(user, region_ids, *, now: dt.datetime | None = None) -> str:
    """The address an open page polls, valid for this user and these governments only."""
    token = signing.dumps({"u": user.pk, "r": sorted(region_ids)}, salt=SALT, compress=True)
    # A page drawn from the read replica may lack the last seconds of changes: ask from then.
    since = _micros((now or timezone.now()) - db_router.lag_margin())
    return f"{reverse('live')}?{urlencode({'t': token, 'since': since})}"


def read_token(token: str) -> tuple[int, list[int]]:
    """(user id, region ids) from a token, or signing.BadSignature."""
    data = signing.loads(token, salt=SALT)
    return int(data["u"]), [int(r) for r in data["r"]]


def latest_change(region_ids) -> dt.datetime | None:
    """The one query of an unchanged poll: the newest ``updated_at`` of each government, read
    from the end of the index document_region_updated (one entry per government), then the
    newest of those. A single MAX over ``region_id IN (…)`` walked every index entry of the
    province instead, and more as dead entries piled up until autovacuum (issue 16)."""
    newest = (
        Document.objects.filter(region_id=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    return (
        Region.objects.filter(pk__in=region_ids)
        .annotate(t=Subquery(newest))
        .aggregate(latest=Max("t"))["latest"]
    )


def poller(url: str) -> dict:
    """What templates/reports/_live.html needs: where to poll and how often."""
    return {"url": url, "seconds": POLL_SECONDS}


def _micros(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def from_micros(value: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(value) / 1_000_000, tz=dt.UTC)


def next_poll_url(token: str, moment: dt.datetime) -> str:
    return f"{reverse('live')}?{urlencode({'t': token, 'since': _micros(moment)})}"
