"""Simultaneous writes against a live gunicorn server: no server errors, no lost updates, Dutch conflict messages.

Runs on the suite's database: SQLite (copied to a file, as deployed) or PostgreSQL.
Scenarios: ten editors save the same month at once (each their own figure; then
all the same figure), two editors confirm imports of the same figure at once, and
two managers publish the same quarter at once.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from activities.models import ActivityRecord, Measure
from programme.reports import live as reports
from tests import live_server
from tests.conftest import make_user
from tests.helpers import approve_quarter
from tests.live_server import Browser, forms_of

log = logging.getLogger(__name__)
MONTH = "2026-10"
CONFLICT = "Iemand anders heeft deze maand gewijzigd nadat je het formulier opende. Er is niets opgeslagen"
STALE_IMPORT = "De opgeslagen cijfers zijn gewijzigd sinds het voorbeeld. Er is niets verwerkt"
SECOND_VERSION = "Geef aan waarom er een nieuwe versie komt; de vorige versie blijft leesbaar."


@pytest.fixture
def live(transactional_db, tmp_path):
    """Seed the database (a transactional test may have emptied it), add users, and serve it with gunicorn."""
    call_command("seed_demo", until=MONTH, no_users=True, stdout=io.StringIO())
    approve_quarter(reports.reportable_quarters(dt.date.today())[-1])  # published below, once its months are
    users = [make_user(f"invoerder{n}", "editor") for n in range(10)] + [
        make_user(f"manager{n}", "manager") for n in range(2)
    ]
    sessions = {user.username: live_server.session_for(user) for user in users}
    server = live_server.start(live_server.database_url(tmp_path), tmp_path)
    server.sessions = sessions
    yield server
    server.stop()
    connection.close()


def browser(server, username: str) -> Browser:
    client = Browser(server.port)
    client.cookies[settings.SESSION_COOKIE_NAME] = server.sessions[username]
    return client


def at_once(calls):
    """Run the calls in threads released together; return their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            return call()
        except OSError as error:  # a dropped connection counts as a server error
            return live_server.Response(599, {}, str(error))

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def dutch_int(text: str) -> int:
    return int(text.replace(".", ""))


def record_value(server, measure: Measure) -> int:
    """Return a stored NPRZ value of the month, as the server's processes committed it."""
    value = server.query(
        "SELECT r.value FROM activities_activityrecord r JOIN monitoring_area a ON a.id = r.area_id "
        "WHERE r.measure_id = ? AND a.code = 'NPRZ' AND r.month = ?",
        measure.id,
        f"{MONTH}-01",
    )
    return int(Decimal(str(value)))


def count(server, table: str) -> int:
    return server.query(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - a table name of ours


def entry_form(client: Browser) -> dict[str, str]:
    page = client.get(f"/entry/{MONTH}/")
    assert page.status == 200
    return next(form for form in forms_of(page.text) if form.get("action") == "save")


def answers(responses) -> list[tuple[int, list[str]]]:
    """Return each response's status and the messages and errors its page shows, for an assertion's report."""
    return [(r.status, re.findall(r'class="(?:message[^"]*|errorlist[^"]*)"[^>]*>([^<]+)<', r.text)) for r in responses]


def counted(responses, success_status: int, conflict_text: str) -> dict:
    return {
        "server errors": sum(r.status >= 500 for r in responses),
        "saved": sum(r.status == success_status for r in responses),
        "Dutch conflict message": sum(conflict_text in r.text for r in responses),
        "other": sum(r.status < 500 and r.status != success_status and conflict_text not in r.text for r in responses),
    }


def own_changes() -> list[tuple[Measure, int]]:
    """Return ten flows of NPRZ as a whole (not the home visits), each with a step of one towards last month.

    A step towards the month before raises no plausibility warning, which would need a confirmation.
    """
    chosen = []
    for measure in Measure.objects.filter(kind="flow", by_area=False, allows_decimals=False).order_by("id"):
        values = dict(
            ActivityRecord.objects.filter(
                measure=measure, area__code="NPRZ", month__in=["2026-09-01", f"{MONTH}-01"]
            ).values_list("month", "value")
        )
        if measure.slug == "huisbezoeken" or len(values) < 2:
            continue
        now, before = values[dt.date(2026, 10, 1)], values[dt.date(2026, 9, 1)]
        chosen.append((measure, -1 if now > before else 1))
    assert len(chosen) >= 10, [m.slug for m, _ in chosen]
    return chosen[:10]


def save_own_figures(server, changes) -> tuple[dict, list]:
    clients = [browser(server, f"invoerder{n}") for n in range(10)]
    posts = []
    measures = [measure for measure, _ in changes]
    for client, (measure, step) in zip(clients, changes, strict=True):
        form = entry_form(client)
        key = f"m-{measure.id}-NPRZ"
        form[key] = str(dutch_int(form[key]) + step)
        form["reason"] = "Gelijktijdige invoer"
        posts.append((client, form, key))
    responses = at_once([lambda c=c, f=f: c.post(f"/entry/{MONTH}/", f) for c, f, _ in posts])
    return counted(responses, 302, CONFLICT), [(measure, int(form[key])) for (_, form, key), measure in
                                               zip(posts, measures, strict=True)]  # fmt: skip


def save_one_figure(server, visits) -> tuple[dict, list, list]:
    clients = [browser(server, f"invoerder{n}") for n in range(10)]
    key = f"m-{visits.id}-NPRZ"
    posts = []
    for number, client in enumerate(clients, start=1):
        form = entry_form(client)
        form[key] = str(dutch_int(form[key]) + number)
        form["reason"] = "Gelijktijdige correctie"
        posts.append((client, form))
    responses = at_once([lambda c=c, f=f: c.post(f"/entry/{MONTH}/", f) for c, f in posts])
    return counted(responses, 302, CONFLICT), responses, [int(f[key]) for _, f in posts]


def confirm_two_imports(server, visits) -> tuple[dict, list, list]:
    clients = [browser(server, f"invoerder{n}") for n in range(2)]
    current = record_value(server, visits)
    confirms, values = [], []
    for number, client in enumerate(clients, start=1):
        page = client.get("/entry/import/")
        token = forms_of(page.text)[-1]["csrfmiddlewaretoken"]
        content = f"maand;cijfer;gebied;waarde\r\n{MONTH};verzuimaanpak/huisbezoeken;NPRZ;{current + number}\r\n"
        preview = client.post_file(
            "/entry/import/", {"csrfmiddlewaretoken": token, "step": "preview"}, "file", "invoer.csv", content.encode()
        )
        form = next(f for f in forms_of(preview.text) if f.get("step") == "confirm")
        form["reason"] = "Gelijktijdige import"
        # An editor who saw warnings in the preview gives each a reason; which value warns depends on
        # which save won above, and the winner of the race must not depend on it.
        form.update({name: "Gelijktijdige import" for name in form if name.startswith("override-")})
        confirms.append((client, form))
        values.append(current + number)
    responses = at_once([lambda c=c, f=f: c.post("/entry/import/", f) for c, f in confirms])
    return counted(responses, 302, STALE_IMPORT), responses, values


def publish_twice(server) -> tuple[dict, list]:
    quarter = reports.reportable_quarters(dt.date.today())[-1]
    url = f"/reports/{quarter.year}/q{quarter.number}/"
    clients = [browser(server, f"manager{n}") for n in range(2)]
    posts = []
    for client in clients:
        page = client.get(f"{url}?version=concept")
        form = next(f for f in forms_of(page.text) if "revisie_caseload" in f)
        form["publiceren"] = form["bevestigen"] = "1"  # as the confirmation page posts it
        posts.append((client, form))
    responses = at_once([lambda c=c, f=f: c.post(url, f) for c, f in posts])
    return counted(responses, 302, SECOND_VERSION), responses


def test_simultaneous_writes_give_no_server_error_and_lose_nothing(live):
    changes = own_changes()
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    events_before = count(live, "monitoring_changeevent")
    table = {}

    # 1. Ten editors save the month at once, each their own figure: every save lands.
    table["10 saves, own figure"], expected = save_own_figures(live, changes)
    assert table["10 saves, own figure"]["saved"] == 10, table
    assert {m.slug: record_value(live, m) for m, _ in expected} == {m.slug: v for m, v in expected}

    # 2. Ten editors save the same figure at once: one lands, nine are told someone else was first.
    table["10 saves, same figure"], responses, values = save_one_figure(live, visits)
    winners = [v for r, v in zip(responses, values, strict=True) if r.status == 302]
    assert table["10 saves, same figure"] == {"server errors": 0, "saved": 1, "Dutch conflict message": 9, "other": 0}
    assert record_value(live, visits) == winners[0]

    # 3. Two editors confirm an import of the same figure at once: one lands, one must look again.
    table["2 import confirmations"], responses, values = confirm_two_imports(live, visits)
    winners = [v for r, v in zip(responses, values, strict=True) if r.status == 302]
    assert table["2 import confirmations"] == {
        "server errors": 0,
        "saved": 1,
        "Dutch conflict message": 1,
        "other": 0,
    }, answers(responses)
    assert record_value(live, visits) == winners[0]

    # 4. Two managers publish the same quarter at once: one version, one Dutch refusal.
    table["2 publications"], responses = publish_twice(live)
    assert table["2 publications"] == {"server errors": 0, "saved": 1, "Dutch conflict message": 1, "other": 0}, [
        answers(responses)
    ]
    assert count(live, "monitoring_reportversion") == 1

    assert count(live, "monitoring_changeevent") == events_before + 10 + 1 + 1
    log.info("concurrency on %s: %s", connection.vendor, table)
