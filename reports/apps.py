from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan dan capaian")

    def ready(self):
        # Documents announce status changes; reports listens (documents never imports reports).
        from documents.signals import status_changed
        from reports.tasks import on_status_changed

        status_changed.connect(on_status_changed, dispatch_uid="reports.notices")

        # An agency merge (regions) moves its daily counts to the surviving agency.
        from regions.signals import unit_merged
        from reports.unit_merge import move_snapshots

        unit_merged.connect(move_snapshots, dispatch_uid="reports.unit_merged")
