"""The rules of the rates (benchmarks/analytics.py), on plain inputs: no database."""

from benchmarks.analytics import G4_AVERAGE, NPRZ, REST, Value, compare
from benchmarks.charts import sentence
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Month

OCT, NOV = Month(2026, 10), Month(2026, 11)
JAN = Month(2026, 1)


def counts(**by_region):
    return {
        region: {month: Value(v, "definitief", False) for month, v in months.items()}
        for region, months in by_region.items()
    }


def world(benefits=None, populations=None):
    benefits = benefits or counts(
        NPRZ={OCT: 12_000},
        GM0599={OCT: 40_000},
        GM0363={OCT: 45_000},
        GM0518={OCT: 25_000},
        GM0344={OCT: 10_000},
    )
    populations = populations or counts(
        NPRZ={JAN: 200_000},
        GM0599={JAN: 650_000},
        GM0363={JAN: 900_000},
        GM0518={JAN: 500_000},
        GM0344={JAN: 400_000},
    )
    return compare(benefits, populations)


def test_the_g4_average_weighs_each_city_by_its_inhabitants():
    comparison = world()

    summed = (40_000 + 45_000 + 25_000 + 10_000) / (650_000 + 900_000 + 500_000 + 400_000) * 1000
    mean_of_rates = (40_000 / 650_000 + 45_000 / 900_000 + 25_000 / 500_000 + 10_000 / 400_000) / 4 * 1000
    assert comparison.series[G4_AVERAGE][OCT].rate == summed
    assert round(summed, 1) != round(mean_of_rates, 1)  # the two rules differ on these inputs


def test_the_rest_of_rotterdam_is_rotterdam_minus_zuid():
    comparison = world()

    assert comparison.series[REST][OCT].rate == (40_000 - 12_000) / (650_000 - 200_000) * 1000


def test_the_gap_is_zuid_minus_the_g4_average_and_says_above():
    comparison = world()

    assert comparison.gap == comparison.series[NPRZ][OCT].rate - comparison.series[G4_AVERAGE][OCT].rate
    assert (
        sentence(comparison)
        == "Eind oktober 2026: in Zuid 60,0 uitkeringen per 1.000 inwoners, 11,0 boven het G4-gemiddelde."
    )


def test_a_month_without_one_of_the_four_cities_has_no_g4_average():
    benefits = counts(NPRZ={OCT: 12_000, NOV: 11_900}, GM0599={OCT: 40_000, NOV: 39_900},
                      GM0363={OCT: 45_000, NOV: 44_900}, GM0518={OCT: 25_000, NOV: 24_900},
                      GM0344={OCT: 10_000})  # fmt: skip

    comparison = world(benefits=benefits)

    assert NOV not in comparison.series[G4_AVERAGE]
    assert comparison.latest == OCT  # the yardstick is the latest month with both


def test_the_population_of_the_latest_earlier_year_carries_forward():
    populations = counts(NPRZ={Month(2025, 1): 190_000}, GM0599={JAN: 650_000}, GM0363={JAN: 900_000},
                         GM0518={JAN: 500_000}, GM0344={JAN: 400_000})  # fmt: skip

    comparison = world(populations=populations)

    assert comparison.series[NPRZ][OCT].population == 190_000


def test_a_derived_point_is_demo_and_as_provisional_as_its_least_final_part():
    benefits = counts(NPRZ={OCT: 12_000}, GM0599={OCT: 40_000}, GM0363={OCT: 45_000}, GM0518={OCT: 25_000})
    benefits["GM0344"] = {OCT: Value(10_000, "voorlopig", True)}

    comparison = world(benefits=benefits)

    g4 = comparison.series[G4_AVERAGE][OCT]
    assert (g4.status, g4.demo) == ("voorlopig", True)
    assert comparison.series[REST][OCT].demo is False
    assert sentence(comparison).endswith("(demo).")


def test_without_the_g4_the_sentence_says_what_is_missing():
    comparison = world(benefits=counts(NPRZ={OCT: 12_000}))

    assert comparison.gap is None
    assert "het G4-gemiddelde ontbreekt" in sentence(comparison)


def test_a_zuid_below_the_average_is_said_to_be_below_it():
    comparison = world(benefits=counts(NPRZ={OCT: 8_000}, GM0599={OCT: 40_000}, GM0363={OCT: 45_000},
                                       GM0518={OCT: 25_000}, GM0344={OCT: 10_000}))  # fmt: skip

    assert comparison.gap < 0
    assert sentence(comparison).endswith(f"{format_number(-comparison.gap, 1)} onder het G4-gemiddelde.")


def test_the_series_start_with_zuids_first_month():
    sep = Month(2026, 9)
    benefits = counts(NPRZ={OCT: 12_000}, GM0599={sep: 40_100, OCT: 40_000}, GM0363={sep: 45_100, OCT: 45_000},
                      GM0518={sep: 25_100, OCT: 25_000}, GM0344={sep: 10_100, OCT: 10_000})  # fmt: skip

    comparison = world(benefits=benefits)

    assert comparison.months == [OCT]
    assert sep not in comparison.series[G4_AVERAGE]


def test_a_cell_is_a_count_only_when_cbs_gave_a_number():
    from benchmarks.sync import cell_value

    assert [cell_value(raw) for raw in (40150, 40150.0, "40150", None, ".", " x ", "", "geheim")] == [
        40150, 40150, 40150, None, None, None, None, None,
    ]  # fmt: skip
