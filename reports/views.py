"""The dashboard: where the province stands today, for inspectorate staff and leadership."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseStopPolling, trigger_client_event

from documents.decorators import with_programme
from documents.models import UPLOADED_FIGURE, Document, ProgrammeKind, Status, StatusChange
from mcsp_tracker.db_router import reads_from_replica
from regions import scoping
from regions.decorators import inspectorate_required
from regions.models import RegionKind, Role
from reports import charts, figures, spi, weekly
from reports import live as live_updates
from reports.forms import ProvinceScoresForm, ScoreForm
from reports.models import ScoreRecord
from reports.scores import record_score


@require_GET
@login_required
@vary_on_headers("HX-Request")
def dashboard(request):
    if request.htmx and request.htmx.target == "figures":
        # The live refresh after a change (reports/live.py): read where the change is.
        return _dashboard(request)
    # The whole page may be a few seconds behind: it polls for changes from that much earlier.
    with reads_from_replica():
        return _dashboard(request)


def _dashboard(request):
    home = scoping.home_region(request.user)
    if home is None:
        return render(request, "reports/no_scope.html")
    if home.kind != RegionKind.PROVINCE:
        # Regency, city and agency users land on what they still have to do.
        return redirect("todo")
    return _province_dashboard(request, home)


@with_programme
def _province_dashboard(request, programme, home):
    today = timezone.localdate()
    governments = scoping.home_membership(request.user).government_ids
    context = {
        "live": live_updates.poller(live_updates.poll_url(request.user, governments)),
        "programme": programme,
        "province": home,
        "figures_body": _figures_body(request, programme, home, governments, today),
        # The SPI follow-up beside MCSP (not on the SPI programme's own dashboard).
        "spi": spi.for_province(home, today=today)
        if programme.kind == ProgrammeKind.MCSP
        else None,
    }
    if request.htmx and request.htmx.target == "figures":
        return render(request, "reports/dashboard.html#figures", context)
    return render(request, "reports/dashboard.html", context)


def _figures_key(*parts) -> str:
    return "dashboard-figures:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _figures_body(request, programme, home, governments, today) -> str:
    """The dashboard's figures, ranking, heat map, trend and lists, as HTML. They are the same
    for everyone who sees the whole province, so they are rendered once per state of its data
    (figures.province_state: one query), language and day, and kept for FIGURES_CACHE_SECONDS:
    every open dashboard refreshes itself after each change in the province (reports/live.py),
    and all of them but the first then read it from the cache (issue 16)."""
    key = None
    if scoping.sees_every_document_of(request.user, governments):
        state = figures.province_state(programme, governments)
        key = _figures_key(
            settings.FIGURES_CACHE_PREFIX, programme.pk, home.pk, today, get_language(), state
        )
        body = cache.get(key)
        if body is not None:
            return body
    result = figures.for_province(programme, home, today=today)
    own = result.by_region[home.pk]
    ranking = result.ranking()
    total = result.combined
    visible = figures.scoped_documents(request.user, programme, today)
    context = {
        "programme": programme,
        "province": home,
        "own": own,
        "total": total,
        "ranking": ranking,
        "areas": result.areas,
        "heatmap": result.heatmap([own, *ranking]),
        "trend": charts.weekly_trend(
            programme,
            list(result.by_region),
            today,
            live=(total.total, total.uploaded, total.accepted),
            labels={"uploaded": UPLOADED_FIGURE, "accepted": Status.ACCEPTED.label},
        ),
        "returns": figures.returns(visible),
        "waiting_longest": figures.waiting_longest(visible),
        "latest_changes": figures.latest_changes(request.user, result.by_region),
        "chat": weekly.chat_text(weekly.recap_from(result, home, programme, as_of=timezone.now())),
        "image_url": f"{reverse('ranking-image')}?programme={programme.slug}",
    }
    body = render_to_string("reports/dashboard.html#figures-body", context, request=request)
    if key:
        cache.set(key, body, settings.FIGURES_CACHE_SECONDS)
    return body


@login_required
@with_programme
def region_scores(request, programme, code: str):
    """Inspectorate staff record the official score of a government as jaga.id shows it."""
    region = scoping.get_region_for_user(request.user, code)
    if scoping.role_for(request.user, region) != Role.INSPECTORATE:
        raise PermissionDenied
    form = ScoreForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        record = record_score(
            programme,
            region,
            form.cleaned_data["value"],
            form.cleaned_data["recorded_on"],
            by=request.user,
            area=form.cleaned_data["area"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _("Skor %(value)s dicatat untuk %(region)s.")
            % {"value": formats.number_format(record.value, 2), "region": region.short_name},
        )
        return redirect("region", code=region.code)
    history = ScoreRecord.objects.filter(programme=programme, region=region).select_related(
        "area", "entered_by"
    )
    return render(
        request,
        "reports/scores.html",
        {
            "region": region,
            "programme": programme,
            "form": form,
            "history": history,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@inspectorate_required
@with_programme
def province_scores(request, programme):
    """Every government's official score for one date at once, as jaga.id lists them."""
    province = scoping.home_region(request.user)
    regions = (
        scoping.regions_visible_to(request.user)
        .filter(Q(pk=province.pk) | Q(parent=province))
        .order_by("code")
    )
    form = ProvinceScoresForm(request.POST or None, programme=programme, regions=regions)
    if request.method == "POST" and form.is_valid():
        scores = form.scores()
        with transaction.atomic():
            for region, value in scores.items():
                record_score(
                    programme,
                    region,
                    value,
                    form.cleaned_data["recorded_on"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
        messages.success(
            request,
            ngettext(
                "Skor %(n)d pemerintah daerah dicatat untuk %(day)s.",
                "Skor %(n)d pemerintah daerah dicatat untuk %(day)s.",
                len(scores),
            )
            % {
                "n": len(scores),
                "day": formats.date_format(form.cleaned_data["recorded_on"], "j F Y"),
            },
        )
        return redirect("scores")
    current = figures.latest_scores(programme, [r.pk for r in form.regions])
    return render(
        request,
        "reports/province_scores.html",
        {
            "form": form,
            "programme": programme,
            "rows": [
                (region, field, score, figures.band_for(score.value if score else None))
                for region, field in form.rows()
                for score in [current.get(region.pk)]
            ],
        },
        status=400 if form.is_bound else 200,
    )


@require_GET
@never_cache
def live(request):
    """The poll of an open page: see reports/live.py. Deliberately not @login_required, which
    would load the user; the session alone says who is asking."""
    user_id = request.session.get(SESSION_KEY)
    if user_id is None:
        return HttpResponseStopPolling()
    try:
        token_user, region_ids = live_updates.read_token(request.GET.get("t", ""))
        since = live_updates.from_micros(request.GET.get("since", ""))
    except (signing.BadSignature, ValueError, KeyError, OverflowError):
        return HttpResponseBadRequest("bad live token")
    if str(token_user) != str(user_id):
        raise PermissionDenied
    latest = live_updates.latest_change(region_ids)
    if latest is None or latest <= since:
        return HttpResponse(status=204)
    # Something changed: say what, within what this user may see (more queries, rarely).
    recent = list(
        StatusChange.objects.visible_to(request.user, within=region_ids)
        .filter(created_at__gt=since)
        .select_related("document__requirement", "document__region")
        .order_by("-created_at", "-pk")[:6]
    )
    # "pk:version" of each changed document: an open panel that already shows that version
    # (the user's own change) is current; another version means someone else changed it.
    changed = [
        f"{pk}:{version}"
        for pk, version in Document.objects.visible_to(request.user, within=region_ids)
        .filter(updated_at__gt=since)
        .values_list("pk", "version")[:500]
    ]
    response = render(
        request,
        "reports/_live.html",
        {
            "live": live_updates.poller(live_updates.next_poll_url(request.GET["t"], latest)),
            "changes": recent[:5],
            "more": max(len(recent) - 5, 0),
            "updated": True,
            "changed": changed,
        },
    )
    # After the swap, so listeners find the new #live element (with data-changed) in place.
    return trigger_client_event(response, "scopeChanged", after="swap")
