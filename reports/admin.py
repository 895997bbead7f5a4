from django.contrib import admin

from reports.models import Delivery, ScoreRecord, Snapshot


@admin.register(ScoreRecord)
class ScoreRecordAdmin(admin.ModelAdmin):
    list_display = ["region", "area", "value", "recorded_on", "programme"]
    list_filter = ["programme", "region"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["programme", "region", "unit", "day", "total", "accepted"]
    list_filter = ["programme", "region"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["kind", "period", "recipient", "status", "sent_at"]
    list_filter = ["kind", "status"]
