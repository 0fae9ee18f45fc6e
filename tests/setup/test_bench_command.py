"""`make bench` builds its data in its own database and reports time and queries per page."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from activities.models import ActivityRecord, Measure
from activities.scale_data import generate_activity_records
from monitoring.models import Area, CaseloadFigure, Origin
from monitoring.setup.scale_data import add_neighbourhoods, generate_caseload
from nprz_dashboard.bulk import insert_rows
from nprz_dashboard.periods import Month
from programme.management.commands import bench


def test_the_worker_refuses_any_database_outside_var_bench(db):
    with pytest.raises(CommandError, match="bench schrijft alleen in"):
        call_command("bench", worker="demo", stdout=io.StringIO())


def test_it_refuses_an_unknown_variant_or_database():
    with pytest.raises(CommandError, match="onbekende variant: huge"):
        call_command("bench", variants="huge", stdout=io.StringIO())
    with pytest.raises(CommandError, match="onbekende database: mysql"):
        call_command("bench", database="mysql", stdout=io.StringIO())


def test_postgres_needs_the_server_in_pg_url(monkeypatch):
    monkeypatch.delenv("PG_URL", raising=False)
    with pytest.raises(CommandError, match="--database postgres heeft PG_URL nodig"):
        call_command("bench", database="postgres", variants="demo", stdout=io.StringIO())
    monkeypatch.setenv("PG_URL", "postgres://postgres@127.0.0.1:1/werkmonitor_pg")  # nothing listens on port 1
    with pytest.raises(CommandError, match="geen PostgreSQL-server op PG_URL"):
        call_command("bench", database="postgres", variants="demo", stdout=io.StringIO())


def test_the_scaled_variant_adds_neighbourhoods_up_to_the_wanted_number(db):
    add_neighbourhoods(40)
    assert Area.objects.count() == 40
    assert Area.objects.neighbourhoods().filter(code__startswith="BENCH").count() == 40 - 26


def test_generated_data_covers_every_area_indicator_and_measure_and_adds_up(db):
    first, last = Month(2020, 1), Month(2020, 12)
    assert generate_caseload(first, last) == Area.objects.count() * 4 * 12
    generate_activity_records(first, last)
    in_2020 = CaseloadFigure.objects.filter(month__year=2020)
    assert in_2020.count() == Area.objects.count() * 4 * 12
    records = ActivityRecord.objects.filter(month__year=2020).count()
    assert records == Area.objects.count() * Measure.objects.recorded().count() * 12
    nprz = in_2020.caseload().get(area__code="NPRZ", month="2020-06-01").value
    june = in_2020.caseload().filter(area__level="neighbourhood", month="2020-06-01")
    hoods = sum(june.values_list("value", flat=True))
    assert nprz == hoods
    assert generate_caseload(first, last) == 0  # only missing figures are added


def constraints_of(model) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def test_the_bulk_loader_stores_text_exactly_and_empty_columns_as_null(db):
    area = Area.objects.get(code="NPRZ")
    before = constraints_of(CaseloadFigure)
    note = "tab\there, back\\slash, new\nline"
    columns = ["indicator", "area_id", "month", "value", "status", "origin", "note", "source_id", "updated_at"]
    row = ("caseload", area.id, Month(1990, 1).first_day, 12794, "final", Origin.SYNTHETIC, note, None, timezone.now())
    assert insert_rows(CaseloadFigure, columns, [row]) == 1
    stored = CaseloadFigure.objects.get(area=area, month="1990-01-01")
    assert (stored.value, stored.note, stored.source) == (12794, note, None)
    assert not stored.history.exists()  # synthetic bulk data is not an audited write
    assert constraints_of(CaseloadFigure) == before  # keys and indexes dropped for COPY are back


def test_it_measures_median_p95_and_queries_per_page(db):
    call_command("seed_demo", until="2026-10", no_users=True, stdout=io.StringIO())
    results = bench.measure(bench.bench_client(), [("overzicht", "/")], repeat=3)
    assert results[0]["status"] == 200
    assert results[0]["queries"] == 12  # the overview budget pinned in test_overview_page.py (a manager's)
    assert 0 < results[0]["median_ms"] <= results[0]["p95_ms"]
    assert 0 < results[0]["sql_ms"] < results[0]["p95_ms"]


def fake_child(calls):
    """A stand-in for the worker process: builds nothing; each page takes 10 ms at demo size, 25 ms larger."""

    def child(self, url, variant, *arguments):
        calls.append((variant, arguments))
        if "--measure" not in arguments:
            return {"variant": variant, "url": url}
        repeat = int(arguments[arguments.index("--repeat") + 1])
        ms = 10.0 if variant == "demo" else 25.0
        page = {"page": "overzicht", "url": "/", "status": 200, "queries": 12, "median_ms": ms, "p95_ms": ms}
        return {"pages": [{**page, "sql_ms": 2.0, "timings_ms": [ms] * repeat, "sql_timings_ms": [2.0] * repeat}]}

    return child


def test_json_prints_one_line_per_variant_with_the_growth_over_demo_size(monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "BENCH_DIR", tmp_path)
    calls = []
    monkeypatch.setattr(bench.Command, "child", fake_child(calls))
    out = io.StringIO()
    call_command("bench", variants="demo,large", json=True, repeat=5, stdout=out, stderr=io.StringIO())
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["variant"] for line in lines] == ["demo", "large"]
    assert lines[0]["url"] == f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert "growth" not in lines[0]["pages"][0]
    assert lines[1]["pages"][0]["growth"] == pytest.approx(2.5)
    assert lines[1]["pages"][0]["sql_growth"] == pytest.approx(1.0)
    assert lines[1]["pages"][0]["requests"] == 5  # every round's requests, merged


def test_the_variants_take_turns_round_by_round_after_every_one_is_built(monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "BENCH_DIR", tmp_path)
    calls = []
    monkeypatch.setattr(bench.Command, "child", fake_child(calls))
    call_command("bench", variants="demo,scaled", repeat=5, rounds=3, pages="/entry/", json=True, stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    built = [variant for variant, arguments in calls if "--measure" not in arguments]
    measured = [(variant, arguments[2]) for variant, arguments in calls if "--measure" in arguments]
    assert built == ["demo", "scaled"]
    assert measured == [("demo", "2"), ("scaled", "2"), ("scaled", "2"), ("demo", "2"), ("demo", "1"), ("scaled", "1")]
    assert all(arguments[-2:] == ("--pages", "/entry/") for _, arguments in calls if "--measure" in arguments)


def test_pages_picks_pages_by_part_of_their_name_or_url():
    assert bench.wanted_page(("invoer: maanden", "/entry/"), "")
    assert bench.wanted_page(("invoer: maanden", "/entry/"), "/caseload/, /entry/")
    assert bench.wanted_page(("invoer: datakwaliteit", "/entry/quality/"), "datakwaliteit")
    assert not bench.wanted_page(("overzicht", "/"), "/entry/")


def test_the_report_is_a_dutch_table():
    out = io.StringIO()
    command = bench.Command(stdout=out)
    page = {"page": "overzicht", "median_ms": 12.34, "p95_ms": 20.5, "queries": 6, "sql_ms": 4.26, "status": 200}
    report = {"variant": "large", "database": "postgresql", "areas": 26, "caseload_rows": 12480}
    command.write_table({**report, "activity_rows": 71760, "setup_s": 2.0, "pages": [{**page, "growth": 1.64}]})
    assert "large (postgresql): 26 gebieden, 12.480 bijstandscijfers, 71.760 activiteitcijfers" in out.getvalue()
    assert "SQL ms" in out.getvalue()
    assert "overzicht" in out.getvalue() and "12,3" in out.getvalue() and "20,5" in out.getvalue()
    assert "4,3" in out.getvalue()
    assert "groei" in out.getvalue() and "1,6 ×" in out.getvalue()


def test_the_percentile_interpolates():
    assert bench.percentile([1, 2, 3, 4, 5], 0.95) == pytest.approx(4.8)
    assert bench.percentile([7], 0.95) == 7
