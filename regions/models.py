"""Regional governments, their agencies (OPD), and who belongs to which."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INSPECTORATE = "inspectorate", _("Inspektorat")
    REGIONAL = "regional", _("Admin pemda (PIC)")
    AGENCY = "agency", _("Operator OPD")
    LEADERSHIP = "leadership", _("Pimpinan")


def person_name(user) -> str:
    """How the product names a person everywhere: full name, else username, else a dash
    (history outlives accounts, so the user may be gone)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten")
    CITY = "city", _("Kota")


class Region(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=10, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    short_name = models.CharField(_("nama singkat"), max_length=40)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=RegionKind.values), name="region_kind_valid"
            ),
            # Only provinces stand alone; regencies and cities always sit under one.
            models.CheckConstraint(
                condition=models.Q(kind=RegionKind.PROVINCE, parent__isnull=True)
                | (~models.Q(kind=RegionKind.PROVINCE) & models.Q(parent__isnull=False)),
                name="region_parent_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def province_id(self) -> int:
        return self.pk if self.kind == RegionKind.PROVINCE else self.parent_id


class Unit(models.Model):
    """An agency (OPD) of one government: BPKAD, Bappeda, Inspektorat, …"""

    region = models.ForeignKey(
        Region, verbose_name=_("pemerintah daerah"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("nama"), max_length=160)
    short_name = models.CharField(_("nama singkat"), max_length=40)

    class Meta:
        ordering = ["region__code", "short_name"]
        verbose_name = _("perangkat daerah (OPD)")
        verbose_name_plural = _("perangkat daerah (OPD)")
        constraints = [
            models.UniqueConstraint(fields=["region", "short_name"], name="unit_unique_short_name")
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.region.short_name})"


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("pemerintah daerah"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="membership_one_per_region"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
            # An agency operator always belongs to exactly one unit; nobody else is tied to one.
            models.CheckConstraint(
                condition=models.Q(role=Role.AGENCY, unit__isnull=False)
                | (~models.Q(role=Role.AGENCY) & models.Q(unit__isnull=True)),
                name="membership_unit_iff_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.region.short_name}"


class Profile(models.Model):
    """What a person chose for themselves: the language of their pages and emails, and which
    optional emails they get (the weekly leadership digest has no opt-out)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(
        _("bahasa"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    reminders = models.BooleanField(
        _("pengingat batas waktu"),
        default=True,
        help_text=_("H-14, H-7, H-3 dan H-1 sebelum batas waktu, selama masih ada dokumen."),
    )
    notices = models.BooleanField(
        _("pemberitahuan dikembalikan/diterima"),
        default=True,
        help_text=_("Saat dokumen dikembalikan untuk perbaikan atau diterima."),
    )

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profil")

    def __str__(self) -> str:
        return str(self.user)


def profile_for(user) -> Profile:
    """The user's profile; an unsaved one with the defaults when they never changed anything."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user)


def save_language(user, language: str) -> None:
    """Remember the language a logged-in user picked in the header, for their emails."""
    if language not in dict(settings.LANGUAGES):
        return
    user.profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"language": language}
    )


class Invitation(models.Model):
    """One invitation email: a signed, expiring link to set a first password. The newest
    unaccepted one of a person is the only live one (a resend makes earlier links useless)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")

    def __str__(self) -> str:
        return f"{self.user} {self.sent_at:%Y-%m-%d}"


class AuditAction(models.TextChoices):
    INVITED = "invited", _("Diundang")
    INVITATION_RESENT = "resent", _("Undangan dikirim ulang")
    INVITATION_ACCEPTED = "accepted", _("Undangan diterima")
    ROLE_CHANGED = "role", _("Peran atau cakupan diubah")
    DEACTIVATED = "deactivated", _("Dinonaktifkan")
    REACTIVATED = "reactivated", _("Diaktifkan kembali")
    UNIT_ADDED = "unit_added", _("OPD ditambahkan")
    UNIT_RENAMED = "unit_renamed", _("OPD diganti nama")
    UNIT_MERGED = "unit_merged", _("OPD digabung")
    DOCUMENTS_ASSIGNED = "assigned", _("Dokumen ditugaskan ke OPD")
    CHECKLIST_IMPORTED = "guidebook", _("Buku panduan diimpor")
    REQUIREMENT_EDITED = "requirement", _("Persyaratan diubah")
    REQUIREMENT_RETIRED = "retired", _("Persyaratan dicabut")
    ROLLOVER = "rollover", _("Program tahun berikutnya dibuat")
    PROGRAMME_CLOSED = "closed", _("Program ditutup")


class AuditEntry(models.Model):
    """Who changed what, when, in people, agencies and the checklist. Written by the module
    that makes the change (``record``), shown on /people/, a person's page, a government's
    agencies and the checklist. ``summary`` is written in the actor's language at the time."""

    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("tindakan"), max_length=20, choices=AuditAction.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("orang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    summary = models.TextField(_("ringkasan"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("catatan perubahan")
        verbose_name_plural = _("catatan perubahan")
        indexes = [
            # A person's page: what happened to them, newest first.
            models.Index(fields=["person", "-created_at"], name="audit_person_newest"),
            # /people/ and a government's agencies: entries of governments in scope, newest first.
            models.Index(fields=["region", "-created_at"], name="audit_region_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


def record(actor, action: str, *, person=None, region=None, summary: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor, action=action, person=person, region=region, summary=summary
    )
