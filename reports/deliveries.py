"""Send each email once: the Delivery row's life from created to sent, failed or skipped.

1. ``ensure`` creates rows with their unique key (programme, kind, period, person,
   government); a row that exists is left alone, so planning twice plans nothing new.
2. A task per row calls ``send``: it locks the pending row (SELECT … FOR UPDATE SKIP LOCKED:
   a second worker holding the same task skips it), builds the message, hands it to SMTP and
   marks the row sent — all in one transaction. A worker that dies before COMMIT leaves the row
   pending (its lock goes with its connection) and the tick sends it again (``stale``).
3. A 5xx refusal marks the row failed; a 4xx answer or a broken connection keeps it pending
   with a backoff in ``not_before`` and the task retries; attempts are capped.

The one duplicate left: the SMTP server accepted the message and the worker died (or lost the
database) before COMMIT. The same Message-ID goes out again, so the receiving side can drop it.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from reports.models import Delivery, DeliveryStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Retry backoff never exceeds this; Redis's visibility timeout is set longer (settings.py).
MAX_BACKOFF = dt.timedelta(minutes=30)
# A task arriving a little before its row's not_before still counts as on time.
EARLY_TOLERANCE = dt.timedelta(seconds=2)

Builder = Callable[[Delivery], EmailMultiAlternatives | None]


def ensure(rows: Iterable[Delivery]) -> list[Delivery]:
    """Create the rows that do not exist yet; return the new ones (to enqueue)."""
    created = []
    for row in rows:
        try:
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:
            continue  # planned before: the unique key says so
        created.append(row)
    return created


def backoff(attempts: int) -> dt.timedelta:
    seconds = settings.EMAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return min(dt.timedelta(seconds=seconds), MAX_BACKOFF)


@dataclass(frozen=True)
class Outcome:
    status: str  # sent, failed, skipped, retry, busy (locked, done or not due)
    retry_in: float | None = None


def _permanent(exc: Exception) -> bool:
    """A 5xx answer is the server's final word; anything else (4xx, I/O) may pass."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{rcpt}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for rcpt, (code, msg) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}"


def send(pk: int, build: Builder, *, now: dt.datetime | None = None) -> Outcome:
    """Claim one pending row, send its email, record what happened. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        row = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("programme", "recipient_user", "region")
            .filter(pk=pk, status=DeliveryStatus.PENDING, not_before__lte=now + EARLY_TOLERANCE)
            .first()
        )
        if row is None:
            return Outcome("busy")
        row.attempts += 1
        row.claimed_at = now
        row.message_id = row.message_id_header
        try:
            with translation.override(row.language):  # the words built in Python, too
                msg = build(row)
        except Exception as exc:  # a bug in a builder: keep it visible in the log, do not loop
            log.exception("building delivery %s failed", pk)
            return _finish(row, DeliveryStatus.FAILED, error=_describe(exc))
        if msg is None:  # nothing to say any more (done since, or opted out)
            return _finish(row, DeliveryStatus.SKIPPED)
        msg.extra_headers["Message-ID"] = row.message_id
        row.subject = msg.subject[:300]
        try:
            msg.send()
        except (smtplib.SMTPException, OSError) as exc:
            if _permanent(exc) or row.attempts >= MAX_ATTEMPTS:
                return _finish(row, DeliveryStatus.FAILED, error=_describe(exc))
            wait = backoff(row.attempts)
            row.error = _describe(exc)
            row.not_before = now + wait
            row.save()
            log.warning("delivery %s: %s; retry in %s", pk, row.error, wait)
            return Outcome("retry", retry_in=wait.total_seconds())
        row.sent_at = timezone.now()
        return _finish(row, DeliveryStatus.SENT)


def _finish(row: Delivery, status: str, *, error: str = "") -> Outcome:
    row.status = status
    row.error = error
    row.save()
    return Outcome(status)


def due(now: dt.datetime | None = None):
    """Pending rows whose time has come and that nobody claimed recently: what the tick
    enqueues. A row whose task is already queued may be enqueued twice; the lock decides."""
    now = now or timezone.now()
    # A row pending this long after it fell due, with no recent claim, lost its task (a dead
    # worker's, which Redis would only re-deliver after the visibility timeout).
    stale = now - dt.timedelta(seconds=settings.EMAIL_STALE_SECONDS)
    return Delivery.objects.filter(status=DeliveryStatus.PENDING, not_before__lte=stale).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lte=stale)
    )
