"""One logfmt line per request: method, path, status, ms and user id; never a password, query or figure."""

import logging
import re

import pytest

from nprz_dashboard.request_log import LogfmtFormatter

LOGGER = "nprz_dashboard.requests"


@pytest.fixture
def request_lines(caplog):
    """The request log as it is written: formatted by the logfmt formatter of the LOGGING setting."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    formatter = LogfmtFormatter()
    return lambda: [formatter.format(r) for r in caplog.records if r.name == LOGGER]


LINE = re.compile(
    r"time=\S+ level=info logger=nprz_dashboard\.requests method=(\w+) path=(\S+) status=(\d+) ms=(\d+) user=(\S+)"
)


def test_a_page_gives_one_line_with_method_path_status_time_and_user(viewer_client, viewer, request_lines):
    viewer_client.get("/caseload/?area=BU05991086")
    [line] = request_lines()
    assert LINE.fullmatch(line).groups()[:3] == ("GET", "/caseload/", "200")
    assert line.endswith(f"user={viewer.pk}")
    assert "BU05991086" not in line


def test_a_login_is_logged_without_the_password(client, viewer, request_lines):
    client.post("/accounts/login/?next=/targets/", {"username": "wethouder", "password": "correct-horse-battery"})
    [line] = request_lines()
    assert LINE.fullmatch(line).groups()[:3] == ("POST", "/accounts/login/", "302")
    assert "correct-horse" not in line
    assert "wethouder" not in line
    assert "next" not in line


def test_figures_sent_with_the_entry_form_stay_out_of_the_log(editor_client, request_lines):
    editor_client.post("/entry/2026-10/", {"NPRZ-caseload": "98765", "reden": "geheime toelichting"})
    [line] = request_lines()
    assert LINE.fullmatch(line).group(2) == "/entry/2026-10/"
    assert "98765" not in line
    assert "geheime" not in line


def test_anonymous_requests_have_no_user_id(client, db, request_lines):
    client.get("/healthz")
    assert request_lines()[0].endswith("user=-")


def test_values_with_spaces_or_quotes_are_quoted():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, 'Forbidden (CSRF "token"): /a b', None, None)
    assert LogfmtFormatter().format(record).endswith(r'msg="Forbidden (CSRF \"token\"): /a b"')
