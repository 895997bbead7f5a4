"""Official scores, daily snapshots of the counts, and the record of emails sent."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Area, Programme, Status
from regions.models import Region, Unit

# Which count a document of each status adds to: the fields of Snapshot, and of the figures'
# tallies (reports.figures.Tally), which must name the same things.
COUNT_FIELD = {
    Status.NOT_UPLOADED: "not_uploaded",
    Status.UPLOADED: "waiting",
    Status.VERIFYING: "verifying",
    Status.NEEDS_REVISION: "needs_revision",
    Status.ACCEPTED: "accepted",
}


class ScoreRecord(models.Model):
    """The official score as jaga.id shows it on a date. Never recomputed; newest is current.

    Written only by ``reports.scores.record_score``: a second score for the same government,
    area and date replaces the first as current, which stays as history marked ``corrected``.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="scores")
    region = models.ForeignKey(
        Region, verbose_name=_("pemerintah daerah"), on_delete=models.CASCADE, related_name="scores"
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area intervensi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scores",
        help_text=_("Kosongkan untuk skor keseluruhan."),
    )
    value = models.DecimalField(
        _("skor"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    recorded_on = models.DateField(_("tanggal di jaga.id"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    corrected = models.BooleanField(
        _("dikoreksi"),
        default=False,
        help_text=_("Diganti oleh skor lain untuk tanggal yang sama."),
    )

    class Meta:
        ordering = ["-recorded_on", "-created_at"]
        verbose_name = _("skor resmi")
        verbose_name_plural = _("skor resmi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=100),
                name="score_value_0_100",
            ),
            # One current score per government, area (or none: overall) and date.
            models.UniqueConstraint(
                fields=["programme", "region", "recorded_on"],
                condition=models.Q(corrected=False, area__isnull=True),
                name="score_one_current_overall",
            ),
            models.UniqueConstraint(
                fields=["programme", "region", "area", "recorded_on"],
                condition=models.Q(corrected=False, area__isnull=False),
                name="score_one_current_area",
            ),
        ]
        indexes = [
            # Figures: the latest overall score of each government of a programme.
            models.Index(
                fields=["programme", "region", "area", "-recorded_on"], name="score_latest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.short_name} {self.value} ({self.recorded_on})"


class Snapshot(models.Model):
    """Counts per (programme, government, day), optionally per unit.

    Written by the daily job and rebuildable from StatusChange (``backfill_snapshots``);
    trends, pace and weekly change read these rows, never the live history.
    """

    # Derived rows, written only by reports.snapshots from existing documents and rebuilt from
    # history at will: the database does not check their ~10,000 foreign keys each night (110
    # of the daily job's ~470 ms on the national set), and programme and government lead the
    # indexes below, so they get no single-column ones (issue 16). Deletes still cascade
    # through the ORM.
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="snapshots",
        db_index=False,
        db_constraint=False,
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="snapshots",
        db_index=False,
        db_constraint=False,
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="snapshots",
        db_constraint=False,
    )
    day = models.DateField(_("tanggal"))
    total = models.PositiveIntegerField(default=0)
    not_uploaded = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(
        default=0, help_text=_("status Siap dikirim (menunggu dikirim ke KPK)")
    )
    verifying = models.PositiveIntegerField(default=0)
    needs_revision = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["programme", "region", "day"]
        verbose_name = _("rekap harian")
        verbose_name_plural = _("rekap harian")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "region", "day"],
                condition=models.Q(unit__isnull=True),
                name="snapshot_unique_region_day",
            ),
            models.UniqueConstraint(
                fields=["programme", "region", "unit", "day"],
                condition=models.Q(unit__isnull=False),
                name="snapshot_unique_unit_day",
            ),
        ]
        indexes = [
            # Trend chart and weekly change: a programme's rows over a date range.
            models.Index(fields=["programme", "day"], name="snapshot_programme_day"),
        ]

    def __str__(self) -> str:
        return f"{self.region.short_name} {self.day}"

    @property
    def submitted(self) -> int:
        """Everything but not_uploaded: the province's "uploaded" figure."""
        return self.total - self.not_uploaded


class DeliveryKind(models.TextChoices):
    DIGEST_LEADERSHIP = "digest_leadership", _("Ringkasan mingguan pimpinan")
    DIGEST_REGION = "digest_region", _("Ringkasan mingguan pemda")
    REMINDER = "reminder", _("Pengingat batas waktu")
    NOTICE = "notice", _("Pemberitahuan dikembalikan/diterima")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")
    SKIPPED = "skipped", _("Dilewati")


class Delivery(models.Model):
    """One email of one kind, for one period, to one person, about one government.

    The unique row is what makes an email go out once: rows are created with the unique key
    (a second attempt to create one finds it), and reports.deliveries.send claims a pending
    row under a row lock, sends, and marks it sent in the same transaction.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("jenis"), max_length=20, choices=DeliveryKind.choices)
    period = models.CharField(
        _("periode"),
        max_length=32,
        help_text=_(
            "minggu ISO (2026-W48), D-14/D-7/D-3/D-1, atau awal jendela pemberitahuan "
            "(2026-11-20T10:15)"
        ),
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        null=True,  # rows written before the recipient was a person
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    # The province for the leadership digest; the government otherwise.
    region = models.ForeignKey(
        Region,
        verbose_name=_("pemerintah daerah"),
        null=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    recipient = models.EmailField(_("alamat"))
    language = models.CharField(_("bahasa"), max_length=8, default="id")
    subject = models.CharField(_("subjek"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Not sent before this moment: the end of a notice batch, or a retry's backoff.
    not_before = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pengiriman email")
        verbose_name_plural = _("pengiriman email")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "period", "recipient_user", "region"],
                name="delivery_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DeliveryKind.values), name="delivery_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="delivery_status_valid"
            ),
        ]
        indexes = [
            # The tick: pending rows that are due (and stale ones to re-enqueue).
            models.Index(fields=["status", "not_before"], name="delivery_due"),
            # /reports/digests/: one programme's log, newest first.
            models.Index(fields=["programme", "-created_at"], name="delivery_log"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} → {self.recipient}"

    @property
    def message_id_header(self) -> str:
        """The same Message-ID on every attempt, so a receiving server can drop a duplicate."""
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
        return f"<delivery-{self.pk}.{self.kind}.{self.period.replace(':', '')}@{domain}>"


class PublishedWeek(models.Model):
    """One published week of a province's achievement: the public page /capaian/<code>/<week>/.

    Publishing copies every figure the page shows into PublishedRow (names included), so the page
    never moves afterwards: not when documents change, not when a government is renamed.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="published_weeks"
    )
    province = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="published_weeks")
    week = models.CharField(_("minggu"), max_length=8, help_text=_("minggu ISO, mis. 2026-W48"))
    # The figures are as of this moment: the end of the week (Sunday 23:59:59 WIB), or the moment
    # of publishing when the week had not ended yet.
    as_of = models.DateTimeField(_("data per"))
    programme_name = models.CharField(max_length=160)
    province_name = models.CharField(max_length=200)
    deadline = models.DateField(_("batas waktu"))
    days_left = models.IntegerField(_("sisa hari"))
    published_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-week"]
        verbose_name = _("capaian mingguan")
        verbose_name_plural = _("capaian mingguan")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "province", "week"], name="published_week_once"
            ),
        ]
        indexes = [
            # The archive and the public page: a province's weeks, newest first.
            models.Index(fields=["province", "-week"], name="published_week_archive"),
        ]

    def __str__(self) -> str:
        return f"{self.province_name} {self.week}"


class RowKind(models.TextChoices):
    GOVERNMENT = "government", _("Kabupaten/kota")
    OWN = "own", _("Pemerintah provinsi")
    TOTAL = "total", _("Total se-provinsi")


class PublishedRow(models.Model):
    """One line of a published week, as it stood: a regency or city (ranked), the provincial
    government's own documents, or the province-wide total. Aggregates only."""

    week = models.ForeignKey(PublishedWeek, on_delete=models.CASCADE, related_name="rows")
    kind = models.CharField(max_length=10, choices=RowKind.choices)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=20, blank=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    total = models.PositiveIntegerField(default=0)
    uploaded = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    verifying = models.PositiveIntegerField(default=0)
    needs_revision = models.PositiveIntegerField(default=0)
    not_uploaded = models.PositiveIntegerField(default=0)
    pct_uploaded = models.DecimalField(max_digits=5, decimal_places=2)
    pct_accepted = models.DecimalField(max_digits=5, decimal_places=2)
    # Percentage points since a week before, when a snapshot of then existed.
    change_accepted = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    change_uploaded = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    score_on = models.DateField(null=True, blank=True)
    band = models.CharField(max_length=10, blank=True)
    at_risk = models.BooleanField(default=False)

    class Meta:
        ordering = ["week", "order"]
        verbose_name = _("baris capaian mingguan")
        verbose_name_plural = _("baris capaian mingguan")

    def __str__(self) -> str:
        return f"{self.week} {self.short_name}"


class SessionKind(models.TextChoices):
    MENTORING = "mentoring", _("Pendampingan")
    KPK = "kpk", _("Koordinasi dengan KPK")


class MentoringSession(models.Model):
    """A session the inspectorate held with a government or one of its agencies (pendampingan
    mingguan), or a coordination meeting with KPK's PIC: who came, what was discussed, and the
    commitments made (Commitment)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    region = models.ForeignKey(
        Region,
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="mentoring_sessions",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentoring_sessions",
    )
    kind = models.CharField(
        _("jenis"), max_length=10, choices=SessionKind.choices, default=SessionKind.MENTORING
    )
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online = models.BooleanField(_("daring"), default=False)
    attendees = models.TextField(_("peserta"), help_text=_("Satu nama per baris, dengan jabatan."))
    topics = models.TextField(_("pokok bahasan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("sesi pendampingan")
        verbose_name_plural = _("sesi pendampingan")
        indexes = [
            # The mentoring log and a government page: a government's sessions, newest first.
            models.Index(fields=["region", "-held_on"], name="session_region_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.region.short_name} {self.held_on}"


class Commitment(models.Model):
    """One document a government committed to in a session: by whom and by when. Making it
    sets the document's assignee and committed date through documents.workflow.assign."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="commitments"
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="commitments"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    due_on = models.DateField(_("tanggal komitmen"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("komitmen")
        verbose_name_plural = _("komitmen")
        indexes = [
            # Overdue commitments (digests, to-do): by date, then the document's status.
            models.Index(fields=["due_on"], name="commitment_due"),
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.due_on}"

    @property
    def is_overdue(self) -> bool:
        return self.due_on < timezone.localdate() and self.document.status in OPEN_STATUSES


# A commitment is kept once its document is uploaded (or further); these still owe it.
OPEN_STATUSES = (Status.NOT_UPLOADED, Status.NEEDS_REVISION)
