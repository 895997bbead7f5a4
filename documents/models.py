"""The checklist (Programme → Area → Indicator → Requirement) and where each government stands.

The words every page, email and workbook shares live here: the statuses and their labels, the
sources of a change, the return reasons, and the deadline countdown (``Programme.countdown``).
Every write to a document goes through ``documents.workflow``; nothing here changes a status.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator
from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from regions import scoping
from regions.models import Region, RegionKind, Role, Unit


class Status(models.TextChoices):
    NOT_UPLOADED = "not_uploaded", _("Belum diunggah")
    # "Diunggah" is the published figure (every status but not_uploaded: UPLOADED_FIGURE), so
    # the status itself has a word of its own: in the tracker, not yet sent to KPK.
    UPLOADED = "uploaded", pgettext_lazy("status", "Siap dikirim")
    VERIFYING = "verifying", _("Proses verifikasi")
    NEEDS_REVISION = "needs_revision", _("Perlu perbaikan")
    ACCEPTED = "accepted", _("Diterima")


# The province's published "uploaded" figure: every status but not uploaded. Pages show it with
# UPLOADED_FOOTNOTE so nobody reads it as the status "Siap dikirim".
UPLOADED_FIGURE = pgettext_lazy("figure", "Diunggah")
UPLOADED_FOOTNOTE = _(
    "Diunggah = semua dokumen selain yang belum diunggah (siap dikirim, proses verifikasi, "
    "perlu perbaikan, diterima), sebagaimana angka yang dipublikasikan provinsi."
)


class ReturnReason(models.TextChoices):
    """Why a document was returned for revision: asked with every return, counted in reports."""

    FORMAT = "format", _("Format berkas tidak sesuai")
    WRONG_PERIOD = "wrong_period", _("Periode atau tahun tidak sesuai")
    INCOMPLETE = "incomplete", _("Tidak lengkap")
    UNREADABLE = "unreadable", _("Pindaian tidak terbaca / tautan tidak dapat dibuka")
    WRONG_DOCUMENT = "wrong_document", _("Dokumen tidak sesuai yang diminta")
    UNSIGNED = "unsigned", _("Belum ditandatangani atau distempel")
    OTHER = "other", _("Lainnya")

    @classmethod
    def codes_for(cls, code: str) -> list[str]:
        """The stored codes that mean this reason (its own and the legacy ones)."""
        return [code, *(old for old, new in LEGACY_REASONS.items() if new == code)]

    @classmethod
    def of(cls, code: str) -> ReturnReason | None:
        """The reason a stored code stands for, including codes written before this list
        existed (history is append-only, so old rows keep their old codes)."""
        code = LEGACY_REASONS.get(code, code)
        return cls(code) if code in cls.values else None


LEGACY_REASONS = {
    "wrong_year": "wrong_period",
    "partial_period": "wrong_period",
    "expired": "wrong_period",
    "draft": "wrong_document",
    "wrong_doc": "wrong_document",
    "mismatch": "wrong_document",
    "no_stamp": "unsigned",
    "no_ba": "unsigned",
    "link_private": "unreadable",
    "no_evidence_pub": "incomplete",
    "not_all_opd": "incomplete",
}


class Source(models.TextChoices):
    """Where a status change came from (recorded on every StatusChange)."""

    REGIONAL = "regional", _("Admin pemda")
    AGENCY = "agency", _("OPD")
    REVIEW = "review", _("Reviu inspektorat")
    KPK = "kpk", _("Verifikasi KPK")
    SYNC = "sync", _("Disesuaikan dengan jaga.id")
    IMPORT = "import", _("Impor")


class ProgrammeKind(models.TextChoices):
    MCSP = "mcsp", _("MCSP")
    SPI_RTL = "spi_rtl", _("Rencana tindak lanjut SPI")


WEIGHT = {
    "max_digits": 7,
    "decimal_places": 3,
    "default": Decimal(1),
    "validators": [MinValueValidator(Decimal(0))],
}


class ProgrammeQuerySet(models.QuerySet):
    def current(self, kind: str = ProgrammeKind.MCSP):
        """The active programme of a kind, newest year first (None when there is none)."""
        return self.filter(kind=kind, is_active=True).order_by("-year").first()


def programmes(request) -> list[Programme]:
    """Every programme, newest first, loaded once per request (a handful of rows): the page's
    programme and the header's switcher both come from this one query."""
    if not hasattr(request, "_mcsp_programmes"):
        request._mcsp_programmes = list(Programme.objects.order_by("-year", "kind"))
    return request._mcsp_programmes


def current_programme(request) -> Programme | None:
    """The programme a page shows: ``?programme=<kind>-<year>`` (DESIGN's stable address, e.g.
    ``?programme=spi_rtl-2024``), else the newest active MCSP programme."""
    everything = programmes(request)
    chosen = request.GET.get("programme", "") if hasattr(request, "GET") else ""
    for programme in everything:
        if chosen and programme.slug == chosen:
            return programme
    return next((p for p in everything if p.kind == ProgrammeKind.MCSP and p.is_active), None)


class Programme(models.Model):
    """One compliance cycle. Its deadline is the end of its last day in WIB (23:59:59)."""

    kind = models.CharField(_("jenis"), max_length=10, choices=ProgrammeKind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=160)
    starts_on = models.DateField(_("mulai"))
    deadline = models.DateTimeField(_("batas waktu"))
    is_active = models.BooleanField(_("aktif"), default=True)
    # After the yearly rollover a programme is no longer active but stays open to the
    # inspectorate (KPK's late verdicts and final scores arrive until March) until they close
    # it; from then on it is read-only for everyone.
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="programme_unique_kind_year"),
            models.CheckConstraint(
                condition=models.Q(kind__in=ProgrammeKind.values), name="programme_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """How ``?programme=`` names it: ``mcsp-2026``, ``spi_rtl-2024``."""
        return f"{self.kind}-{self.year}"

    def open_to(self, role: str | None) -> bool:
        """Whether someone acting in ``role`` may still change anything in this programme:
        everyone while it is active, only the inspectorate after the rollover, nobody once it
        is closed."""
        if self.closed_at is not None:
            return False
        return self.is_active or role == Role.INSPECTORATE

    @property
    def last_day(self) -> dt.date:
        """The deadline's date in WIB: uploads are open until the end of this day."""
        return timezone.localtime(self.deadline).date()

    def days_left(self, today: dt.date | None = None) -> int:
        """Whole days from today to the last day, as people count "H-7": 1 on the day before,
        0 on the last day, negative once it has passed."""
        return (self.last_day - (today or timezone.localdate())).days

    def countdown(self, today: dt.date | None = None) -> str:
        """The one days-left sentence of the header, cards, reminders and emails."""
        return countdown_text(self.days_left(today))


def countdown_text(days: int) -> str:
    """Programme.countdown's sentence for a number of days kept elsewhere (a published week)."""
    if days > 0:
        return ngettext("%(n)d hari lagi", "%(n)d hari lagi", days) % {"n": days}
    if days == 0:
        return str(_("Hari terakhir"))
    return ngettext("lewat %(n)d hari", "lewat %(n)d hari", -days) % {"n": -days}


class Area(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    weight = models.DecimalField(_("bobot"), **WEIGHT)

    class Meta:
        ordering = ["programme", "order", "code"]
        verbose_name = _("area intervensi")
        verbose_name_plural = _("area intervensi")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="area_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Indicator(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    weight = models.DecimalField(_("bobot"), **WEIGHT)

    class Meta:
        ordering = ["area", "order", "code"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="indicator_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RequirementQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """Requirements that count today: retired ones keep their history but leave the figures."""
        on = on or timezone.localdate()
        return self.filter(models.Q(retired_on__isnull=True) | models.Q(retired_on__gt=on))

    def applying_to(self, region: Region):
        kind_field = {
            RegionKind.PROVINCE: "for_province",
            RegionKind.REGENCY: "for_regency",
            RegionKind.CITY: "for_city",
        }[region.kind]
        return self.filter(**{kind_field: True}).filter(
            models.Q(region__isnull=True) | models.Q(region=region)
        )


SHORT_NAME_LENGTH = 60


def short_name_from(name: str) -> str:
    """A requirement's default short name: its name cut at a word before 60 characters."""
    name = " ".join(name.split())
    if len(name) <= SHORT_NAME_LENGTH:
        return name
    cut = name[: SHORT_NAME_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-(")
    return f"{cut}…"


class Requirement(models.Model):
    """One evidence document the guidebook asks for, under an indicator (and sub-indicator)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="requirements")
    # Copied from the indicator's area on save: it lets the database hold codes unique within a
    # programme (a constraint cannot reach through foreign keys).
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="requirements", editable=False
    )
    code = models.CharField(_("kode"), max_length=30)
    name = models.CharField(_("dokumen yang diperlukan"), max_length=400)
    short_name = models.CharField(
        _("nama singkat"),
        max_length=SHORT_NAME_LENGTH,
        blank=True,
        help_text=_("Untuk daftar, notifikasi dan nama berkas; kosongkan untuk diambil dari nama."),
    )
    description = models.TextField(_("keterangan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    weight = models.DecimalField(_("bobot"), **WEIGHT)
    sub_indicator_code = models.CharField(_("kode sub-indikator"), max_length=30, blank=True)
    sub_indicator_name = models.CharField(_("sub-indikator"), max_length=300, blank=True)
    # Three flags rather than an array column: portable across SQLite and PostgreSQL.
    for_province = models.BooleanField(_("berlaku untuk provinsi"), default=True)
    for_regency = models.BooleanField(_("berlaku untuk kabupaten"), default=True)
    for_city = models.BooleanField(_("berlaku untuk kota"), default=True)
    unit_short_name = models.CharField(
        _("OPD penyedia"),
        max_length=40,
        blank=True,
        help_text=_("Nama singkat OPD yang biasanya menyediakan dokumen ini, mis. BPKAD."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("khusus pemda"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Hanya untuk satu pemda (mis. rencana aksi SPI)."),
    )
    retired_on = models.DateField(_("dicabut sejak"), null=True, blank=True)

    objects = RequirementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "order", "code"]
        verbose_name = _("persyaratan dokumen")
        verbose_name_plural = _("persyaratan dokumen")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="requirement_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.programme_id = self.indicator.area.programme_id
        if not self.short_name.strip():
            self.short_name = short_name_from(self.name)
        super().save(*args, **kwargs)


class ScopedQuerySet(models.QuerySet):
    """``visible_to(user)`` for a document and everything hanging off one (regions.scoping)."""

    scope_prefix = ""  # the path from this model to its Document, e.g. "document__"
    unit_prefix = None  # the path to the document's unit, when not the same

    def visible_to(self, user, within=None):
        """What the user may see; only in the governments ``within`` (ids), when given."""
        return self.filter(
            scoping.document_q(
                user, prefix=self.scope_prefix, unit_prefix=self.unit_prefix, within=within
            )
        )


class DocumentQuerySet(ScopedQuerySet):
    def visible_in(self, user, programme, on=None):
        """What a user works on: their documents of a programme that count today."""
        return self.visible_to(user).of_programme(programme).in_force(on)

    def in_force(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(requirement__retired_on__isnull=True)
            | models.Q(requirement__retired_on__gt=on)
        )

    def of_programme(self, programme):
        return self.filter(requirement__programme=programme)

    def with_last_return(self):
        """Annotate why each document last came back: ``return_reason`` (a code, legacy codes
        included: ReturnReason.of), ``return_note``, ``return_at`` and ``return_source``. One
        correlated subquery per field over the index statuschange_document_time."""
        last = (
            StatusChange.objects.filter(
                document=models.OuterRef("pk"), to_status=Status.NEEDS_REVISION
            )
            .order_by("-created_at", "-pk")
            .values
        )
        return self.annotate(
            return_reason=models.Subquery(last("reason_code")[:1]),
            return_note=models.Subquery(last("note")[:1]),
            return_at=models.Subquery(last("created_at")[:1]),
            return_source=models.Subquery(last("source")[:1]),
        )


class Document(models.Model):
    """One requirement for one government: the row the whole product revolves around."""

    # No single-column indexes on these two: a status change is not a HOT update (status is
    # indexed), so it writes a new entry into every index of the table, and the unique
    # constraint (requirement, region) and document_region_status_age already lead with them.
    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("persyaratan"),
        on_delete=models.PROTECT,
        related_name="documents",
        db_index=False,
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="documents",
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_UPLOADED
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    # No index: a person's documents are always read within a government (whose index finds
    # its ~700 first); on the national set it served 54 lookups against ~9,000 status changes
    # that each wrote an entry into it (issue 16).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_documents",
        db_index=False,
    )
    due_on = models.DateField(_("tanggal komitmen"), null=True, blank=True)
    # Optimistic lock: every write bumps it; a write made against an older value is refused.
    version = models.PositiveIntegerField(_("versi"), default=1)
    status_changed_at = models.DateTimeField(_("status berubah"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = [
            "region__code",
            "requirement__indicator__area__order",
            "requirement__indicator__order",
            "requirement__order",
        ]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "region"], name="document_unique_requirement_region"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="document_status_valid"
            ),
        ]
        indexes = [
            # Counts by status per government (figures, the government page), and the queue
            # and "waiting longest": a status in the scope's governments, oldest change first.
            # Every reader names its governments, so the government leads: an index led by
            # the status walked the whole country's verifying documents for a province with
            # none (32 ms), and one index instead of two is one less write per change.
            models.Index(
                fields=["region", "status", "status_changed_at"], name="document_region_status_age"
            ),
            # Live polling: "has anything in this scope changed since T?".
            models.Index(fields=["region", "updated_at"], name="document_region_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement.code} — {self.region.short_name}"

    @property
    def return_reason_label(self):
        """The annotated last return's reason in words (``with_last_return``)."""
        reason = ReturnReason.of(getattr(self, "return_reason", "") or "")
        return reason.label if reason else ""

    @property
    def is_late(self) -> bool:
        """Past its agency's committed date and still not (re)submitted."""
        return (
            self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.status in (Status.NOT_UPLOADED, Status.NEEDS_REVISION)
        )


def evidence_path(instance: Evidence, filename: str) -> str:
    # The stored name is built here, not taken from the uploader: the region and document
    # folders come from the database and only a sanitised base name of the upload is kept.
    safe = get_valid_filename(Path(filename).name)[-80:] or "berkas"
    document = instance.document
    return f"evidence/{document.region.code}/{document.pk}/{instance.sha256[:16]}-{safe}"


# PDFs and images open in the browser's viewer; other evidence downloads.
INLINE_CONTENT_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})

# Reads MEDIA_ROOT lazily (so tests can point it elsewhere); nothing ever builds a public URL.
private_storage = FileSystemStorage()


class EvidenceQuerySet(ScopedQuerySet):
    scope_prefix = "document__"


class Evidence(models.Model):
    """A file under the private MEDIA_ROOT or a link. Every version is kept; newest is current."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(
        _("berkas"), storage=private_storage, upload_to=evidence_path, blank=True, max_length=300
    )
    url = models.URLField(_("tautan"), blank=True, max_length=500)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(_("jenis isi"), max_length=100, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            # Exactly one of a stored file or a link.
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="evidence_file_xor_url",
            ),
        ]
        indexes = [
            # Document panel: a document's evidence, newest first.
            models.Index(fields=["document", "-uploaded_at"], name="evidence_document_newest"),
        ]

    def __str__(self) -> str:
        return self.original_name or self.url

    @property
    def opens_inline(self) -> bool:
        """A PDF or image the browser shows in a new tab instead of downloading."""
        return bool(self.file) and self.content_type in INLINE_CONTENT_TYPES


class CommentQuerySet(ScopedQuerySet):
    scope_prefix = "document__"


class Comment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("komentar"))
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("komentar")
        verbose_name_plural = _("komentar")
        indexes = [
            # Document panel: a document's comments in order.
            models.Index(fields=["document", "created_at"], name="comment_document_time"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove audit history."""


class StatusChangeQuerySet(ScopedQuerySet):
    # A change carries its document's government (StatusChange.region): scope on it directly,
    # so a province's history is read through statuschange_region_time without a join.
    scope_prefix = ""
    unit_prefix = "document__"

    def among_newest(self, region_ids, limit: int):
        """Only the ``limit`` newest changes of the governments ``region_ids`` (the newest of
        each government's ``limit`` newest), for a caller that sees all of their changes.

        On PostgreSQL a LATERAL join reads ``limit`` entries of statuschange_region_time per
        government, whatever the size of its history and without depending on the planner's
        row estimates (a province of 39 governments: ~1 ms; a bitmap scan of its 53,000
        changes and a sort: 11–50 ms). Other databases (SQLite: the demo) read as they are."""
        if connections[self.db].vendor != "postgresql":
            return self
        table = self.model._meta.db_table
        newest = RawSQL(
            f"SELECT t.id FROM unnest(%s::bigint[]) AS g(region_id) CROSS JOIN LATERAL"
            f" (SELECT c.id, c.created_at FROM {table} c WHERE c.region_id = g.region_id"
            " ORDER BY c.created_at DESC, c.id DESC LIMIT %s) AS t"
            " ORDER BY t.created_at DESC, t.id DESC LIMIT %s",
            (list(region_ids), limit, limit),
        )
        return self.filter(pk__in=newest)

    def update(self, **kwargs):
        raise AppendOnlyError("StatusChange rows are append-only")

    def delete(self):
        raise AppendOnlyError("StatusChange rows are append-only")


class StatusChange(models.Model):
    """Append-only history of every status change.

    Enforced three ways: the model and QuerySet refuse update/delete, and database triggers
    (migration 0002) refuse UPDATE on both SQLite and PostgreSQL and DELETE on PostgreSQL.
    Documents with history cannot be deleted (PROTECT): requirements are retired, not removed.
    """

    # The index statuschange_document_time serves lookups by document: no second index.
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="history", db_index=False
    )
    # The document's government, copied on insert (a document never changes government) so
    # that "latest changes" of a province reads that province's changes through the index
    # statuschange_region_time instead of walking the whole country's history (issue 16).
    region = models.ForeignKey(
        Region,
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Status.choices)
    # No index on actor or evidence: nothing reads history by them, and each index is one
    # more write per status change; the only lookup, PROTECT's when a user or evidence row is
    # deleted in the admin, may scan (issue 16).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    note = models.TextField(_("catatan"), blank=True)
    # A ReturnReason code on returns (older rows may hold a legacy code: ReturnReason.of).
    reason_code = models.CharField(_("kode alasan"), max_length=40, blank=True)
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_status__in=Status.values)
                & models.Q(to_status__in=Status.values),
                name="statuschange_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=Source.values), name="statuschange_source_valid"
            ),
        ]
        indexes = [
            # Document panel history, and replaying one document's history.
            models.Index(fields=["document", "created_at"], name="statuschange_document_time"),
            # Latest changes of a province: newest first within its governments.
            models.Index(fields=["region", "created_at"], name="statuschange_region_time"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("StatusChange rows are append-only")
        if self.region_id is None:
            self.region_id = self.document.region_id
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("StatusChange rows are append-only")

    @property
    def reason(self) -> ReturnReason | None:
        return ReturnReason.of(self.reason_code)

    def clean(self):
        if self.from_status == self.to_status:
            raise ValidationError(_("Status asal dan tujuan sama."))


class SpiDimension(models.TextChoices):
    """KPK's integrity survey (SPI) dimensions an action plan answers (DOMAIN.md)."""

    TRANSPARENCY = "transparency", _("Transparansi")
    INTEGRITY = "integrity", _("Integritas dalam pelaksanaan tugas")
    INFLUENCE = "influence", _("Perdagangan pengaruh")
    BUDGET = "budget", _("Pengelolaan anggaran")
    PROCUREMENT = "procurement", _("Pengadaan barang dan jasa")
    HR = "hr", _("Pengelolaan SDM")
    OUTREACH = "outreach", _("Sosialisasi antikorupsi")
    SERVICE = "service", _("Keadilan dalam layanan")
    PREVENTION = "prevention", _("Upaya pencegahan korupsi")
    STAFF = "staff", _("Integritas pegawai")


class ActionPlan(models.Model):
    """A follow-up action plan (rencana tindak lanjut) of one government to a recommendation of
    KPK's integrity survey, in a programme of kind ``spi_rtl``.

    It is the checklist's indicator of that government (one Indicator under the area of its SPI
    dimension), so its required evidence documents are ordinary Requirements (``region`` set)
    and Documents: the same workflow, figures and pages serve both programmes
    (documents.action_plans creates them)."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="action_plan"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    dimension = models.CharField(_("dimensi SPI"), max_length=20, choices=SpiDimension.choices)
    recommendation = models.TextField(_("rekomendasi KPK"))
    action = models.TextField(_("rencana aksi"))
    output = models.CharField(_("keluaran"), max_length=300)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("OPD penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_plans",
    )
    target_on = models.DateField(_("target selesai"))

    class Meta:
        ordering = ["region", "indicator__order"]
        verbose_name = _("rencana aksi SPI")
        verbose_name_plural = _("rencana aksi SPI")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dimension__in=SpiDimension.values),
                name="actionplan_dimension_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.short_name}: {self.action[:60]}"
