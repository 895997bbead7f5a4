from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Dokumen MCSP")

    def ready(self):
        # Regions announces an agency merge; documents moves its rows (regions never imports us).
        from documents.workflow import follow_merged_unit
        from regions.signals import unit_merged

        unit_merged.connect(follow_merged_unit, dispatch_uid="documents.unit_merged")
