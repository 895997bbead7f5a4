"""A government's checklist page and the document panel.

Every object comes through the scoping helpers (regions.scoping); templates never decide
permissions. htmx requests get the page's partial, plain requests the whole page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from documents import evidence_store, workflow
from documents.forms import (
    BULK_ACTIONS,
    AssignForm,
    BulkForm,
    ChecklistFilter,
    CommentForm,
    EvidenceForm,
    QueueFilter,
    TransitionForm,
)
from documents.models import Comment, Document, Evidence, Source, Status, current_programme
from documents.uploads import UploadRejected
from regions import scoping
from regions.models import Role
from reports import figures
from reports import live as live_updates


@require_GET
@login_required
@vary_on_headers("HX-Request")
def region_page(request, code: str):
    region = scoping.get_region_for_user(request.user, code)
    programme = current_programme(request)
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
        "may_record_score": scoping.role_for(request.user, region) == Role.INSPECTORATE,
    }
    if request.htmx and request.htmx.target == "checklist":
        return render(request, "documents/region.html#checklist", context)
    context["fig"] = figures.for_region(programme, region)
    context["units"] = figures.for_units(programme, region)
    if request.htmx and request.htmx.target == "summary":
        return render(request, "documents/region.html#summary", context)
    context["live"] = live_updates.poller(live_updates.poll_url(request.user, [region.pk]))
    return render(request, "documents/region.html", context)


def _panel_context(request, document, **extra):
    """Everything the document panel shows; what the user may do is decided here, not in HTML."""
    user = request.user
    changes = workflow.allowed_changes(user, document)
    if any(rule.needs_evidence for _to, _src, rule in changes) and (
        workflow.submittable_evidence(document) is None
    ):
        # Submitting needs (new) evidence first: offer the upload form, not a button that fails.
        changes = [c for c in changes if not c[2].needs_evidence]
    history = list(
        document.history.select_related("actor", "evidence").order_by("-created_at", "-pk")
    )
    context = {
        "document": document,
        "region": document.region,
        "evidence": document.evidence.select_related("uploaded_by"),
        "history": history,
        # Why it came back, shown beside the status rather than deep in the history.
        "return_change": next((c for c in history if c.to_status == Status.NEEDS_REVISION), None)
        if document.status == Status.NEEDS_REVISION
        else None,
        "comments": document.comments.select_related("author"),
        "changes": [c for c in changes if c[1] not in (Source.SYNC, Source.IMPORT)],
        "sync_choices": [(to, Status(to).label) for to, src, _r in changes if src == Source.SYNC],
        "may_add_evidence": workflow.may_add_evidence(user, document),
        "may_comment": workflow.may_comment(user, document),
        "may_assign": workflow.may_assign(user, document),
    }
    if context["may_add_evidence"]:
        context["evidence_form"] = extra.pop("evidence_form", None) or EvidenceForm(
            initial={"version": document.version, "submit": True}
        )
    if context["may_comment"]:
        context["comment_form"] = extra.pop("comment_form", None) or CommentForm()
    if context["may_assign"]:
        context["assign_form"] = extra.pop("assign_form", None) or AssignForm(document=document)
    context.update(extra)
    return context


def _document_queryset():
    return Document.objects.select_related(
        "requirement__indicator__area", "region", "unit", "assignee"
    )


@require_GET
@login_required
@vary_on_headers("HX-Request")
def document_detail(request, pk: int):
    document = scoping.get_document_for_user(request.user, pk, _document_queryset())
    context = _panel_context(request, document)
    if request.htmx:
        return render(request, "documents/document.html#panel", context)
    return render(request, "documents/document.html", context)


def _document_for_action(request, pk: int, may=None) -> Document:
    """The document a POST acts on: 404 outside scope, 403 for read-only leadership or when
    ``may(user, document)`` (a workflow permission) says no."""
    document = scoping.get_document_for_user(request.user, pk, _document_queryset())
    if scoping.role_for(request.user, document.region) == Role.LEADERSHIP:
        raise PermissionDenied
    if may is not None and not may(request.user, document):
        raise PermissionDenied
    return document


def _respond(request, document, *, done: str = "", error: str = "", status: int = 200, **forms):
    """After an action: htmx re-renders the panel in place; a plain POST redirects (PRG).

    Refusals are rendered, not redirected, so the status code (400, 403, 409) reaches the client
    along with the fresh state of the document.
    """
    if error or request.htmx:
        document = _document_queryset().get(pk=document.pk)  # the fresh state, never stale
        context = _panel_context(request, document, action_error=error, action_done=done, **forms)
        template = "documents/document.html#panel" if request.htmx else "documents/document.html"
        response = render(request, template, context, status=status)
        if not error:
            trigger_client_event(response, "documentChanged", {"id": document.pk})
        return response
    messages.success(request, done)
    return redirect("document", pk=document.pk)


def _refusal_status(exc: workflow.WorkflowError) -> int:
    return {"stale": 409, "forbidden": 403}.get(exc.code, 400)


@require_POST
@login_required
def document_transition(request, pk: int):
    document = _document_for_action(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _respond(request, document, error=_("Permintaan tidak lengkap."), status=400)
    data = form.cleaned_data
    try:
        document.transition(
            data["to"],
            by=request.user,
            source=data["source"],
            note=data["note"],
            expected_version=data["version"],
        )
    except workflow.WorkflowError as exc:
        return _respond(
            request,
            document,
            error=str(exc.message),
            status=_refusal_status(exc),
            kept_note=data["note"],
        )
    return _respond(
        request,
        document,
        done=_("Status diubah menjadi “%(status)s”.") % {"status": Status(data["to"]).label},
    )


@require_POST
@login_required
def document_evidence(request, pk: int):
    document = _document_for_action(request, pk, may=workflow.may_add_evidence)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _respond(
            request,
            document,
            error=_("Bukti dukung belum dapat disimpan."),
            status=400,
            evidence_form=form,
        )
    data = form.cleaned_data
    evidence = None
    try:
        with transaction.atomic():
            evidence = evidence_store.add(
                document, by=request.user, upload=data["file"], url=data["url"]
            )
            if data["submit"] and document.status in (Status.NOT_UPLOADED, Status.NEEDS_REVISION):
                document.transition(
                    Status.UPLOADED,
                    by=request.user,
                    source=workflow.submit_source(request.user, document),
                    expected_version=data["version"],
                    evidence=evidence,
                )
    except UploadRejected as exc:
        form.add_error("file", str(exc))  # the reason stands beside the field, said once
        return _respond(
            request,
            document,
            error=_("Bukti dukung belum dapat disimpan."),
            status=400,
            evidence_form=form,
        )
    except workflow.WorkflowError as exc:
        evidence_store.discard_file(evidence)  # the row was rolled back; the file must go too
        return _respond(request, document, error=str(exc.message), status=_refusal_status(exc))
    return _respond(request, document, done=_("Bukti dukung disimpan."))


@require_POST
@login_required
def document_comment(request, pk: int):
    document = _document_for_action(request, pk, may=workflow.may_comment)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _respond(
            request, document, error=_("Komentar kosong."), status=400, comment_form=form
        )
    Comment.objects.create(document=document, author=request.user, body=form.cleaned_data["body"])
    return _respond(request, document, done=_("Komentar ditambahkan."))


@require_POST
@login_required
def document_assign(request, pk: int):
    document = _document_for_action(request, pk, may=workflow.may_assign)
    form = AssignForm(request.POST, document=document)
    if not form.is_valid():
        return _respond(
            request, document, error=_("Periksa isian penugasan."), status=400, assign_form=form
        )
    data = form.cleaned_data
    try:
        workflow.assign(
            document,
            by=request.user,
            expected_version=data["version"],
            unit=data["unit"],
            assignee=data["assignee"],
            due_on=data["due_on"],
        )
    except workflow.WorkflowError as exc:
        return _respond(request, document, error=str(exc.message), status=_refusal_status(exc))
    return _respond(request, document, done=_("Penugasan disimpan."))


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


def _queue_documents(user, programme):
    return (
        Document.objects.visible_to(user)
        .of_programme(programme)
        .in_force()
        .select_related("requirement__indicator__area", "region", "unit")
        .order_by("status_changed_at", "pk")
    )


@login_required
@vary_on_headers("HX-Request")
def verify_queue(request):
    """The inspectorate's queue: oldest first, filtered, with bulk changes after one confirmation.

    A bulk change is all-or-nothing: if any selected document was changed by someone else
    meanwhile, or a change is not allowed, nothing is written and the queue says which.
    """
    if not scoping.is_inspectorate(request.user):
        raise PermissionDenied
    programme = current_programme(request)
    if programme is None:
        return render(request, "documents/no_programme.html")
    filters = QueueFilter(request.GET or None, user=request.user, programme=programme)
    context = {
        "filters": filters,
        "programme": programme,
        "stage_actions": [
            (key, a[3]) for key, a in BULK_ACTIONS.items() if a[0] == filters.current_stage
        ],
    }
    status = 200
    if request.method == "POST":
        data = request.POST.copy()
        if "doc" in data:
            data["documents"] = ",".join(request.POST.getlist("doc"))
        form = BulkForm(data)
        if not form.is_valid():
            context["error"] = " ".join(e for errs in form.errors.values() for e in errs)
            status = 400
        else:
            outcome = _apply_bulk(request, form, programme)
            if outcome is None:
                return redirect(request.get_full_path())
            context.update(outcome)
            status = outcome.get("status", 200)
            if outcome.get("confirm"):
                return render(request, "documents/verify_confirm.html", context)
    context["documents"] = filters.apply(_queue_documents(request.user, programme))[:300]
    return render(request, "documents/verify.html", context, status=status)


def _apply_bulk(request, form, programme) -> dict | None:
    """Confirm, then apply every change in one transaction. None means done (redirect)."""
    action = form.cleaned_data["action"]
    _from_status, to_status, source, label = BULK_ACTIONS[action]
    versions = form.cleaned_data["documents"]
    documents = list(_queue_documents(request.user, programme).filter(pk__in=versions))
    if len(documents) != len(versions):
        raise Http404("A selected document is not in your scope")
    if not form.cleaned_data["confirmed"]:
        return {
            "confirm": True,
            "selected": documents,
            "action": action,
            "action_label": label,
            "documents_value": form.data["documents"],
            "note": form.cleaned_data["note"],
            "needs_note": to_status == Status.NEEDS_REVISION,
        }
    try:
        with transaction.atomic():
            for document in documents:
                document.transition(
                    to_status,
                    by=request.user,
                    source=source,
                    note=form.cleaned_data["note"],
                    expected_version=versions[document.pk],
                )
    except workflow.WorkflowError as exc:
        return {
            "error": _("Tidak ada yang diubah. %(doc)s: %(reason)s")
            % {
                "doc": f"{document.requirement.code} {document.region.short_name}",
                "reason": exc.message,
            },
            "status": _refusal_status(exc),
        }
    messages.success(
        request,
        ngettext(
            "%(n)d dokumen diubah (%(label)s).", "%(n)d dokumen diubah (%(label)s).", len(documents)
        )
        % {"n": len(documents), "label": label},
    )
    return None
