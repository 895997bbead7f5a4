"""/people/: who works in the tracker, invitations, roles and scopes, and the record of changes.

Scoping: the list and a person's page show memberships in ``scoping.people_q`` (a person outside
it is a 404); agency operators have no people page (403). What a user may change is
``regions.people``'s rule; a refusal there is a 403 (a tampered form), never a silent change.
The invitation email is built by reports.emails (views sit above the import chain).
"""

from __future__ import annotations

import smtplib

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regions import people, scoping
from regions.forms import InviteForm, ScopeFields
from regions.models import AuditAction, AuditEntry, Invitation, Membership, person_name, profile_for
from reports import emails


def _people_required(request):
    if not scoping.may_see_people(request.user):
        raise PermissionDenied


PEOPLE_ACTIONS = [
    AuditAction.INVITED,
    AuditAction.INVITATION_RESENT,
    AuditAction.INVITATION_ACCEPTED,
    AuditAction.ROLE_CHANGED,
    AuditAction.DEACTIVATED,
    AuditAction.REACTIVATED,
]


def _audit_in_scope(user):
    """Changes to people of the governments whose people the user sees."""
    return AuditEntry.objects.filter(
        action__in=PEOPLE_ACTIONS, region__in=scoping.people_regions(user)
    )


def invitation_email(invitation: Invitation, inviter):
    """The email carrying an invitation's set-password link (not sent)."""
    user = invitation.user
    membership = Membership.objects.filter(user=user).select_related("region", "unit").first()
    context = {
        "name": person_name(user),
        "inviter": person_name(inviter),
        "username": user.get_username(),
        "role": people.describe(membership.role, membership.region, membership.unit)
        if membership
        else "",
        "link": people.link_for(invitation),
        "expires": people.expires_at(invitation),
    }
    return emails.message("invitation", context, to=user.email, language=profile_for(user).language)


def send_invitation(request, invitation: Invitation) -> bool:
    """Email the set-password link; on failure say so (the invitation stays, resend later)."""
    user = invitation.user
    msg = invitation_email(invitation, request.user)
    try:
        msg.send()
    except (smtplib.SMTPException, OSError) as error:
        messages.warning(
            request,
            _(
                "Undangan tersimpan, tetapi email ke %(email)s gagal dikirim (%(error)s). Coba "
                "“Kirim ulang undangan” sebentar lagi."
            )
            % {"email": user.email, "error": error},
        )
        return False
    messages.success(
        request,
        _("Undangan dikirim ke %(email)s; tautannya berlaku %(days)d hari.")
        % {"email": user.email, "days": people.INVITATION_DAYS},
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def people_page(request):
    _people_required(request)
    may_invite = people.may_invite(request.user)
    form = None
    if may_invite:
        form = InviteForm(request.POST or None, actor=request.user)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = people.invite(
                request.user,
                form.new_person(),
                region=data["region"],
                role=data["role"],
                unit=data.get("unit"),
            )
        except people.PeopleError as error:
            form.add_error(error.field, error.message)
        else:
            send_invitation(request, invitation)
            return redirect("person", invitation.user_id)
    memberships = people.people_in_scope(request.user).order_by(
        "region__code", "role", "user__first_name", "user__username"
    )
    query = request.GET.get("q", "").strip()
    if query:
        memberships = memberships.filter(
            Q(user__username__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(unit__short_name__icontains=query)
            | Q(region__name__icontains=query)
        )
    pending = set(
        Invitation.objects.filter(
            user__in=[m.user_id for m in memberships], accepted_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    rows = [
        {
            "m": m,
            "state": _state(m.user, pending),
            "may_manage": people.may_manage(request.user, m),
        }
        for m in memberships
    ]
    context = {
        "rows": rows,
        "form": form,
        "query": query,
        "log": _audit_in_scope(request.user).select_related("actor", "person", "region")[:30],
    }
    return render(
        request, "regions/people.html", context, status=400 if form and form.errors else 200
    )


def _state(user, pending) -> str:
    if not user.is_active:
        return "inactive"
    if not user.has_usable_password() and user.pk in pending:
        return "invited"
    return "active"


def _person_for(request, pk: int):
    """The person ``pk`` if one of their memberships is in the user's people scope, else 404
    (an agency operator has no people scope: every person is a 404 to them)."""
    ms = list(people.people_in_scope(request.user).filter(user_id=pk))
    if not ms:
        raise Http404("No such person in your scope")
    return ms[0].user, ms


@login_required
@require_http_methods(["GET", "POST"])
def person_page(request, pk: int):
    person, ms = _person_for(request, pk)
    forms = {
        m.pk: ScopeFields(
            initial={"role": m.role, "region": m.region_id, "unit": m.unit_id},
            actor=request.user,
            prefix=f"m{m.pk}",
        )
        for m in ms
        if people.may_manage(request.user, m)
    }
    status = 200
    if request.method == "POST":
        try:
            key = int(request.POST.get("membership", ""))
        except ValueError:
            key = None
        membership = next((m for m in ms if m.pk == key), None)
        if membership is None or key not in forms:
            raise PermissionDenied
        form = ScopeFields(request.POST, actor=request.user, prefix=f"m{key}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                people.change(
                    request.user,
                    membership,
                    region=data["region"],
                    role=data["role"],
                    unit=data.get("unit"),
                )
            except people.PeopleError as error:
                if error.code == "forbidden":
                    raise PermissionDenied from None
                form.add_error(error.field, error.message)
            else:
                messages.success(request, _("Peran dan cakupan disimpan."))
                return redirect("person", person.pk)
        forms[key] = form
        status = 400
    invitations = list(Invitation.objects.filter(user=person).select_related("invited_by")[:5])
    all_manageable = all(people.may_manage(request.user, m) for m in ms) and len(ms) == len(
        Membership.objects.filter(user=person)
    )
    context = {
        "person": person,
        "rows": [(m, forms.get(m.pk)) for m in ms],
        "invitations": invitations,
        "may_manage_person": all_manageable,
        "state": _state(person, {i.user_id for i in invitations if i.accepted_at is None}),
        "log": AuditEntry.objects.filter(person=person)
        .filter(region__in=scoping.people_regions(request.user))
        .select_related("actor", "region")[:50],
    }
    return render(request, "regions/person.html", context, status=status)


def _act(request, pk: int, action, done: str):
    person, _ms = _person_for(request, pk)
    try:
        result = action(request.user, person)
    except people.PeopleError as error:
        if error.code in ("forbidden", "self"):
            raise PermissionDenied from None
        messages.error(request, error.message)
        return redirect("person", person.pk)
    if isinstance(result, Invitation):
        send_invitation(request, result)
    else:
        messages.success(request, done)
    return redirect("person", person.pk)


@require_POST
@login_required
def person_deactivate(request, pk: int):
    return _act(
        request, pk, people.deactivate, _("Akun dinonaktifkan; semua sesinya sudah diakhiri.")
    )


@require_POST
@login_required
def person_reactivate(request, pk: int):
    return _act(request, pk, people.reactivate, _("Akun diaktifkan kembali."))


@require_POST
@login_required
def person_resend(request, pk: int):
    return _act(request, pk, people.resend, "")


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    """The link in the invitation email: set a first password, then straight in."""
    try:
        invitation = people.read_token(token)
    except people.InvitationInvalid as invalid:
        return render(request, "regions/invitation.html", {"invalid": invalid.message}, status=400)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.accept(invitation, form.cleaned_data["new_password1"])
        except people.InvitationInvalid as invalid:
            context = {"invalid": invalid.message}
            return render(request, "regions/invitation.html", context, status=400)
        user = get_user_model().objects.get(pk=invitation.user_id)
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Kata sandi disimpan. Selamat datang di MCSP Tracker."))
        return redirect(reverse("dashboard"))
    context = {"form": form, "person": invitation.user}
    return render(request, "regions/invitation.html", context, status=400 if form.is_bound else 200)
