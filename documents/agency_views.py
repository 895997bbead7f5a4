"""/regions/<code>/agencies/: a government's agencies (OPD) — add, rename, merge — and assigning
its documents to them in bulk.

The government comes through ``scoping.get_region_for_user`` (404 outside scope); who may
change agencies is ``regions.units.may_manage`` (inspectorate staff and the government's PIC;
leadership reads, agency operators get 403); documents are assigned through the workflow
(``documents.assignments``). Every POST redirects back (PRG).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from documents import assignments
from documents.decorators import with_programme
from documents.models import Document
from regions import scoping, units
from regions.models import AuditAction, AuditEntry, Role, Unit

UNIT_ACTIONS = [
    AuditAction.UNIT_ADDED,
    AuditAction.UNIT_RENAMED,
    AuditAction.UNIT_MERGED,
    AuditAction.DOCUMENTS_ASSIGNED,
]


class UnitForm(forms.Form):
    short_name = forms.CharField(label=gettext_lazy("Nama singkat"), max_length=40)
    name = forms.CharField(label=gettext_lazy("Nama lengkap"), max_length=160)


def _unit(region, pk) -> Unit:
    try:
        return get_object_or_404(Unit, region=region, pk=int(pk))
    except (TypeError, ValueError):
        raise PermissionDenied from None


@login_required
@require_http_methods(["GET", "POST"])
@with_programme
def agencies_page(request, programme, code: str):
    region = scoping.get_region_for_user(request.user, code)
    role = scoping.role_for(request.user, region)
    if role == Role.AGENCY:
        raise PermissionDenied
    may_manage = units.may_manage(request.user, region)
    here = f"{reverse('region-agencies', args=[region.code])}?programme={programme.slug}"
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        return _act(request, programme, region, here)
    documents = Document.objects.visible_in(request.user, programme).filter(region=region)
    unit_rows = (
        Unit.objects.filter(region=region)
        .annotate(
            doc_count=Count(
                "documents", filter=Q(documents__pk__in=documents.values("pk")), distinct=True
            ),
            operator_count=Count(
                "memberships",
                filter=Q(memberships__user__is_active=True),
                distinct=True,
            ),
        )
        .order_by("short_name")
    )
    showing = request.GET.get("show", "none")
    if showing == "none":
        listed = documents.filter(unit__isnull=True)
    else:
        listed = documents.filter(unit_id=showing if showing.isdigit() else 0)
    context = {
        "programme": programme,
        "region": region,
        "units": unit_rows,
        "may_manage": may_manage and programme.open_to(role),
        "usual": assignments.usual_plan(request.user, region, programme) if may_manage else None,
        "showing": showing,
        "listed": listed.select_related("requirement", "unit").order_by(
            "requirement__indicator__area__order",
            "requirement__indicator__order",
            "requirement__order",
            "requirement__code",
        ),
        "unassigned": documents.filter(unit__isnull=True).count(),
        "add_form": UnitForm(),
        "log": AuditEntry.objects.filter(region=region, action__in=UNIT_ACTIONS).select_related(
            "actor"
        )[:20],
    }
    return render(request, "documents/agencies.html", context)


def _act(request, programme, region, here):
    action = request.POST.get("action")
    try:
        if action == "add":
            form = UnitForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Isi nama dan nama singkat OPD."))
                return redirect(here)
            unit = units.add(request.user, region, **form.cleaned_data)
            messages.success(request, _("OPD %(name)s ditambahkan.") % {"name": unit.short_name})
        elif action == "rename":
            unit = _unit(region, request.POST.get("unit"))
            form = UnitForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Isi nama dan nama singkat OPD."))
                return redirect(here)
            units.rename(request.user, unit, **form.cleaned_data)
            messages.success(request, _("Nama OPD disimpan."))
        elif action == "merge":
            merged = _unit(region, request.POST.get("unit"))
            into = _unit(region, request.POST.get("into"))
            units.merge(request.user, merged, into=into)
            messages.success(
                request,
                _("%(merged)s digabung ke %(into)s: dokumen, operator dan rekap hariannya pindah.")
                % {"merged": merged.short_name, "into": into.short_name},
            )
        elif action == "assign_usual":
            _report(request, assignments.assign_usual(request.user, region, programme))
        elif action == "assign_selected":
            unit = _unit(region, request.POST.get("into"))
            ids = [int(i) for i in request.POST.getlist("document") if i.isdigit()]
            if not ids:
                messages.error(request, _("Pilih dokumen yang akan ditugaskan."))
                return redirect(here)
            _report(
                request, assignments.assign_selected(request.user, region, programme, ids, unit)
            )
        else:
            return redirect(here)
    except units.UnitError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
    return redirect(here)


def _report(request, result: assignments.Assigned) -> None:
    messages.success(
        request,
        ngettext("%(n)d dokumen ditugaskan.", "%(n)d dokumen ditugaskan.", result.assigned)
        % {"n": result.assigned},
    )
    if result.stale:
        messages.warning(
            request,
            ngettext(
                "%(n)d dokumen baru saja diubah orang lain dan dilewati.",
                "%(n)d dokumen baru saja diubah orang lain dan dilewati.",
                result.stale,
            )
            % {"n": result.stale},
        )
