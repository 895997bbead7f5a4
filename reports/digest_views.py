"""/reports/digests/: this week's digests as each recipient gets them, the delivery log, and
"send now" through the same once-only path as the schedule. Inspectorate staff only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods

from documents.decorators import with_programme
from regions import scoping
from regions.decorators import inspectorate_required
from reports import digests, outbox
from reports.models import Delivery, DeliveryKind
from reports.tasks import send_delivery

LOG_LENGTH = 100


def _rows_in_scope(user, programme, week: str) -> list[Delivery]:
    """This week's digest rows (unsaved) for recipients in the governments the user sees."""
    visible = set(scoping.regions_visible_to(user).values_list("pk", flat=True))
    return [row for row in digests.plan(programme, week) if row.region_id in visible]


def _preview_url(row: Delivery) -> str:
    query = urlencode({"kind": row.kind, "user": row.recipient_user_id, "region": row.region_id})
    return f"{reverse('digest-preview')}?{query}"


@login_required
@inspectorate_required
@require_http_methods(["GET", "POST"])
@with_programme
def digests_page(request, programme):
    week = digests.iso_week(timezone.now())
    if request.method == "POST":
        # Send now: the rows the schedule would create; existing ones are not sent again.
        rows = outbox.plan_digests(programme, week)
        for row in rows:
            send_delivery.delay(row.pk)
        messages.success(
            request,
            _("%(n)d ringkasan baru untuk %(week)s dikirim; yang sudah ada tidak dikirim ulang.")
            % {"n": len(rows), "week": week},
        )
        return redirect("digests")
    rows = _rows_in_scope(request.user, programme, week)
    previews = [(row, _preview_url(row)) for row in rows]
    chosen = request.GET.get("preview", "")
    selected = next((url for _row, url in previews if url == chosen), None)
    if selected is None and previews:
        selected = previews[0][1]
    log = (
        Delivery.objects.filter(
            programme=programme, region__in=scoping.regions_visible_to(request.user)
        )
        .select_related("recipient_user", "region")
        .order_by("-created_at", "-pk")[:LOG_LENGTH]
    )
    return render(
        request,
        "reports/digests.html",
        {
            "programme": programme,
            "week": week,
            "moment": digests.week_moment(week),
            "previews": previews,
            "selected": selected,
            "log": log,
        },
    )


# The email's own inline styles, and nothing else: no scripts, no images from anywhere. It is
# shown in an <iframe> of /reports/digests/, hence same-origin framing.
EMAIL_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
}


@require_GET
@login_required
@inspectorate_required
@with_programme
@csp_override(EMAIL_CSP)
@xframe_options_sameorigin
def digest_preview(request, programme):
    """One recipient's digest of this week, as the HTML part of the email they get."""
    try:
        kind = DeliveryKind(request.GET.get("kind", ""))
        user_id = int(request.GET.get("user", ""))
        region_id = int(request.GET.get("region", ""))
    except ValueError:
        return HttpResponseBadRequest("kind, user and region are required")
    week = digests.iso_week(timezone.now())
    for row in _rows_in_scope(request.user, programme, week):
        if (row.kind, row.recipient_user_id, row.region_id) == (kind, user_id, region_id):
            break
    else:
        raise Http404("no such recipient of this week's digests in your scope")
    message = outbox.build(row)
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    return HttpResponse(html)
