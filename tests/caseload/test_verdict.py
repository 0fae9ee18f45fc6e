"""The verdict rule in words: met or missed at the deadline, on track by the pace achieved before it."""

from nprz_dashboard.judgement import MET, MISSED, OFF_TRACK, ON_TRACK, judge
from nprz_dashboard.periods import Month


def falling(start: Month, first: int, step: int, months: int) -> dict[Month, int]:
    return {start + i: first + step * i for i in range(months)}


def test_at_the_deadline_the_target_is_met_or_missed():
    series = falling(Month(2025, 1), 12_600, -10, 12)  # 12.490 in December
    assert judge(Month(2025, 12), 12_400, series, Month(2026, 3)).key == MISSED
    assert judge(Month(2025, 12), 12_500, series, Month(2026, 3)).key == MET


def test_a_demo_stand_at_the_deadline_says_demo_and_a_real_one_does_not():
    series = falling(Month(2025, 1), 12_600, -10, 12)
    demo = judge(Month(2025, 12), 12_400, series, Month(2026, 3), demo={Month(2025, 12)})
    assert demo.shown_label == "niet gehaald (demo)"
    real = judge(Month(2025, 12), 12_400, series, Month(2026, 3), demo={Month(2025, 11)})
    assert real.shown_label == "niet gehaald"


def test_before_the_deadline_the_pace_of_the_last_12_months_is_drawn_on():
    series = falling(Month(2024, 10), 12_800, -40, 25)  # −40 a month, latest October 2026: 11.840
    verdict = judge(Month(2031, 12), 10_000, series, Month(2026, 10))
    assert verdict.months_remaining == 62 and verdict.actual_pace == -40
    assert verdict.key == ON_TRACK  # 11.840 − 40 × 62 = 9.360
    assert judge(Month(2031, 12), 9_000, series, Month(2026, 10)).key == OFF_TRACK


def test_a_pace_built_on_a_demo_month_makes_the_verdict_demo():
    series = falling(Month(2024, 10), 12_800, -40, 25)
    verdict = judge(Month(2031, 12), 10_000, series, Month(2026, 10), demo={Month(2025, 10)})
    assert verdict.is_demo


def test_without_the_deadlines_stand_there_is_no_verdict_yet():
    series = falling(Month(2025, 1), 12_600, -10, 11)  # December 2025 missing
    verdict = judge(Month(2025, 12), 12_400, series, Month(2026, 1))
    assert verdict.key is None and verdict.label == "nog niet bekend"


def test_the_pace_is_worded_for_one_month_and_for_many():
    series = falling(Month(2024, 11), 12_700, -20, 13)  # November 2025: 12.460
    one = judge(Month(2025, 12), 12_400, series, Month(2025, 11))
    assert one.pace == (
        "Nog 1 maand tot eind december 2025: er moeten nog 60 uitkeringen af. "
        "De afgelopen 12 maanden: gemiddeld 20 minder per maand."
    )
    many = judge(Month(2031, 12), 10_000, series, Month(2025, 11))
    assert many.pace.startswith(
        "Nog 73 maanden tot eind december 2031: er moeten nog 2.460 uitkeringen af, gemiddeld 34"
    )
    below = judge(Month(2025, 12), 12_500, series, Month(2025, 11))
    assert "de stand is al 40 onder het doel en moet daar blijven" in below.pace
    assert judge(Month(2025, 12), 12_400, series, Month(2026, 1)).pace == ""
