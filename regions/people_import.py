"""People imported from a workbook: the same preview → apply as every import (``sheets.intake``).

One row per new person: username, email, name, government code, role and (for an agency
operator) the agency's short name. Every row goes through ``regions.people``'s rules — the
actor's right to grant that role in that government (``check_grant``), a free username and email
(``check_new_person``) — and the errors are named by row and column. Usernames and emails may
appear once per file. A row whose person already exists with the same email, role and scope is
unchanged ("sama"); any other existing username is an error: the import only invites new people.

Applying invites every row through ``people.invite`` in one transaction, or nobody; a plan
applies once (``StoredPlan.claim``). The invitation emails are the caller's (views sit above the
import chain): ``apply`` hands the invitations to ``notify`` once the transaction has committed.
"""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from regions import people
from regions.models import Invitation, Membership, Region, Role, Unit
from sheets.intake import (
    CHANGE,
    CODE,
    ERROR,
    SAME,
    Column,
    Plan,
    PlanRow,
    Problem,
    mark_duplicates,
    normalise,
    read_table,
    write_text,
)
from sheets.models import StoredPlan

PEOPLE_IMPORT = "people"

COLUMNS = [
    Column("username", ("Nama pengguna", "Username", "User name")),
    Column("email", ("Email", "Alamat email", "E-mail", "Email address")),
    Column("first_name", ("Nama depan", "First name"), required=False),
    Column("last_name", ("Nama belakang", "Last name"), required=False),
    Column("region", ("Kode pemda", "Kode pemerintah daerah", "Government code"), CODE),
    Column("role", ("Peran", "Role")),
    Column("unit", ("OPD", "Singkatan OPD", "Agency", "Agency short name"), required=False),
]
SHEET_NAMES = ("Pengguna", "People", "Users")

# The words a role is written with, in either language (compared after ``normalise``).
ROLE_WORDS = {
    Role.INSPECTORATE: ("inspektorat", "inspectorate", "staf inspektorat"),
    Role.LEADERSHIP: ("pimpinan", "leadership", "leader"),
    Role.REGIONAL: ("pic", "admin pemda", "admin pemda (pic)", "regional", "regional admin"),
    Role.AGENCY: ("operator opd", "operator", "opd", "agency", "agency operator"),
}
ROLES = {normalise(word): role for role, words in ROLE_WORDS.items() for word in words}
ROLES.update({normalise(role.value): role for role in Role})
ROLES.update({normalise(role.label): role for role in Role})


class PeopleImportError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def read_role(value) -> str | None:
    return ROLES.get(normalise(value)) if value else None


def preview(workbook, *, actor, file_name: str, sha: str) -> Plan:
    """What importing the workbook would do; nothing is written."""
    table = read_table(workbook, COLUMNS, sheet_names=SHEET_NAMES)
    plan = Plan(kind=PEOPLE_IMPORT, file_name=file_name, sha256=sha, sheet=table.sheet)
    plan.header_row = table.header_row
    h = table.headers
    header = {
        "username": h["username"],
        "email": h["email"],
        "region": h["region"],
        "role": h["role"],
        "unit": h.get("unit", _("OPD")),
        None: "",
    }
    mark_duplicates(
        table.rows,
        lambda r: (r.values["username"] or "").casefold() or None,
        h["username"],
    )
    mark_duplicates(
        table.rows,
        lambda r: (r.values["email"] or "").strip().lower() or None,
        h["email"],
    )
    regions = {r.code: r for r in Region.objects.all()}
    units = {(u.region_id, u.short_name.casefold()): u for u in Unit.objects.all()}
    users = get_user_model().objects
    for row in table.rows:
        v = row.values
        username = (v["username"] or "").strip()
        email = (v["email"] or "").strip().lower()
        subject = f"{username or '?'} · {email or '?'}"
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.problems.append(Problem(h["email"], _("Alamat email tidak valid.")))
        role = read_role(v["role"])
        if v["role"] and role is None:
            row.problems.append(
                Problem(
                    h["role"],
                    _("Peran “%(role)s” tidak dikenal; tulis salah satu: %(roles)s.")
                    % {"role": v["role"], "roles": ", ".join(str(r.label) for r in Role)},
                )
            )
        region = regions.get(v["region"] or "")
        short_name = (v.get("unit") or "").strip()
        unit = None
        if role == Role.AGENCY and region is not None and short_name:
            unit = units.get((region.pk, short_name.casefold()))
        if role is not None and v["region"]:
            try:
                people.check_grant(actor, region, role, unit)
            except people.PeopleError as error:
                message = error.message
                if error.code == "unit_mismatch" and short_name:
                    message = _("OPD “%(unit)s” tidak ada di %(region)s.") % {
                        "unit": short_name,
                        "region": region.name,
                    }
                row.problems.append(Problem(header[error.field], message))
        if row.problems or not (username and email and role and region):
            plan.rows.append(PlanRow(row.number, ERROR, subject, problems=row.problems))
            continue
        unit = unit if role == Role.AGENCY else None
        scope = people.describe(role, region, unit)
        existing = users.filter(username__iexact=username).first()
        if (
            existing is not None
            and existing.email.lower() == email
            and Membership.objects.filter(
                user=existing, region=region, role=role, unit=unit
            ).exists()
        ):
            plan.rows.append(PlanRow(row.number, SAME, subject, scope, _("sama")))
            continue
        person = people.NewPerson(
            username=username,
            email=email,
            first_name=(v.get("first_name") or "").strip()[:150],
            last_name=(v.get("last_name") or "").strip()[:150],
        )
        try:
            people.check_new_person(person)
        except people.PeopleError as error:
            row.problems.append(Problem(header[error.field], error.message))
            plan.rows.append(PlanRow(row.number, ERROR, subject, problems=row.problems))
            continue
        data = {
            "username": person.username,
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "region": region.pk,
            "role": role,
            "unit": unit.pk if unit else None,
        }
        plan.rows.append(PlanRow(row.number, CHANGE, subject, "—", scope, data=data))
    plan.add_table_problems(table)
    return plan


def keep(plan: Plan, data: bytes, *, by) -> StoredPlan:
    return StoredPlan.keep(plan, data, by=by, context={})


def apply(stored: StoredPlan, *, by, notify=None) -> list[Invitation]:
    """Invite every row of a stored plan in one transaction, or nobody. ``notify(invitations)``
    runs once the transaction has committed (the invitation emails)."""
    plan = stored.load()
    if plan.errors or not plan.changes:
        raise PeopleImportError(_("Perbaiki semua kesalahan di berkas lalu unggah lagi."))
    regions = Region.objects.in_bulk({row.data["region"] for row in plan.changes})
    units = Unit.objects.in_bulk({row.data["unit"] for row in plan.changes if row.data["unit"]})
    invitations = []
    with transaction.atomic():
        if not stored.claim():
            raise PeopleImportError(_("Rencana impor ini sudah diterapkan."))
        for row in plan.changes:
            d = row.data
            person = people.NewPerson(
                username=d["username"],
                email=d["email"],
                first_name=d["first_name"],
                last_name=d["last_name"],
            )
            try:
                invitations.append(
                    people.invite(
                        by,
                        person,
                        region=regions.get(d["region"]),
                        role=d["role"],
                        unit=units.get(d["unit"]),
                    )
                )
            except people.PeopleError as error:  # changed since the preview: nobody is invited
                raise PeopleImportError(
                    _("Baris %(row)d: %(error)s Tidak ada yang diterapkan; unggah lagi.")
                    % {"row": row.row, "error": error.message}
                ) from None
        if notify is not None:
            transaction.on_commit(lambda: notify(invitations))
    return invitations


def template() -> bytes:
    """An import sheet: the headers and one example row."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_NAMES[0]
    example = ["budi-bpkad", "budi@kapuaskab.go.id", "Budi", "Santoso", "62.03", "Operator OPD"]
    for index, (column, value) in enumerate(
        zip(COLUMNS, [*example, "BPKAD"], strict=True), start=1
    ):
        cell = ws.cell(row=1, column=index, value=column.title + ("*" if column.required else ""))
        cell.font = Font(bold=True)
        write_text(ws.cell(row=2, column=index), value)
        ws.cell(row=2, column=index).number_format = "@"
        ws.column_dimensions[cell.column_letter].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
