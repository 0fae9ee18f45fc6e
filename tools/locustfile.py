"""Locust users for `make loadtest`: logged-in viewers and managers reading the dashboard.

Started by tools/loadtest.py, which passes the pages to read in the environment and
names the users: Viewer and Manager for the mix, OverviewViewer and OverviewManager for / alone.
Each user logs in through the login form behind the simulated TLS proxy, then
reads without pausing (a closed loop), so req/s shows what the server can do.
"""

import os
import random
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, constant, task

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
AREAS = os.environ.get("LOADTEST_AREAS", "NPRZ").split(",")
ACTIVITIES = os.environ.get("LOADTEST_ACTIVITIES", "/activities/").split(",")
REPORT = os.environ.get("LOADTEST_REPORT", "/reports/")
LOGIN = "/accounts/login/"


class LoggedIn(FastHttpUser):
    """A user who logs in through the form first, then reads without pausing."""

    abstract = True
    username = ""
    wait_time = constant(0)
    default_headers = PROXY_HEADERS

    def on_start(self):
        self.client.get(LOGIN, name="inloggen")
        self.forget_secure_flags()
        token = next(c.value for c in self.client.cookiejar if c.name == "csrftoken")
        origin = "https://" + urlsplit(self.host).netloc
        body = urlencode({"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + LOGIN,
        }
        with self.client.post(
            LOGIN, data=body, headers=headers, name="inloggen", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"inloggen als {self.username} gaf {response.status_code}")
        self.forget_secure_flags()

    def forget_secure_flags(self):
        """Send the app's https-only cookies over the simulated proxy's plain http hop, as the proxy does."""
        for cookie in self.client.cookiejar:
            cookie.secure = False

    def read(self, path: str, name: str) -> None:
        """Request a page; being sent to the login page counts as an error, not as a fast answer."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Reader(LoggedIn):
    """The mix: the pages people read, / most."""

    abstract = True

    @task(4)
    def overview(self):
        self.read("/", "/")

    @task(2)
    def caseload(self):
        self.read(f"/caseload/?area={random.choice(AREAS)}", "/caseload/?area=…")  # noqa: S311

    @task(2)
    def activity_list(self):
        self.read("/activities/", "/activities/")

    @task(2)
    def activity(self):
        self.read(random.choice(ACTIVITIES), "/activities/<slug>/")  # noqa: S311

    @task(2)
    def report(self):
        self.read(REPORT, "gepubliceerde rapportage")


class OverviewReader(LoggedIn):
    """Only /: what the overview alone can serve (`make loadtest LOADTEST_MIX=overview`)."""

    abstract = True
    tasks = [Reader.overview]


class Viewer(Reader):
    username = "wethouder"


class Manager(Reader):
    username = "programmamanager"


class OverviewViewer(OverviewReader):
    username = "wethouder"


class OverviewManager(OverviewReader):
    username = "programmamanager"
