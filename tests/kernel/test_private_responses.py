"""Nothing a logged-in user sees is stored by a browser or proxy cache; sessions end after 8 idle hours."""

import datetime as dt
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from nprz_dashboard.middleware import LAST_ACTIVITY, REFRESH


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "no-cache", "private"} <= directives


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/caseload/",
        "/caseload/figures/",
        "/caseload/figures/?_export=csv",
        "/caseload/figures/?_export=xlsx",
        "/activities/",
        "/activities/verzuimaanpak/?_export=xlsx",
        "/targets/",
        "/reports/",
        "/begrippen/",
        "/bestaat-niet/",
    ],
)
def test_every_page_and_export_of_a_reader_is_marked_no_store(viewer_client, url):
    assert no_store(viewer_client.get(url))


@pytest.mark.parametrize("url", ["/entry/", "/entry/2026-10/", "/entry/import/?template=csv", "/accounts/blokkades/"])
def test_the_pages_and_downloads_of_managers_are_marked_no_store(manager_client, url):
    assert no_store(manager_client.get(url))


def test_a_report_pdf_is_marked_no_store(manager_client, monkeypatch):
    from programme.reports import pdf

    monkeypatch.setattr(pdf, "render", lambda *args, **kwargs: pdf.Pdf(b"%PDF-1.7 test", 0.0))
    response = manager_client.get("/reports/2025/q1.pdf?version=concept")
    assert response["Content-Type"] == "application/pdf"
    assert no_store(response)


def test_the_login_page_is_not_cached_either(client):
    assert no_store(client.get("/accounts/login/"))


def test_the_session_cookie_ends_with_the_browser(viewer):
    client = Client()
    response = client.post("/accounts/login/", {"username": "wethouder", "password": "correct-horse-battery"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def session_of(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_expires_eight_hours_after_the_last_activity(viewer_client):
    session = session_of(viewer_client)
    remaining = (session.expire_date - session.expire_date.now(session.expire_date.tzinfo)).total_seconds()
    assert 8 * 3600 - 60 < remaining <= 8 * 3600


def test_activity_after_five_minutes_moves_the_expiry_and_is_stamped_at_most_every_five_minutes(viewer_client):
    stored = viewer_client.session
    stored[LAST_ACTIVITY] = int(time.time()) - REFRESH - 1  # the last stamp is older than five minutes
    stored.save()
    before = session_of(viewer_client).expire_date
    viewer_client.get("/")
    after = session_of(viewer_client).expire_date
    assert after > before
    viewer_client.get("/")  # within five minutes of the stamp: no write
    assert session_of(viewer_client).expire_date == after


def test_after_eight_idle_hours_the_reader_has_to_log_in_again(viewer_client):
    Session.objects.filter(session_key=viewer_client.session.session_key).update(
        expire_date=Session.objects.get(session_key=viewer_client.session.session_key).expire_date
        - dt.timedelta(hours=8, minutes=1)
    )
    response = viewer_client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_session_stamped_eight_hours_ago_is_logged_out_even_if_its_store_still_holds_it(viewer_client):
    stored = viewer_client.session
    stored[LAST_ACTIVITY] = int(time.time()) - settings.SESSION_COOKIE_AGE
    stored.save()  # the store's expiry moves on with the save; the stamp tells the last activity
    response = viewer_client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
