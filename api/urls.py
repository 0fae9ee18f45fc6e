"""/api/v1/: the read-only open data API (see README, "Cijfers ophalen")."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import activities, areas, caseload, derived, records, reports, targets, views

app_name = "api"


def api(view_class, **kwargs):
    """Return the view: the API authenticates itself (token or session), so the login redirect stays off."""
    return login_not_required(view_class.as_view(**kwargs))


urlpatterns = [
    path("", api(views.Root), name="root"),
    path("areas/", api(areas.AreaList), name="areas"),
    path("caseload-figures/", api(caseload.CaseloadFigureList), name="caseload-figures"),
    path("activities/", api(activities.ActivityList), name="activities"),
    path("measures/", api(activities.MeasureList), name="measures"),
    path("published-totals/", api(activities.PublishedTotalList), name="published-totals"),
    path("activity-records/", api(records.RecordList), name="activity-records"),
    path("targets/", api(targets.CaseloadTargetList), name="targets"),
    path("activity-targets/", api(targets.ActivityTargetList), name="activity-targets"),
    path("reports/", api(reports.ReportVersionList), name="reports"),
    path(
        "reports/<int:year>/q<int:quarter>/versions/<int:number>/",
        api(reports.ReportVersionDetail),
        name="report-version",
    ),
    path("derived/glide-path/", api(derived.GlidePathList), name="derived-glide-path"),
    path("derived/caseload-pace/", api(derived.CaseloadPace), name="derived-caseload-pace"),
    path("schema/", api(SpectacularAPIView), name="schema"),
    path("docs/", views.docs, name="docs"),
    re_path(r"^.*$", api(views.NotFound)),
]
