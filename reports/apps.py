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
