"""What many tests need: the text a reader sees, a chart's data, a logged-in client, a month's revision."""

import csv
import html as htmllib
import io
import json
import re

from django.test import Client

from monitoring.models import ReportingPeriod
from nprz_dashboard.periods import Month


def _html(page) -> str:
    return page if isinstance(page, str) else page.content.decode()


def text_of(page) -> str:
    """Return the visible text of a response (or HTML): tags out, entities unescaped, whitespace as one space."""
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", _html(page))))


def text_of_id(page, element_id: str) -> str | None:
    """Return the text of the element with this id, or None when there is none."""
    match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', _html(page), re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip() if match else None


def chart_data(page, chart_id: str) -> dict:
    """Return the plotly figure a chart's json_script holds (chart_id without the '-data' suffix)."""
    match = re.search(rf'<script id="{chart_id}-data" type="application/json">(.*?)</script>', _html(page), re.S)
    assert match, f"no chart {chart_id!r} on the page"
    return json.loads(match.group(1))


def traces(page, chart_id: str) -> dict[str, dict]:
    """Return a chart's traces by name."""
    return {trace["name"]: trace for trace in chart_data(page, chart_id)["data"]}


def export_csv(response) -> tuple[str, list[list[str]]]:
    """Return a table export's first line (its marks: title, data date, source, demo) and its rows, header first."""
    assert response.status_code == 200, response.content[:300]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    marks, *rows = csv.reader(io.StringIO(text[1:]), delimiter=";")
    assert len(marks) == 1, marks  # one cell: the marks, not a header
    return marks[0], rows


def export_records(response) -> list[dict]:
    """Return a table export's rows as dicts by column heading (its marks line left out)."""
    header, *rows = export_csv(response)[1]
    return [dict(zip(header, row, strict=True)) for row in rows]


def client_for(user) -> Client:
    """Return a test client logged in as the user."""
    client = Client()
    client.force_login(user)
    return client


def revision_of(month: Month) -> int:
    """Return the month's revision as a manager's approve form would carry it."""
    period = ReportingPeriod.objects.filter(month=month.first_day).first()
    return period.revision if period else 0


def loaded_form(client, month: str = "2026-10") -> dict:
    """Return a month form's data as the browser would post it unchanged (enabled fields, checkboxes unticked)."""
    page = client.get(f"/entry/{month}/").content.decode()
    return form_data(page)


def form_data(page: str, marker: str = "data-entry-form") -> dict:
    """Return what the form with this attribute would post: its enabled inputs and textareas, unescaped."""
    form = page.split(marker, 1)[1].split("</form>", 1)[0]
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if "name" not in attributes or re.search(r"\sdisabled\b", tag) or attributes.get("type") == "checkbox":
            continue
        data[attributes["name"]] = htmllib.unescape(attributes.get("value", ""))
    for name, attributes, text in re.findall(r'<textarea\b[^>]*name="([^"]+)"([^>]*)>(.*?)</textarea>', form, re.S):
        if not re.search(r"\sdisabled\b", attributes):
            data[name] = htmllib.unescape(text)
    data.pop("csrfmiddlewaretoken", None)
    return data


# A read page served from the page cache (nprz_dashboard/page_cache.py): 1 session, 2 user,
# 3 the user's role groups, 4 the data version; nothing of the page itself.
WARM_PAGE_QUERIES = 4


def overriding(response, data: dict, reason: str = "Gecontroleerd: het cijfer klopt") -> dict:
    """Return the form data with a reason for each warning the response showed (one per warning)."""
    rows = response.context.get("override_rows") or []
    return {**data, **{f"override-{row['id']}": reason for row in rows}}


def approve_quarter(quarter) -> None:
    """Mark a quarter's months approved, as a manager would before publishing its report (test world)."""
    from monitoring.models import PeriodState, ReportingPeriod

    for month in quarter.months:
        ReportingPeriod.objects.update_or_create(month=month.first_day, defaults={"state": PeriodState.APPROVED})


def reopen_quarter(quarter) -> None:
    """Mark a quarter's months reopened, as a manager would to correct a published quarter (test world)."""
    from monitoring.models import PeriodState, ReportingPeriod

    ReportingPeriod.objects.filter(month__in=[m.first_day for m in quarter.months]).update(state=PeriodState.REOPENED)
