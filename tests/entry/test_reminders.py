"""send_reminders: due, late, waiting for approval, published; each message once; real SMTP on loopback."""

import datetime as dt
import email
import email.policy
import io
import re
import smtplib
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from accounts.models import Preference
from monitoring.models import SentReminder
from nprz_dashboard import clock
from nprz_dashboard.environment import email_settings
from nprz_dashboard.periods import Month, Quarter
from programme.entry import reminders, workflow
from programme.reports.services import publish
from tests.conftest import make_user
from tests.helpers import approve_quarter


def run() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def with_email(username, role, address=None):
    user = make_user(username, role)
    user.email = address if address is not None else f"{username}@rotterdam.example"
    user.save()
    return user


@pytest.fixture
def people(db):
    return {
        "editor": with_email("invoerder", "editor"),
        "manager": with_email("manager", "manager"),
        "viewer": with_email("lezer", "viewer"),
        "no_mail": with_email("zonder-adres", "editor", address=""),
    }


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def at(monkeypatch, day: dt.date):
    monkeypatch.setattr(clock, "today", lambda: day)


def test_editors_hear_once_that_the_open_month_is_late(people, settings):
    settings.SITE_URL = "https://werkmonitor.rotterdam.example"
    output = run()  # today is 27 November: October was due on 15 November and misses its outflow to work
    messages = sent_to("invoerder@rotterdam.example")
    assert [m.subject for m in messages] == ["Te laat: cijfers van oktober 2026 (uiterlijk 15-11-2026)"]
    assert "https://werkmonitor.rotterdam.example/entry/2026-10/" in messages[0].body
    assert "Uitzetten kan op je profiel: https://werkmonitor.rotterdam.example/profile/" in messages[0].body
    assert "Herinneringen: 1 verstuurd" in output
    assert not sent_to("manager@rotterdam.example")  # nothing waits for approval
    assert not any(m.to == [""] for m in mail.outbox)  # no address, no message

    mail.outbox.clear()
    assert "0 verstuurd, 1 al eerder verstuurd" in run()
    assert mail.outbox == []


def test_editors_hear_three_days_before_a_month_is_due(people, monkeypatch):
    at(monkeypatch, dt.date(2026, 12, 12))  # November is due on 15 December
    run()
    subjects = [m.subject for m in sent_to("invoerder@rotterdam.example")]
    assert "Over 3 dagen: cijfers van november 2026 uiterlijk 15-12-2026" in subjects
    at(monkeypatch, dt.date(2026, 12, 13))
    mail.outbox.clear()
    run()
    assert not [m for m in mail.outbox if "november 2026" in m.subject]  # once, not every day


def test_nobody_hears_about_a_month_due_later_than_three_days(people, monkeypatch):
    at(monkeypatch, dt.date(2026, 12, 11))
    run()
    assert not [m for m in mail.outbox if "november 2026" in m.subject]


def test_managers_hear_when_a_month_waits_for_approval(people):
    workflow.submit_period(Month(2026, 10), people["editor"])
    run()
    [message] = sent_to("manager@rotterdam.example")
    assert message.subject == "Oktober 2026 wacht op je goedkeuring"
    assert "invoerder heeft de cijfers van oktober 2026 ingediend" in message.body
    assert not [m for m in sent_to("invoerder@rotterdam.example") if "Te laat" in m.subject]  # submitted: not late


def test_viewers_hear_when_a_report_is_published(people):
    approve_quarter(Quarter(2026, 3))
    publish(Quarter(2026, 3), people["manager"])
    run()
    [message] = sent_to("lezer@rotterdam.example")
    assert message.subject == "Gepubliceerd: kwartaalrapportage kw. 3 2026"
    assert "/reports/2026/q3/" in message.body


def test_no_reminder_carries_a_figure_so_disclosure_control_has_nothing_to_mask(people):
    """Issue 19: reminders are a channel too. A viewer's message names the quarter and links to the report,
    whose page applies disclosure control; editors and managers read only how many slots are filled."""
    approve_quarter(Quarter(2026, 3))
    publish(Quarter(2026, 3), people["manager"])
    workflow.submit_period(Month(2026, 10), people["editor"])
    run()
    [message] = sent_to("lezer@rotterdam.example")
    text = message.subject + " " + message.body
    for pattern in (r"https?://\S+", r"\d{1,2}-\d{1,2}-\d{4}", r"kw\. \d 2026", r"\de kwartaal 2026"):
        text = re.sub(pattern, " ", text)
    assert not re.search(r"\d", text), text
    for address in ("invoerder@rotterdam.example", "manager@rotterdam.example"):
        for sent in sent_to(address):
            assert re.search(r"Nu zijn [\d.]+ van [\d.]+ cijfers ingevuld\.", sent.body)


def test_a_user_who_switched_reminders_off_gets_nothing(people):
    Preference.objects.create(user=people["editor"], reminders=False)
    run()
    assert not sent_to("invoerder@rotterdam.example")
    assert not SentReminder.objects.filter(user=people["editor"]).exists()


def test_a_run_that_overlaps_another_skips_what_the_other_claimed(people):
    due = reminders.due_reminders(clock.today())
    late = next(r for r in due if r.user == people["editor"])
    SentReminder.objects.create(kind=late.kind, subject_key=late.subject_key, user=late.user, address="x@y")
    outcome = reminders.send(due)
    assert (outcome.sent, outcome.skipped) == (0, 1)
    assert mail.outbox == []


def test_a_message_the_server_refuses_is_tried_again_next_run(people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nobody listens
    with pytest.raises(SystemExit):
        run()
    assert not SentReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run()
    assert len(sent_to("invoerder@rotterdam.example")) == 1


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers but refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"nee") for m in messages})


def test_a_message_the_server_refuses_gives_its_claim_back(people, settings):
    settings.EMAIL_BACKEND = "tests.entry.test_reminders.RefusingBackend"
    with pytest.raises(SystemExit):
        run()
    assert not SentReminder.objects.exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_a_due_reminder_goes_out_once_over_a_real_smtp_connection(people, settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.DEFAULT_FROM_EMAIL = "NPRZ Werkmonitor <werkmonitor@rotterdam.example>"
        run()
        run()
    finally:
        controller.stop()
    [(sender, to, content)] = inbox.messages
    assert (sender, to) == ("werkmonitor@rotterdam.example", ["invoerder@rotterdam.example"])
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert message["Subject"] == "Te laat: cijfers van oktober 2026 (uiterlijk 15-11-2026)"
    assert "/entry/2026-10/" in message.get_content()
    assert SentReminder.objects.get().sent_at is not None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://relay.rotterdam.example", {"EMAIL_HOST": "relay.rotterdam.example", "EMAIL_PORT": 25}),
        ("smtp://mailer:ge%40heim@mail.example:587", {"EMAIL_HOST_PASSWORD": "ge@heim", "EMAIL_USE_TLS": True}),
        ("smtps://mailer:x@mail.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
    ],
)
def test_email_url_sets_the_backend(url, expected):
    assert expected.items() <= email_settings(url).items()


@pytest.mark.parametrize("url", ["http://mail.example", "smtp://", "smtp://mail.example:poort"])
def test_an_unclear_email_url_stops_the_app(url):
    with pytest.raises(ImproperlyConfigured):
        email_settings(url)
