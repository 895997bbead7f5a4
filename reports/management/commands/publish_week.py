"""manage.py publish_week --province 62 --week 2026-W48"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from documents.models import Programme
from regions.models import Region, RegionKind
from reports import weekly


class Command(BaseCommand):
    help = (
        "Publish a province's weekly achievement page (/capaian/<code>/<week>/): the figures "
        "are copied and never change afterwards. A week already published is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="province code, e.g. 62")
        parser.add_argument("--week", help="ISO week, e.g. 2026-W48 (default: this week in WIB)")

    def handle(self, *args, province, week=None, **options):
        region = Region.objects.filter(code=province, kind=RegionKind.PROVINCE).first()
        if region is None:
            raise CommandError(f"No province with code {province!r}.")
        programme = Programme.objects.current()
        if programme is None:
            raise CommandError("No active MCSP programme.")
        week = week or weekly.week_of(timezone.localdate())
        try:
            published = weekly.publish(programme, region, week)
        except weekly.PublishError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Published {published.week} of {region.name}: {published.rows.count()} rows, "
            f"figures as of {timezone.localtime(published.as_of):%Y-%m-%d %H:%M} WIB "
            f"→ /capaian/{region.code}/{published.week}/"
        )
