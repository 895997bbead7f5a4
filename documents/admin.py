from django.contrib import admin

from documents.models import (
    Area,
    Comment,
    Document,
    Evidence,
    Indicator,
    Programme,
    Requirement,
    StatusChange,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year", "deadline", "is_active"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "programme", "weight"]
    list_filter = ["programme"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area", "weight"]
    list_filter = ["area__programme", "area"]
    search_fields = ["code", "name"]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "indicator", "unit_short_name", "retired_on"]
    list_filter = ["indicator__area", "for_province", "for_regency", "for_city"]
    search_fields = ["code", "name"]
    list_select_related = ["indicator"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    # Status is read-only here: changes go through the workflow so history stays whole.
    list_display = ["requirement", "region", "status", "unit", "status_changed_at"]
    list_filter = ["status", "region"]
    search_fields = ["requirement__code", "requirement__name"]
    list_select_related = ["requirement", "region", "unit"]
    readonly_fields = ["status", "version", "status_changed_at", "updated_at"]
    raw_id_fields = ["requirement", "assignee"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["document", "original_name", "url", "uploaded_at", "size"]
    raw_id_fields = ["document", "uploaded_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["document", "author", "created_at"]
    raw_id_fields = ["document", "author"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["document", "from_status", "to_status", "source", "actor", "created_at"]
    list_filter = ["source", "to_status"]
    list_select_related = ["document__requirement", "document__region", "actor"]

    # Append-only: visible, never editable.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
