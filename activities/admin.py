"""Admin for technical administrators.

Activity records are saved like caseload figures (lock-checked and recorded); activity
targets, like caseload targets, are revised on /targets/ and only their note changes here.
"""

from django.contrib import admin

from monitoring.admin import LockedFigureAdmin, TargetAdminBase

from .models import Activity, ActivityRecord, ActivityTarget, Measure, Project, PublishedTotal
from .signals import is_referenced


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["name", "slug", "unit", "kind", "direction", "by_area", "is_key", "counts_work", "sort_order"]
    fk_name = "activity"


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "starts_on", "ends_on", "sort_order"]
    list_filter = ["project"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "activity", "unit", "kind", "direction", "by_area", "is_key"]
    list_filter = ["activity", "unit", "kind", "by_area", "is_key"]
    search_fields = ["name", "activity__name"]
    list_select_related = ["activity"]

    def has_delete_permission(self, request, obj=None):
        # A measure that notes or the audit trail point at stays (activities/signals.py).
        return super().has_delete_permission(request, obj) and not (obj is not None and is_referenced(obj))


@admin.register(ActivityRecord)
class ActivityRecordAdmin(LockedFigureAdmin):
    identity_fields = ["measure", "area", "month"]
    list_display = ["measure", "area", "month", "value", "status", "origin", "updated_at"]
    list_filter = ["measure__activity", "status", "origin", "area__level"]
    search_fields = ["measure__name", "area__name", "note"]
    date_hierarchy = "month"
    list_select_related = ["measure__activity", "area"]


@admin.register(ActivityTarget)
class ActivityTargetAdmin(TargetAdminBase):
    list_display = ["measure", "area", "period_start", "period_end", "comparator", "value", "provenance"]
    list_filter = ["provenance", "period_kind", "measure__activity"]
    search_fields = ["measure__name", "note"]
    list_select_related = ["measure__activity", "area"]


@admin.register(PublishedTotal)
class PublishedTotalAdmin(admin.ModelAdmin):
    list_display = ["measure", "year", "value", "source"]
    list_select_related = ["measure__activity", "source"]
