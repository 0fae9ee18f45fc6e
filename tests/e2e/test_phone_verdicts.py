"""On a phone (390 × 844) the answer is in view: every row's verdict without scrolling a table sideways,
and both verdicts of / on the first screen."""

import pytest
from django.contrib.auth.models import User

from activities.models import Activity
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services

from .conftest import axe_violations

PHONE = {"width": 390, "height": 844}

# Per page: the tables that answer a question (by the start of their caption) and the columns holding the answer.
KEY_TABLES = {
    "/": {"Bijstandsuitkeringen in het NPRZ-gebied tegenover de gepubliceerde doelen": ["Oordeel"]},
    "/activities/": {"Activiteiten en hun kernmaat": ["Status"]},
    "/targets/": {"Doelen voor de bijstand": ["Doel", "Stand"], "Doelen voor de activiteiten": ["Doel", "Stand"]},
    "/reports/2025/q1/": {"Activiteiten: kernmaat": ["Status"]},
}
ACTIVITY_TABLES = {"Maten van": ["Status"]}

# Run in the page, not scrolled: each answer cell of each key table, with where it is on the screen.
ANSWER_CELLS = """(wanted) => {
  const found = [];
  for (const table of document.querySelectorAll('main table')) {
    const caption = (table.querySelector('caption') || {}).textContent?.trim() || '';
    const start = Object.keys(wanted).find(s => caption.startsWith(s));
    if (!start) continue;
    const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    for (const column of wanted[start]) {
      const index = headers.indexOf(column);
      for (const row of table.querySelectorAll('tbody tr')) {
        const cell = row.children[index];
        if (!cell || row.children.length !== headers.length) continue;  // a row saying the table is empty
        const box = cell.getBoundingClientRect();
        const scroller = table.closest('.table-scroll');
        found.push({table: start, column, row: row.children[0].textContent.trim().slice(0, 40),
                    left: box.left, right: box.right, width: box.width, text: cell.textContent.trim(),
                    scrolled: scroller ? scroller.scrollLeft : 0});
      }
    }
    found.push({table: start, column: '(table)', row: '', left: 0, right: 0, width: 1, text: 'x', scrolled: 0});
  }
  return found;
}"""


@pytest.fixture
def reader_on_a_phone(as_viewer):
    report_services.publish(Quarter(2025, 1), User.objects.get(username="programmamanager"))
    as_viewer.set_viewport_size(PHONE)
    return as_viewer


def out_of_view(page, url: str, tables: dict) -> list[str]:
    """Return the answer cells of a page's key tables that are not wholly on the screen, and tables not found."""
    page.goto(url)
    cells = page.evaluate(ANSWER_CELLS, tables)
    problems = [f"{url}: no table '{start}'" for start in tables if not any(c["table"] == start for c in cells)]
    for column in {c for columns in tables.values() for c in columns}:
        if not any(c["column"] == column for c in cells):
            problems.append(f"{url}: no column '{column}'")
    for cell in cells:
        if cell["scrolled"] or cell["width"] <= 0 or cell["left"] < 0 or cell["right"] > PHONE["width"]:
            problems.append(
                f"{url}: '{cell['column']}' of '{cell['row']}' in '{cell['table']}' is at "
                f"{cell['left']:.0f}–{cell['right']:.0f} px"
            )
    return problems


def test_every_rows_verdict_is_on_the_screen_of_a_phone_without_scrolling_a_table(reader_on_a_phone, live_server):
    page = reader_on_a_phone
    pages = dict(KEY_TABLES)
    for slug in Activity.objects.values_list("slug", flat=True):
        pages[f"/activities/{slug}/"] = ACTIVITY_TABLES
    problems = []
    for path, tables in pages.items():
        problems += out_of_view(page, live_server.url + path, tables)
        if not path.startswith("/activities/") or path == "/activities/":
            problems += [f"{path}: {violation}" for violation in axe_violations(page)]
    assert problems == []


def test_both_verdicts_of_the_overview_are_on_the_first_screen_of_a_phone(reader_on_a_phone, live_server):
    page = reader_on_a_phone
    page.goto(f"{live_server.url}/")
    assert page.evaluate("window.scrollY") == 0
    verdicts = page.locator(".verdicts .verdict")
    assert verdicts.count() == 2
    for number in range(2):
        verdict = verdicts.nth(number)
        box = verdict.locator(".verdict__status").bounding_box()
        target = verdict.locator(".verdict__target").inner_text()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"{target}: below the first screen"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert "Einddoel eind 2031" in verdicts.nth(1).inner_text()
