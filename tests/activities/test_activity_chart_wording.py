"""Activity charts word the data's origin and the target's provenance, and show the monthly need as counted."""

from django.template.loader import render_to_string

from activities import charts
from activities.detail import detail_of
from activities.key_rows import overview_rows
from activities.models import Activity, ActivityRecord, ActivityTarget, Measure
from monitoring.models import Origin, Provenance
from nprz_dashboard.periods import Month
from tests.helpers import text_of


def home_visits():
    return Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")


def target_2026(measure):
    return ActivityTarget.objects.current().for_measures([measure]).get(area__level="programme", period_end__year=2026)


def block_of(measure, year):
    detail = detail_of(measure.activity, year, Month(2026, 10))
    return next(b for b in detail["measures"] if b["measure"] == measure)


def trace_names(chart):
    return [trace.get("name") for trace in chart.figure["data"]]


def test_registered_months_under_an_official_total_are_not_called_demo_values(viewer_client):
    visits = home_visits()
    ActivityRecord.objects.for_measure(visits).in_year(2024).update(origin=Origin.REGISTERED)
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?year=2024"))
    assert "de maanden zijn geregistreerde waarden die daar precies op uitkomen" in text
    assert "demowaarden" not in text


def test_months_that_do_not_add_up_to_the_official_total_say_what_they_add_up_to(viewer_client):
    visits = home_visits()
    records = ActivityRecord.objects.for_measure(visits).in_year(2024)
    records.update(origin=Origin.REGISTERED)
    january = records.get(month="2024-01-01")
    january.value += 10
    january.save()
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?year=2024"))
    assert "de maanden zijn geregistreerde waarden, samen 1.096." in text


def test_demo_months_under_an_official_total_are_still_called_demo_values(viewer_client):
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?year=2024"))
    assert "de maanden zijn demowaarden die daar precies op uitkomen" in text


def test_a_derived_target_is_labelled_derived_not_demo(db):
    visits = home_visits()
    ActivityTarget.objects.filter(pk=target_2026(visits).pk).update(provenance=Provenance.DERIVED)
    chart = charts.cumulative_chart(block_of(visits, 2026), 2026)
    assert "doel naar rato (afgeleid)" in trace_names(chart)
    assert not any("demodoel" in (name or "") for name in trace_names(chart))

    rows = overview_rows(2026, Month(2026, 10))
    html = render_to_string("activities/_overview_block.html", {"activity_rows": rows})
    item = html.split(">Verzuimaanpak: huisbezoeken</a>")[1].split("</li>")[0]
    assert "(afgeleid doel)" in item and "demodoel" not in item


def test_a_demo_target_keeps_its_demo_label(db):
    chart = charts.cumulative_chart(block_of(home_visits(), 2026), 2026)
    assert "doel naar rato (demodoel)" in trace_names(chart)


def test_the_monthly_need_follows_the_seasonal_profile_and_adds_up_to_the_target(db):
    visits = home_visits()
    profile = [2, 1, 1, 1, 1, 1, 0.5, 0.5, 1, 1, 1, 2]  # 13 weights in all
    ActivityTarget.objects.filter(pk=target_2026(visits).pk).update(monthly_profile=profile)
    chart = charts.monthly_chart(block_of(visits, 2026), 2026)
    need = next(t for t in chart.figure["data"] if t.get("name") == "nodig per maand naar rato (demodoel)")["y"]
    assert [round(v, 6) for v in need] == [round(1200 * w / 13, 6) for w in profile]
    assert chart.columns[-1] == "Nodig per maand naar rato"
    assert chart.rows[6][-1] == "46"  # July: 1.200 × 0,5 / 13


def test_a_multi_year_target_needs_its_share_per_month_only_inside_its_window(db):
    measure = Measure.objects.filter(activity__slug="regiodeal-dutch-fresh-port", kind="flow").first()
    activity = Activity.objects.get(slug="regiodeal-dutch-fresh-port")
    detail = detail_of(activity, 2026, Month(2026, 10))
    block = next(b for b in detail["measures"] if b["measure"] == measure)
    target = block["progress"].target
    chart = charts.monthly_chart(block, 2026)
    need = next(t for t in chart.figure["data"] if t.get("name") == "nodig per maand naar rato (demodoel)")["y"]
    span = target.end_month - target.start_month + 1
    assert all(abs(v - float(target.value) / span) < 1e-9 for v in need)
