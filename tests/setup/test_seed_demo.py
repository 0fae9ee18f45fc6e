"""seed_demo: official points kept, demo values marked, parts add up, idempotent."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Sum

from activities.models import ActivityRecord, Measure
from monitoring.models import Area, CaseloadFigure, Origin

DECEMBER_2024 = dt.date(2024, 12, 1)


def run_seed(**kwargs):
    out = io.StringIO()
    call_command("seed_demo", until="2026-10", stdout=out, **kwargs)
    return out.getvalue()


def snapshot():
    return (
        sorted(CaseloadFigure.objects.values_list("indicator", "area__code", "month", "value", "origin", "status")),
        sorted(ActivityRecord.objects.values_list("measure_id", "area__code", "month", "value", "origin")),
        CaseloadFigure.history.count(),
        sorted(User.objects.values_list("username", "password")),
    )


def test_running_it_twice_changes_nothing(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "een-lang-demowachtwoord")
    run_seed()
    before = snapshot()
    output = run_seed()
    assert snapshot() == before
    assert "0 bijstandscijfers, 0 activiteitcijfers en 0 G4-vergelijkingscijfers nieuw" in output


def test_it_creates_the_demo_users_with_their_roles(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "een-lang-demowachtwoord")
    run_seed()
    roles = {u.username: list(u.groups.values_list("name", flat=True)) for u in User.objects.all()}
    assert roles == {"wethouder": ["viewer"], "beheerder": ["editor"], "programmamanager": ["manager"]}
    assert User.objects.get(username="wethouder").check_password("een-lang-demowachtwoord")


def test_without_demo_password_it_generates_and_prints_one(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = run_seed()
    line = next(line for line in output.splitlines() if "wethouder" in line)
    password = line.split("wachtwoord ")[1].strip()
    assert len(password) >= 12
    assert User.objects.get(username="wethouder").check_password(password)


def test_the_official_points_stay_official(db):
    official = CaseloadFigure.objects.official().values_list("month", "value")
    assert sorted(official) == [
        (dt.date(2023, 12, 1), 13065),
        (dt.date(2024, 12, 1), 12794),
        (dt.date(2025, 2, 1), 12947),
    ]


def test_every_other_value_is_marked_synthetic(db):
    assert not CaseloadFigure.objects.exclude(origin__in=[Origin.OFFICIAL, Origin.SYNTHETIC]).exists()
    assert not ActivityRecord.objects.exclude(origin=Origin.SYNTHETIC).exists()


def test_the_series_runs_from_december_2023_to_the_last_complete_month(db):
    months = CaseloadFigure.objects.filter(area__code="NPRZ", indicator="caseload").values_list("month", flat=True)
    assert min(months) == dt.date(2023, 12, 1)
    assert max(months) == dt.date(2026, 10, 1)
    assert len(months) == 35


@pytest.mark.parametrize("indicator", ["caseload", "inflow", "outflow", "outflow_to_work"])
def test_neighbourhoods_and_districts_add_up_to_the_nprz_total(db, indicator):
    figures = CaseloadFigure.objects.filter(indicator=indicator, month=DECEMBER_2024)
    total = figures.get(area__code="NPRZ").value
    assert figures.filter(area__level="neighbourhood").aggregate(s=Sum("value"))["s"] == total
    assert figures.filter(area__level="district").aggregate(s=Sum("value"))["s"] == total
    for district in Area.objects.districts():
        parts = figures.filter(area__parent=district).aggregate(s=Sum("value"))["s"]
        assert parts == figures.get(area=district).value


def test_the_stock_flow_identity_closes_up_to_pension_age_outflow(db):
    def value(indicator, month):
        return CaseloadFigure.objects.get(area__code="NPRZ", indicator=indicator, month=month).value

    for month in [dt.date(2024, m, 1) for m in range(2, 13)]:
        previous = dt.date(month.year, month.month - 1, 1)
        gap = value("caseload", previous) + value("inflow", month) - value("outflow", month) - value("caseload", month)
        assert 10 <= gap <= 20


def test_demo_home_visits_of_2024_add_up_to_the_published_1086(db):
    visits = Measure.objects.get(slug="huisbezoeken")
    total = ActivityRecord.objects.filter(measure=visits, month__year=2024).aggregate(s=Sum("value"))["s"]
    assert total == 1086


def test_neighbourhood_measures_are_recorded_per_neighbourhood_only(db):
    matches = Measure.objects.get(slug="matches")
    levels = set(ActivityRecord.objects.filter(measure=matches).values_list("area__level", flat=True))
    assert levels == {"neighbourhood"}


def test_an_activity_has_no_records_before_it_started(db):
    records = ActivityRecord.objects.filter(measure__activity__slug="regiodeal-dutch-fresh-port")
    first = records.order_by("month").first()
    assert first.month == dt.date(2026, 1, 1)


def test_it_prints_the_login_address_on_the_port_make_run_serves(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "een-lang-demowachtwoord")
    monkeypatch.setenv("PORT", "8301")
    assert "Demologins (http://127.0.0.1:8301/accounts/login/):" in run_seed()
