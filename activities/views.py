"""The activity pages: every activity against its targets, and one activity in depth."""

from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from monitoring.models import Origin
from nprz_dashboard import disclosure, shortlist
from nprz_dashboard.exports import DutchExportMixin
from nprz_dashboard.http_methods import read_only_page
from nprz_dashboard.page_cache import cached_page
from nprz_dashboard.roles import VIEWER, role_required

from . import analytics, charts, key_rows, reader_protection, selectors
from .detail import detail_of
from .filters import ActivityListForm, RecordFilter, YearForm
from .models import Activity, ActivityRecord, Measure
from .tables import DEFAULT_ORDER, RecordTable


def _requested_year(request, latest) -> int:
    """Return the year asked for in ?year=, or the reference year; the form reports bad input."""
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= latest.year else latest.year


@role_required(VIEWER)
@read_only_page
@cached_page
def activity_list(request):
    latest = selectors.latest_month()
    year = _requested_year(request, latest)
    # Readers outside the team (no editor role) get small counts withheld (domain.md §8).
    protect = disclosure.masks_for(request.user)
    data = key_rows.key_measure_rows(year, latest, protect)
    projects = sorted({(r["project_slug"], r["project"]) for r in data["rows"] if r["project_slug"]})
    form = ActivityListForm(request.GET or None, years=data["years"], projects=projects)
    choice = form.cleaned_data if form.is_valid() else {}
    if year not in data["years"]:
        year = latest.year
        data = key_rows.key_measure_rows(year, latest, protect)
    rows = key_rows.select_rows(
        data["rows"], project=choice.get("project", ""), status=choice.get("status", ""), sort=choice.get("sort")
    )
    for row in rows:
        row["sparkline_points"] = charts.sparkline_points(row["sparkline"])
        row["sparkline_text"] = charts.sparkline_text(
            row["measure"], row["unit"], row["sparkline_months"], row["sparkline"]
        )
    context = {
        "page_title": "Activiteiten",
        "form": form,
        "year": year,
        "latest": latest,
        "as_of": analytics.year_as_of(year, latest),
        "rows": rows,
        "total": len(data["rows"]),
        "chart": charts.progress_chart(data["rows"], year),
        "rules": analytics.status_rule_texts(),
        "shows_synthetic": data["shows_synthetic"],
    }
    return render(request, "activities/list.html", context)


@method_decorator(role_required(VIEWER), name="dispatch")
class ActivityDetailView(DutchExportMixin, SingleTableMixin, FilterView):
    """One activity: per measure its months and running total against the target, and its records."""

    template_name = "activities/detail.html"
    table_class = RecordTable
    filterset_class = RecordFilter
    table_pagination = {"per_page": 24}

    def dispatch(self, request, *args, **kwargs):
        self.activity = get_object_or_404(Activity.objects.select_related("project"), slug=kwargs["slug"])
        self.measures = list(Measure.objects.for_activity(self.activity))
        # Readers outside the team (no editor role) get small counts masked (docs/domain.md, "Disclosure control").
        self.protect = disclosure.masks_for(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # By the measures' ids (loaded in dispatch), not a join on the activity: the database then
        # reads the newest months of these measures alone on record_month_measure_idx.
        return (
            ActivityRecord.objects.for_measures([m.id for m in self.measures])
            .select_related("measure", "area", "source")
            .order_by(*DEFAULT_ORDER)
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "measures": self.measures}

    @cached_property
    def protection(self):
        """What a reader may not see of this activity's figures: records, charts, sentences and exports alike."""
        return reader_protection.reader_protection(self.measures, selectors.latest_month()) if self.protect else None

    def get_table_kwargs(self):
        hidden = self.protection.records if self.protect else None
        return {"caption": f"Maandcijfers van {self.activity.name}", "hidden": hidden}

    def export_marks(self):
        return self.object_list.export_marks(f"Maandcijfers van {self.activity.name}")

    def get_export_filename(self, export_format):
        return f"{self.activity.slug}-maandcijfers.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.GET.get(self.export_trigger_param) in self.export_formats:
            return context  # the export needs the table only
        latest = selectors.latest_month()
        years = selectors.year_choices([self.activity], latest)
        year = _requested_year(self.request, latest)
        year_form = YearForm(self.request.GET or None, years=years)
        if not year_form.is_valid() or year not in years:
            year = latest.year
        show_all = shortlist.wants_all(self.request) or not any(m.by_area for m in self.measures)
        detail = detail_of(
            self.activity,
            year,
            latest,
            measures=self.measures,
            protect=self.protect,
            shields=self.protection.shields if self.protect else None,
            years=years,
            neighbourhoods=(None, 0) if show_all else selectors.neighbourhoods_shown(shortlist.NEIGHBOURHOODS_SHOWN),
        )
        blocks = []
        for block in detail["measures"]:
            blocks.append(
                {
                    **block,
                    "monthly_chart": charts.monthly_chart(block, year),
                    "cumulative_chart": charts.cumulative_chart(block, year),
                    "area_chart": charts.area_chart(block, detail["outcomes"]["start"], detail["as_of"])
                    if detail["as_of"]
                    else None,
                }
            )
        if not detail["shows_synthetic"] and context.get("filter") is not None:
            # No demo values shown: the records filter offers no demo origin either.
            origin = context["filter"].form.fields["origin"]
            origin.choices = [c for c in origin.choices if c[0] != Origin.SYNTHETIC]
        context.update(
            {
                "page_title": self.activity.name,
                "activity": self.activity,
                "year": year,
                "year_form": year_form,
                "latest": latest,
                "as_of": detail["as_of"],
                "blocks": blocks,
                "outcomes": detail["outcomes"],
                "outcomes_chart": charts.outcomes_chart(detail["outcomes"]),
                "rules": analytics.status_rule_texts(),
                "shows_synthetic": detail["shows_synthetic"],
                "export_query": self.request.GET.urlencode(),
                "records_legend": disclosure.legend() if context["table"].hidden else "",
                "neighbourhoods_all_url": shortlist.all_url(self.request),
            }
        )
        return context


# The role is checked before the cache is asked (and again in dispatch, for the view on its own).
activity_detail = role_required(VIEWER)(cached_page(ActivityDetailView.as_view()))
