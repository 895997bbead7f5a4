"""/checklist/: a programme's checklist for inspectorate staff — the guidebook import (preview →
apply), editing and retiring requirements, the yearly rollover with its preview, and closing
last year. Every write goes through documents.checklist / documents.rollover; a closed
programme refuses them all.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from documents import checklist, rollover
from documents.decorators import with_programme
from documents.models import WEIGHT, Area, Programme, Requirement
from regions.decorators import inspectorate_required
from regions.models import AuditAction, AuditEntry
from sheets.intake import SheetError, open_workbook, sha256
from sheets.web import UploadForm, get_plan_for_user

CHECKLIST_ACTIONS = [
    AuditAction.CHECKLIST_IMPORTED,
    AuditAction.REQUIREMENT_EDITED,
    AuditAction.REQUIREMENT_RETIRED,
    AuditAction.ROLLOVER,
    AuditAction.PROGRAMME_CLOSED,
]


def _here(programme: Programme, name: str = "checklist") -> str:
    return f"{reverse(name)}?programme={programme.slug}"


class RequirementForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["name", "short_name", "weight", "unit_short_name"]

    weight = forms.DecimalField(
        label=gettext_lazy("bobot"),
        min_value=Decimal(0),
        max_digits=WEIGHT["max_digits"],
        decimal_places=WEIGHT["decimal_places"],
    )


@require_http_methods(["GET", "POST"])
@login_required
@inspectorate_required
@with_programme
def checklist_page(request, programme):
    """The checklist by area and indicator, the guidebook upload, the rollover and closing."""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                plan = checklist.preview(
                    open_workbook(data),
                    programme=programme,
                    file_name=upload.name,
                    sha=sha256(data),
                )
            except (SheetError, checklist.ChecklistError) as error:
                form.add_error("file", error.message)
            else:
                stored = checklist.keep(plan, data, by=request.user, programme=programme)
                return redirect(f"{reverse('checklist-import')}?plan={stored.pk}")
    else:
        form = UploadForm()
    areas = Area.objects.filter(programme=programme).prefetch_related("indicators__requirements")
    context = {
        "programme": programme,
        "areas": areas,
        "form": form,
        "open": programme.closed_at is None,
        "next_year": programme.year + 1,
        "log": AuditEntry.objects.filter(action__in=CHECKLIST_ACTIONS).select_related("actor")[:20],
    }
    return render(request, "documents/checklist.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
@inspectorate_required
def checklist_import(request):
    """GET ?plan=: the guidebook's preview; POST plan=: apply it, all rows or none."""
    key = request.POST.get("plan") or request.GET.get("plan")
    if not key:
        return HttpResponseBadRequest(_("Rencana impor tidak disebutkan."))
    stored = get_plan_for_user(request.user, key, checklist.GUIDEBOOK)
    programme = get_object_or_404(Programme, pk=stored.context["programme"])
    if request.method == "POST":
        try:
            changed = checklist.apply(stored, by=request.user)
        except checklist.ChecklistError as error:
            messages.error(request, error.message)
            return redirect(f"{reverse('checklist-import')}?plan={stored.pk}")
        messages.success(request, _("%(n)d baris buku panduan diterapkan.") % {"n": changed})
        return redirect(_here(programme))
    context = {"programme": programme, "stored": stored, "plan": stored.load()}
    return render(request, "documents/checklist_import.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@inspectorate_required
def requirement_edit(request, pk: int):
    requirement = get_object_or_404(Requirement.objects.select_related("programme"), pk=pk)
    programme = requirement.programme
    form = RequirementForm(request.POST or None, instance=Requirement.objects.get(pk=pk))
    if request.method == "POST":
        if request.POST.get("action") == "retire":
            try:
                checklist.retire(requirement, by=request.user)
            except checklist.ChecklistError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("Persyaratan dicabut: keluar dari angka, riwayat tetap.")
                )
            return redirect(_here(programme))
        if form.is_valid():
            try:
                checklist.edit(
                    requirement, by=request.user, **{f: form.cleaned_data[f] for f in form.fields}
                )
            except checklist.ChecklistError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Persyaratan disimpan."))
                return redirect(_here(programme))
    context = {"programme": programme, "requirement": requirement, "form": form}
    return render(
        request, "documents/requirement_edit.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
@inspectorate_required
@with_programme
def rollover_page(request, programme):
    """The rollover's preview (proposed mapping, documents to create, what is in flight), an
    optional mapping workbook, and the button; then last year's closing."""
    year = programme.year + 1
    mapping = None
    error = ""
    if request.method == "POST" and request.POST.get("action") == "close":
        try:
            rollover.close(programme, by=request.user)
        except rollover.RolloverError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("%(name)s ditutup: kini hanya baca.") % {"name": programme.name}
            )
        return redirect(_here(programme, "checklist-rollover"))
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["file"].required = False
    if request.method == "POST" and form.is_valid() and form.cleaned_data.get("file"):
        try:
            mapping = rollover.read_mapping(open_workbook(form.cleaned_data["file"].read()))
        except (SheetError, rollover.RolloverError) as refused:
            error = refused.message
    if request.method == "POST" and request.POST.get("action") == "run" and not error:
        mapping = {**(mapping or {}), **_mapping_from_post(request)}
        try:
            result = rollover.run(programme, year, mapping, by=request.user)
        except rollover.RolloverError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _("%(name)s siap: %(docs)d dokumen dibuat.")
                % {"name": result.target.name, "docs": result.documents_to_create},
            )
            return redirect(_here(result.target, "checklist"))
    try:
        preview = rollover.plan(programme, year, mapping)
    except rollover.RolloverError as refused:
        preview, error = None, refused.message
    changed = {}
    if preview is not None:
        changed = {old: new for old, new in preview.mapping.items() if old != new}
    context = {
        "programme": programme,
        "year": year,
        "preview": preview,
        "changed": sorted(changed.items()),
        "form": form,
        "error": error,
    }
    return render(request, "documents/rollover.html", context, status=400 if error else 200)


def _mapping_from_post(request) -> dict[str, str]:
    """The confirmed proposal: hidden ``map-<old code>`` fields the preview carried."""
    return {key[4:]: value.strip() for key, value in request.POST.items() if key.startswith("map-")}
