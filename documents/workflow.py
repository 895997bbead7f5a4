"""The status workflow: the one owner of every write to a document and every document permission.

What it owns:

* the rules of DESIGN.md's table, as data (``RULES``): who may move a document from where to
  where, claiming which source, and whether evidence, a note or a return reason is needed;
* what a user may do with one document (``permissions``): the status changes on offer, adding
  evidence, commenting, assigning — the acting role is worked out once;
* the writes themselves: ``transition``, ``add_evidence``, ``comment`` and ``assign``. Each
  checks the permission, refuses a stale ``version`` (optimistic lock, conditional UPDATE) and
  writes its history in the same transaction;
* the bulk actions of the verification queue (``queue_actions``), which are rules too;
* after a status change commits, the ``documents.signals.status_changed`` signal, so that
  other apps (notices in reports) react without this module importing them.

Everything refused raises ``WorkflowError`` with a translatable message and a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import evidence_store
from documents.models import (
    Comment,
    Document,
    Evidence,
    ReturnReason,
    Source,
    Status,
    StatusChange,
)
from documents.signals import status_changed
from regions import scoping
from regions.models import Role

S = Status
ANY = "*"  # a rule's target: any status (matching jaga.id)


@dataclass(frozen=True)
class Rule:
    key: str  # stable name: form values, bulk actions, tests
    from_statuses: frozenset[str]
    to: str
    grants: frozenset[tuple[str, str]]  # (role, source) pairs that may make this change
    label: str
    needs_evidence: bool = False
    needs_note: bool = False
    in_queue: bool = False  # offered as a bulk action in the verification queue

    @property
    def is_return(self) -> bool:
        return self.to == S.NEEDS_REVISION

    @property
    def needs_reason(self) -> bool:
        """Every return names a reason; a change matching jaga.id (any → any) need not."""
        return self.is_return

    def source_for(self, role: str) -> str | None:
        return next((src for r, src in sorted(self.grants) if r == role), None)


RULES: tuple[Rule, ...] = (
    # Upload or re-upload evidence and submit it for the PIC's check.
    Rule(
        "submit",
        frozenset({S.NOT_UPLOADED, S.NEEDS_REVISION}),
        S.UPLOADED,
        frozenset(
            {
                (Role.AGENCY, Source.AGENCY),
                (Role.REGIONAL, Source.REGIONAL),
                (Role.INSPECTORATE, Source.REGIONAL),
            }
        ),
        label=_("Kirim bukti"),
        needs_evidence=True,
    ),
    # Uploaded to jaga.id, now waiting for KPK.
    Rule(
        "send",
        frozenset({S.UPLOADED}),
        S.VERIFYING,
        frozenset({(Role.REGIONAL, Source.REGIONAL), (Role.INSPECTORATE, Source.REGIONAL)}),
        label=_("Tandai sudah dikirim ke KPK"),
        in_queue=True,
    ),
    # Returned before it reaches KPK: the PIC's or the inspectorate's own review.
    Rule(
        "review_return",
        frozenset({S.UPLOADED}),
        S.NEEDS_REVISION,
        frozenset({(Role.REGIONAL, Source.REGIONAL), (Role.INSPECTORATE, Source.REVIEW)}),
        label=_("Kembalikan untuk perbaikan"),
        needs_note=True,
        in_queue=True,
    ),
    # KPK's verdict, recorded by the inspectorate.
    Rule(
        "accept",
        frozenset({S.VERIFYING}),
        S.ACCEPTED,
        frozenset({(Role.INSPECTORATE, Source.KPK)}),
        label=_("Catat: diterima KPK"),
        in_queue=True,
    ),
    Rule(
        "kpk_return",
        frozenset({S.VERIFYING}),
        S.NEEDS_REVISION,
        frozenset({(Role.INSPECTORATE, Source.KPK)}),
        label=_("Catat: dikembalikan KPK"),
        needs_note=True,
        in_queue=True,
    ),
    # Reopened after acceptance: KPK reopened it, or the inspectorate found a problem.
    Rule(
        "kpk_reopen",
        frozenset({S.ACCEPTED}),
        S.NEEDS_REVISION,
        frozenset({(Role.INSPECTORATE, Source.KPK)}),
        label=_("Catat: dibuka kembali oleh KPK"),
        needs_note=True,
    ),
    Rule(
        "review_reopen",
        frozenset({S.ACCEPTED}),
        S.NEEDS_REVISION,
        frozenset({(Role.INSPECTORATE, Source.REVIEW)}),
        label=_("Buka kembali (reviu inspektorat)"),
        needs_note=True,
    ),
    # Match jaga.id whatever the tracker says; the status import uses the same rule.
    Rule(
        "sync",
        frozenset(Status.values),
        ANY,
        frozenset({(Role.INSPECTORATE, Source.SYNC), (Role.INSPECTORATE, Source.IMPORT)}),
        label=_("Sesuaikan dengan jaga.id"),
        needs_note=True,
    ),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}


class WorkflowError(Exception):
    """A refused change. ``code`` is stable for programs; ``message`` is for people."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code

    @property
    def is_stale(self) -> bool:
        return self.code == "stale"

    @property
    def http_status(self) -> int:
        """409 for a stale edit (the UI shows the fresh state), 403 for no right, else 400."""
        return {"stale": 409, "forbidden": 403}.get(self.code, 400)


def _stale() -> WorkflowError:
    return WorkflowError(
        _("Dokumen ini baru saja diubah oleh orang lain. Periksa data terbaru lalu ulangi."),
        "stale",
    )


def _forbidden() -> WorkflowError:
    return WorkflowError(_("Anda tidak berwenang mengubah dokumen ini."), "forbidden")


# Characters that print as nothing: zero-width spaces and joiners, the word joiner, the BOM,
# the soft hyphen. str.strip() already removes NBSP and other Unicode spaces but not these.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))


def visible_text(text: str) -> str:
    """``text`` without surrounding blanks; empty when nothing in it would show on screen."""
    text = text.strip()
    return text if text.translate(_INVISIBLE).strip() else ""


# --- who may do what ---------------------------------------------------------------------------


def acting_role(user, document: Document) -> str | None:
    """The role the user acts in for this document, or None when they may not act at all."""
    membership = scoping.membership_for(user, document.region)
    if membership is None:
        return None
    if membership.role == Role.AGENCY and membership.unit_id != document.unit_id:
        return None  # an agency operator acts on their own unit's documents only
    if not document.requirement.programme.open_to(membership.role):
        return None  # last year after the rollover: the inspectorate only; closed: nobody
    return membership.role


EVIDENCE_ROLES = frozenset({Role.AGENCY, Role.REGIONAL, Role.INSPECTORATE})
COMMENT_ROLES = EVIDENCE_ROLES
ASSIGN_ROLES = frozenset({Role.REGIONAL, Role.INSPECTORATE})


@dataclass(frozen=True)
class Change:
    """One status change a user may make: the rule that allows it, the target and the source."""

    rule: Rule
    to: str
    source: str

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def label(self):
        return self.rule.label

    @property
    def to_label(self):
        return Status(self.to).label

    @property
    def is_return(self) -> bool:
        return self.rule.is_return


@dataclass(frozen=True)
class Permissions:
    """What one user may do with one document, computed once (``permissions``)."""

    role: str | None
    changes: tuple[Change, ...] = ()  # buttons: every offered change but matching jaga.id
    sync_changes: tuple[Change, ...] = ()  # "set to match jaga.id": one per target status
    may_add_evidence: bool = False
    may_comment: bool = False
    may_assign: bool = False

    @property
    def may_act(self) -> bool:
        return self.role is not None and self.role != Role.LEADERSHIP


def _changes_for(role: str | None, status: str) -> list[Change]:
    changes = []
    for rule in RULES:
        if status not in rule.from_statuses:
            continue
        for granted_role, source in sorted(rule.grants):
            if granted_role != role:
                continue
            targets = [t for t in Status.values if t != status] if rule.to == ANY else [rule.to]
            changes.extend(Change(rule, to, source) for to in targets)
    return changes


def permissions(user, document: Document) -> Permissions:
    """Everything the document panel offers this user. A submit is offered only when there is
    evidence it could send: otherwise the panel offers the upload form, not a button that fails.
    """
    role = acting_role(user, document)
    if role is None or role == Role.LEADERSHIP:
        return Permissions(role=role)
    changes = _changes_for(role, document.status)
    if any(c.rule.needs_evidence for c in changes) and submittable_evidence(document) is None:
        changes = [c for c in changes if not c.rule.needs_evidence]
    return Permissions(
        role=role,
        changes=tuple(c for c in changes if c.source not in (Source.SYNC, Source.IMPORT)),
        sync_changes=tuple(c for c in changes if c.source == Source.SYNC),
        # Accepted means frozen: the evidence KPK accepted stays current until reopened.
        may_add_evidence=role in EVIDENCE_ROLES and document.status != Status.ACCEPTED,
        may_comment=role in COMMENT_ROLES,
        may_assign=role in ASSIGN_ROLES,
    )


def queue_actions(stage: str) -> list[Rule]:
    """The verification queue's bulk actions for documents in ``stage`` (inspectorate staff)."""
    return [r for r in RULES if r.in_queue and r.from_statuses == {stage}]


def _matching_rule(from_status: str, to: str, role: str | None, source: str) -> Rule | None:
    for rule in RULES:
        if (
            from_status in rule.from_statuses
            and rule.to in (to, ANY)
            and (role, source) in rule.grants
        ):
            return rule
    return None


def check(
    user,
    document: Document,
    to: str,
    source: str,
    *,
    note: str = "",
    evidence: Evidence | None = None,
    reason_code: str = "",
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
    if rule.needs_reason and reason_code not in ReturnReason.values:
        raise WorkflowError(_("Pilih alasan pengembalian."), "needs_reason")
    if reason_code and reason_code not in ReturnReason.values:
        raise WorkflowError(_("Alasan pengembalian tidak dikenal."), "unknown_reason")
    if rule.needs_note and not visible_text(note):
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


def submit_source(user, document: Document) -> str:
    """The source recorded when this user submits evidence (agency operators vs. admins)."""
    return Source.AGENCY if acting_role(user, document) == Role.AGENCY else Source.REGIONAL


# --- the writes ---------------------------------------------------------------------------------


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
    the conditional UPDATE matches no row and the change is refused as stale. Listeners of
    ``status_changed`` hear of it once the surrounding transaction has committed.
    """
    if expected_version != document.version:
        # Judge the request against what the user saw, not against a state they never saw.
        raise _stale()
    with transaction.atomic():
        rule = check(
            by, document, to, source, note=note, evidence=evidence, reason_code=reason_code
        )
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
            note=visible_text(note),
            reason_code=reason_code,
            evidence=evidence,
        )
        transaction.on_commit(partial(status_changed.send, sender=StatusChange, change=change))
    document.status = to
    document.version = expected_version + 1
    document.status_changed_at = now
    document.updated_at = now
    return change


def apply_rule(
    rule: Rule,
    document: Document,
    *,
    by,
    expected_version: int,
    note: str = "",
    reason_code: str = "",
) -> StatusChange:
    """A named rule's change (a queue action) as the source the user's role claims for it."""
    source = rule.source_for(acting_role(by, document) or "")
    if source is None or rule.to == ANY:
        raise WorkflowError(_("Anda tidak berwenang mengubah status dokumen ini."), "forbidden")
    return transition(
        document,
        rule.to,
        by=by,
        source=source,
        expected_version=expected_version,
        note=note,
        reason_code=reason_code,
    )


def add_evidence(
    document: Document,
    *,
    by,
    upload=None,
    url: str = "",
    submit: bool,
    expected_version: int,
    confirmed: bool = False,
) -> Evidence:
    """Store a file or a link as the document's newest evidence and, when asked and the status
    allows it, submit it — both or neither.

    New evidence changes what the document is judged on, so it is version-checked like a status
    change, even when the status stays: someone about to send the document to KPK must not
    send a file they never saw. The row is claimed at the version the user saw before a file is
    written (``SELECT … FOR UPDATE``: concurrent uploads wait, then find the version moved and
    are refused), and the version goes up once whether or not the status changes.
    """
    if acting_role(by, document) not in EVIDENCE_ROLES:
        raise _forbidden()
    if expected_version != document.version:
        raise _stale()
    if document.status == Status.ACCEPTED:
        # The version KPK accepted must stay the document's current evidence.
        raise WorkflowError(
            _(
                "Dokumen ini sudah diterima KPK: bukti yang diterima tidak diganti. Minta "
                "inspektorat membukanya kembali bila memang perlu diperbaiki."
            ),
            "frozen",
        )
    if document.status == Status.VERIFYING and not confirmed:
        raise WorkflowError(
            _(
                "KPK sedang memverifikasi bukti yang ada. Centang konfirmasi bila Anda memang "
                "menambah bukti baru selama verifikasi."
            ),
            "needs_confirmation",
        )
    submitting = submit and document.status in (Status.NOT_UPLOADED, Status.NEEDS_REVISION)
    evidence = None
    try:
        with transaction.atomic():
            claimed = (
                Document.objects.select_for_update()
                .filter(pk=document.pk, version=expected_version, status=document.status)
                .exists()
            )
            if not claimed:
                raise _stale()
            evidence = evidence_store.add(document, by=by, upload=upload, url=url)
            if submitting:
                transition(
                    document,
                    Status.UPLOADED,
                    by=by,
                    source=submit_source(by, document),
                    expected_version=expected_version,
                    evidence=evidence,
                )
            else:
                _bump_version(document, expected_version)
    except BaseException:
        # The row was rolled back (a refusal, a database error, an interrupted request): its
        # file on disk must go too, or it would lie there with nothing pointing at it.
        evidence_store.discard_file(evidence)
        raise
    return evidence


def _bump_version(document: Document, expected_version: int) -> None:
    """Record a write that leaves the status as it is: the conditional UPDATE on ``version``."""
    now = timezone.now()
    updated = Document.objects.filter(pk=document.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now
    )
    if updated != 1:
        raise _stale()
    document.version = expected_version + 1
    document.updated_at = now


def comment(document: Document, *, by, body: str) -> Comment:
    if acting_role(by, document) not in COMMENT_ROLES:
        raise _forbidden()
    return Comment.objects.create(document=document, author=by, body=body)


def assign(document: Document, *, by, expected_version: int, **fields) -> None:
    """Set unit, assignee and committed date, refusing a stale version like a status change."""
    if acting_role(by, document) not in ASSIGN_ROLES:
        raise WorkflowError(_("Anda tidak berwenang menugaskan dokumen ini."), "forbidden")
    updated = Document.objects.filter(pk=document.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise _stale()
    for name, value in fields.items():
        setattr(document, name, value)
    document.version = expected_version + 1


def follow_merged_unit(sender, *, survivor, merged, **kwargs) -> int:
    """``regions.signals.unit_merged``: the merged agency's documents move to the survivor, in
    every programme (closed years too: the agency changed, not the document). The version is
    bumped so a form opened before the merge is refused as stale rather than undoing it."""
    return Document.objects.filter(unit=merged).update(
        unit=survivor, version=F("version") + 1, updated_at=timezone.now()
    )
