"""Every page of the contract, as each demo role, on a phone (390 px) and a desktop (1440 px).

A page fits its screen: nothing scrolls sideways (on a phone a wide table
scrolls inside its own labelled, focusable region; on a desktop no table is cut
off), the navigation takes at most two lines,
every table and control is an NL Design System component, and axe finds no
violations. Failures are gathered per page so one run lists them all.
"""

import pytest
from django.contrib.auth.models import User

from activities.models import Activity
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter

from .conftest import axe_violations, login

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}

# What a reader may open (design.md §2, README "The pages"); editors and managers open more.
READER_PAGES = [
    "/",
    "/caseload/",
    "/caseload/?area=BU05991081",
    "/caseload/?adjusted=1&extra_outflow=40&from_month=2027-01",
    "/caseload/prognose/",
    "/caseload/figures/",
    "/activities/",
    "/targets/",
    "/reports/",
    "/reports/2025/q1/",
    "/reports/2025/q1/?view=print",
    "/begrippen/",
    "/profile/",
]
EDITOR_PAGES = [
    "/entry/",
    "/entry/2026-10/",
    "/entry/2026-10/history/",
    "/entry/import/",
    "/entry/import/history/",
    "/entry/quality/",
]
MANAGER_PAGES = ["/reports/2025/q2/?version=concept", "/accounts/blokkades/"]
ROLES = {"wethouder": READER_PAGES, "beheerder": READER_PAGES + EDITOR_PAGES}
ROLES["programmamanager"] = ROLES["beheerder"] + MANAGER_PAGES

# Run in the page: what a person would trip over, as sentences.
PROBLEMS = """(desktop) => {
  const problems = [];
  if (desktop) for (const box of document.querySelectorAll('.table-scroll'))
    if (box.scrollWidth > box.clientWidth + 1)
      problems.push(`table "${box.getAttribute('aria-label')}" is cut off (${box.scrollWidth}/${box.clientWidth} px)`);
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  if (wide > 0) problems.push(`the page is ${wide} px wider than the screen`);
  const tops = [...document.querySelectorAll('.site-nav a')].map(a => Math.round(a.getBoundingClientRect().top));
  const rows = new Set(tops);
  if (rows.size > 2) problems.push(`the navigation takes ${rows.size} lines`);
  for (const table of document.querySelectorAll('main table')) {
    const name = (table.querySelector('caption') || table).textContent.trim().slice(0, 50);
    if (!table.classList.contains('utrecht-table--html-table')) problems.push(`table "${name}" is no Utrecht table`);
    const box = table.closest('.table-scroll');
    if (table.getBoundingClientRect().width > document.querySelector('main').clientWidth + 1 &&
        !(box && box.getAttribute('role') === 'region' && box.getAttribute('aria-label') && box.tabIndex === 0))
      problems.push(`table "${name}" is wider than the page outside a labelled, focusable region`);
  }
  const raw = [...document.querySelectorAll('main select, main textarea, main input:not([type=hidden])')]
    .filter(e => !e.closest('td.entry-cell') && ![...e.classList].some(c => c.startsWith('utrecht-')))
    .filter(e => e.type !== 'file')
    .map(e => e.name || e.id);
  if (raw.length) problems.push(`browser-default controls: ${raw.join(', ')}`);
  return problems;
}"""


@pytest.fixture
def published_q1(seeded):
    approve_quarter(Quarter(2025, 1))
    report_services.publish(Quarter(2025, 1), User.objects.get(username="programmamanager"))


def open_and_check(page, url: str, with_axe: bool) -> list[str]:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    if response.status != 200:
        return [f"HTTP {response.status}"]
    problems = page.evaluate(PROBLEMS, page.viewport_size["width"] >= DESKTOP["width"])
    return problems + (axe_violations(page) if with_axe else [])


@pytest.mark.parametrize("username", list(ROLES))
def test_every_page_fits_a_phone_and_a_desktop_and_passes_axe(page, live_server, published_q1, username):
    slugs = sorted(Activity.objects.values_list("slug", flat=True))
    paths = ROLES[username] + [f"/activities/{slug}/" for slug in slugs]
    login(page, live_server, username)
    found = {}
    for viewport, with_axe in ((PHONE, True), (DESKTOP, False)):
        page.set_viewport_size(viewport)
        for path in paths:
            problems = open_and_check(page, live_server.url + path, with_axe)
            if problems:
                found[f"{viewport['width']} px {path}"] = problems
    assert found == {}, "\n".join(f"{username} {where}: {'; '.join(p)}" for where, p in found.items())


def test_the_login_page_fits_a_phone_and_passes_axe(page, live_server, seeded):
    page.set_viewport_size(PHONE)
    assert open_and_check(page, f"{live_server.url}/accounts/login/", with_axe=True) == []
