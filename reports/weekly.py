"""The weekly public achievement page (publikasi capaian tiap pekan) and the recap for chat groups.

Publishing a week copies the figures of the province into PublishedWeek/PublishedRow: the public
page reads only those rows, so what was published stays as it was. The figures come from
``reports.figures``: the live documents while the week is still running, the daily Snapshot rows
of its Sunday once it has ended (a week published on Monday shows Sunday 23:59 WIB).

``Line`` is the one shape the page, the chat text and the ranking image read, whether it comes
from live figures (the dashboard) or from published rows (the public page).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents.models import Programme, countdown_text
from regions.models import Region
from reports import figures
from reports.models import PublishedRow, PublishedWeek, RowKind

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
MOVERS = 3  # "top movers" in the chat recap
BEHIND = 3  # "who is behind"


class PublishError(Exception):
    """A week that cannot be published, with a message for the person who asked."""


# --- ISO weeks -----------------------------------------------------------------------------------


def parse_week(text: str) -> tuple[dt.date, dt.date]:
    """``2026-W48`` → (Monday, Sunday). ValueError for anything else."""
    match = WEEK_PATTERN.match(text or "")
    if not match:
        raise ValueError(text)
    year, week = int(match[1]), int(match[2])
    monday = dt.date.fromisocalendar(year, week, 1)  # ValueError for W00, W54, …
    return monday, monday + dt.timedelta(days=6)


def week_of(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def end_of_week(sunday: dt.date) -> dt.datetime:
    """Sunday 23:59:59 WIB."""
    return timezone.make_aware(dt.datetime.combine(sunday, dt.time(23, 59, 59)))


# --- one line of a ranking, from live figures or from published rows -----------------------------


@dataclass
class Line:
    kind: str
    code: str
    name: str
    short_name: str
    rank: int | None
    total: int
    uploaded: int
    accepted: int
    verifying: int
    needs_revision: int
    not_uploaded: int
    pct_uploaded: Decimal
    pct_accepted: Decimal
    change_accepted: Decimal | None
    change_uploaded: Decimal | None
    score: Decimal | None
    score_on: dt.date | None
    band: str
    at_risk: bool

    @property
    def band_label(self) -> str:
        return next((str(b.label) for _lower, b in figures.BANDS if b.key == self.band), "")

    @classmethod
    def from_figures(cls, fig: figures.Figures, kind: str, name: str = "") -> Line:
        scope = fig.scope
        return cls(
            kind=kind,
            code=getattr(scope, "code", ""),
            name=name or getattr(scope, "name", str(scope)),
            short_name=name or getattr(scope, "short_name", str(scope)),
            rank=fig.rank if kind == RowKind.GOVERNMENT else None,
            total=fig.total,
            uploaded=fig.uploaded,
            accepted=fig.accepted,
            verifying=fig.verifying,
            needs_revision=fig.needs_revision,
            not_uploaded=fig.not_uploaded,
            pct_uploaded=fig.pct_uploaded,
            pct_accepted=fig.pct_accepted,
            change_accepted=fig.weekly_change_accepted,
            change_uploaded=fig.weekly_change_uploaded,
            score=fig.score.value if fig.score else None,
            score_on=fig.score.recorded_on if fig.score else None,
            band=fig.band.key if fig.band else "",
            at_risk=fig.finishes_late,
        )

    @classmethod
    def from_row(cls, row: PublishedRow) -> Line:
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})


@dataclass
class Recap:
    """What the weekly page, the chat text and the image show: one province at one moment."""

    title: str
    province_name: str
    as_of: dt.datetime
    days_left: int
    deadline: dt.date
    own: Line
    total: Line
    ranking: list[Line]
    week: str = ""

    @property
    def countdown(self) -> str:
        return countdown_text(self.days_left)

    @property
    def movers(self) -> list[Line]:
        """The governments whose % accepted rose most in seven days (rises only)."""
        rising = [line for line in self.ranking if line.change_accepted]
        rising = [line for line in rising if line.change_accepted > 0]
        return sorted(rising, key=lambda line: -line.change_accepted)[:MOVERS]

    @property
    def behind(self) -> list[Line]:
        """Governments at risk of missing the deadline at their pace, else the last ranked."""
        late = [line for line in self.ranking if line.at_risk]
        return (late or self.ranking[::-1])[:BEHIND][::-1] if self.ranking else []


def _regions(province: Region):
    return Region.objects.filter(Q(pk=province.pk) | Q(parent=province)).order_by("code")


def recap_from(
    result: figures.RegionFigures,
    province: Region,
    programme: Programme,
    *,
    as_of: dt.datetime,
    week: str = "",
) -> Recap:
    """A province's recap from figures already computed (figures.for_province or _on)."""
    return Recap(
        title=programme.name,
        province_name=province.name,
        as_of=as_of,
        days_left=programme.days_left(timezone.localtime(as_of).date()),
        deadline=programme.last_day,
        own=Line.from_figures(result.by_region[province.pk], RowKind.OWN),
        total=Line.from_figures(result.combined, RowKind.TOTAL, name=str(_("Se-provinsi"))),
        ranking=[Line.from_figures(fig, RowKind.GOVERNMENT) for fig in result.ranking()],
        week=week,
    )


def live_recap(programme: Programme, province: Region, *, now: dt.datetime | None = None) -> Recap:
    """The province as it stands now (the dashboard's "Salin rekap" and image)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    result = figures.for_province(programme, province, today=today)
    return recap_from(result, province, programme, as_of=now, week=week_of(today))


def published_recap(week: PublishedWeek) -> Recap:
    lines = {RowKind.OWN: None, RowKind.TOTAL: None}
    ranking = []
    for row in week.rows.all():
        line = Line.from_row(row)
        if row.kind == RowKind.GOVERNMENT:
            ranking.append(line)
        else:
            lines[row.kind] = line
    return Recap(
        title=week.programme_name,
        province_name=week.province_name,
        as_of=week.as_of,
        days_left=week.days_left,
        deadline=week.deadline,
        own=lines[RowKind.OWN],
        total=lines[RowKind.TOTAL],
        ranking=ranking,
        week=week.week,
    )


# --- publishing ----------------------------------------------------------------------------------


def publish(
    programme: Programme,
    province: Region,
    week: str,
    *,
    by=None,
    now: dt.datetime | None = None,
) -> PublishedWeek:
    """Copy the province's figures of ``week`` into rows of their own. Refused (PublishError)
    for a week not yet begun, a week already published, or a past week without daily rows."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    try:
        monday, sunday = parse_week(week)
    except ValueError:
        raise PublishError(_("Minggu harus ditulis seperti 2026-W48.")) from None
    if monday > today:
        raise PublishError(_("Minggu %(week)s belum dimulai.") % {"week": week})
    if PublishedWeek.objects.filter(programme=programme, province=province, week=week).exists():
        raise PublishError(_("Minggu %(week)s sudah diterbitkan.") % {"week": week})
    regions = list(_regions(province))
    if sunday < today:
        if not figures.has_snapshots(programme, regions, sunday):
            raise PublishError(
                _("Belum ada rekap harian untuk minggu %(week)s; jalankan backfill_snapshots.")
                % {"week": week}
            )
        result = figures.for_regions_on(programme, regions, sunday, combined_label=province)
        as_of = end_of_week(sunday)
    else:
        result = figures.for_regions(programme, regions, today=today, combined_label=province)
        as_of = now
    recap = recap_from(result, province, programme, as_of=as_of, week=week)
    try:
        with transaction.atomic():
            published = PublishedWeek.objects.create(
                programme=programme,
                province=province,
                week=week,
                as_of=as_of,
                programme_name=programme.name,
                province_name=province.name,
                deadline=recap.deadline,
                days_left=recap.days_left,
                published_at=now,
                published_by=by,
            )
            lines = [recap.own, recap.total, *recap.ranking]
            PublishedRow.objects.bulk_create(
                PublishedRow(week=published, order=order, **vars(line))
                for order, line in enumerate(lines)
            )
    except IntegrityError:  # published at the same moment by someone else
        raise PublishError(_("Minggu %(week)s sudah diterbitkan.") % {"week": week}) from None
    return published


def published_weeks(province: Region):
    """The province's published MCSP weeks, newest first (the archive)."""
    return PublishedWeek.objects.filter(province=province, programme__kind="mcsp").order_by(
        "-week", "-programme__year"
    )


# --- the recap for chat groups ------------------------------------------------------------------


def chat_text(recap: Recap, url: str = "") -> str:
    """The recap as WhatsApp formats it (*bold*, _italic_, plain lines). Always Indonesian: it
    goes to the province's chat groups, whatever language the person copying it reads."""
    with translation.override("id"):
        text = render_to_string("reports/chat_recap.txt", {"recap": recap, "url": url})
    # Blank lines the template's tags leave behind: at most one in a row.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
