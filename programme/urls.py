from django.urls import path, register_converter

from nprz_dashboard.converters import MonthConverter

from .entry import history_views, import_views
from .entry import views as entry
from .overview import views as overview
from .reports import views as reports
from .targets import views as targets

register_converter(MonthConverter, "month")

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("targets/", targets.targets, name="targets"),
    path("entry/", entry.entry_index, name="entry"),
    path("entry/import/", import_views.entry_import, name="entry-import"),
    path("entry/import/history/", history_views.import_history, name="entry-import-history"),
    path("entry/quality/", entry.entry_quality, name="entry-quality"),
    path("entry/<month:month>/", entry.entry_month, name="entry-month"),
    path("entry/<month:month>/history/", entry.entry_history, name="entry-history"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:year>/q<int:quarter>/", reports.report_detail, name="report-detail"),
    path("reports/<int:year>/q<int:quarter>.pdf", reports.report_pdf, name="report-pdf"),
]
