"""``manage.py import_statuses FILE --as USERNAME [--dry-run]``: the status import, in text.

The same preview and the same all-or-nothing apply as the /reports/ page (reports.imports),
acting as an inspectorate user so every row is checked against their scope and role.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from documents.models import Programme
from reports import imports
from sheets.intake import SheetError, open_workbook, sha256


class Command(BaseCommand):
    help = "Import document statuses from an .xlsx (KPK's verdicts or a recap's Rincian sheet)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx workbook")
        parser.add_argument("--as", dest="username", required=True, help="acting user")
        parser.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")

    def handle(self, *args, file, username, dry_run=False, **options):
        translation.activate("id")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        programme = Programme.objects.current()
        if programme is None:
            raise CommandError("no active MCSP programme")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        try:
            plan = imports.preview(
                imports.STATUS,
                open_workbook(data),
                user=user,
                programme=programme,
                file_name=path.name,
                sha=sha256(data),
            )
        except SheetError as error:
            raise CommandError(error.message) from None
        self._print(plan)
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} baris bermasalah: tidak ada yang diterapkan.")
        if dry_run or not plan.changes:
            self.stdout.write("Tidak ada yang diubah" + (" (--dry-run)." if dry_run else "."))
            return
        stored = imports.keep(plan, data, by=user, programme=programme)
        try:
            applied = imports.apply(stored, by=user)
        except imports.ImportRefused as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(self.style.SUCCESS(f"{applied.changed} perubahan diterapkan."))

    def _print(self, plan) -> None:
        self.stdout.write(
            f"{plan.file_name} (lembar “{plan.sheet}”): {len(plan.changes)} berubah, "
            f"{len(plan.unchanged)} tidak berubah, {len(plan.errors)} bermasalah"
        )
        for row in plan.rows:
            if row.action == imports.CHANGE:
                self.stdout.write(f"  baris {row.row}: {row.subject}: {row.before} → {row.after}")
            elif row.action == imports.ERROR:
                for problem in row.problems:
                    column = f"[{problem.column}] " if problem.column else ""
                    self.stdout.write(f"  baris {row.row}: {column}{problem.message}")
