"""`manage.py load_official`: the letter's figures and targets with their sources, nothing else; idempotent.

And `seed_demo` on such a database: it refuses once the municipality's own figures are in, unless told.
These run on an emptied database (transactional: after the suite's other database tests).
"""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from activities.models import ActivityRecord, ActivityTarget, Measure, PublishedTotal
from monitoring.models import Area, CaseloadFigure, ChangeKind, Origin, Provenance, Source, Target
from nprz_dashboard.models import DemoState
from nprz_dashboard.periods import Month
from programme.entry import writes
from programme.entry.catalogue import caseload_slot


@pytest.fixture
def empty(transactional_db):
    """A database as `migrate` leaves it: no areas, figures or targets."""
    call_command("flush", interactive=False, verbosity=0)


def write(month: Month, slot, value: int, user, kind=ChangeKind.ENTRY, file_name: str = "") -> None:
    """Write one figure through the audited write path, in its own transaction (as its services do)."""
    with transaction.atomic():
        writes.write_figures(
            [writes.FigureWrite(month, slot, Decimal(value))],
            user=user, kind=kind, reason="eigen registratie", month=month, file_name=file_name,
        )  # fmt: skip


def load_official() -> str:
    out = io.StringIO()
    call_command("load_official", stdout=out)
    return out.getvalue()


def everything() -> tuple:
    """Every row load_official may touch, as plain values."""
    return (
        sorted(Area.objects.values_list("code", "name", "level", "parent__code")),
        sorted(Source.objects.values_list("id", "title")),
        sorted(CaseloadFigure.objects.values_list("id", "indicator", "area__code", "month", "value", "origin")),
        sorted(Target.objects.values_list("id", "period_end", "value", "provenance", "source_id")),
        sorted(ActivityTarget.objects.values_list("id", "measure__slug", "period_end", "value", "provenance")),
        sorted(PublishedTotal.objects.values_list("id", "measure__slug", "year", "value")),
        sorted(Measure.objects.values_list("id", "slug")),
        CaseloadFigure.history.count(),
    )


def test_it_loads_the_letters_figures_and_targets_with_their_sources_and_nothing_else(empty):
    output = load_official()
    figures = CaseloadFigure.objects.all()
    assert sorted((f.month.isoformat(), f.value) for f in figures) == [
        ("2023-12-01", 13065),
        ("2024-12-01", 12794),
        ("2025-02-01", 12947),
    ]
    assert {(f.origin, f.area.code, f.indicator) for f in figures} == {(Origin.OFFICIAL, "NPRZ", "caseload")}
    assert all(f.source.title.startswith("Brief wethouder") for f in figures)
    targets = Target.objects.order_by("period_end")
    assert [int(t.value) for t in targets] == [12750, 12400, 10000]
    assert all(t.provenance == Provenance.PUBLISHED and t.source_id for t in targets)
    activity_targets = ActivityTarget.objects.order_by("measure__slug", "period_end")
    assert [(t.measure.slug, int(t.value)) for t in activity_targets] == [
        ("bereik", 100),
        ("huisbezoeken", 700),
        ("huisbezoeken", 1200),
    ]
    assert all(t.provenance == Provenance.PUBLISHED and t.source_id for t in activity_targets)
    totals = [(t.measure.slug, t.year, int(t.value)) for t in PublishedTotal.objects.all()]
    assert totals == [("huisbezoeken", 2024, 1086)]
    # Nothing else: no demo values, no demo targets, no records, and the database is no demo.
    assert not ActivityRecord.objects.exists()
    assert not ActivityTarget.objects.filter(provenance=Provenance.SYNTHETIC).exists()
    assert not DemoState.is_set()
    assert "3 officiële bijstandscijfers, 6 gepubliceerde doelen en 1 gepubliceerd jaartotaal" in output


def test_running_it_twice_changes_nothing(empty):
    load_official()
    before = everything()
    output = load_official()
    assert everything() == before
    assert "niets nieuw, alles stond er al" in output


def test_a_figure_corrected_since_keeps_its_correction(empty, django_user_model):
    load_official()
    editor = django_user_model.objects.create_user("beheerder")
    nprz = Area.objects.get(code="NPRZ")
    write(Month(2025, 2), caseload_slot("caseload", nprz), 12950, editor)
    load_official()
    figure = CaseloadFigure.objects.get(month="2025-02-01")
    assert (figure.value, figure.origin) == (12950, Origin.REGISTERED)
    assert CaseloadFigure.objects.filter(month="2025-02-01").count() == 1


def test_seed_demo_refuses_a_database_with_entered_figures_and_changes_nothing(empty, django_user_model):
    load_official()
    editor = django_user_model.objects.create_user("beheerder")
    hood = Area.objects.get(code="BU05991593")
    write(Month(2026, 10), caseload_slot("inflow", hood), 31, editor, ChangeKind.IMPORT, "oktober.csv")
    before = everything(), sorted(ActivityRecord.objects.values_list("id", flat=True))
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", until="2026-10", no_users=True, stdout=io.StringIO())
    assert str(refused.value).startswith(
        "Deze database is geen demodatabase en bevat ingevoerde of geïmporteerde cijfers "
        "(1 bijstandscijfer, 0 activiteitcijfers)."
    )
    assert "er is niets veranderd" in str(refused.value)
    assert "--force-on-real-data" in str(refused.value)
    assert (everything(), sorted(ActivityRecord.objects.values_list("id", flat=True))) == before
    assert not DemoState.is_set()


def test_seed_demo_mixes_demo_into_real_figures_only_when_told_and_marks_the_database(empty, django_user_model):
    load_official()
    editor = django_user_model.objects.create_user("beheerder")
    hood = Area.objects.get(code="BU05991593")
    write(Month(2026, 10), caseload_slot("inflow", hood), 31, editor)
    call_command("seed_demo", until="2026-10", no_users=True, force_on_real_data=True, stdout=io.StringIO())
    assert DemoState.is_set()
    assert CaseloadFigure.objects.synthetic().exists()
    assert CaseloadFigure.objects.get(area=hood, month="2026-10-01", indicator="inflow").value == 31
