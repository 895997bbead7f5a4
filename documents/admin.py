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
from mcsp_tracker.admin_paging import BigTableAdmin, ScaledAdmin
from regions.admin import government_filters

# A document names its requirement and government (Document.__str__); a unit its government.
DOCUMENT_NAMES = ["document__requirement", "document__region"]


@admin.register(Programme)
class ProgrammeAdmin(ScaledAdmin):
    list_display = ["name", "kind", "year", "deadline", "is_active"]


@admin.register(Area)
class AreaAdmin(ScaledAdmin):
    list_display = ["code", "name", "programme", "weight"]
    list_filter = ["programme"]
    list_select_related = ["programme"]


@admin.register(Indicator)
class IndicatorAdmin(ScaledAdmin):
    list_display = ["code", "name", "area", "weight"]
    list_filter = ["area__programme", "area"]
    search_fields = ["code", "name"]
    list_select_related = ["area"]


@admin.register(Requirement)
class RequirementAdmin(ScaledAdmin):
    list_display = ["code", "name", "indicator", "unit_short_name", "retired_on"]
    list_filter = ["indicator__area", "for_province", "for_regency", "for_city"]
    search_fields = ["code", "name"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["region"]


@admin.register(Document)
class DocumentAdmin(BigTableAdmin):
    # Status is read-only here: changes go through the workflow so history stays whole.
    list_display = ["requirement", "region", "status", "unit", "status_changed_at"]
    list_filter = ["status", *government_filters()]
    search_fields = ["requirement__code", "requirement__name"]
    list_select_related = ["requirement", "region", "unit__region"]
    readonly_fields = ["status", "version", "status_changed_at", "updated_at"]
    raw_id_fields = ["requirement"]
    autocomplete_fields = ["region", "unit", "assignee"]


@admin.register(Evidence)
class EvidenceAdmin(BigTableAdmin):
    list_display = ["document", "original_name", "url", "uploaded_at", "size"]
    list_select_related = DOCUMENT_NAMES
    raw_id_fields = ["document", "uploaded_by"]


@admin.register(Comment)
class CommentAdmin(BigTableAdmin):
    list_display = ["document", "author", "created_at"]
    list_select_related = [*DOCUMENT_NAMES, "author"]
    raw_id_fields = ["document", "author"]


@admin.register(StatusChange)
class StatusChangeAdmin(BigTableAdmin):
    list_display = ["document", "from_status", "to_status", "source", "actor", "created_at"]
    # A change carries its government: a province's history through statuschange_region_time.
    list_filter = ["source", "to_status", *government_filters()]
    list_select_related = [*DOCUMENT_NAMES, "actor"]
    raw_id_fields = ["document", "actor", "evidence"]

    # Append-only: visible, never editable.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
