"""Each plausibility rule of the entry checks on its own: a change against last month, the 12-month range."""

from decimal import Decimal

from nprz_dashboard.periods import Month
from programme.entry.catalogue import Slot
from programme.entry.rules import MonthFacts, check_month

OCTOBER = Month(2026, 10)


def slot(kind: str = "stock") -> Slot:
    return Slot(
        key="m-1-NPRZ", indicator="", measure_id=1, area_id=1, area_code="NPRZ", area_name="NPRZ-gebied",
        area_level="programme", area_parent_id=None, name="Actieve deelnemers", group="Bufferbudget",
        group_slug="bufferbudget", measure_slug="actieve-deelnemers", unit="persons", kind=kind,
        allows_decimals=False, max_value=Decimal(100_000),
    )  # fmt: skip


def warnings_for(value: int, history: dict[Month, int]) -> list[str]:
    history = {month: Decimal(v) for month, v in history.items()}
    facts = MonthFacts(OCTOBER, [slot()], {"m-1-NPRZ": Decimal(value)}, {"m-1-NPRZ": history})
    found = check_month(facts, {"m-1-NPRZ"})
    return [w.message for w in found]


def eleven_months_without_last(value: int) -> dict[Month, int]:
    # No figure for September: the change against last month can't fire, only the range check can.
    return {OCTOBER - i: value for i in range(2, 13)}


def test_a_value_far_outside_the_last_twelve_months_is_a_warning_by_itself():
    assert warnings_for(200, eleven_months_without_last(100)) == [
        "Bufferbudget: Actieve deelnemers: 200 valt buiten wat de afgelopen 12 maanden voorkwam (100 tot 100)."
    ]


def test_a_value_within_the_range_and_its_margin_is_no_warning():
    assert warnings_for(110, eleven_months_without_last(100)) == []


def test_the_range_needs_three_months_of_history():
    assert warnings_for(200, {OCTOBER - 2: 100, OCTOBER - 3: 100}) == []


def test_a_big_change_against_last_month_is_reported_once_not_also_as_out_of_range():
    history = {**eleven_months_without_last(100), OCTOBER - 1: 100}
    assert warnings_for(200, history) == ["Bufferbudget: Actieve deelnemers: 200 is 100% hoger dan vorige maand (100)."]
