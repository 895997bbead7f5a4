"""manage.py send_digests --week 2026-W49 [--kind leadership|government] [--dry-run]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from documents.models import Programme
from reports import digests, outbox
from reports.models import DeliveryKind
from reports.tasks import send_delivery

KINDS = {"leadership": DeliveryKind.DIGEST_LEADERSHIP, "government": DeliveryKind.DIGEST_REGION}


class Command(BaseCommand):
    help = (
        "Send a week's digests through the same once-only path as the schedule: rows that "
        "exist are not sent again. --dry-run lists recipients and subjects and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week, e.g. 2026-W49 (default: this week in WIB)")
        parser.add_argument("--kind", choices=sorted(KINDS), help="only this digest")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, week=None, kind=None, dry_run=False, **options):
        week = week or digests.iso_week(timezone.now())
        try:
            digests.week_moment(week)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        programme = Programme.objects.current()
        if programme is None:
            raise CommandError("No active MCSP programme.")
        kinds = {KINDS[kind]} if kind else None
        if dry_run:
            rows = digests.plan(programme, week, kinds)
            for row in rows:
                msg = outbox.build(row)
                self.stdout.write(f"{row.recipient}\t{row.get_kind_display()}\t{msg.subject}")
            self.stdout.write(f"{len(rows)} digest(s) for {week} (dry run: nothing written)")
            return
        rows = outbox.plan_digests(programme, week, kinds)
        for row in rows:
            send_delivery.delay(row.pk)
        self.stdout.write(f"{len(rows)} new digest(s) for {week} queued")
