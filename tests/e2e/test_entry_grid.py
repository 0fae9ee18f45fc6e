"""In a real browser: the month grid works like a spreadsheet, and the focused field is never under the save bar."""

import re

import pytest

from monitoring.models import CaseloadFigure, ChangeEvent

OCTOBER = "2026-10-01"
PASTE = """(([selector, text]) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const input = document.querySelector(selector);
  input.focus();
  input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
})"""


def september_by_hood(indicator) -> dict[str, int]:
    rows = CaseloadFigure.objects.filter(indicator=indicator, month="2026-09-01", area__level="neighbourhood")
    return dict(rows.order_by("area__tree_order").values_list("area__code", "value"))


def test_one_column_of_22_values_takes_one_click_and_21_enters_and_one_submit(as_editor, live_server, console_errors):
    page = as_editor
    to_work = september_by_hood("outflow_to_work")
    assert len(to_work) == 22
    page.goto(f"{live_server.url}/entry/2026-10/")
    codes = list(to_work)
    page.locator(f"#id_c-outflow_to_work-{codes[0]}").click()
    moves = 0
    for i, code in enumerate(codes):
        assert page.evaluate("document.activeElement.name") == f"c-outflow_to_work-{code}"
        page.keyboard.type(str(to_work[code]))
        if i < len(codes) - 1:
            page.keyboard.press("Enter")  # moves down, across the district tables; never submits
            moves += 1
    assert page.url.endswith("/entry/2026-10/") and not ChangeEvent.objects.filter(kind="entry").exists()
    keystrokes = 1 + moves  # the click into the first cell, then one Enter per next value
    print(f"navigation keystrokes for 22 values: {keystrokes} (1 click + {moves} Enter)")
    assert keystrokes <= 24
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r".*/entry/2026-10/$"))
    assert "Opgeslagen: 22 nieuwe waarden" in page.get_by_role("status").inner_text()  # one submit saved it
    stored = dict(
        CaseloadFigure.objects.filter(month=OCTOBER, indicator="outflow_to_work").values_list("area__code", "value")
    )
    assert all(stored[code] == value for code, value in to_work.items())
    assert console_errors == []


def test_arrow_keys_move_between_cells(as_editor, live_server):
    page = as_editor
    page.goto(f"{live_server.url}/entry/2026-10/")
    first = page.locator("input.entry-input").first
    first.click()
    name = page.evaluate("document.activeElement.name")
    page.keyboard.press("ArrowDown")
    below = page.evaluate("document.activeElement.name")
    assert below != name and below.split("-")[1] == name.split("-")[1]  # same indicator, next neighbourhood
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.name").split("-")[2] == below.split("-")[2]  # same area
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.name") == name


def test_a_column_pasted_from_excel_fills_the_cells_below_and_marks_what_is_no_dutch_number(as_editor, live_server):
    page = as_editor
    page.goto(f"{live_server.url}/entry/2026-10/")
    codes = list(september_by_hood("outflow_to_work"))
    page.evaluate(PASTE, [f"#id_c-outflow_to_work-{codes[0]}", "12\r\n1.234\r\nabc\r\n7\r\n"])
    values = [page.locator(f"#id_c-outflow_to_work-{code}").input_value() for code in codes[:5]]
    assert values == ["12", "1.234", "abc", "7", ""]
    assert page.locator(f"#id_c-outflow_to_work-{codes[2]}").get_attribute("aria-invalid") == "true"
    assert page.locator(f"#id_c-outflow_to_work-{codes[1]}").get_attribute("aria-invalid") is None
    assert "4 cellen geplakt, waarvan 1 geen Nederlands getal" in page.locator("[data-progress-live]").inner_text()
    # a block: two columns from the focused cell to the right
    page.evaluate(PASTE, [f"#id_c-inflow-{codes[0]}", "5\t6\n8\t9\n"])
    assert page.locator(f"#id_c-outflow-{codes[1]}").input_value() == "9"


@pytest.mark.parametrize("width,height", [(390, 844), (1440, 900)])
def test_the_focused_field_is_never_hidden_behind_the_save_bar(as_editor, live_server, width, height):
    page = as_editor
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/entry/2026-10/")
    page.locator("input.entry-input").first.focus()
    hidden = []
    for stop in range(40):
        page.keyboard.press("Tab")
        covered = page.evaluate(
            """() => {
              const bar = document.querySelector('.entry-savebar');
              const el = document.activeElement;
              if (!bar || bar.contains(el)) return false;
              const r = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
              return r.bottom > b.top && r.top < b.bottom;
            }"""
        )
        if covered:
            hidden.append(stop)
    assert hidden == []
