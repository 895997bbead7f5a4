"""Celery tasks: thin wrappers that take primary keys and call plain functions.

``send_delivery`` sends one Delivery row (reports.outbox.send: claim, send, mark, once);
``tick`` runs every 15 minutes from beat and enqueues whatever the database says is due.
Tasks are acknowledged late and re-delivered if their worker dies (settings.py); the row lock
and status make a second delivery of the same task do nothing.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from reports import notices, outbox
from reports.deliveries import ensure


@shared_task(bind=True, max_retries=None, ignore_result=True)
def send_delivery(self, pk: int) -> str:
    outcome = outbox.send(pk)
    if outcome.status == "retry":
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(ignore_result=True)
def tick() -> int:
    pks = outbox.due_now()
    for pk in pks:
        send_delivery.delay(pk)
    return len(pks)


def enqueue(rows) -> None:
    """Queue new rows for their due time. Without a broker (``make run``: tasks run eagerly)
    there is nobody to wait for the batch window, so the notice goes out at once, listing
    what has committed so far."""
    for row in rows:
        if send_delivery.app.conf.task_always_eager:
            outbox.send(row.pk, now=max(row.not_before, timezone.now()))
        else:
            send_delivery.apply_async((row.pk,), eta=row.not_before)


def on_status_changed(sender, change, **kwargs) -> None:
    """documents.signals.status_changed (sent after commit): plan and queue the notices."""
    enqueue(ensure(notices.plan(change)))
