"""manage.py send_reminders [--on YYYY-MM-DD] [--dry-run]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from documents.models import Programme
from reports import outbox, reminders
from reports.tasks import send_delivery


class Command(BaseCommand):
    help = (
        "Send the deadline reminder due on a date (the newest of D-14, D-7, D-3, D-1 that has "
        "come) to everyone with documents left, once. --dry-run lists and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="YYYY-MM-DD (default: today in WIB)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, on=None, dry_run=False, **options):
        day = parse_date(on) if on else timezone.localdate()
        if day is None:
            raise CommandError(f"--on must be YYYY-MM-DD, got {on!r}")
        programme = Programme.objects.current()
        if programme is None:
            raise CommandError("No active MCSP programme.")
        checkpoint = reminders.checkpoint_on(programme, day)
        if checkpoint is None:
            self.stdout.write(f"No reminder is due on {day} ({programme.countdown(day)}).")
            return
        if dry_run:
            rows = reminders.plan(programme, checkpoint, day)
            for row in rows:
                msg = outbox.build(row)
                subject = msg.subject if msg else "(nothing left)"
                self.stdout.write(f"{row.recipient}\t{row.region.short_name}\t{subject}")
            self.stdout.write(f"{len(rows)} reminder(s) D-{checkpoint} (dry run: nothing written)")
            return
        rows = outbox.plan_reminders(programme, checkpoint, day)
        for row in rows:
            send_delivery.delay(row.pk)
        self.stdout.write(f"{len(rows)} new reminder(s) D-{checkpoint} queued")
