from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from documents.models import Programme
from reports import snapshots


class Command(BaseCommand):
    help = "Rebuild Snapshot rows from StatusChange history (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--until", help="last day to rebuild, YYYY-MM-DD (default: today)")

    def handle(self, *args, until=None, **options):
        last = parse_date(until) if until else None
        if until and last is None:
            raise CommandError(f"--until must be YYYY-MM-DD, got {until!r}")
        for programme in Programme.objects.filter(is_active=True):
            n = snapshots.backfill(programme, until=last)
            self.stdout.write(f"{programme}: {n} snapshot rows rebuilt")
