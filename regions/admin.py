from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mcsp_tracker.admin_paging import ScaledAdmin
from regions.models import Membership, Region, RegionKind, Unit


class ProvinceFilter(admin.SimpleListFilter):
    """Filter by province (38 choices) instead of listing all 552 governments in the sidebar;
    the rows are then those of the province's list of governments (one small query for it)."""

    title = _("provinsi")
    parameter_name = "province"
    region_path = "region"  # from the listed model to its Region

    def lookups(self, request, model_admin):
        return Region.objects.filter(kind=RegionKind.PROVINCE).values_list("code", "name")

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        governments = list(
            Region.objects.filter(Q(code=self.value()) | Q(parent__code=self.value()))
            .order_by()
            .values_list("pk", flat=True)
        )
        return queryset.filter(**{f"{self.region_path}__in": governments})


class GovernmentFilter(admin.SimpleListFilter):
    """One government, offered among those of the province chosen in ``ProvinceFilter``."""

    title = _("pemerintah daerah")
    parameter_name = "government"
    region_path = "region"

    def lookups(self, request, model_admin):
        province = request.GET.get(ProvinceFilter.parameter_name)
        if not province:
            return []
        return Region.objects.filter(Q(code=province) | Q(parent__code=province)).values_list(
            "code", "name"
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        region = Region.objects.filter(code=self.value()).values_list("pk", flat=True)
        return queryset.filter(**{f"{self.region_path}__in": list(region)})


def province_filter(region_path: str = "region") -> type[admin.SimpleListFilter]:
    return type("ProvinceFilter", (ProvinceFilter,), {"region_path": region_path})


def government_filters(region_path: str = "region") -> list[type[admin.SimpleListFilter]]:
    """The province and government filters for a model whose government is ``region_path``."""
    return [
        province_filter(region_path),
        type("GovernmentFilter", (GovernmentFilter,), {"region_path": region_path}),
    ]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0

    def get_queryset(self, request):
        # Each row is titled by the unit, which names its government (Unit.__str__).
        return super().get_queryset(request).select_related("region")


@admin.register(Region)
class RegionAdmin(ScaledAdmin):
    list_display = ["code", "name", "short_name", "kind", "parent"]
    list_filter = ["kind", province_filter("parent")]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(ScaledAdmin):
    list_display = ["short_name", "name", "region"]
    list_filter = government_filters()
    search_fields = ["short_name", "name", "region__short_name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]

    def get_queryset(self, request):
        # A unit names its government (Unit.__str__): the autocomplete of other change forms
        # lists units through this queryset.
        return super().get_queryset(request).select_related("region")


@admin.register(Membership)
class MembershipAdmin(ScaledAdmin):
    list_display = ["user", "role", "region", "unit"]
    list_filter = ["role", *government_filters()]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "region", "unit__region"]
    autocomplete_fields = ["user", "region", "unit"]
