"""The letter's figures are loaded exactly, each with its source."""

import datetime as dt

from activities.models import ActivityTarget, PublishedTotal
from monitoring.models import CaseloadFigure, Origin, Provenance, Target


def nprz_caseload(month):
    return CaseloadFigure.objects.get(area__code="NPRZ", indicator="caseload", month=month)


def test_caseload_start_2024_is_13065(db):
    figure = nprz_caseload(dt.date(2023, 12, 1))
    assert figure.value == 13065
    assert figure.origin == Origin.OFFICIAL
    assert "Samen voor Zuid" in figure.source.title


def test_caseload_end_2024_is_12794(db):
    assert nprz_caseload(dt.date(2024, 12, 1)).value == 12794


def test_current_caseload_12947_is_stored_in_february_2025_with_the_assumption_noted(db):
    figure = nprz_caseload(dt.date(2025, 2, 1))
    assert figure.value == 12947
    assert "aangenomen" in figure.note


def test_caseload_targets_are_12750_12400_and_10000_published(db):
    targets = Target.objects.current().filter(indicator="caseload").order_by("period_end")
    assert [(t.period_end, int(t.value), t.comparator) for t in targets] == [
        (dt.date(2024, 12, 1), 12750, "at_most"),
        (dt.date(2025, 12, 1), 12400, "at_most"),
        (dt.date(2031, 12, 1), 10000, "at_most"),
    ]
    assert all(t.provenance == Provenance.PUBLISHED and t.source for t in targets)


def test_home_visits_2024_target_700_realised_1086_and_2025_target_1200(db):
    published = ActivityTarget.objects.published().filter(measure__slug="huisbezoeken").order_by("period_end")
    assert [int(t.value) for t in published] == [700, 1200]
    assert PublishedTotal.objects.get(measure__slug="huisbezoeken", year=2024).value == 1086


def test_demo_targets_are_never_marked_published(db):
    demo = ActivityTarget.objects.filter(provenance=Provenance.SYNTHETIC)
    assert demo.exists()
    assert not demo.filter(source__isnull=False).exists()
