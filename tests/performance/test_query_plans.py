"""The query plans at programme scale: every page reads indexes and summary tables, never a whole table of figures.

PostgreSQL only (deselected on SQLite, run by `make test-postgres`). The data
is the bench's scaled variant (500 areas, 10 years: 240.000 caseload figures
and 1.380.000 activity records), built once by the bench's own builder (bulk
loader, then VACUUM ANALYZE as autovacuum would) in a database of its own next
to the test database, dropped afterwards. Each page of `manage.py bench` is
requested as a manager and every query it sends is explained: none may scan
activities_activityrecord or monitoring_caseloadfigure from start to end, and
the heavy ones must use the index or summary table named here
(docs/performance.md says why each).
"""

import datetime as dt
import json

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from nprz_dashboard import clock
from programme.management.commands.bench import Command as Bench
from programme.management.commands.bench import bench_client

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("query-plans")]

BIG_TABLES = {"activities_activityrecord", "monitoring_caseloadfigure"}
TODAY = dt.date(2026, 11, 27)  # the tests' frozen day: October 2026 is the last complete month
HOOD = "BU05991086"  # Afrikaanderwijk, the first focus neighbourhood (as the bench)

# Per page: the indexes (by name or its start) and summary tables its heavy queries must read.
PAGES = {
    "/": {"activities_monthtotal", "monitoring_caseloadfigure_area_id"},
    "/caseload/": {"monitoring_caseloadfigure_area_id", "caseload_indicator_month_idx"},
    f"/caseload/?area={HOOD}": {"monitoring_caseloadfigure_area_id"},
    "/caseload/figures/": {"caseload_month_area_idx"},  # the banner follows the rows shown: no summary read
    f"/caseload/figures/?area={HOOD}&start=2024-01&status=definitief": {"monitoring_caseloadfigure_area_id"},
    "/activities/": {"activities_monthtotal"},
    "/activities/verzuimaanpak/": {"activities_monthtotal", "record_month_measure_idx"},
    "/activities/wijkwerktafels/": {
        "activities_monthtotal",
        # the records of the year shown of the neighbourhoods shown (30 of 496): (measure, area, month)
        "record_one_value_per_measure_area_month",
        "record_month_measure_idx",  # the records table, newest month first
        "caseload_one_value_per_area_month",  # outflow to work of the neighbourhoods shown in the year shown
    },
    "/targets/": {"activities_monthtotal"},
    "/reports/2025/q1/": {"activities_monthtotal", "caseload_month_area_idx", "record_month_measure_idx"},
    "/entry/": {"monitoring_caseloadmonthcount", "activities_monthtotal"},
}
# Pages that must not touch the records at all: the summary table holds what they need.
WITHOUT_RECORDS = {"/", "/activities/", "/targets/", "/entry/"}


@pytest.fixture(scope="module")
def programme_scale(django_db_setup, django_db_blocker):
    """Point the default connection at a database of the bench's scaled size for this module; drop it after."""
    default = connections["default"]
    test_database = default.settings_dict["NAME"]
    scaled = f"{test_database}_scaled"
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: TODAY)
        on_server(f"DROP DATABASE IF EXISTS {default.ops.quote_name(scaled)} WITH (FORCE)")
        on_server(f"CREATE DATABASE {default.ops.quote_name(scaled)}")
        switch_to(scaled)
        try:
            Bench().build("scaled", years=10, areas=500)
            yield
        finally:
            switch_to(test_database)
            on_server(f"DROP DATABASE IF EXISTS {default.ops.quote_name(scaled)} WITH (FORCE)")


def on_server(statement: str):
    """Run CREATE or DROP DATABASE (never inside a transaction) on the test database's server."""
    with connection.cursor() as cursor:
        cursor.execute(statement)


def switch_to(name: str):
    connection.close()
    connection.settings_dict["NAME"] = name


def plan_scans(sql: str) -> set[tuple[str, str]]:
    """Return (node type, table or index name) for every scan in the query's plan."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    scans, nodes = set(), [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes += node.get("Plans", [])
        if "Relation Name" in node:
            scans.add((node["Node Type"], node["Relation Name"]))
        if "Index Name" in node:
            scans.add((node["Node Type"], node["Index Name"]))
    return scans


def page_scans(url: str) -> list[tuple[str, set]]:
    client = bench_client()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [(q["sql"], plan_scans(q["sql"])) for q in queries if q["sql"].startswith("SELECT")]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_scans_a_whole_table_of_figures(programme_scale, db, url):
    for sql, scans in page_scans(url):
        full = {table for kind, table in scans if kind == "Seq Scan" and table in BIG_TABLES}
        assert not full, f"{url}: sequential scan of {full} in\n{sql}"


@pytest.mark.parametrize("url", PAGES)
def test_every_page_reads_its_indexes_and_summary_tables(programme_scale, db, url):
    used = {name for _, scans in page_scans(url) for _, name in scans}
    missing = {wanted for wanted in PAGES[url] if not any(name.startswith(wanted) for name in used)}
    assert not missing, f"{url} does not read {missing}; it reads {sorted(used)}"
    if url in WITHOUT_RECORDS:
        assert not any(name.startswith("activities_activityrecord") or "record_" in name for name in used), url
