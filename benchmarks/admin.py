"""Benchmark values in the admin: read only (with their history); sync_cbs and import_population write them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from nprz_dashboard.admin import ReadOnlyAdmin

from .models import BenchmarkValue


@admin.register(BenchmarkValue)
class BenchmarkValueAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("region", "measure", "month", "value", "status", "origin", "table_id", "denominator", "updated_at")
    list_filter = ("region", "measure", "status", "origin", "denominator")
    date_hierarchy = "month"
