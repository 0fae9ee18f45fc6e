"""Values per neighbourhood follow the period rule: flows summed, a stock at the period's end."""

from decimal import Decimal

from django.db.models import Sum

from activities import charts
from activities.detail import detail_of
from activities.models import Activity, ActivityRecord, Measure
from monitoring.models import Area, Origin
from nprz_dashboard.periods import Month


def add_stock_measure(activity):
    return Measure.objects.create(
        activity=activity, slug="deelnemers-wijk", name="Actieve deelnemers", unit="persons", kind="stock",
        by_area=True, sort_order=99,
    )  # fmt: skip


def record(measure, area, month, value):
    ActivityRecord.objects.create(
        measure=measure, area=area, month=f"{month}-01", value=Decimal(value), origin=Origin.REGISTERED
    )


def block_of(detail, measure):
    return next(b for b in detail["measures"] if b["measure"] == measure)


def test_a_stock_per_neighbourhood_shows_its_last_month_not_a_sum_over_months(db):
    activity = Activity.objects.get(slug="wijkwerktafels")
    stock = add_stock_measure(activity)
    bloemhof, hillesluis = Area.objects.get(name="Bloemhof"), Area.objects.get(name="Hillesluis")
    for month, (a, b) in {"2026-01": (30, 20), "2026-02": (40, 25), "2026-03": (50, 35)}.items():
        record(stock, bloemhof, month, a)
        record(stock, hillesluis, month, b)
    detail = detail_of(activity, 2026, Month(2026, 10))
    block = block_of(detail, stock)
    assert {r["area"]: r["value"] for r in block["area_rows"]} == {"Bloemhof": 50, "Hillesluis": 35}
    assert block["area_end"] == Month(2026, 3)
    chart = charts.area_chart(block, Month(2026, 1), Month(2026, 10))
    assert chart.title == "Actieve deelnemers per wijk, eind maart 2026"
    assert "van 85 in alle wijken samen" in chart.sentence


def test_a_neighbourhood_missing_at_the_period_end_is_not_shown_with_an_older_stock(db):
    activity = Activity.objects.get(slug="wijkwerktafels")
    stock = add_stock_measure(activity)
    bloemhof, hillesluis = Area.objects.get(name="Bloemhof"), Area.objects.get(name="Hillesluis")
    record(stock, bloemhof, "2026-02", 40)
    record(stock, bloemhof, "2026-03", 50)
    record(stock, hillesluis, "2026-02", 25)
    block = block_of(detail_of(activity, 2026, Month(2026, 10)), stock)
    assert [(r["area"], r["value"]) for r in block["area_rows"]] == [("Bloemhof", 50)]


def test_a_flow_per_neighbourhood_is_still_summed_over_the_months(db):
    activity = Activity.objects.get(slug="wijkwerktafels")
    matches = Measure.objects.get(activity=activity, slug="matches")
    bloemhof = Area.objects.get(name="Bloemhof")
    block = block_of(detail_of(activity, 2026, Month(2026, 10)), matches)
    expected = ActivityRecord.objects.for_measure(matches).filter(area=bloemhof).in_year(2026).aggregate(t=Sum("value"))
    assert next(r["value"] for r in block["area_rows"] if r["area"] == "Bloemhof") == float(expected["t"])
    assert len(block["area_rows"]) == Area.objects.neighbourhoods().count()
