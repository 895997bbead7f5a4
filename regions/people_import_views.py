"""/people/import/: people invited from a workbook — upload → preview → apply, the errors
workbook and the template. The same rights as inviting one person (``people.may_invite``:
inspectorate staff, and a PIC for the agency operators of their own government); everyone else
gets a 403. The rules are ``regions.people_import``'s; the invitation emails leave after the
transaction commits, one per person.
"""

from __future__ import annotations

import smtplib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions import people, people_import
from regions.people_views import invitation_email
from sheets.intake import SheetError, errors_workbook, open_workbook, sha256
from sheets.web import XLSX, UploadForm, get_plan_for_user


def _inviters_only(request):
    if not people.may_invite(request.user):
        raise PermissionDenied


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def import_page(request):
    """GET: the upload form, or ?plan= its preview; POST a file: the plan is stored, then shown."""
    _inviters_only(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = people_import.preview(
                open_workbook(data), actor=request.user, file_name=upload.name, sha=sha256(data)
            )
        except SheetError as error:
            form.add_error("file", error.message)
        else:
            stored = people_import.keep(plan, data, by=request.user)
            return redirect(f"{reverse('people-import')}?plan={stored.pk}")
    if request.method == "GET" and "plan" in request.GET:
        stored = get_plan_for_user(request.user, request.GET["plan"], people_import.PEOPLE_IMPORT)
        context = {"stored": stored, "plan": stored.load(), "form": UploadForm()}
        return render(request, "regions/people_import.html", context)
    return render(
        request,
        "regions/people_import.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def import_apply(request):
    _inviters_only(request)
    if not request.POST.get("plan"):
        return HttpResponseBadRequest(_("Rencana impor tidak disebutkan."))
    stored = get_plan_for_user(request.user, request.POST["plan"], people_import.PEOPLE_IMPORT)
    inviter = request.user

    def send_all(invitations):
        failed = []
        for invitation in invitations:
            try:
                invitation_email(invitation, inviter).send()
            except (smtplib.SMTPException, OSError):
                failed.append(invitation.user.email)
        if failed:
            messages.warning(
                request,
                _(
                    "Undangan tersimpan, tetapi email ke %(emails)s gagal dikirim. Pakai “Kirim "
                    "ulang undangan” di halaman orangnya sebentar lagi."
                )
                % {"emails": ", ".join(failed)},
            )

    try:
        invitations = people_import.apply(stored, by=request.user, notify=send_all)
    except people_import.PeopleImportError as refused:
        messages.error(request, refused.message)
        return redirect(f"{reverse('people-import')}?plan={stored.pk}")
    messages.success(
        request,
        ngettext(
            "%(n)d orang diundang dari “%(file)s”; tautannya berlaku %(days)d hari.",
            "%(n)d orang diundang dari “%(file)s”; tautannya berlaku %(days)d hari.",
            len(invitations),
        )
        % {"n": len(invitations), "file": stored.file_name, "days": people.INVITATION_DAYS},
    )
    return redirect("people")


@require_GET
@login_required
def import_errors(request):
    """The uploaded workbook handed back with a "Kesalahan" column."""
    _inviters_only(request)
    if not request.GET.get("plan"):
        return HttpResponseBadRequest(_("Rencana impor tidak disebutkan."))
    stored = get_plan_for_user(request.user, request.GET["plan"], people_import.PEOPLE_IMPORT)
    content = errors_workbook(bytes(stored.file), stored.load())
    return _download(content, f"{stored.file_name.rsplit('.', 1)[0]}-kesalahan.xlsx")


@require_GET
@login_required
def import_template(request):
    _inviters_only(request)
    return _download(people_import.template(), "templat-impor-pengguna.xlsx")
