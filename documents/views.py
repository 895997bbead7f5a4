"""A government's checklist page, the document panel and its actions, the verification queue.

Every object comes through scoping (``get_document_for_user``, ``regions.scoping``); what a
user may do comes from ``workflow.permissions`` and every write goes through the workflow, so
templates and views never decide permissions. htmx requests get the page's partial, plain
requests the whole page (POSTs redirect: PRG).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget, trigger_client_event

from documents import evidence_store, workflow
from documents.decorators import with_programme
from documents.forms import (
    AssignForm,
    BulkForm,
    ChecklistFilter,
    CommentForm,
    EvidenceForm,
    QueueFilter,
    TransitionForm,
)
from documents.models import (
    Area,
    Document,
    Evidence,
    ProgrammeKind,
    ReturnReason,
    Status,
    current_programme,
)
from documents.uploads import UploadRejected
from regions import scoping
from regions.decorators import inspectorate_required
from regions.models import Role, Unit
from reports import figures, mentoring, spi
from reports import live as live_updates


def get_document_for_user(user, pk: int, queryset=None) -> Document:
    """The document ``pk`` if the user may see it, else 404 (never 403: no hint it exists)."""
    qs = queryset if queryset is not None else Document.objects.all()
    try:
        return qs.visible_to(user).get(pk=pk)
    except Document.DoesNotExist:
        raise Http404("No such document in your scope") from None


@require_GET
@login_required
@vary_on_headers("HX-Request")
@with_programme
def region_page(request, programme, code: str):
    region = scoping.get_region_for_user(request.user, code)
    filters = ChecklistFilter(request.GET or None, programme=programme, region=region)
    documents = filters.apply(
        Document.objects.visible_in(request.user, programme)
        .filter(region=region)
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
        "may_record_score": scoping.role_for(request.user, region) == Role.INSPECTORATE,
    }
    part = request.GET.get("part", "")
    if request.htmx and part.isdigit():
        # One area of the checklist, loaded as it scrolls into view.
        context["area_docs"] = documents.filter(requirement__indicator__area_id=part)
        return render(request, "documents/region.html#area", context)
    context.update(_checklist(request, programme, documents))
    if request.htmx and request.htmx.target == "checklist":
        return render(request, "documents/region.html#checklist", context)
    context["fig"] = figures.for_region(programme, region)
    context["units"] = figures.for_units(programme, region)
    if programme.kind == ProgrammeKind.MCSP:
        context["spi"] = spi.summary(spi.current(), [region])
    context["commitments"] = list(mentoring.visible_commitments(request.user, programme, region))
    context["returns"] = figures.returns(
        Document.objects.visible_in(request.user, programme).filter(region=region)
    )
    if request.htmx and request.htmx.target == "summary":
        return render(request, "documents/region.html#summary", context)
    context["live"] = live_updates.poller(live_updates.poll_url(request.user, [region.pk]))
    return render(request, "documents/region.html", context)


CHECKLIST_FIRST_ROWS = 60  # rows rendered with the page; later areas load as they scroll in


def _checklist(request, programme, documents) -> dict:
    """The checklist as areas: the first ones (about CHECKLIST_FIRST_ROWS rows) rendered at
    once, the rest as placeholders that load when revealed, so a phone shows its first screen
    without rendering 556 rows. Two queries: rows per area, and the first areas' documents."""
    counts = dict(
        documents.order_by().values_list("requirement__indicator__area_id").annotate(n=Count("pk"))
    )
    areas = [a for a in Area.objects.filter(programme=programme) if a.pk in counts]
    inline, rows = [], 0
    for area in areas:
        if inline and rows + counts[area.pk] > CHECKLIST_FIRST_ROWS:
            break
        inline.append(area.pk)
        rows += counts[area.pk]
    query = request.GET.copy()
    query.pop("part", None)
    return {
        "documents": documents.filter(requirement__indicator__area_id__in=inline),
        "lazy_areas": [(area, counts[area.pk]) for area in areas if area.pk not in inline],
        "document_count": sum(counts.values()),
        "query": query.urlencode(),
    }


@dataclass
class AgencyGroup:
    unit: Unit | None
    documents: list[Document]

    @property
    def late(self) -> int:
        return sum(1 for d in self.documents if d.is_late)


def _by_agency(documents) -> list[AgencyGroup]:
    """Not-uploaded documents grouped by agency: agencies with missed commitments first, and
    within an agency the missed commitments first, then the nearest commitment."""
    groups: dict[int | None, AgencyGroup] = {}
    for doc in documents:
        groups.setdefault(doc.unit_id, AgencyGroup(doc.unit, [])).documents.append(doc)
    for group in groups.values():
        group.documents.sort(
            key=lambda d: (not d.is_late, d.due_on is None, d.due_on, d.requirement.code)
        )
    return sorted(
        groups.values(),
        key=lambda g: (-g.late, g.unit is None, g.unit.short_name if g.unit else ""),
    )


@require_GET
@login_required
@with_programme
def todo(request, programme):
    """What a PIC or agency operator still has to do in their own government, most urgent
    first: returned documents with KPK's reason, then not uploaded by agency, then ready to
    send. Inspectorate staff get the province's own documents (they are its MCSP admin)."""
    membership = scoping.home_membership(request.user)
    if membership is None or membership.role == Role.LEADERSHIP:
        return redirect("dashboard")
    region = membership.region
    unit = membership.unit if membership.role == Role.AGENCY else None
    documents = (
        Document.objects.visible_in(request.user, programme)
        .filter(region=region)
        .select_related("requirement", "unit")
        .order_by("requirement__code")
    )
    not_uploaded = list(documents.filter(status=Status.NOT_UPLOADED))
    missing = _by_agency(not_uploaded)
    if request.htmx and "group" in request.GET:
        # An agency's list, asked for when its group is opened: the page itself renders only
        # the first agency's cards (a PIC's to-do held all ~350 missing documents: 73 KiB).
        wanted = request.GET["group"]
        group = next((g for g in missing if str(g.unit.pk if g.unit else "") == wanted), None)
        return render(request, "documents/todo.html#group", {"group": group})
    units = figures.for_units(programme, region)
    context = {
        "programme": programme,
        "region": region,
        "unit": unit,
        "unit_fig": next((f for f in units if unit and f.scope.pk == unit.pk), None),
        "unit_count": len(units),
        "fig": figures.for_region(programme, region),
        "returned": documents.filter(status=Status.NEEDS_REVISION)
        .with_last_return()
        .order_by("return_at", "requirement__code"),
        "missing": missing,
        "missing_count": len(not_uploaded),
        "ready": documents.filter(status=Status.UPLOADED),
        "may_send": membership.role != Role.AGENCY,
        "list_url": reverse("region", args=[region.code])
        + (f"?unit={unit.pk}&status=" if unit else "?status="),
        "commitments": list(mentoring.visible_commitments(request.user, programme, region)),
    }
    return render(request, "documents/todo.html", context)


def _panel_context(request, document, **extra):
    """Everything the document panel shows; what the user may do comes from the workflow."""
    may = workflow.permissions(request.user, document)
    context = {
        **_state_context(request, document, may),
        "evidence": document.evidence.select_related("uploaded_by"),
        "comments": document.comments.select_related("author"),
    }
    if may.may_add_evidence:
        context["evidence_form"] = extra.pop("evidence_form", None) or _evidence_form(document)
    if may.may_comment:
        context["comment_form"] = extra.pop("comment_form", None) or CommentForm()
    if may.may_assign:
        context["assign_form"] = extra.pop("assign_form", None) or AssignForm(document=document)
    context.update(extra)
    return context


HISTORY_SHOWN = 10  # newest first; the rest on asking (a document synced back and forth)


def _state_context(request, document, may) -> dict:
    """What a status change changes: the status, the actions on offer, the history."""
    everything = request.GET.get("history") == "all"
    rows = document.history.select_related("actor", "evidence").order_by("-created_at", "-pk")
    history = list(rows if everything else rows[: HISTORY_SHOWN + 1])
    more = len(history) > HISTORY_SHOWN and not everything
    return {
        "document": document,
        "region": document.region,
        "history": history[:HISTORY_SHOWN] if more else history,
        "history_more": more,
        # Why it came back, shown beside the status rather than deep in the history.
        "return_change": next((c for c in history if c.to_status == Status.NEEDS_REVISION), None)
        if document.status == Status.NEEDS_REVISION
        else None,
        "may": may,
        "reasons": ReturnReason.choices,
        **_queue_context(request, document),
    }


def _evidence_form(document):
    return EvidenceForm(initial={"version": document.version, "submit": True}, document=document)


QUEUE_STAGES = (Status.UPLOADED, Status.VERIFYING)


def _queue_context(request, document) -> dict:
    """A panel opened from the verification queue (``queue=<stage>`` and ``at=<position>``, kept
    on its forms by hx-vals) offers the document after it in the queue — or, at the end, the
    oldest — so staff work through it without going back, from wherever they started."""
    stage = request.GET.get("queue") or request.POST.get("queue") or ""
    if stage not in QUEUE_STAGES or not scoping.is_inspectorate(request.user):
        return {}
    programme = current_programme(request)
    if not programme:
        return {"queue_stage": stage, "next_in_queue": None}
    queue = _queue_documents(request.user, programme).filter(status=stage).exclude(pk=document.pk)
    at_text = request.GET.get("at") or request.POST.get("at") or ""
    at = _queue_position(at_text)
    following = (_after(queue, at).first() if at else None) or queue.first()
    return {
        "queue_stage": stage,
        "queue_at": at_text if at else "",
        "next_in_queue": following,
        "next_at": _position_of(following) if following else "",
    }


def _document_queryset():
    """A document with everything the panel shows."""
    return _action_queryset().select_related("unit", "assignee")


def _action_queryset():
    """A document with what acting on it and the panel's state part need: two joins fewer
    than the panel (its agency and person) — a third of a status change's time went to
    reading the document with all seven (6.2 against 2.8 ms, issue 16)."""
    return Document.objects.select_related(
        "requirement__indicator__area", "requirement__programme", "region"
    )


@require_GET
@login_required
@vary_on_headers("HX-Request")
def document_detail(request, pk: int):
    document = get_document_for_user(request.user, pk, _document_queryset())
    context = _panel_context(request, document)
    if request.htmx:
        return render(request, "documents/document.html#panel", context)
    return render(request, "documents/document.html", context)


def _document_for_action(request, pk: int, may: str = "may_act"):
    """The document a POST acts on, with what the user may do to it: 404 outside scope, 403
    when the workflow's permission named ``may`` (a field of ``workflow.Permissions``) says no
    — read-only leadership included."""
    document = get_document_for_user(request.user, pk, _action_queryset())
    permissions = workflow.permissions(request.user, document)
    if not getattr(permissions, may):
        raise PermissionDenied
    return document, permissions


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


def _respond_to_own_change(request, document, before, *, done: str):
    """After the user's own status change, htmx gets what the change changed — the status
    part, the history, the evidence form (its version and questions depend on the status) and
    the assignment form's version — instead of the whole panel: no evidence list, comments or
    agency/people choices to read and render again (issue 16). ``document`` is as the change
    left it (``workflow.transition`` updated it under the version check). The evidence part
    comes either way (accepted means no more uploads); should the change alter whether the
    panel offers comments or assignment (they follow the role, not the status), the whole
    panel is sent."""
    may = workflow.permissions(request.user, document)
    if (may.may_comment, may.may_assign) != (before.may_comment, before.may_assign):
        return _respond(request, document, done=done)
    context = {**_state_context(request, document, may), "action_done": done, "oob": True}
    if may.may_add_evidence:
        context["evidence_form"] = _evidence_form(document)
    response = render(request, "documents/_panel_update.html", context)
    retarget(response, f"#panel-state-{document.pk}")
    reswap(response, "outerHTML")
    trigger_client_event(response, "documentChanged", {"id": document.pk})
    return response


@require_POST
@login_required
def document_transition(request, pk: int):
    document, before = _document_for_action(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _respond(request, document, error=_("Permintaan tidak lengkap."), status=400)
    data = form.cleaned_data
    try:
        workflow.transition(
            document,
            data["to"],
            by=request.user,
            source=data["source"],
            note=data["note"],
            reason_code=data["reason"],
            expected_version=data["version"],
        )
    except workflow.WorkflowError as exc:
        return _respond(
            request,
            document,
            error=str(exc.message),
            status=exc.http_status,
            kept_note=data["note"],
        )
    done = _("Status diubah menjadi “%(status)s”.") % {"status": Status(data["to"]).label}
    if request.htmx:
        return _respond_to_own_change(request, document, before, done=done)
    return _respond(request, document, done=done)


@require_POST
@login_required
def document_evidence(request, pk: int):
    document, _may = _document_for_action(request, pk, may="may_add_evidence")
    form = EvidenceForm(request.POST, request.FILES, document=document)

    def refused():  # the form, with the reason beside its field, and a summary on top
        error = _("Bukti dukung belum dapat disimpan.")
        return _respond(request, document, error=error, status=400, evidence_form=form)

    if not form.is_valid():
        return refused()
    data = form.cleaned_data
    try:
        workflow.add_evidence(
            document,
            by=request.user,
            upload=data["file"],
            url=data["url"],
            submit=data["submit"],
            expected_version=data["version"],
            confirmed=data.get("confirm", False),
        )
    except UploadRejected as exc:
        form.add_error("file", str(exc))  # the reason stands beside the field, said once
        return refused()
    except workflow.WorkflowError as exc:
        return _respond(request, document, error=str(exc.message), status=exc.http_status)
    return _respond(request, document, done=_("Bukti dukung disimpan."))


@require_POST
@login_required
def document_comment(request, pk: int):
    document, _may = _document_for_action(request, pk, may="may_comment")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _respond(
            request, document, error=_("Komentar kosong."), status=400, comment_form=form
        )
    workflow.comment(document, by=request.user, body=form.cleaned_data["body"])
    return _respond(request, document, done=_("Komentar ditambahkan."))


@require_POST
@login_required
def document_assign(request, pk: int):
    document, _may = _document_for_action(request, pk, may="may_assign")
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
        return _respond(request, document, error=str(exc.message), status=exc.http_status)
    return _respond(request, document, done=_("Penugasan disimpan."))


@require_GET
@login_required
def evidence_download(request, pk: int):
    """Private files leave only through here: scoped, never sniffed, never framed. PDFs and
    images open inline (a new tab); other files download as attachments."""
    try:
        evidence = Evidence.objects.visible_to(request.user).get(pk=pk)
    except Evidence.DoesNotExist:
        raise Http404("No such evidence in your scope") from None
    if evidence.url:
        return redirect(evidence.url)
    inline = evidence.opens_inline  # the type documents.uploads checked against the bytes
    response = FileResponse(
        evidence_store.open_file(evidence),
        as_attachment=not inline,
        filename=evidence.original_name or evidence.file.name.rsplit("/")[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if inline:
        # The page policy (object-src 'none', no plugins) would stop Chromium's PDF viewer;
        # a file needs only this: nobody may frame it. No sandbox, which blocks the viewer too.
        response["Content-Security-Policy"] = "frame-ancestors 'none'"
    return response


# --- the verification queue: list, confirm, apply ---------------------------------------------


def _queue_documents(user, programme):
    return (
        Document.objects.visible_in(user, programme)
        .select_related("requirement__indicator__area", "requirement__programme", "region", "unit")
        .order_by("status_changed_at", "pk")
    )


# Oldest first, a page at a time: rendering is what a queue page costs (300 rows took ~4×
# the time of 100 on the national data set), and staff work from the top.
QUEUE_PAGE = 100
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _queue_page(request, programme, *, error: str = "", status: int = 200):
    filters = QueueFilter(request.GET or None, user=request.user, programme=programme)
    documents = filters.apply(_queue_documents(request.user, programme))
    after = _queue_position(request.GET.get("after", ""))
    if after:  # keyset: the rows after the last one shown, in the same order
        documents = _after(documents, after)
    rows = list(documents[: QUEUE_PAGE + 1])
    rows, more = rows[:QUEUE_PAGE], len(rows) > QUEUE_PAGE
    for doc in rows:  # its panel offers the document after it
        doc.queue_position = _position_of(doc)
    context = {
        "filters": filters,
        "programme": programme,
        "actions": workflow.queue_actions(filters.current_stage),
        "documents": rows,
        "more_url": _queue_url(request, after=rows[-1]) if more else "",
        "first_url": _queue_url(request) if after else "",
        "error": error,
    }
    if after and request.htmx and request.htmx.target == "queue-more":
        # "Load more": the next rows, in place of the button's row. Any other htmx request
        # (the list refreshing itself after a panel action) gets the page, whose #queue-list
        # it selects.
        return render(request, "documents/verify.html#rows", context, status=status)
    return render(request, "documents/verify.html", context, status=status)


def _position_of(document: Document) -> str:
    """A document's place in the queue's order, ``<microseconds since 1970>.<pk>`` (exact,
    unlike a float timestamp): the ``after`` of the next page, the ``at`` of a panel."""
    micros = (document.status_changed_at - _EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}.{document.pk}"


def _queue_position(value: str) -> tuple[dt.datetime, int] | None:
    """A position from ``_position_of``; anything else is none (the queue starts at the top)."""
    micros, _dot, pk = value.partition(".")
    if not (micros.isdigit() and pk.isdigit()):
        return None
    return _EPOCH + dt.timedelta(microseconds=int(micros)), int(pk)


def _after(documents, position: tuple[dt.datetime, int]):
    """The documents after ``position`` in the queue's order (status changed, then pk)."""
    moment, pk = position
    return documents.filter(
        Q(status_changed_at__gt=moment) | Q(status_changed_at=moment, pk__gt=pk)
    )


def _queue_url(request, after: Document | None = None) -> str:
    """The queue with the same filters (and nothing else the request carried): from the top,
    or after the document ``after``."""
    query = QueryDict(mutable=True)
    for name in QueueFilter.base_fields:
        if request.GET.get(name):
            query[name] = request.GET[name]
    if after is not None:
        query["after"] = _position_of(after)
    return f"{reverse('verify')}?{query.urlencode()}" if query else reverse("verify")


@require_GET
@login_required
@inspectorate_required
@with_programme
def verify_queue(request, programme):
    """The inspectorate's queue: oldest first, filtered by stage, government, area, agency."""
    return _queue_page(request, programme)


def _bulk_selection(request, programme) -> tuple[BulkForm, list[Document]] | None:
    """The bulk form and the documents it names, or None when the form is invalid. A document
    outside the user's scope is a 404, as everywhere."""
    form = BulkForm(request.POST)
    if not form.is_valid():
        return form, []
    versions = form.cleaned_data["versions"]
    documents = list(_queue_documents(request.user, programme).filter(pk__in=versions))
    if len(documents) != len(versions):
        raise Http404("A selected document is not in your scope")
    return form, documents


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
@login_required
@inspectorate_required
@with_programme
def verify_confirm(request, programme):
    """Step two: say exactly what will change, and ask for the note and reason a return needs."""
    form, documents = _bulk_selection(request, programme)
    if not form.is_valid():
        return _queue_page(request, programme, error=_form_errors(form), status=400)
    return render(
        request,
        "documents/verify_confirm.html",
        {"form": form, "rule": form.rule, "selected": documents, "reasons": ReturnReason.choices},
    )


@require_POST
@login_required
@inspectorate_required
@with_programme
def verify_apply(request, programme):
    """Step three: every change in one transaction, or none. If any selected document changed
    since the user saw it, or a change is refused, nothing is written and the queue says which.
    """
    form, documents = _bulk_selection(request, programme)
    if not form.is_valid():
        return _queue_page(request, programme, error=_form_errors(form), status=400)
    rule, versions = form.rule, form.cleaned_data["versions"]
    try:
        with transaction.atomic():
            for document in documents:
                workflow.apply_rule(
                    rule,
                    document,
                    by=request.user,
                    expected_version=versions[document.pk],
                    note=form.cleaned_data["note"],
                    reason_code=form.cleaned_data["reason"],
                )
    except workflow.WorkflowError as exc:
        error = _("Tidak ada yang diubah. %(doc)s: %(reason)s") % {
            "doc": f"{document.requirement.code} {document.region.short_name}",
            "reason": exc.message,
        }
        return _queue_page(request, programme, error=error, status=exc.http_status)
    messages.success(
        request,
        ngettext(
            "%(n)d dokumen diubah (%(label)s).", "%(n)d dokumen diubah (%(label)s).", len(documents)
        )
        % {"n": len(documents), "label": rule.label},
    )
    query = request.GET.urlencode()
    return redirect(f"{reverse('verify')}?{query}" if query else reverse("verify"))
