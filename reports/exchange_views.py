"""Excel in and out: the /reports/ page, recap workbooks, the evidence bundle and the imports.

Scoping as everywhere: a government comes through ``scoping.get_region_for_user`` (404 outside
scope), documents through ``visible_in``; imports are for inspectorate staff (403 otherwise)
and each import row is checked again by the workflow or against the user's governments.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from documents.decorators import with_programme
from mcsp_tracker.db_router import reads_from_replica
from regions import scoping
from regions.decorators import inspectorate_required
from regions.models import Region, RegionKind
from reports import bundles, imports, workbooks
from sheets.intake import SheetError, errors_workbook, open_workbook, sha256
from sheets.models import StoredPlan
from sheets.web import UploadForm, get_plan_for_user


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- the page ------------------------------------------------------------------------------------


@require_GET
@login_required
@with_programme
def reports_page(request, programme):
    home = scoping.home_region(request.user)
    if home is None:
        return render(request, "reports/no_scope.html")
    may_import = scoping.is_inspectorate(request.user)
    context = {
        "programme": programme,
        "home": home,
        "is_province": home.kind == RegionKind.PROVINCE,
        "governments": scoping.regions_visible_to(request.user).order_by("code"),
        "may_import": may_import,
        "form": ImportForm() if may_import else None,
        "recent": StoredPlan.objects.filter(created_by=request.user)[:5] if may_import else [],
    }
    return render(request, "reports/reports.html", context)


# --- recap ---------------------------------------------------------------------------------------


def _recap_response(request, scope: workbooks.RecapScope) -> HttpResponse:
    now = timezone.localtime()
    content = workbooks.recap(request.user, scope, now=now)
    return _download(content, workbooks.recap_filename(scope, now.date()), workbooks.CONTENT_TYPE)


@require_GET
@login_required
@reads_from_replica
@with_programme
def recap(request, programme):
    """The user's province (every government under it), or their own government."""
    home = scoping.home_region(request.user)
    if home is None:
        raise Http404("No government in your scope")
    if home.kind == RegionKind.PROVINCE:
        regions = [home, *Region.objects.filter(parent=home).order_by("code")]
        scope = workbooks.RecapScope(programme, regions, home.name, province=home)
    else:
        scope = workbooks.RecapScope(programme, [home], home.name)
    return _recap_response(request, scope)


@require_GET
@login_required
@reads_from_replica
@with_programme
def region_recap(request, programme, code: str):
    region = scoping.get_region_for_user(request.user, code)
    return _recap_response(request, workbooks.RecapScope(programme, [region], region.name))


# --- evidence bundle -----------------------------------------------------------------------------


@require_GET
@login_required
@reads_from_replica
@with_programme
def region_evidence(request, programme, code: str):
    region = scoping.get_region_for_user(request.user, code)
    stream = bundles.bundle(bundles.entries(request.user, programme, region))
    response = StreamingHttpResponse(stream, content_type="application/zip")
    response["Content-Length"] = str(len(stream))
    filename = bundles.bundle_filename(region, timezone.localdate())
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- imports -------------------------------------------------------------------------------------

KINDS = {
    imports.STATUS: gettext_lazy("Status dokumen (verifikasi KPK / rekap lama)"),
    imports.SCORE: gettext_lazy("Skor resmi dari jaga.id"),
}


class ImportForm(UploadForm):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis impor"), choices=KINDS.items())
    field_order = ["kind", "file"]


@login_required
@inspectorate_required
@with_programme
def import_page(request, programme):
    """Upload (POST) → the plan is stored → its preview (GET ?plan=…), from which it is applied."""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return _import_form(request, programme, form, status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = imports.preview(
                form.cleaned_data["kind"],
                open_workbook(data),
                user=request.user,
                programme=programme,
                file_name=upload.name,
                sha=sha256(data),
            )
        except SheetError as error:
            return _import_form(request, programme, form, error=error.message, status=400)
        stored = imports.keep(plan, data, by=request.user, programme=programme)
        return redirect(f"{reverse('reports-import')}?plan={stored.pk}")
    if "plan" in request.GET:
        return _preview_page(
            request, programme, get_plan_for_user(request.user, request.GET["plan"], *KINDS)
        )
    return _import_form(request, programme, ImportForm(initial={"kind": request.GET.get("kind")}))


def _import_form(request, programme, form, *, error: str = "", status: int = 200):
    context = {"programme": programme, "form": form, "error": error}
    return render(request, "reports/import.html", context, status=status)


def _preview_page(request, programme, stored: StoredPlan):
    plan = stored.load()
    context = {
        "programme": programme,
        "stored": stored,
        "plan": plan,
        "kind_label": KINDS.get(plan.kind, plan.kind),
        "earlier": stored.earlier_applied().select_related("created_by").first(),
    }
    return render(request, "reports/import_preview.html", context)


@require_POST
@login_required
@inspectorate_required
def import_apply(request):
    if not request.POST.get("plan"):
        return HttpResponseBadRequest(_("Rencana impor tidak disebutkan."))
    stored = get_plan_for_user(request.user, request.POST["plan"], *KINDS)
    try:
        applied = imports.apply(stored, by=request.user)
    except imports.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect(f"{reverse('reports-import')}?plan={stored.pk}")
    messages.success(
        request,
        ngettext(
            "%(n)d perubahan dari “%(file)s” diterapkan.",
            "%(n)d perubahan dari “%(file)s” diterapkan.",
            applied.changed,
        )
        % {"n": applied.changed, "file": stored.file_name},
    )
    return redirect("reports")


@require_GET
@login_required
@inspectorate_required
def import_errors(request):
    """The uploaded workbook handed back with a "Kesalahan" column."""
    if not request.GET.get("plan"):
        return HttpResponseBadRequest(_("Rencana impor tidak disebutkan."))
    stored = get_plan_for_user(request.user, request.GET["plan"], *KINDS)
    content = errors_workbook(bytes(stored.file), stored.load())
    stem = stored.file_name.rsplit(".", 1)[0]
    return _download(content, f"{stem}-kesalahan.xlsx", workbooks.CONTENT_TYPE)


@require_GET
@login_required
@inspectorate_required
def import_template(request):
    kind = request.GET.get("kind", imports.STATUS)
    if kind not in KINDS:
        return HttpResponseBadRequest(_("Jenis impor tidak dikenal."))
    name = {imports.STATUS: "templat-impor-status.xlsx", imports.SCORE: "templat-impor-skor.xlsx"}
    return _download(workbooks.import_template(kind), name[kind], workbooks.CONTENT_TYPE)
