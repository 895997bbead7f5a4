from django.contrib import admin

from mcsp_tracker.admin_paging import BigTableAdmin
from regions.admin import government_filters
from reports.models import Delivery, ScoreRecord, Snapshot


# Scores: a row per government, area and date entered: hundreds of thousands in a year.
@admin.register(ScoreRecord)
class ScoreRecordAdmin(BigTableAdmin):
    list_display = ["region", "area", "value", "recorded_on", "programme"]
    list_filter = ["programme", *government_filters()]
    list_select_related = ["region", "area", "programme"]
    autocomplete_fields = ["region", "entered_by"]


@admin.register(Snapshot)
class SnapshotAdmin(BigTableAdmin):
    list_display = ["programme", "region", "unit", "day", "total", "accepted"]
    list_filter = ["programme", *government_filters()]
    list_select_related = ["programme", "region", "unit__region"]
    autocomplete_fields = ["region", "unit"]


@admin.register(Delivery)
class DeliveryAdmin(BigTableAdmin):
    list_display = ["kind", "period", "recipient", "status", "sent_at"]
    list_filter = ["kind", "status"]
    autocomplete_fields = ["recipient_user", "region"]
