"""The caseload in depth (/caseload/) and the figures table (/caseload/figures/)."""

from django.shortcuts import render
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from monitoring.caseload.progress import progress_at
from monitoring.models import AreaLevel, CaseloadFigure, CaseloadIndicator
from monitoring.targets.notes import caseload_notes
from monitoring.targets.selectors import target_history
from nprz_dashboard import clock, disclosure, shortlist
from nprz_dashboard.exports import DutchExportMixin
from nprz_dashboard.http_methods import read_only_page
from nprz_dashboard.judgement import AT_RISK_MARGIN
from nprz_dashboard.page_cache import cached_page
from nprz_dashboard.periods import Month, last_complete_month
from nprz_dashboard.roles import VIEWER, role_required

from . import analytics, charts, forecast, prognosis, selectors
from .filters import AreaForm, AreaSearchForm, FigureFilter, ScenarioForm
from .protection import mask_monthly_figures, mask_neighbourhood_changes
from .tables import FigureTable


def trend_span(request) -> str:
    """Return the trend chart's span: the last 36 months (default) or the whole path to the goal (?span=goal)."""
    return charts.GOAL_SPAN if request.GET.get("span") == charts.GOAL_SPAN else charts.RECENT_SPAN


@role_required(VIEWER)
@read_only_page
@cached_page
def caseload(request):
    until = last_complete_month(clock.today())
    choice = selectors.area_choice(request.GET.get("area", ""))
    form = AreaForm(choice.areas, request.GET if "area" in request.GET else None, complete=choice.complete)
    area = form.selected_area(default=next(a for a in choice.areas if a.level == AreaLevel.PROGRAMME))
    search_form = AreaSearchForm(request.GET)
    search = selectors.search_areas(search_form.text()) if not choice.complete and search_form.text() else None
    figures = selectors.monthly_figures(area)
    if disclosure.masks_for(request.user):  # readers get small counts withheld
        figures = mask_monthly_figures(figures, area)
    targets = target_history(area)
    progress = progress_at(
        figures.series(CaseloadIndicator.CASELOAD),
        targets.current,
        until,
        figures.statuses,
        figures.official,
        superseded=targets.superseded,
        notes=figures.notes,
        demo=figures.demo_months(),
    )
    notes = caseload_notes(area)
    scenario_form = ScenarioForm(request.GET, progress.latest, None)
    adjusted = request.GET.get("adjusted") == "1"
    forecast = prognosis.for_page(
        area, figures.series(CaseloadIndicator.CASELOAD), progress, figures.demo_months(), adjusted, scenario_form
    )
    quarters = analytics.quarter_rows(figures.values, figures.hidden, figures.official)
    start = Month(progress.year - 1, 12)
    end = progress.latest or until
    neighbourhoods = analytics.neighbourhood_comparison(selectors.neighbourhood_changes(start, end))
    if disclosure.masks_for(request.user):
        neighbourhoods = mask_neighbourhood_changes(neighbourhoods, start, end)
    shown = (
        neighbourhoods
        if shortlist.wants_all(request)
        else shortlist.choose(neighbourhoods, keep=lambda row: row["is_focus"], rank=lambda row: row["percent"])
    )
    gaps = analytics.stock_flow_check(figures.values)
    context = {
        "page_title": f"Bijstandsbestand {area.name}",
        "form": form,
        "search_form": search_form,
        "search": search,
        "area": area,
        "progress": progress,
        "trend": charts.trend_chart(
            "trend", area.name, figures, progress, notes, span=trend_span(request), prognosis=forecast.chart
        ),
        "span": trend_span(request),
        "forecast": forecast,
        "scenario_form": scenario_form,
        "adjusted": adjusted,
        "at_risk_percent": round(AT_RISK_MARGIN * 100),
        "flows": charts.flows_chart("flows", area.name, figures, notes),
        "quarter_flows": charts.quarter_flows_chart("quarter-flows", area.name, quarters),
        "quarters": quarters,
        "years": analytics.year_rows(figures.values, figures.hidden, figures.official),
        "gaps_checked": len(gaps),
        "large_gaps": [g for g in gaps if g.is_large],
        "neighbourhoods": charts.neighbourhood_chart("neighbourhoods", neighbourhoods, start, end, shown),
        "neighbourhoods_hidden": len(neighbourhoods) - len(shown),
        "neighbourhoods_total": len(neighbourhoods),
        "neighbourhoods_all_url": shortlist.all_url(request, "neighbourhoods"),
        "shows_synthetic": figures.synthetic or any(row["synthetic"] for row in neighbourhoods),
    }
    return render(request, "monitoring/caseload/caseload.html", context)


class FigureListView(DutchExportMixin, SingleTableMixin, FilterView):
    """Every figure as one row per area and month; filter, sort, page and export."""

    table_class = FigureTable
    filterset_class = FigureFilter
    template_name = "monitoring/caseload/figures.html"
    export_name = "bijstandscijfers"

    def get_queryset(self):
        return CaseloadFigure.objects.all()

    def get_table_data(self):
        # Filters work on the stored figures; the table pages and pivots them. Readers
        # (and what they export) get small counts protected; editors see what they entered.
        return selectors.FigurePivot(self.object_list, protect=self.protects())

    def export_marks(self):
        return self.object_list.export_marks(FigureTable.caption)

    def protects(self) -> bool:
        return disclosure.masks_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = "Cijfers bijstandsbestand"
        context["protected"] = self.protects()
        context["disclosure_legend"] = disclosure.legend()
        # The banner follows the rows shown on this page (already read for the table), not the whole table.
        page = getattr(context["table"], "page", None)
        rows = page.object_list if page is not None else context["table"].rows
        context["shows_synthetic"] = any(row.record.get("has_synthetic") for row in rows)
        return context


figures = role_required(VIEWER)(cached_page(FigureListView.as_view()))


@role_required(VIEWER)
@read_only_page
@cached_page
def forecast_method(request):
    """The forecast explained in plain Dutch, with its back-test on the area's own history."""
    until = last_complete_month(clock.today())
    choice = selectors.area_choice(request.GET.get("area", ""), levels=prognosis.FORECAST_LEVELS)
    form = AreaForm(choice.areas, request.GET if "area" in request.GET else None, complete=choice.complete)
    area = form.selected_area(default=next(a for a in choice.areas if a.level == AreaLevel.PROGRAMME))
    figures = selectors.monthly_figures(area)
    series = {m: v for m, v in figures.series(CaseloadIndicator.CASELOAD).items() if m <= until}
    context = {"page_title": f"Prognose {area.name}: methode en nauwkeurigheid", "form": form, "area": area}
    if series:
        deadlines = prognosis.programme_deadlines()
        found = prognosis.analysis(series, prognosis.horizon(max(series), deadlines))
        context |= {
            "backtest": found.backtest,
            "scale": found.scale,
            "coverage": {level: share * 100 for level, share in found.backtest.coverage.items()},
            "is_demo": bool(figures.demo_months() & set(series)),
            "method": forecast.METHOD,
            "horizon": forecast.BACKTEST_HORIZON,
            "years": forecast.BACKTEST_YEARS,
        }
    return render(request, "monitoring/caseload/forecast_method.html", context)
