from django.contrib import admin

from regions.models import Membership, Region, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "region"]
    list_filter = ["region"]
    search_fields = ["short_name", "name"]
    list_select_related = ["region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "unit"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "region", "unit"]
    autocomplete_fields = ["user", "region", "unit"]
