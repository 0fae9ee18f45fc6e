"""Every value says where it comes from: official (with its source), entered, imported or demo."""

from decimal import Decimal

from activities.models import ActivityRecord, Measure
from monitoring.models import Area, ChangeKind
from nprz_dashboard.periods import Month
from programme.entry import writes
from programme.entry.catalogue import caseload_slot, measure_slot
from programme.entry.rules import SameReason

OCTOBER = Month(2026, 10)


def write(slot, value, kind, user):
    file_name = "oktober.xlsx" if kind == ChangeKind.IMPORT else ""
    writes.write_figures(
        [writes.FigureWrite(OCTOBER, slot, Decimal(value))],
        user=user, kind=kind, reason="test", month=OCTOBER, file_name=file_name,
        overrides=SameReason("test: de waarde is bewust afwijkend"),  # the API's origins are this test's concern
    )  # fmt: skip


def origins(client, url: str) -> dict:
    return {
        (r["area_code"], r["month"], r.get("indicator") or r.get("measure")): r
        for r in client.get(url).json()["results"]
    }


def test_entered_and_imported_figures_are_told_apart(manager_api, editor):
    heijplaat, bloemhof = Area.objects.get(code="BU05991593"), Area.objects.get(code="BU05991081")
    write(caseload_slot("inflow", heijplaat), 31, ChangeKind.ENTRY, editor)
    write(caseload_slot("inflow", bloemhof), 32, ChangeKind.IMPORT, editor)
    rows = origins(manager_api, "/api/v1/caseload-figures/?start=2026-10&end=2026-10&indicator=inflow&page_size=100")
    assert rows[("BU05991593", "2026-10", "inflow")]["origin"] == "entered"
    assert rows[("BU05991593", "2026-10", "inflow")]["value"] == 31
    assert rows[("BU05991081", "2026-10", "inflow")]["origin"] == "imported"
    september = origins(manager_api, "/api/v1/caseload-figures/?start=2026-09&end=2026-09&page_size=200")
    assert {r["origin"] for r in september.values()} == {"demo"}  # the seed's closed months are demo data
    # The origin filter finds each.
    one = "/api/v1/caseload-figures/?indicator=inflow&start=2026-10&end=2026-10&origin={}&area={}"
    assert manager_api.get(one.format("entered", "BU05991593")).json()["count"] == 1
    assert manager_api.get(one.format("imported", "BU05991593")).json()["count"] == 0
    assert manager_api.get(one.format("imported", "BU05991081")).json()["count"] == 1
    # An import that corrects an entered value makes it imported.
    write(caseload_slot("inflow", heijplaat), 33, ChangeKind.IMPORT, editor)
    assert manager_api.get(one.format("entered", "BU05991593")).json()["count"] == 0
    assert manager_api.get(one.format("imported", "BU05991593")).json()["count"] == 1


def test_activity_records_carry_their_origin_too(manager_api, editor):
    measure = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    nprz = Area.objects.get(code="NPRZ")
    write(measure_slot(measure, nprz), 101, ChangeKind.ENTRY, editor)
    url = f"/api/v1/activity-records/?measure={measure.pk}&start=2026-10&end=2026-10"
    (row,) = manager_api.get(url).json()["results"]
    assert (row["origin"], row["value"], row["source"]) == ("entered", 101, None)
    assert ActivityRecord.objects.get(measure=measure, area=nprz, month=OCTOBER.first_day).origin == "registered"


def test_an_official_figure_names_its_source(viewer_api):
    rows = viewer_api.get("/api/v1/caseload-figures/?area=NPRZ&indicator=caseload&origin=official").json()["results"]
    by_month = {r["month"]: r for r in rows}
    assert by_month["2024-12"]["value"] == 12794 and by_month["2023-12"]["value"] == 13065
    assert by_month["2025-02"]["value"] == 12947
    assert all(r["source"]["title"].startswith("Brief wethouder") for r in rows)
    assert all(r["status"] == "definitief" or r["month"] == "2025-02" for r in rows)
