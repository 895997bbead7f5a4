from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from documents.models import Programme
from reports import snapshots


class Command(BaseCommand):
    help = "Write today's Snapshot rows (counts per government and unit) for active programmes."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="YYYY-MM-DD (default: today in WIB)")

    def handle(self, *args, day=None, **options):
        on = parse_date(day) if day else None
        if day and on is None:
            raise CommandError(f"--day must be YYYY-MM-DD, got {day!r}")
        for programme in Programme.objects.filter(is_active=True):
            n = snapshots.write_for_day(programme, on)
            self.stdout.write(f"{programme}: {n} snapshot rows")
