"""seed_demo signs the demo's past months off: approved and locked, the last month open, the last quarter published."""

from django.core.management import call_command

from monitoring.models import PeriodState, QuarterlyReport, ReportingPeriod
from nprz_dashboard.periods import Month, Quarter
from programme.demo_sign_off import last_complete_quarter, sign_off

LAST = Month(2026, 10)


def test_the_last_complete_quarter_is_the_one_that_ends_on_or_before_the_month():
    assert last_complete_quarter(Month(2026, 9)) == Quarter(2026, 3)
    assert last_complete_quarter(Month(2026, 10)) == Quarter(2026, 3)
    assert last_complete_quarter(Month(2026, 12)) == Quarter(2026, 4)


def test_past_months_are_approved_the_last_stays_open_and_the_last_complete_quarter_is_published(editor, manager):
    approved, quarter = sign_off(LAST, editor=editor, manager=manager)
    states = dict(ReportingPeriod.objects.values_list("month", "state"))
    assert quarter == Quarter(2026, 3)
    assert approved == len([s for s in states.values() if s == PeriodState.APPROVED])
    assert states[Month(2026, 9).first_day] == PeriodState.APPROVED
    assert states[Month(2024, 1).first_day] == PeriodState.APPROVED
    assert states.get(LAST.first_day, PeriodState.OPEN) == PeriodState.OPEN
    report = QuarterlyReport.objects.for_quarter(2026, 3).get()
    assert report.versions.count() == 1
    # Idempotent: a second run approves and publishes nothing new.
    assert sign_off(LAST, editor=editor, manager=manager) == (0, None)
    assert report.versions.count() == 1


def test_seed_demo_with_its_users_signs_off_and_the_alderman_can_read_the_report(client, django_user_model):
    import io

    out = io.StringIO()
    call_command("seed_demo", until="2026-10", stdout=out)
    assert "maanden goedgekeurd en vergrendeld; het 3e kwartaal 2026 is gepubliceerd." in out.getvalue()
    client.force_login(django_user_model.objects.get(username="wethouder"))
    html = client.get("/reports/2026/q3/").content.decode()
    assert "Versie 1 van 1" in html
