"""benchmarks.demo.seed: synthetic, plausible, deterministic, idempotent, and never over a real value."""

from benchmarks import demo
from benchmarks.models import BenchmarkValue
from benchmarks.selectors import comparison
from benchmarks.services import Incoming, store_values
from tests.conftest import LAST_MONTH


def test_every_seeded_value_is_marked_demo(demo_benchmarks):
    assert BenchmarkValue.objects.count() == demo_benchmarks.new > 0
    assert set(BenchmarkValue.objects.values_list("origin", flat=True)) == {"demo"}


def test_seeding_twice_changes_nothing(demo_benchmarks):
    before = list(BenchmarkValue.objects.order_by("pk").values_list("region", "measure", "month", "value", "status"))

    again = demo.seed(LAST_MONTH)

    assert (again.new, again.changed, again.unchanged) == (0, 0, len(before))
    assert (
        list(BenchmarkValue.objects.order_by("pk").values_list("region", "measure", "month", "value", "status"))
        == before
    )


def test_the_rates_are_plausible_and_zuid_is_above_rotterdam(demo_benchmarks):
    rates = {key: points[LAST_MONTH].rate for key, points in comparison(LAST_MONTH).series.items()}

    assert 25 < rates["GM0344"] < 35  # Utrecht
    assert 40 < rates["GM0363"] < 50  # Amsterdam
    assert 45 < rates["GM0518"] < 55  # Den Haag
    assert rates["NPRZ"] > rates["rest"] > rates["G4"]


def test_a_cbs_value_is_never_replaced_by_a_demo_value(no_benchmarks):
    cbs = Incoming("GM0363", "benefits", LAST_MONTH, 41_234, "voorlopig", "cbs", table_id="82015NED")
    store_values([cbs], "test")

    demo.seed(LAST_MONTH)

    kept = BenchmarkValue.objects.get(region="GM0363", measure="benefits", month=LAST_MONTH.first_day)
    assert (kept.value, kept.origin) == (41_234, "cbs")
