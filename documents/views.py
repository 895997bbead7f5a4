"""A government's checklist page and the document panel.

Every object comes through the scoping helpers (regions.scoping); templates never decide
permissions. htmx requests get the page's partial, plain requests the whole page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from documents import workflow
from documents.forms import ChecklistFilter
from documents.models import Document, Evidence, Programme
from regions import scoping
from reports import figures


def _programme_or_none():
    return Programme.objects.current()


@require_GET
@login_required
@vary_on_headers("HX-Request")
def region_page(request, code: str):
    region = scoping.get_region_for_user(request.user, code)
    programme = _programme_or_none()
    if programme is None:
        return render(request, "documents/no_programme.html", status=200)
    filters = ChecklistFilter(request.GET or None, programme=programme, region=region)
    documents = filters.apply(
        Document.objects.visible_to(request.user)
        .filter(region=region)
        .of_programme(programme)
        .in_force()
        .select_related("requirement__indicator__area", "unit", "assignee")
        .order_by(
            "requirement__indicator__area__order",
            "requirement__indicator__order",
            "requirement__order",
            "requirement__code",
        )
    )
    context = {
        "region": region,
        "programme": programme,
        "filters": filters,
        "documents": documents,
        "membership": scoping.membership_for(request.user, region),
    }
    if request.htmx and request.htmx.target == "checklist":
        return render(request, "documents/region.html#checklist", context)
    context["fig"] = figures.for_region(programme, region)
    context["units"] = figures.for_units(programme, region)
    return render(request, "documents/region.html", context)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def document_detail(request, pk: int):
    document = scoping.get_document_for_user(
        request.user,
        pk,
        Document.objects.select_related(
            "requirement__indicator__area", "region", "unit", "assignee"
        ),
    )
    context = {
        "document": document,
        "region": document.region,
        "evidence": document.evidence.select_related("uploaded_by"),
        "history": document.history.select_related("actor", "evidence").order_by(
            "-created_at", "-pk"
        ),
        "comments": document.comments.select_related("author"),
        "changes": workflow.allowed_changes(request.user, document),
    }
    if request.htmx:
        return render(request, "documents/document.html#panel", context)
    return render(request, "documents/document.html", context)


@require_GET
@login_required
def evidence_download(request, pk: int):
    """Private files leave only through here: scoped, as attachments, never sniffed."""
    try:
        evidence = Evidence.objects.visible_to(request.user).get(pk=pk)
    except Evidence.DoesNotExist:
        raise Http404("No such evidence in your scope") from None
    if evidence.url:
        return redirect(evidence.url)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or evidence.file.name.rsplit("/")[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
