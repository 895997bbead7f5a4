"""manage.py rollover --from 2026 --to 2027 [--kind mcsp] [--mapping FILE] [--dry-run]

Next year's programme with its checklist (a copy, or the guidebook already imported into it)
and every government's documents; last year stays open to the inspectorate until closed.
Idempotent: a second run changes nothing. See documents/rollover.py.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import rollover
from documents.models import Programme, ProgrammeKind
from sheets.intake import SheetError, open_workbook


class Command(BaseCommand):
    help = "Create next year's programme, checklist and documents from this year's."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", type=int, required=True)
        parser.add_argument("--to", dest="target", type=int, required=True)
        parser.add_argument("--kind", default=ProgrammeKind.MCSP, choices=ProgrammeKind.values)
        parser.add_argument("--mapping", help="workbook: columns 'Kode lama' and 'Kode baru'")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, source, target, kind, mapping, dry_run, **options):
        programme = Programme.objects.filter(kind=kind, year=source).first()
        if programme is None:
            raise CommandError(f"no {kind} programme for {source}")
        codes = None
        if mapping:
            try:
                codes = rollover.read_mapping(open_workbook(Path(mapping).read_bytes()))
            except (OSError, SheetError, rollover.RolloverError) as error:
                raise CommandError(f"{mapping}: {getattr(error, 'message', error)}") from None
        try:
            if dry_run:
                result = rollover.plan(programme, target, codes)
            else:
                result = rollover.run(programme, target, codes)
        except rollover.RolloverError as error:
            raise CommandError(error.message) from None
        verb = "would create" if dry_run else "created"
        if result.nothing_to_do and not dry_run:
            self.stdout.write(f"{result.name}: already rolled over; nothing changed")
            return
        self.stdout.write(
            f"{programme.name} -> {result.name}: {verb} "
            f"{result.requirements_to_copy} requirements (copied), "
            f"{result.documents_to_create} documents"
        )
        if result.dropped:
            self.stdout.write(f"not carried over: {', '.join(result.dropped)}")
        in_flight = ", ".join(f"{k} {v}" for k, v in sorted(result.in_flight.items()))
        self.stdout.write(f"in flight in {programme.year} (stay there): {in_flight or 'none'}")
