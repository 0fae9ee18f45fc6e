"""`make bench` builds its data in its own database and reports time and queries per page."""

import io

import pytest
from django.core.management import CommandError, call_command

from activities.models import ActivityRecord, Measure
from monitoring.management.commands import bench
from monitoring.models import Area, CaseloadFigure
from nprz_dashboard.periods import Month


def test_the_worker_refuses_any_database_outside_var_bench(db):
    with pytest.raises(CommandError, match="bench schrijft alleen in"):
        call_command("bench", worker="demo", stdout=io.StringIO())


def test_it_refuses_an_unknown_variant():
    with pytest.raises(CommandError, match="onbekende variant: huge"):
        call_command("bench", variants="huge", stdout=io.StringIO())


def test_the_scaled_variant_adds_neighbourhoods_up_to_the_wanted_number(db):
    bench.add_neighbourhoods(40)
    assert Area.objects.count() == 40
    assert Area.objects.neighbourhoods().filter(code__startswith="BENCH").count() == 40 - 26


def test_generated_data_covers_every_area_indicator_and_measure_and_adds_up(db):
    first, last = Month(2020, 1), Month(2020, 12)
    bench.generate_caseload(first, last)
    bench.generate_activity_records(first, last)
    in_2020 = CaseloadFigure.objects.filter(month__year=2020)
    assert in_2020.count() == Area.objects.count() * 4 * 12
    records = ActivityRecord.objects.filter(month__year=2020).count()
    assert records == Area.objects.count() * Measure.objects.recorded().count() * 12
    nprz = in_2020.caseload().get(area__code="NPRZ", month="2020-06-01").value
    june = in_2020.caseload().filter(area__level="neighbourhood", month="2020-06-01")
    hoods = sum(june.values_list("value", flat=True))
    assert nprz == hoods


def test_it_measures_median_p95_and_queries_per_page(db):
    call_command("seed_demo", until="2026-10", no_users=True, stdout=io.StringIO())
    results = bench.measure(bench.bench_client(), [("overzicht", "/")], repeat=3)
    assert results[0]["status"] == 200
    assert results[0]["queries"] == 11  # the overview budget pinned in test_overview_page.py
    assert 0 < results[0]["median_ms"] <= results[0]["p95_ms"]


def test_the_report_is_a_dutch_table():
    out = io.StringIO()
    command = bench.Command(stdout=out)
    page = {"page": "overzicht", "median_ms": 12.34, "p95_ms": 20.5, "queries": 6, "status": 200}
    report = {"variant": "large", "areas": 26, "caseload_rows": 12480, "activity_rows": 71760, "setup_s": 2.0}
    command.write_table({**report, "pages": [page]})
    assert "large: 26 gebieden, 12.480 bijstandscijfers, 71.760 activiteitcijfers" in out.getvalue()
    assert "overzicht" in out.getvalue() and "12,3" in out.getvalue() and "20,5" in out.getvalue()


def test_the_percentile_interpolates():
    assert bench.percentile([1, 2, 3, 4, 5], 0.95) == pytest.approx(4.8)
    assert bench.percentile([7], 0.95) == 7
