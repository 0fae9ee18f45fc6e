"""The database refuses rows that break the domain's rules."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from activities.models import ActivityRecord, Measure
from monitoring.models import Area, CaseloadFigure, Origin, Provenance, Target


@pytest.fixture
def nprz(db):
    return Area.objects.get(code="NPRZ")


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseloadFigure.objects.create(**fields)


def test_one_value_per_indicator_area_and_month(nprz):
    refused(indicator="caseload", area=nprz, month=dt.date(2024, 12, 1), value=1)
    assert CaseloadFigure.objects.get(indicator="caseload", area=nprz, month=dt.date(2024, 12, 1)).value == 12794


def test_a_month_is_stored_as_its_first_day(nprz):
    refused(indicator="caseload", area=nprz, month=dt.date(2030, 1, 15), value=1)


def test_an_official_value_needs_a_source(nprz):
    refused(indicator="caseload", area=nprz, month=dt.date(2030, 1, 1), value=1, origin=Origin.OFFICIAL)


def test_negative_activity_values_are_refused(nprz):
    measure = Measure.objects.get(slug="huisbezoeken")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityRecord.objects.create(measure=measure, area=nprz, month=dt.date(2030, 1, 1), value=-1)
    assert not ActivityRecord.objects.filter(month=dt.date(2030, 1, 1)).exists()


def test_one_activity_value_per_measure_area_and_month(nprz):
    record = ActivityRecord.objects.filter(area=nprz).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityRecord.objects.create(measure=record.measure, area=nprz, month=record.month, value=1)


def test_a_published_target_needs_a_source(nprz):
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            area=nprz,
            comparator="at_most",
            period_kind="year_end",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 1),
            value=12000,
            provenance=Provenance.PUBLISHED,
        )


def test_a_revision_needs_a_reason(nprz):
    original = Target.objects.get(period_end=dt.date(2025, 12, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            area=nprz,
            comparator="at_most",
            period_kind="year_end",
            period_start=original.period_start,
            period_end=original.period_end,
            value=12500,
            provenance=Provenance.PUBLISHED,
            source=original.source,
            revises=original,
        )
    assert Target.objects.current().get(period_end=dt.date(2025, 12, 1)) == original


def test_a_focus_neighbourhood_must_be_a_neighbourhood(nprz):
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(code="X", name="X", level="district", parent=nprz, is_focus=True)
