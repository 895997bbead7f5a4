"""The dashboard: where the province stands today, for inspectorate staff and leadership."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from documents.models import Document, Programme, Status, StatusChange
from regions import scoping
from regions.models import RegionKind, Role
from reports import charts, figures
from reports.forms import ScoreForm
from reports.models import ScoreRecord

HEAT_STEPS = (20, 40, 60, 80, 95)  # % accepted bounds for heat-0 … heat-5


def heat_level(pct) -> int:
    if pct is None:
        return -1
    return sum(1 for bound in HEAT_STEPS if pct >= bound)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def dashboard(request):
    home = scoping.home_region(request.user)
    if home is None:
        return render(request, "reports/no_scope.html")
    if home.kind != RegionKind.PROVINCE:
        # Regency, city and agency users work on their own government's page.
        return redirect("region", code=home.code)
    programme = Programme.objects.current()
    if programme is None:
        return render(request, "documents/no_programme.html")
    today = timezone.localdate()
    result = figures.for_province(programme, home, today=today)
    own = result.by_region[home.pk]
    ranking = result.ranking()
    heatmap = [
        (fig, [(area, fig.area_pct_accepted(area.pk)) for area in result.areas])
        for fig in [own, *ranking]
    ]
    heatmap = [
        (fig, [(area, pct, heat_level(pct)) for area, pct in cells]) for fig, cells in heatmap
    ]
    total = result.combined
    trend = charts.weekly_trend(
        programme,
        list(result.by_region),
        today,
        live=(total.total, total.uploaded, total.accepted),
        labels={"uploaded": _("Diunggah"), "accepted": _("Diterima")},
    )
    visible = Document.objects.visible_to(request.user).of_programme(programme).in_force(today)
    context = {
        "programme": programme,
        "province": home,
        "own": own,
        "total": total,
        "ranking": ranking,
        "areas": result.areas,
        "heatmap": heatmap,
        "trend": trend,
        "waiting_longest": visible.filter(status=Status.VERIFYING)
        .select_related("requirement", "region", "unit")
        .order_by("status_changed_at", "pk")[:10],
        "latest_changes": StatusChange.objects.visible_to(request.user)
        .select_related("document__requirement", "document__region", "actor")
        .order_by("-created_at", "-pk")[:10],
    }
    if request.htmx and request.htmx.target == "figures":
        return render(request, "reports/dashboard.html#figures", context)
    return render(request, "reports/dashboard.html", context)


@login_required
def region_scores(request, code: str):
    """Inspectorate staff record the official score of a government as jaga.id shows it."""
    region = scoping.get_region_for_user(request.user, code)
    if scoping.role_for(request.user, region) != Role.INSPECTORATE:
        raise PermissionDenied
    programme = Programme.objects.current()
    if programme is None:
        return render(request, "documents/no_programme.html")
    form = ScoreForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.programme, record.region, record.entered_by = programme, region, request.user
        record.save()
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
