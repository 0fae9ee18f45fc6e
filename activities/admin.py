"""Admin for technical administrators: the activities, their measures and published totals.

Their records and targets are figures: their admins live with the caseload's in programme/admin.py,
which saves them through the entry service (lock-checked and recorded).
"""

from django.contrib import admin

from .models import Activity, Measure, Project, PublishedTotal
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


@admin.register(PublishedTotal)
class PublishedTotalAdmin(admin.ModelAdmin):
    list_display = ["measure", "year", "value", "source"]
    list_select_related = ["measure__activity", "source"]
