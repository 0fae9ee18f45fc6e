"""The compact activity block that the overview page includes."""

import re

from django.template.loader import render_to_string

from activities.key_rows import overview_rows
from nprz_dashboard.periods import Month


def test_overview_rows_have_one_row_per_activity_with_fixed_keys(db):
    rows = overview_rows(2026, Month(2026, 10))
    assert len(rows) == 9
    keys = {
        "activity",
        "measure",
        "status",
        "status_label",
        "label",
        "summary",
        "url",
        "target_is_published",
        "target_is_synthetic",
        "target_label",
        "is_demo",
    }
    assert all(set(r) == keys for r in rows)
    assert rows[0]["url"] == "/activities/verzuimaanpak/"


def test_the_block_lists_each_status_in_words_with_a_link(db):
    html = render_to_string("activities/_overview_block.html", {"activity_rows": overview_rows(2026, Month(2026, 10))})
    assert len(re.findall(r'<a href="/activities/[\w-]+/">', html)) == 9
    assert '<span class="status status--at_risk">risico</span>' in html
    assert "(demodoel)" in html


def test_2024_in_the_block_shows_the_155_percent(db):
    rows = {r["activity"]: r for r in overview_rows(2024, Month(2026, 10))}
    assert rows["Verzuimaanpak: huisbezoeken"]["summary"] == "1.086 tegen 700 doel (155%)"
    assert rows["Verzuimaanpak: huisbezoeken"]["target_is_published"]


def test_the_block_says_so_when_there_are_no_activities():
    html = render_to_string("activities/_overview_block.html", {"activity_rows": []})
    assert "nog geen activiteiten" in html
