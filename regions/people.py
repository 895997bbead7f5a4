"""People: inviting, changing roles and scopes, deactivating — the one place these rules live.

The rules (DESIGN.md "Who uses it"; issue 12):

* Roles rank inspectorate > leadership > government PIC > agency operator. Nobody grants a role
  above their own, nor in a government outside their own scope (``regions.scoping``).
* Inspectorate staff manage everyone in their province; a government's PIC manages the agency
  operators of their own government and nobody else; leadership and operators manage no one.
* Each kind of government has its own roles: a province has inspectorate staff, leadership and
  operators of its own agencies; a regency or city has its PIC, leadership and operators.
* People log in with a username; an email address belongs to one active account.
* Nobody is deleted (history names them): a person is deactivated, which ends their sessions
  (accounts.signals). Nobody changes or deactivates themselves here.
* Every change is recorded (``regions.models.record``), who, when and what.

Everything refused raises ``PeopleError`` with a translatable message and a stable code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import scoping
from regions.models import (
    AuditAction,
    Invitation,
    Membership,
    Region,
    RegionKind,
    Role,
    Unit,
    record,
)

RANK = {Role.AGENCY: 1, Role.REGIONAL: 2, Role.LEADERSHIP: 3, Role.INSPECTORATE: 4}
# Which roles a manager in each role may hand out (never above their own: RANK).
MANAGES = {
    Role.INSPECTORATE: frozenset(Role.values),
    Role.REGIONAL: frozenset({Role.AGENCY}),
}
ROLES_BY_KIND = {
    RegionKind.PROVINCE: frozenset({Role.INSPECTORATE, Role.LEADERSHIP, Role.AGENCY}),
    RegionKind.REGENCY: frozenset({Role.REGIONAL, Role.LEADERSHIP, Role.AGENCY}),
    RegionKind.CITY: frozenset({Role.REGIONAL, Role.LEADERSHIP, Role.AGENCY}),
}
INVITATION_DAYS = 7
_SALT = "mcsp.invitation"


class PeopleError(Exception):
    def __init__(self, message, code: str, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field


# --- who may do what -------------------------------------------------------------------------


def managing_role(actor, region: Region) -> str | None:
    """The role ``actor`` manages people of ``region`` in, or None when they manage nobody there."""
    m = scoping.membership_for(actor, region)
    return m.role if m is not None and m.role in MANAGES else None


def grantable_roles(actor, region: Region) -> list[str]:
    role = managing_role(actor, region)
    if role is None:
        return []
    return [
        r
        for r in Role.values
        if r in MANAGES[role] and RANK[r] <= RANK[role] and r in ROLES_BY_KIND[region.kind]
    ]


def may_manage(actor, membership: Membership) -> bool:
    """Whether ``actor`` may change or end ``membership`` (never their own)."""
    return membership.user_id != actor.pk and membership.role in grantable_roles(
        actor, membership.region
    )


def may_invite(actor) -> bool:
    return any(m.role in MANAGES for m in scoping.memberships(actor))


def check_grant(actor, region: Region | None, role: str, unit: Unit | None) -> None:
    """Raise PeopleError unless ``actor`` may give someone ``role`` in ``region`` (and ``unit``)."""
    if region is None or managing_role(actor, region) is None:
        raise PeopleError(
            _("Anda tidak dapat mengelola orang di pemerintah daerah ini."),
            "out_of_scope",
            "region",
        )
    own = managing_role(actor, region)
    if role not in RANK:
        raise PeopleError(_("Peran tidak dikenal."), "unknown_role", "role")
    if RANK[role] > RANK[own]:
        raise PeopleError(
            _("Anda tidak dapat memberikan peran yang lebih tinggi dari peran Anda sendiri."),
            "role_above_own",
            "role",
        )
    if role not in MANAGES[own]:
        raise PeopleError(
            _("Peran Anda hanya dapat mengelola operator OPD."), "role_not_managed", "role"
        )
    if role not in ROLES_BY_KIND[region.kind]:
        raise PeopleError(
            _("Peran “%(role)s” tidak ada di %(region)s.")
            % {"role": Role(role).label, "region": region.name},
            "role_not_here",
            "role",
        )
    if role == Role.AGENCY and (unit is None or unit.region_id != region.pk):
        raise PeopleError(
            _("Pilih OPD milik %(region)s untuk operator OPD.") % {"region": region.name},
            "unit_mismatch",
            "unit",
        )


def describe(role: str, region: Region, unit: Unit | None = None) -> str:
    """A role and scope as people read them: "Operator OPD · BPKAD Kabupaten Kapuas"."""
    where = f"{unit.short_name} {region.name}" if role == Role.AGENCY and unit else region.name
    return f"{Role(role).label} · {where}"


def people_in_scope(actor):
    """Memberships ``actor`` may see on /people/, with their people, governments and agencies."""
    return Membership.objects.filter(scoping.people_q(actor)).select_related(
        "user", "region", "unit"
    )


# --- invitations -----------------------------------------------------------------------------


def _email_taken(email: str, exclude=None) -> bool:
    users = get_user_model().objects.filter(email__iexact=email, is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


@dataclass
class NewPerson:
    username: str
    email: str
    first_name: str = ""
    last_name: str = ""


def check_new_person(person: NewPerson) -> None:
    try:
        UnicodeUsernameValidator()(person.username)
    except ValidationError as error:
        raise PeopleError(error.messages[0], "bad_username", "username") from None
    if get_user_model().objects.filter(username__iexact=person.username).exists():
        raise PeopleError(
            _("Nama pengguna “%(username)s” sudah dipakai.") % {"username": person.username},
            "username_taken",
            "username",
        )
    if _email_taken(person.email):
        raise PeopleError(
            _("Alamat email %(email)s sudah dipakai akun aktif lain.") % {"email": person.email},
            "email_taken",
            "email",
        )


def invite(
    actor, person: NewPerson, *, region: Region, role: str, unit: Unit | None = None
) -> Invitation:
    """Create the account (no password yet) and its membership, and a live invitation."""
    check_grant(actor, region, role, unit)
    person.email = person.email.strip().lower()
    check_new_person(person)
    with transaction.atomic():
        user = get_user_model()(
            username=person.username,
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        user.set_unusable_password()
        user.save()
        Membership.objects.create(
            user=user, region=region, role=role, unit=unit if role == Role.AGENCY else None
        )
        invitation = Invitation.objects.create(user=user, invited_by=actor)
        record(
            actor,
            AuditAction.INVITED,
            person=user,
            region=region,
            summary=f"{user.email} — {describe(role, region, unit)}",
        )
    return invitation


def _require_manages_everything(actor, user) -> list[Membership]:
    """Every membership of ``user``; PeopleError unless ``actor`` may manage each one (a person
    who also works elsewhere is not switched off by someone who oversees only one of their jobs)."""
    if user.pk == actor.pk:
        raise PeopleError(_("Anda tidak dapat mengubah akun Anda sendiri di sini."), "self")
    ms = list(Membership.objects.filter(user=user).select_related("region", "unit"))
    if not ms or not all(may_manage(actor, m) for m in ms):
        raise PeopleError(_("Anda tidak berwenang mengelola orang ini."), "forbidden")
    return ms


def resend(actor, user) -> Invitation:
    ms = _require_manages_everything(actor, user)
    if user.has_usable_password():
        raise PeopleError(
            _(
                "Orang ini sudah mengatur kata sandinya. Bila lupa, ia dapat memakai “Lupa kata "
                "sandi” di halaman masuk."
            ),
            "already_accepted",
        )
    if not user.is_active:
        raise PeopleError(_("Akun ini nonaktif; aktifkan kembali terlebih dahulu."), "inactive")
    invitation = Invitation.objects.create(user=user, invited_by=actor)
    record(
        actor, AuditAction.INVITATION_RESENT, person=user, region=ms[0].region, summary=user.email
    )
    return invitation


def token_for(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=_SALT, compress=True)


def link_for(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation", args=[token_for(invitation)])


def expires_at(invitation: Invitation):
    return invitation.sent_at + dt.timedelta(days=INVITATION_DAYS)


class InvitationInvalid(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def read_token(token: str) -> Invitation:
    """The live invitation a link stands for, or InvitationInvalid saying why not."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise InvitationInvalid(
            _("Tautan undangan ini sudah kedaluwarsa. Minta pengundang mengirim ulang undangan.")
        ) from None
    except signing.BadSignature:
        raise InvitationInvalid(_("Tautan undangan ini tidak valid.")) from None
    invitation = Invitation.objects.select_related("user").filter(pk=data.get("i")).first()
    if invitation is None or not invitation.user.is_active:
        raise InvitationInvalid(_("Tautan undangan ini tidak valid."))
    if invitation.accepted_at is not None or invitation.user.has_usable_password():
        raise InvitationInvalid(
            _("Undangan ini sudah dipakai. Masuk dengan nama pengguna dan kata sandi Anda.")
        )
    newest = Invitation.objects.filter(user=invitation.user).values_list("pk", flat=True).first()
    if newest != invitation.pk:
        raise InvitationInvalid(
            _("Undangan ini sudah diganti dengan undangan yang lebih baru; pakai tautan terbaru.")
        )
    return invitation


def accept(invitation: Invitation, password: str) -> None:
    user = invitation.user
    with transaction.atomic():
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not claimed:
            raise InvitationInvalid(_("Undangan ini sudah dipakai."))
        user.set_password(password)
        user.save(update_fields=["password"])
        home = scoping.home_region(user)
        record(user, AuditAction.INVITATION_ACCEPTED, person=user, region=home)


# --- changing and ending ------------------------------------------------------------------------


def change(actor, membership: Membership, *, region: Region, role: str, unit: Unit | None) -> None:
    """Give a membership another role and/or scope, within the actor's own limits."""
    if not may_manage(actor, membership):
        raise PeopleError(_("Anda tidak berwenang mengelola orang ini."), "forbidden")
    check_grant(actor, region, role, unit)
    unit = unit if role == Role.AGENCY else None
    before = describe(membership.role, membership.region, membership.unit)
    after = describe(role, region, unit)
    if before == after:
        return
    if (
        region.pk != membership.region_id
        and Membership.objects.filter(user=membership.user_id, region=region).exists()
    ):
        raise PeopleError(
            _("Orang ini sudah punya peran di %(region)s.") % {"region": region.name},
            "duplicate",
            "region",
        )
    membership.region, membership.role, membership.unit = region, role, unit
    with transaction.atomic():
        membership.save(update_fields=["region", "role", "unit"])
        record(
            actor,
            AuditAction.ROLE_CHANGED,
            person=membership.user,
            region=region,
            summary=f"{before} → {after}",
        )
    scoping.forget_memberships(membership.user)


def deactivate(actor, user) -> None:
    """Switch the account off (its sessions end at once: accounts.signals); never deleted."""
    ms = _require_manages_everything(actor, user)
    if not user.is_active:
        return
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(actor, AuditAction.DEACTIVATED, person=user, region=ms[0].region)


def reactivate(actor, user) -> None:
    ms = _require_manages_everything(actor, user)
    if user.is_active:
        return
    if user.email and _email_taken(user.email, exclude=user):
        raise PeopleError(
            _("Alamat email %(email)s kini dipakai akun aktif lain.") % {"email": user.email},
            "email_taken",
        )
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(actor, AuditAction.REACTIVATED, person=user, region=ms[0].region)
