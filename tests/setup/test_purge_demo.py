"""`manage.py purge_demo`: every demo value out, audited; official and entered figures stay; the banner goes."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from activities.models import ActivityRecord, ActivityTarget
from benchmarks.models import BenchmarkOrigin, BenchmarkValue
from monitoring.models import (
    Area,
    CaseloadFigure,
    ChangeEvent,
    ChangeKind,
    Origin,
    PeriodState,
    Provenance,
    ReportingPeriod,
    ReportPdf,
    ReportVersion,
    Target,
)
from nprz_dashboard import data_version
from nprz_dashboard.formatting import format_number
from nprz_dashboard.models import DemoState
from nprz_dashboard.periods import Month, Quarter
from programme.entry import writes
from programme.entry.catalogue import caseload_slot
from programme.entry.rules import SameReason
from programme.reports import pdf
from programme.reports import services as report_services
from tests.conftest import make_user
from tests.helpers import approve_quarter, client_for, text_of
from tests.performance.test_summary_tables import assert_summaries_match_the_figures

OCTOBER = Month(2026, 10)
DEMO_BANNER = 'class="demo-banner"'


def purge(answer: str | None = None, monkeypatch=None, **options) -> str:
    out = io.StringIO()
    if answer is None:
        call_command("purge_demo", interactive=False, stdout=out, **options)
    else:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
        call_command("purge_demo", stdout=out, **options)
    return out.getvalue()


def enter(editor, values: dict[str, int]) -> None:
    """Enter Heijplaat's October figures, as the entry form would (its district and NPRZ follow)."""
    heijplaat = Area.objects.get(code="BU05991593")
    writes.write_figures(
        [writes.FigureWrite(OCTOBER, caseload_slot(i, heijplaat), Decimal(v)) for i, v in values.items()],
        user=editor, kind=ChangeKind.ENTRY, reason="", month=OCTOBER,
        overrides=SameReason("test: nagekomen en gecontroleerd"),  # the warnings are test_consistency_rules' concern
    )  # fmt: skip


def values() -> list[tuple]:
    return sorted(CaseloadFigure.objects.values_list("indicator", "area__code", "month", "value", "origin"))


def test_it_removes_every_demo_value_and_leaves_official_and_entered_figures(editor):
    enter(editor, {"inflow": 31})
    official = sorted(CaseloadFigure.objects.official().values_list("month", "value", "source_id"))
    entered = sorted(CaseloadFigure.objects.registered().values_list("indicator", "area__code", "month", "value"))
    assert len(entered) == 3  # Heijplaat, and the Charlois and NPRZ totals it changed
    assert DemoState.is_set()
    output = purge()
    assert not CaseloadFigure.objects.synthetic().exists()
    assert not ActivityRecord.objects.synthetic().exists()
    assert not ActivityTarget.objects.filter(provenance=Provenance.SYNTHETIC).exists()
    assert sorted(CaseloadFigure.objects.official().values_list("month", "value", "source_id")) == official
    assert values() == sorted(
        [("caseload", "NPRZ", m, v, Origin.OFFICIAL) for m, v, _ in official]
        + [(*row, Origin.REGISTERED) for row in entered]
    )
    assert ActivityTarget.objects.published().count() == 3  # the letter's: 700 and 1.200 visits, reach
    assert not DemoState.is_set()
    assert_summaries_match_the_figures()
    assert "De database is geen demodatabase meer." in output


def test_every_removed_value_keeps_its_last_value_in_the_history_and_the_purge_is_logged(editor):
    demo_figures = CaseloadFigure.objects.synthetic().count()
    demo_records = ActivityRecord.objects.synthetic().count()
    demo_benchmarks = BenchmarkValue.objects.filter(origin=BenchmarkOrigin.DEMO).count()
    assert demo_benchmarks
    one = CaseloadFigure.objects.synthetic().get(area__code="NPRZ", indicator="caseload", month="2026-09-01")
    version = data_version.current()
    purge(user="beheerder")
    removed = CaseloadFigure.history.filter(history_type="-")
    assert removed.count() == demo_figures
    assert ActivityRecord.history.filter(history_type="-").count() == demo_records
    last = removed.get(id=one.id)
    assert (last.value, last.history_user, last.history_change_reason) == (
        one.value,
        editor,
        "Demodata verwijderd met manage.py purge_demo (door beheerder)",
    )
    assert not BenchmarkValue.objects.filter(origin=BenchmarkOrigin.DEMO).exists()
    assert BenchmarkValue.history.filter(history_type="-").count() == demo_benchmarks
    event = ChangeEvent.objects.get(kind=ChangeKind.ADMIN)
    assert event.user == editor
    assert event.summary == (
        f"{format_number(demo_figures)} bijstandscijfers, {format_number(demo_records)} activiteitcijfers, "
        f"{format_number(demo_benchmarks)} G4-vergelijkingscijfers, 17 demodoelen en 0 rapportversies met "
        "demowaarden verwijderd"
    )
    assert data_version.current() != version  # every page kept before the purge is stale now


def test_a_month_approved_on_demo_values_is_reopened(db):
    ReportingPeriod.objects.update_or_create(month="2026-09-01", defaults={"state": PeriodState.APPROVED})
    output = purge()
    september = ReportingPeriod.objects.get(month="2026-09-01")
    assert september.state == PeriodState.REOPENED
    assert "de goedkeuring gold demowaarden" in september.reason
    assert "Heropend (hun goedkeuring gold demowaarden): september 2026." in output


def test_a_report_version_published_on_demo_values_goes(manager):
    approve_quarter(Quarter(2026, 3))
    version = report_services.publish(Quarter(2026, 3), manager)
    assert version.snapshot["synthetic"]
    pdf.store(f"versie-{version.pk}-0123abcd.pdf", b"%PDF-1.7 nep")  # its PDF, as the worker keeps it
    purge()
    assert not ReportVersion.objects.exists()
    assert not ReportPdf.objects.exists()


def test_the_demo_logins_are_switched_off(db):
    make_user("wethouder", "viewer")
    assert "1 demogebruikers uitgeschakeld." in purge()
    wethouder = User.objects.get(username="wethouder")
    assert not wethouder.is_active
    assert not wethouder.has_usable_password()


def test_it_asks_first_and_changes_nothing_without_yes(db, monkeypatch):
    before = values()
    with pytest.raises(CommandError, match=re.escape("Afgebroken; er is niets verwijderd.")):
        purge("nee", monkeypatch)
    assert values() == before
    assert DemoState.is_set()
    assert "Te verwijderen: " in purge("ja", monkeypatch)
    assert not CaseloadFigure.objects.synthetic().exists()


def test_an_unknown_user_is_refused_and_nothing_is_removed(db):
    before = values()
    with pytest.raises(CommandError, match=re.escape("Er is geen gebruiker ‘niemand’. Er is niets verwijderd.")):
        purge(user="niemand")
    assert values() == before


PAGES = [
    "/",
    "/caseload/",
    "/caseload/figures/",
    "/activities/",
    "/activities/verzuimaanpak/",
    "/activities/wijkwerktafels/",
    "/targets/",
    "/entry/",
    "/entry/2026-09/",
    "/reports/2026/q3/?version=concept",
]


def test_the_demo_banner_shows_while_demo_values_are_shown_and_goes_with_them(db):
    # Not the suite's "programmamanager": that is a demo login, and the purge switches it off.
    manager_client = client_for(make_user("teamleider", "manager"))
    before = {path: manager_client.get(path) for path in PAGES}
    with_values = set(PAGES) - {"/entry/"}  # the list of months shows their state, no values
    assert {path for path, page in before.items() if DEMO_BANNER in page.content.decode()} == with_values
    purge()
    after = {path: manager_client.get(path) for path in PAGES}
    assert {path: page.status_code for path, page in after.items()} == dict.fromkeys(PAGES, 200)
    assert [path for path, page in after.items() if DEMO_BANNER in page.content.decode()] == []
    # Nor does any page mention demo any more: no legend, glossary link, filter origin or target provenance.
    assert [path for path, page in after.items() if "demo" in text_of(page).lower()] == []
    assert "demo" not in text_of(manager_client.get("/begrippen/")).lower()


def test_after_the_purge_a_manager_cannot_add_a_demo_target(db):
    manager_client = client_for(make_user("teamleider", "manager"))
    purge()
    response = manager_client.post(
        "/targets/",
        {
            "action": "add", "doel-subject": "caseload:caseload", "doel-area": "NPRZ", "doel-comparator": "at_most",
            "doel-period_kind": "year_end", "doel-start": "2027-01", "doel-end": "2027-12", "doel-value": "11.900",
            "doel-provenance": "synthetic",
        },
    )  # fmt: skip
    assert response.status_code == 400
    field = re.search(r'<select[^>]*name="doel-provenance".*?</select>', response.content.decode(), re.S).group(0)
    assert 'value="synthetic"' not in field
    assert "Herkomst Selecteer een geldige keuze. synthetic is geen beschikbare keuze." in text_of(response)
    assert not Target.objects.filter(provenance=Provenance.SYNTHETIC).exists()


def test_the_figures_table_shows_the_banner_only_for_demo_rows_shown(editor_client, editor):
    enter(editor, {"caseload": 300, "inflow": 31, "outflow": 20, "outflow_to_work": 9})
    entered = editor_client.get("/caseload/figures/?area=BU05991593&start=2026-10&end=2026-10")
    demo = editor_client.get("/caseload/figures/?area=BU05991593&start=2026-09&end=2026-09")
    assert "300" in entered.content.decode()
    assert DEMO_BANNER not in entered.content.decode()
    assert DEMO_BANNER in demo.content.decode()
