"""The "Bijgewerkt op … door …" stamp: who last changed the data a page shows, and when, from the audit trail."""

import pytest

from monitoring.models import Annotation
from nprz_dashboard.formatting import format_datetime
from nprz_dashboard.periods import Month
from programme.stamp import PAGE_SOURCES, last_change
from programme.targets import services as target_services
from tests.helpers import text_of

DATA_PAGES = ["/", "/caseload/", "/caseload/figures/", "/activities/", "/activities/verzuimaanpak/", "/targets/"]


@pytest.mark.parametrize("url", DATA_PAGES)
def test_every_data_page_says_when_its_data_was_last_changed(viewer_client, url):
    stamp = last_change(PAGE_SOURCES[viewer_client.get(url).resolver_match.url_name])
    assert f"Bijgewerkt op {format_datetime(stamp.at)} (automatisch geladen)." in text_of(viewer_client.get(url))


def test_a_note_by_a_manager_moves_the_stamp_of_the_pages_that_show_notes(viewer_client, manager):
    manager.first_name, manager.last_name = "Pim", "Manager"
    manager.save()
    note = target_services.add_annotation(month=Month(2026, 3), text="start Kind en Werkgeluk", user=manager)
    written = Annotation.history.get(id=note.id).history_date
    assert written > last_change(PAGE_SOURCES["caseload-figures"]).at  # newer than every figure
    expected = f"Bijgewerkt op {format_datetime(written)} door Pim Manager."
    assert expected in text_of(viewer_client.get("/targets/"))
    assert expected in text_of(viewer_client.get("/caseload/"))
    assert expected not in text_of(viewer_client.get("/caseload/figures/"))  # no notes there


def test_a_month_page_stamps_that_month_only(editor_client):
    text = text_of(editor_client.get("/entry/2026-10/"))
    stamp = last_change(PAGE_SOURCES["entry-month"], Month(2026, 10))
    assert f"Bijgewerkt op {format_datetime(stamp.at)}" in text
    assert last_change(PAGE_SOURCES["entry-month"], Month(2040, 1)) is None


def test_pages_without_data_and_refusals_carry_no_stamp(viewer_client):
    assert "Bijgewerkt op" not in text_of(viewer_client.get("/reports/"))
    assert "Bijgewerkt op" not in text_of(viewer_client.get("/begrippen/"))
    assert "Bijgewerkt op" not in text_of(viewer_client.get("/entry/"))  # 403 for a reader
