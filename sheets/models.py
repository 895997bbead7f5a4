"""An import's plan, kept between its preview and its apply.

The preview is computed once, from the uploaded file, and stored here with the file's sha256
and the file itself (to hand it back with its errors): apply reads this row, never the
session, so it works whichever web worker answers. Applying claims the row with a conditional
UPDATE, so a double click applies once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sheets.intake import Plan


class StoredPlan(models.Model):
    kind = models.CharField(_("jenis impor"), max_length=30)
    # What the plan was made against (e.g. {"programme": 3}): the caller's to read back.
    context = models.JSONField(default=dict)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64)
    file = models.BinaryField(_("berkas"))
    plan = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rencana impor")
        verbose_name_plural = _("rencana impor")
        indexes = [
            # "This file was already applied on …": earlier plans of the same file and kind.
            models.Index(fields=["kind", "sha256"], name="storedplan_kind_sha256"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"

    def load(self) -> Plan:
        return Plan.from_json(self.plan)

    @classmethod
    def keep(cls, plan: Plan, data: bytes, *, by, context: dict) -> StoredPlan:
        return cls.objects.create(
            kind=plan.kind,
            context=context,
            file_name=plan.file_name[:255],
            sha256=plan.sha256,
            file=data,
            plan=plan.to_json(),
            created_by=by,
        )

    def claim(self) -> bool:
        """Mark the plan applied; False when it already was (call inside the apply transaction)."""
        now = timezone.now()
        claimed = StoredPlan.objects.filter(pk=self.pk, applied_at__isnull=True).update(
            applied_at=now
        )
        if claimed:
            self.applied_at = now
        return bool(claimed)

    def earlier_applied(self):
        """Plans of the same file and kind applied before this one."""
        return StoredPlan.objects.filter(
            kind=self.kind, sha256=self.sha256, applied_at__isnull=False
        ).exclude(pk=self.pk)
