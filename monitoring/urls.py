from django.urls import path, register_converter

from .caseload import views as caseload
from .entry import import_views
from .entry import views as entry
from .reports import views as reports
from .targets import views as targets


class MonthConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(MonthConverter, "month")

urlpatterns = [
    path("", caseload.overview, name="overview"),
    path("caseload/", caseload.caseload, name="caseload"),
    path("caseload/figures/", caseload.figures, name="caseload-figures"),
    path("caseload/prognose/", caseload.forecast_method, name="caseload-forecast"),
    path("targets/", targets.targets, name="targets"),
    path("entry/", entry.entry_index, name="entry"),
    path("entry/import/", import_views.entry_import, name="entry-import"),
    path("entry/<month:month>/", entry.entry_month, name="entry-month"),
    path("entry/<month:month>/history/", entry.entry_history, name="entry-history"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:year>/q<int:quarter>/", reports.report_detail, name="report-detail"),
    path("reports/<int:year>/q<int:quarter>.pdf", reports.report_pdf, name="report-pdf"),
]
