"""manage.py sync_cbs against a local CBS feed (odata_server.py): values, statuses, revisions, suppressed cells."""

import dataclasses
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from benchmarks.cbs_tables import BENEFITS
from benchmarks.models import BenchmarkValue
from nprz_dashboard import data_version

ODATA = Path(__file__).parent / "odata"
G4 = {"GM0363", "GM0599", "GM0518", "GM0344"}
pytestmark = pytest.mark.usefixtures("no_benchmarks")


def sync() -> str:
    out = io.StringIO()
    call_command("sync_cbs", stdout=out)
    return out.getvalue()


def recorded_benefits(revised=False) -> list[dict]:
    """Return the fixture's benefit rows of the G4 months (both pages), as CBS serves them."""
    suffix = ".revised" if revised else ""
    rows = []
    for name in (f"TypedDataSet{suffix}.json", f"TypedDataSet.skip10{suffix}.json"):
        rows += json.loads((ODATA / "82015NED" / name).read_text())["value"]
    return [r for r in rows if r["RegioS"].strip() in G4 and "MM" in r["Perioden"]]


def stored(region, measure, month):
    return BenchmarkValue.objects.get(region=region, measure=measure, month=month)


def test_the_first_sync_stores_each_value_with_its_status_and_table(cbs_feed):
    output = sync()

    published = [r for r in recorded_benefits() if r["Bijstandsuitkeringen_1"] is not None]
    assert BenchmarkValue.objects.benefits().count() == len(published)
    september = stored("GM0599", "benefits", "2026-09-01")
    assert (september.value, september.status, september.table_id, september.origin) == (
        40150,
        "voorlopig",
        "82015NED",
        "cbs",
    )
    assert stored("GM0599", "benefits", "2026-08-01").status == "definitief"
    assert f"CBS-tabel 82015NED: {len(published)} nieuw, 0 gewijzigd, 0 ongewijzigd, 1 onderdrukt" in output


def test_padded_region_codes_are_stripped_and_only_the_g4_months_are_kept(cbs_feed):
    sync()

    assert set(BenchmarkValue.objects.benefits().values_list("region", flat=True)) == G4
    months = set(BenchmarkValue.objects.benefits().values_list("month", flat=True))
    assert {m.isoformat() for m in months} == {"2026-08-01", "2026-09-01", "2026-10-01"}  # no quarter, no Groningen


def test_a_suppressed_cell_is_reported_and_never_stored_as_zero(cbs_feed):
    output = sync()

    assert not BenchmarkValue.objects.filter(region="GM0344", measure="benefits", month="2026-10-01").exists()
    assert not BenchmarkValue.objects.filter(value=0).exists()
    assert "onderdrukt (niet bewaard): GM0344 oktober 2026" in output


def test_the_population_is_the_total_row_and_zuid_the_sum_of_its_three_districts(cbs_feed):
    sync()

    rotterdam = stored("GM0599", "population", "2026-01-01")
    assert (rotterdam.value, rotterdam.status, rotterdam.denominator, rotterdam.table_id) == (
        672000,
        "voorlopig",
        "cbs_municipal",
        "03759ned",
    )
    rows = json.loads((ODATA / "86165NED" / "TypedDataSet.json").read_text())["value"]
    zuid_codes = {"WK059910", "WK059912", "WK059915"}  # Feijenoord, IJsselmonde, Charlois
    districts = sum(r["AantalInwoners_5"] for r in rows if r["WijkenEnBuurten"].strip() in zuid_codes)
    zuid = stored("NPRZ", "population", "2025-01-01")
    assert (zuid.value, zuid.denominator, zuid.table_id) == (districts, "cbs_neighbourhoods", "86165NED")


def test_a_revised_value_is_updated_with_its_history_and_the_rest_left_untouched(cbs_feed):
    sync()
    august = stored("GM0599", "benefits", "2026-08-01")
    cbs_feed.revise()

    output = sync()

    september = stored("GM0599", "benefits", "2026-09-01")
    assert (september.value, september.status) == (40210, "nader_voorlopig")
    history = list(september.history.order_by("history_date").values_list("value", "status", "history_change_reason"))
    assert history == [
        (40150, "voorlopig", "CBS StatLine (sync_cbs)"),
        (40210, "nader_voorlopig", "CBS StatLine (sync_cbs)"),
    ]
    # Amsterdam, Den Haag and Utrecht's September turn nader voorlopig too (the period's status); August stays.
    assert stored("GM0599", "benefits", "2026-08-01").updated_at == august.updated_at
    assert august.history.count() == 1
    revision = "bijstandsuitkeringen Rotterdam september 2026: 40150 (voorlopig) → 40210 (nader voorlopig)"
    assert f"herzien: {revision}" in output
    assert "CBS-tabel 82015NED: 0 nieuw, 4 gewijzigd, 7 ongewijzigd, 1 onderdrukt" in output


def test_a_second_sync_without_news_writes_nothing(cbs_feed):
    sync()
    version = data_version.current()

    output = sync()

    assert "CBS-tabel 82015NED: 0 nieuw, 0 gewijzigd, 11 ongewijzigd, 1 onderdrukt" in output
    assert data_version.current() == version  # not one row written: the pages stay cached
    assert BenchmarkValue.history.count() == BenchmarkValue.objects.count()


def test_it_reads_the_feed_at_cbs_odata_url_asking_for_the_g4_only_and_every_page(cbs_feed):
    sync()

    asked = [r for r in cbs_feed.requests if r.startswith("/ODataFeed/odata/82015NED/TypedDataSet")]
    assert "substringof('GM0599',RegioS)" in asked[0] and "substringof('GM0363',RegioS)" in asked[0]
    assert any("$skip=10" in r for r in asked)  # the second page, through odata.nextLink


def test_an_unreachable_cbs_stops_with_a_dutch_message_and_stores_nothing(settings):
    settings.CBS_ODATA_URL = "http://127.0.0.1:9"  # discard port: nothing listens

    with pytest.raises(CommandError, match="CBS-tabel 82015NED kon niet worden gelezen"):
        sync()
    assert BenchmarkValue.objects.count() == 0


def test_a_renamed_topic_stops_with_the_topics_the_table_has(cbs_feed, monkeypatch):
    monkeypatch.setattr("benchmarks.sync.BENEFITS", dataclasses.replace(BENEFITS, topic="Uitkeringen_9"))

    with pytest.raises(CommandError, match="geen onderwerp Uitkeringen_9; wel: Bijstandsuitkeringen_1"):
        sync()
    assert BenchmarkValue.objects.count() == 0


def test_zuid_has_no_population_in_a_year_one_of_its_districts_is_withheld(cbs_feed, monkeypatch):
    monkeypatch.setattr("benchmarks.sync.NEIGHBOURHOOD_TABLES", {2024: "85984NED", 2025: "86165NED"})

    output = sync()

    years = BenchmarkValue.objects.filter(region="NPRZ", measure="population").values_list("month__year", flat=True)
    assert list(years) == [2025]  # never a sum of two districts out of three
    assert "CBS-tabel 85984NED: 0 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 onderdrukt" in output
    assert "onderdrukt (niet bewaard): WK059915 januari 2024" in output
