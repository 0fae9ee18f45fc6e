"""Admin for technical administrators. Writes to figures go through the model's history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, CaseloadFigure, ReportingPeriod, Source, Target


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent", "is_focus", "population"]
    list_filter = ["level", "is_focus", "parent"]
    search_fields = ["name", "code"]
    ordering = ["tree_order"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "published_on", "author"]
    search_fields = ["title", "reference", "author"]


@admin.register(CaseloadFigure)
class CaseloadFigureAdmin(SimpleHistoryAdmin):
    list_display = ["area", "month", "indicator", "value", "status", "origin", "updated_at"]
    list_filter = ["indicator", "status", "origin", "area__level", "area"]
    search_fields = ["area__name", "area__code", "note"]
    date_hierarchy = "month"
    list_select_related = ["area"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "area", "period_end", "comparator", "value", "provenance", "revises"]
    list_filter = ["indicator", "provenance", "period_kind", "area"]
    search_fields = ["note", "revision_reason", "source__title"]
    list_select_related = ["area", "revises", "source"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["month", "state", "changed_by", "changed_at"]
    list_filter = ["state"]
    date_hierarchy = "month"
