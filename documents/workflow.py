"""The status workflow: the one place that says who may move a document where, and how.

DESIGN.md's table, as data. A change is allowed when a rule lists the (from, to) pair and the
actor's role with the source they claim; the rule then says whether evidence or a note is
needed. Everything else raises ``WorkflowError``. A change is applied with a conditional UPDATE
on ``version`` (optimistic lock) and its StatusChange row is written in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document, Evidence, Source, Status, StatusChange
from regions import scoping
from regions.models import Role

S = Status
ALL = frozenset(Status.values)


@dataclass(frozen=True)
class Rule:
    from_statuses: frozenset[str]
    to: str
    grants: frozenset[tuple[str, str]]  # (role, source) pairs that may make this change
    needs_evidence: bool = False
    needs_note: bool = False
    label: str = ""


RULES: tuple[Rule, ...] = (
    # Upload or re-upload evidence and submit it for the PIC's check.
    Rule(
        frozenset({S.NOT_UPLOADED, S.NEEDS_REVISION}),
        S.UPLOADED,
        frozenset(
            {
                (Role.AGENCY, Source.AGENCY),
                (Role.REGIONAL, Source.REGIONAL),
                (Role.INSPECTORATE, Source.REGIONAL),
            }
        ),
        needs_evidence=True,
        label=_("Kirim bukti"),
    ),
    # Returned before it reaches KPK: the PIC's or the inspectorate's own review.
    Rule(
        frozenset({S.UPLOADED}),
        S.NEEDS_REVISION,
        frozenset({(Role.REGIONAL, Source.REGIONAL), (Role.INSPECTORATE, Source.REVIEW)}),
        needs_note=True,
        label=_("Kembalikan untuk perbaikan"),
    ),
    # Uploaded to jaga.id, now waiting for KPK.
    Rule(
        frozenset({S.UPLOADED}),
        S.VERIFYING,
        frozenset({(Role.REGIONAL, Source.REGIONAL), (Role.INSPECTORATE, Source.REGIONAL)}),
        label=_("Tandai sudah dikirim ke KPK"),
    ),
    # KPK's verdict, recorded by the inspectorate.
    Rule(
        frozenset({S.VERIFYING}),
        S.ACCEPTED,
        frozenset({(Role.INSPECTORATE, Source.KPK)}),
        label=_("Catat: diterima KPK"),
    ),
    Rule(
        frozenset({S.VERIFYING}),
        S.NEEDS_REVISION,
        frozenset({(Role.INSPECTORATE, Source.KPK)}),
        needs_note=True,
        label=_("Catat: dikembalikan KPK"),
    ),
    # Reopened after acceptance: KPK reopened it, or the inspectorate found a problem.
    Rule(
        frozenset({S.ACCEPTED}),
        S.NEEDS_REVISION,
        frozenset({(Role.INSPECTORATE, Source.KPK)}),
        needs_note=True,
        label=_("Catat: dibuka kembali oleh KPK"),
    ),
    Rule(
        frozenset({S.ACCEPTED}),
        S.NEEDS_REVISION,
        frozenset({(Role.INSPECTORATE, Source.REVIEW)}),
        needs_note=True,
        label=_("Buka kembali (reviu inspektorat)"),
    ),
    # Match jaga.id whatever the tracker says; the status import uses the same rule.
    Rule(
        ALL,
        "*",
        frozenset({(Role.INSPECTORATE, Source.SYNC), (Role.INSPECTORATE, Source.IMPORT)}),
        needs_note=True,
        label=_("Sesuaikan dengan jaga.id"),
    ),
)


class WorkflowError(Exception):
    """A refused change. ``code`` is stable for programs; ``message`` is for people."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code

    @property
    def is_stale(self) -> bool:
        return self.code == "stale"


def _stale() -> WorkflowError:
    return WorkflowError(
        _("Dokumen ini baru saja diubah oleh orang lain. Periksa data terbaru lalu ulangi."),
        "stale",
    )


def _matching_rule(from_status: str, to: str, role: str | None, source: str) -> Rule | None:
    for rule in RULES:
        if (
            from_status in rule.from_statuses
            and rule.to in (to, "*")
            and (role, source) in rule.grants
        ):
            return rule
    return None


def acting_role(user, document: Document) -> str | None:
    """The role the user acts in for this document, or None when they may not act at all."""
    membership = scoping.membership_for(user, document.region)
    if membership is None:
        return None
    if membership.role == Role.AGENCY and membership.unit_id != document.unit_id:
        return None  # an agency operator acts on their own unit's documents only
    return membership.role


def allowed_changes(user, document: Document) -> list[tuple[str, str, Rule]]:
    """(to, source, rule) the user may make from the document's current status, for the UI."""
    role = acting_role(user, document)
    if role is None:
        return []
    changes = []
    for rule in RULES:
        if document.status not in rule.from_statuses:
            continue
        for granted_role, source in sorted(rule.grants):
            if granted_role != role:
                continue
            if rule.to == "*":
                changes.extend((to, source, rule) for to in Status.values if to != document.status)
            else:
                changes.append((rule.to, source, rule))
    return changes


def check(
    user,
    document: Document,
    to: str,
    source: str,
    *,
    note: str = "",
    evidence: Evidence | None = None,
) -> Rule:
    """Raise WorkflowError unless the change is allowed; return the rule that allows it."""
    if to not in Status.values:
        raise WorkflowError(_("Status tujuan tidak dikenal."), "unknown_status")
    if source not in Source.values:
        raise WorkflowError(_("Sumber perubahan tidak dikenal."), "unknown_source")
    if to == document.status:
        raise WorkflowError(
            _("Dokumen sudah berstatus “%(status)s”.") % {"status": Status(to).label}, "no_change"
        )
    role = acting_role(user, document)
    if role is None or role == Role.LEADERSHIP:
        raise WorkflowError(_("Anda tidak berwenang mengubah status dokumen ini."), "forbidden")
    rule = _matching_rule(document.status, to, role, source)
    if rule is None:
        raise WorkflowError(
            _("Perubahan dari “%(from)s” ke “%(to)s” tidak diizinkan untuk peran Anda.")
            % {"from": Status(document.status).label, "to": Status(to).label},
            "not_allowed",
        )
    if rule.needs_note and not note.strip():
        raise WorkflowError(_("Perubahan ini memerlukan catatan."), "needs_note")
    if evidence is not None and evidence.document_id != document.pk:
        raise WorkflowError(_("Bukti dukung itu milik dokumen lain."), "wrong_evidence")
    if rule.needs_evidence and not _is_fresh(document, evidence or submittable_evidence(document)):
        if document.status == Status.NEEDS_REVISION:
            raise WorkflowError(
                _(
                    "Unggah bukti dukung yang sudah diperbaiki terlebih dahulu: bukti yang "
                    "dikembalikan tidak dapat dikirim ulang."
                ),
                "needs_evidence",
            )
        raise WorkflowError(
            _("Unggah bukti dukung (berkas atau tautan) terlebih dahulu."), "needs_evidence"
        )
    return rule


def submittable_evidence(document: Document) -> Evidence | None:
    """The evidence a submit sends: the newest, and after a return only one added since then."""
    candidates = document.evidence.order_by("-uploaded_at", "-pk")
    if document.status == Status.NEEDS_REVISION:
        candidates = candidates.filter(uploaded_at__gt=document.status_changed_at)
    return candidates.first()


def _is_fresh(document: Document, evidence: Evidence | None) -> bool:
    if evidence is None:
        return False
    return (
        document.status != Status.NEEDS_REVISION
        or evidence.uploaded_at > document.status_changed_at
    )


def transition(
    document: Document,
    to: str,
    *,
    by,
    source: str,
    expected_version: int,
    note: str = "",
    evidence: Evidence | None = None,
    reason_code: str = "",
) -> StatusChange:
    """Apply one status change, or raise WorkflowError and write nothing.

    ``expected_version`` is the version the user saw. If anyone changed the document since,
    the conditional UPDATE matches no row and the change is refused as stale.
    """
    if expected_version != document.version:
        # Judge the request against what the user saw, not against a state they never saw.
        raise _stale()
    with transaction.atomic():
        rule = check(by, document, to, source, note=note, evidence=evidence)
        if rule.needs_evidence and evidence is None:
            evidence = submittable_evidence(document)
        now = timezone.now()
        updated = Document.objects.filter(
            pk=document.pk, version=expected_version, status=document.status
        ).update(status=to, version=F("version") + 1, status_changed_at=now, updated_at=now)
        if updated != 1:
            raise _stale()
        change = StatusChange.objects.create(
            document=document,
            from_status=document.status,
            to_status=to,
            actor=by,
            created_at=now,
            source=source,
            note=note.strip(),
            reason_code=reason_code,
            evidence=evidence,
        )
    document.status = to
    document.version = expected_version + 1
    document.status_changed_at = now
    document.updated_at = now
    return change


# --- other actions on a document: who may take them (the same acting role as above) ----------

EVIDENCE_ROLES = frozenset({Role.AGENCY, Role.REGIONAL, Role.INSPECTORATE})
COMMENT_ROLES = EVIDENCE_ROLES
ASSIGN_ROLES = frozenset({Role.REGIONAL, Role.INSPECTORATE})


def may_add_evidence(user, document: Document) -> bool:
    return acting_role(user, document) in EVIDENCE_ROLES


def may_comment(user, document: Document) -> bool:
    return acting_role(user, document) in COMMENT_ROLES


def may_assign(user, document: Document) -> bool:
    return acting_role(user, document) in ASSIGN_ROLES


def assign(document: Document, *, by, expected_version: int, **fields) -> None:
    """Set unit, assignee and committed date, refusing a stale version like a status change."""
    if not may_assign(by, document):
        raise WorkflowError(_("Anda tidak berwenang menugaskan dokumen ini."), "forbidden")
    updated = Document.objects.filter(pk=document.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise _stale()
    for name, value in fields.items():
        setattr(document, name, value)
    document.version = expected_version + 1


def submit_source(user, document: Document) -> str:
    """The source recorded when this user submits evidence (agency operators vs. admins)."""
    return Source.AGENCY if acting_role(user, document) == Role.AGENCY else Source.REGIONAL
