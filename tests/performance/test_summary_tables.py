"""The summary tables always equal a recomputation from the figures, after every kind of write.

MonthTotal (activities' NPRZ total per measure and month) and CaseloadMonthCount
(caseload figures per month and indicator) replace aggregates that pages would
otherwise compute over every record on each request; a stale row would show a
wrong total or a wrong completeness, so each write path is checked here.
"""

import datetime as dt
from decimal import Decimal

import pytest

from activities.models import ActivityRecord, Measure, MonthTotal
from activities.totals import month_totals
from monitoring.models import Area, AreaLevel, CaseloadFigure, CaseloadMonthCount, caseload_counts
from nprz_dashboard.periods import Month
from programme.entry import services
from programme.entry.catalogue import Catalogue
from tests.helpers import revision_of

OCTOBER = Month(2026, 10)


def stored_totals() -> list[dict]:
    return list(
        MonthTotal.objects.order_by("measure_id", "month").values(
            "measure_id", "month", "total", "records", "synthetic"
        )
    )


def stored_counts() -> list[dict]:
    return list(
        CaseloadMonthCount.objects.order_by("month", "indicator").values("month", "indicator", "figures", "synthetic")
    )


def assert_summaries_match_the_figures():
    assert stored_totals() == month_totals()
    assert stored_counts() == caseload_counts()


def total_of(measure: Measure, month: Month) -> Decimal | None:
    row = MonthTotal.objects.filter(measure=measure, month=month.first_day).first()
    return row.total if row else None


def visits() -> Measure:
    return Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")


def matches() -> Measure:
    return Measure.objects.get(activity__slug="wijkwerktafels", slug="matches")


def slots_by_key(month: Month) -> dict:
    return {slot.key: slot for slot in Catalogue.load().slots(month)}


def save_month(editor, values: dict, reason: str = ""):
    return services.save_month(
        month=OCTOBER,
        user=editor,
        slots=list(slots_by_key(OCTOBER).values()),
        values=values,
        loaded_revision=revision_of(OCTOBER),
        reason=reason,
    )


def hood_key(measure: Measure) -> tuple[str, Area]:
    hood = Area.objects.neighbourhoods().order_by("tree_order").first()
    return f"m-{measure.id}-{hood.code}", hood


@pytest.mark.django_db
def test_the_seeded_data_starts_with_summaries_equal_to_the_figures():
    assert MonthTotal.objects.exists() and CaseloadMonthCount.objects.exists()
    assert_summaries_match_the_figures()


def test_the_month_form_keeps_them_equal_for_new_figures(editor):
    key, hood = hood_key(matches())
    ActivityRecord.objects.filter(measure=matches(), area=hood, month=OCTOBER.first_day).delete()
    inflow = CaseloadFigure.objects.get(indicator="inflow", area=hood, month=OCTOBER.first_day)
    inflow.delete()
    assert (
        CaseloadMonthCount.objects.get(month=OCTOBER.first_day, indicator="inflow").figures == Area.objects.count() - 1
    )
    before = total_of(matches(), OCTOBER)
    save_month(editor, {key: Decimal(7), f"c-inflow-{hood.code}": Decimal(inflow.value)}, reason="Nagekomen")
    assert total_of(matches(), OCTOBER) == before + 7
    assert CaseloadMonthCount.objects.get(month=OCTOBER.first_day, indicator="inflow").figures == Area.objects.count()
    assert_summaries_match_the_figures()


def test_the_month_form_keeps_them_equal_for_corrections(editor):
    key = f"m-{visits().id}-NPRZ"
    save_month(editor, {key: Decimal(99)}, reason="Telling herzien")
    assert total_of(visits(), OCTOBER) == 99
    assert_summaries_match_the_figures()


def test_an_import_keeps_them_equal(editor):
    _, hood = hood_key(matches())
    lines = [
        "maand;cijfer;gebied;waarde",
        f"2026-10;wijkwerktafels/matches;{hood.code};41",
        "2026-09;verzuimaanpak/huisbezoeken;NPRZ;3",
    ]
    content = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    plan, batch = services.start_import(user=editor, file_name="invoer.csv", content=content)
    assert batch is not None, [row.message for row in plan.rows]
    services.apply_import(
        batch=batch,
        user=editor,
        reason="Nagekomen cijfers",
        fingerprint=plan.fingerprint,
        overrides={w.id: "Nagekomen en gecontroleerd" for w in plan.warnings},
    )
    assert total_of(visits(), Month(2026, 9)) == 3
    assert_summaries_match_the_figures()


def test_an_admin_correction_keeps_them_equal(editor):
    record = ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month=OCTOBER.first_day)
    record.value = Decimal(5)
    services.save_from_admin(record, user=editor, reason="Typfout", status=record.status, note="")
    _, hood = hood_key(matches())
    figure = CaseloadFigure.objects.get(indicator="caseload", area=hood, month=OCTOBER.first_day)
    figure.value += 1  # its district's and NPRZ's totals follow
    services.save_from_admin(figure, user=editor, reason="Typfout", status=figure.status, note="")
    assert total_of(visits(), OCTOBER) == 5
    assert_summaries_match_the_figures()


@pytest.mark.django_db
def test_plain_saves_deletes_and_bulk_writes_keep_them_equal():
    nprz = Area.objects.programme().get()
    record = ActivityRecord.objects.create(measure=visits(), area=nprz, month="2023-03-01", value=12)
    assert total_of(visits(), Month(2023, 3)) == 12
    assert_summaries_match_the_figures()
    record.month = dt.date(2023, 4, 1)  # moved: both months change
    record.save()
    assert (total_of(visits(), Month(2023, 3)), total_of(visits(), Month(2023, 4))) == (None, 12)
    assert_summaries_match_the_figures()
    record.delete()
    ActivityRecord.objects.bulk_create(
        [ActivityRecord(measure=visits(), area=nprz, month=dt.date(2023, m, 1), value=m) for m in (5, 6)]
    )
    assert_summaries_match_the_figures()
    ActivityRecord.objects.filter(month__in=["2023-05-01", "2023-06-01"]).update(value=8)
    assert total_of(visits(), Month(2023, 6)) == 8
    ActivityRecord.objects.filter(month="2023-05-01").delete()
    CaseloadFigure.objects.filter(month=OCTOBER.first_day, area__level=AreaLevel.NEIGHBOURHOOD).delete()
    CaseloadFigure.objects.filter(month="2026-09-01").update(origin="registered")
    assert_summaries_match_the_figures()


@pytest.mark.django_db
def test_a_measure_that_changes_how_it_is_recorded_gets_its_totals_recomputed():
    measure = matches()
    by_neighbourhood = total_of(measure, OCTOBER)
    measure.by_area = False  # from now on the NPRZ record is the total, not the neighbourhoods' sum
    measure.save()
    assert total_of(measure, OCTOBER) != by_neighbourhood
    assert_summaries_match_the_figures()


@pytest.mark.django_db
def test_an_area_that_changes_level_gets_the_totals_recomputed():
    record = ActivityRecord.objects.filter(measure=matches(), month=OCTOBER.first_day, value__gt=0).first()
    hood = Area.objects.get(pk=record.area_id)
    hood.is_focus = False  # a district is never a focus neighbourhood
    before = total_of(matches(), OCTOBER)
    hood.level = AreaLevel.DISTRICT  # its records no longer add up to NPRZ's total
    hood.save()
    assert total_of(matches(), OCTOBER) < before
    assert_summaries_match_the_figures()


@pytest.mark.django_db
def test_the_bulk_loader_of_the_bench_keeps_them_equal():
    from activities.scale_data import generate_activity_records
    from monitoring.setup.scale_data import add_neighbourhoods, generate_caseload

    add_neighbourhoods(Area.objects.count() + 3)
    generate_caseload(Month(2026, 9), Month(2026, 10))
    generate_activity_records(Month(2026, 9), Month(2026, 10))
    assert_summaries_match_the_figures()
