"""The weekly achievement page: public, read-only pages of published weeks (no login, no personal
data, publicly cacheable), publishing a week (inspectorate), and the recap for chat groups.

The public pages read only PublishedWeek/PublishedRow (reports.weekly): aggregates an
inspectorate user published, nothing live. They use their own shell (reports/public.html):
no session, CSRF token or CSP nonce in the page, so one cached copy serves every visitor.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.decorators.vary import vary_on_cookie

from documents.decorators import with_programme
from documents.models import ProgrammeKind
from mcsp_tracker.db_router import reads_from_replica
from regions import scoping
from regions.decorators import inspectorate_required
from regions.models import Region, RegionKind
from reports import ranking_image, weekly
from reports.models import PublishedWeek

# A published week never changes: a day in any cache. The archive gains a week now and then.
WEEK_MAX_AGE = 24 * 60 * 60
ARCHIVE_MAX_AGE = 5 * 60


def _province(code: str) -> Region:
    return get_object_or_404(Region, code=code, kind=RegionKind.PROVINCE)


def _published(code: str, week: str) -> PublishedWeek:
    province = _province(code)
    found = weekly.published_weeks(province).filter(week=week).first()
    if found is None:
        raise Http404("Week not published")
    return found


def _page_url(request, week: PublishedWeek) -> str:
    return request.build_absolute_uri(reverse("weekly", args=[week.province.code, week.week]))


# --- public ---------------------------------------------------------------------------------------


@require_safe
@cache_control(public=True, max_age=ARCHIVE_MAX_AGE)
@vary_on_cookie  # the language cookie
@reads_from_replica
def archive(request, code: str):
    province = _province(code)
    weeks = list(weekly.published_weeks(province))
    return render(request, "reports/weekly_archive.html", {"province": province, "weeks": weeks})


@require_safe
@cache_control(public=True, max_age=WEEK_MAX_AGE)
@vary_on_cookie
@reads_from_replica
def week_page(request, code: str, week: str):
    published = _published(code, week)
    recap = weekly.published_recap(published)
    others = list(weekly.published_weeks(published.province).values_list("week", flat=True)[:8])
    return render(
        request,
        "reports/weekly.html",
        {
            "published": published,
            "recap": recap,
            "province_lines": [recap.own, recap.total],
            "chat": weekly.chat_text(recap, _page_url(request, published)),
            "image_url": reverse("weekly-image", args=[published.province.code, published.week]),
            "others": others,
        },
    )


@require_safe
@cache_control(public=True, max_age=WEEK_MAX_AGE)
@reads_from_replica
def week_image(request, code: str, week: str):
    published = _published(code, week)
    recap = weekly.published_recap(published)
    png = ranking_image.render(recap, footer=_page_url(request, published))
    return _png(png, f"peringkat-{published.province.code}-{published.week}.png")


def _png(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/png")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


# --- the user's own province, live ----------------------------------------------------------------


def _home_province(user) -> Region:
    home = scoping.home_region(user)
    if home is None:
        raise Http404("No government in your scope")
    return home if home.kind == RegionKind.PROVINCE else home.parent


@require_GET
@login_required
@reads_from_replica
@with_programme
def live_image(request, programme):
    """The dashboard's "Unduh gambar": the ranking as it stands now (aggregates only)."""
    province = _home_province(request.user)
    recap = weekly.live_recap(programme, province)
    day = timezone.localdate()
    return _png(ranking_image.render(recap), f"peringkat-{province.code}-{day:%Y-%m-%d}.png")


# --- publishing -----------------------------------------------------------------------------------


class PublishForm(forms.Form):
    week = forms.CharField(
        label=gettext_lazy("Minggu"),
        max_length=8,
        help_text=gettext_lazy(
            "Minggu ISO, mis. 2026-W48. Angka per akhir minggu (Minggu 23.59 WIB); minggu "
            "berjalan memakai angka saat ini."
        ),
        widget=forms.TextInput(attrs={"pattern": r"\d{4}-W\d{2}", "autocomplete": "off"}),
    )


@login_required
@inspectorate_required
@with_programme
def publish(request, programme):
    """Inspectorate staff publish a week of their province; the page shows what is published."""
    province = scoping.home_region(request.user)
    if province is None or province.kind != RegionKind.PROVINCE:
        raise Http404("Publishing is for the provincial inspectorate")
    if programme.kind != ProgrammeKind.MCSP:
        raise Http404("Only MCSP weeks are published")
    form = PublishForm(request.POST or None, initial={"week": weekly.week_of(timezone.localdate())})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                published = weekly.publish(
                    programme, province, form.cleaned_data["week"], by=request.user
                )
            except weekly.PublishError as error:
                form.add_error("week", str(error))
            else:
                messages.success(
                    request,
                    _("Capaian minggu %(week)s diterbitkan.") % {"week": published.week},
                )
                return redirect("publish-week")
    weeks = weekly.published_weeks(province).filter(programme=programme)
    return render(
        request,
        "reports/publish.html",
        {"form": form, "province": province, "programme": programme, "weeks": weeks},
        status=status,
    )
