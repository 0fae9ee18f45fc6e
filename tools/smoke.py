"""`make smoke`: the product as deployed, checked from the outside.

Sets up a throwaway instance the way the README's production section says: a
fresh virtualenv with requirements.txt alone, PostgreSQL, `check --deploy`,
`migrate`, `load_official` (the letter's figures, no demo data), `collectstatic`
with the manifest storage, `createsuperuser`, gunicorn with gunicorn.conf.py,
debug off, behind a simulated TLS proxy, and the PDF worker on Redis; and a
second gunicorn as on a second machine behind the same load balancer: the same
database, Redis and secret key, its own static files (its own collectstatic) and
disk. It makes one user per role (as the administrator would in /admin/),
publishes a quarterly report as the programme manager through the normal form on
the first server, waits for the worker's PDF of it (a real A4 PDF) on the second, and then:

- anonymously: /healthz, the login page, the favicon, the https redirect;
- as each demo role: follows the links the pages offer, one per path pattern
  and kind (filtered, sorted and paged variants are requested but not
  followed), so every page of the URL contract, every activity, the published
  report with its PDF and every export format is requested; a reader gets 403
  on the editors' pages; the superuser does the same in /admin/;
- fails on any 5xx, any link that doesn't answer 200 (a PDF being prepared is
  asked again), any export of the wrong type, any page that shows the word
  "demo", any page that references a static file that is missing or not from the
  manifest (asked of the second server, as a load balancer may), / above 15 KB on
  the wire, an error or a password in the server or worker log;
- opens /, /caseload/ and the report page in Chromium as each role and fails
  on any console error or failed request;
- as the reader, makes an API token on the profile page, reads the figures
  with it as JSON and CSV, and revokes it (tools/smoke_api.py);
- across the two servers: a login made on one works on the other, a figure saved
  on one shows on the other's next page, wrong passwords and API requests count
  together on both (tools/smoke_scaleout.py).

Finally it backs the database up with pg_dump and restores it into a second
throwaway database. It is a standalone script rather than a management
command because it is a client of the deployed app: its own process never
loads the app's settings, exactly as an operator's checks wouldn't.
"""

import argparse
import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from tools.deployment import ROOT, Deployment, deployment, free_port, fresh_virtualenv, step, throwaway_database
from tools.site_client import PROXY_HEADERS, SiteClient, css_references, parse_page, visible_text
from tools.smoke_api import check_api
from tools.smoke_scaleout import check_two_servers

# One user per role, made as the technical administrator would (not the demo's shared logins).
ROLE_USERS = {"lezer": "viewer", "invoerder": "editor", "teamleider": "manager"}
MAKE_USERS = (  # as `manage.py shell -c`: each user with the password in DEMO_PASSWORD and one role group
    "import os; from django.contrib.auth.models import Group, User; "
    "[User.objects.create_user(n, password=os.environ['DEMO_PASSWORD']).groups.add(Group.objects.get(name=r)) "
    "for n, r in {users!r}.items()]"
)
PDF_WAIT_SECONDS = 120
DEMO_WORD = re.compile(r"demo", re.IGNORECASE)
BROWSER_PAGES = ["/", "/caseload/"]  # plus the published report
MAX_REQUESTS_PER_ROLE = 300  # the crawl is bounded; reaching this means a page grew a new family of links
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.\w+$")  # manifest names: charts.1a2b3c4d5e6f.js
EXPORT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ALL_CHARTS_DRAWN = "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.drawn === 'true')"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync"]
HTML_LIMIT_BYTES = 15 * 1024  # / travels in at most 15 KB compressed
SERVER_LOG = ROOT / "var" / "smoke-gunicorn.log"  # the last run's server log, kept for reading


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    requests: int = 0

    def fail(self, message: str) -> None:
        self.problems.append(message)
        print(f"  PROBLEEM: {message}", flush=True)


class StaticFiles:
    """Checks each static file a page references once: served, and named by the manifest."""

    def __init__(self, client: SiteClient, findings: Findings):
        self.client = client
        self.findings = findings
        self.checked: set[str] = set()

    def check(self, page_path: str, url: str) -> None:
        path = urlsplit(urljoin(page_path, url)).path
        if not path.startswith("/static/") or path in self.checked:
            return
        self.checked.add(path)
        response = self.client.get(path)
        self.findings.requests += 1
        if response.status_code != 200:
            self.findings.fail(f"{page_path} verwijst naar {path}, dat de andere server {response.status_code} geeft")
            return
        if not HASHED_NAME.search(path):
            self.findings.fail(f"{page_path} verwijst naar {path} zonder hash: de manifest-opslag is niet actief")
        if path.endswith(".css"):
            for ref in css_references(response.text):
                self.check(path, ref)


# Query parameters whose value chooses a different kind of response; any other value
# (an area, a year, a sort column, a page) only varies the data of the same page.
KIND_PARAMS = {"_export", "version", "view"}


def link_key(url: str) -> str:
    """Identify a link for the crawl: one per path pattern and kind, so the crawl stays bounded.

    Numbers in the path count as one (/entry/2025-03/ is /entry/N-N/), as do the
    values of parameters outside KIND_PARAMS; every activity (a slug) counts.
    """
    parts = urlsplit(url)
    query = sorted((k, v if k in KIND_PARAMS else "*") for k, v in parse_qsl(parts.query))
    return re.sub(r"\d+", "N", parts.path) + "?" + urlencode(query)


def is_variant(url: str) -> bool:
    """A page filtered, sorted or paged: checked, but its links are those of the page itself, so not followed."""
    return any(k not in KIND_PARAMS for k, _ in parse_qsl(urlsplit(url).query))


def crawl(
    client: SiteClient,
    who: str,
    start: list[str],
    follow: Callable[[str], bool],
    static: StaticFiles,
    findings: Findings,
    forbid_demo: bool = True,
) -> list[str]:
    """Request the start pages and every link they lead to that `follow` allows; return the paths seen.

    With forbid_demo a page that shows the word "demo" is a problem: there is no demo data.
    """
    queue = list(start)
    seen = {link_key(url) for url in queue}
    visited = []
    while queue:
        url = queue.pop(0)
        if len(visited) >= MAX_REQUESTS_PER_ROLE:
            findings.fail(f"{who}: meer dan {MAX_REQUESTS_PER_ROLE} links; begrens de crawl (link_key)")
            break
        response = get_pdf(client, url, findings) if urlsplit(url).path.endswith(".pdf") else client.get(url)
        findings.requests += 1
        visited.append(url)
        if not check_response(who, url, response, findings):
            continue
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        if forbid_demo and DEMO_WORD.search(visible_text(response.text)):
            findings.fail(f"{who}: {url} toont 'demo' zonder demodata: {demo_context(response.text)}")
        page = parse_page(response.text)
        for asset in page.assets:
            static.check(urlsplit(response.url).path, asset)
        if is_variant(url):
            continue
        for href in page.links:
            target = urljoin(response.url, href)
            if urlsplit(target).netloc != urlsplit(client.base_url).netloc:
                continue  # another site (a source in the letter)
            link = urlsplit(target)._replace(scheme="", netloc="", fragment="").geturl()
            if follow(link) and link_key(link) not in seen:
                seen.add(link_key(link))
                queue.append(link)
    return visited


def demo_context(html: str) -> str:
    text = visible_text(html)
    found = DEMO_WORD.search(text)
    return text[max(0, found.start() - 60) : found.end() + 60] if found else ""


def get_pdf(client: SiteClient, path: str, findings: Findings):
    """Ask for a PDF until the worker has printed it (the app answers 202 meanwhile); return the last answer."""
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    response = client.get(path)
    while response.status_code == 202 and time.monotonic() < deadline:
        if "wordt voorbereid" not in visible_text(response.text):
            findings.fail(f"{path} gaf 202 zonder te zeggen dat de pdf wordt voorbereid")
            break
        time.sleep(1)
        response = client.get(path)
        findings.requests += 1
    return response


def check_report_pdf(client: SiteClient, report: str, findings: Findings) -> None:
    """The published report's PDF, printed by the worker: a real A4 PDF with the report's title."""
    from pypdf import PdfReader

    started = time.perf_counter()
    response = get_pdf(client, report.rstrip("/") + ".pdf", findings)
    findings.requests += 1
    if response.status_code != 200 or response.headers.get("Content-Type") != "application/pdf":
        findings.fail(f"de pdf van {report} gaf {response.status_code} {response.headers.get('Content-Type')}")
        return
    reader = PdfReader(io.BytesIO(response.content))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    step(f"pdf van {report}: {len(reader.pages)} pagina's, klaar na {time.perf_counter() - started:.0f} s")
    if "Kwartaalrapportage" not in first or abs(float(reader.pages[0].mediabox.height) - 841.9) > 1.5:
        findings.fail(f"de pdf van {report} is geen A4-rapportage: {first[:120]!r}")


def check_response(who: str, url: str, response, findings: Findings) -> bool:
    """Record what is wrong with a crawled response; return whether it is a good page."""
    if response.status_code >= 500:
        findings.fail(f"{who}: {url} gaf {response.status_code}")
        return False
    if response.status_code != 200:
        findings.fail(f"{who}: de link {url} gaf {response.status_code} in plaats van 200")
        return False
    content_type = response.headers.get("Content-Type", "")
    export = dict(parse_qsl(urlsplit(url).query)).get("_export")
    if export and not content_type.startswith(EXPORT_TYPES.get(export, "?")):
        findings.fail(f"{who}: de export {url} gaf {content_type}")
        return False
    if urlsplit(url).path.endswith(".pdf") and content_type != "application/pdf":
        findings.fail(f"{who}: de pdf {url} gaf {content_type}")
        return False
    return True


def follows_app_link(link: str) -> bool:
    path = urlsplit(link).path
    return not path.startswith(("/static/", "/admin/", "/accounts/logout/"))


def follows_admin_link(link: str) -> bool:
    """Admin pages without a query: index, lists, add and change forms, history; not every filter and sort."""
    parts = urlsplit(link)
    return (
        parts.path.startswith("/admin/")
        and not parts.query
        and not parts.path.startswith(("/admin/logout/", "/admin/r/"))
    )


def expect_status(client: SiteClient, path: str, status: int, findings: Findings, who: str, **kwargs):
    response = client.get(path, allow_redirects=False, **kwargs)
    findings.requests += 1
    if response.status_code != status:
        findings.fail(f"{who}: {path} gaf {response.status_code}, verwacht {status}")
    return response


def check_anonymous(base_url: str, findings: Findings) -> None:
    """What a probe, an anonymous visitor and a plain-http client get."""
    step("anoniem: healthz, login, favicon, https-redirect")
    anonymous = SiteClient(base_url)
    health = expect_status(anonymous, "/healthz", 200, findings, "anoniem")
    if health.text != "ok":
        findings.fail(f"/healthz antwoordde {health.text!r}")
    expect_status(anonymous, "/accounts/login/", 200, findings, "anoniem")
    expect_status(anonymous, "/", 302, findings, "anoniem")
    icon = expect_status(anonymous, "/favicon.ico", 302, findings, "anoniem")
    svg = anonymous.get(icon.headers.get("Location", "/favicon.ico"))
    if svg.status_code != 200 or not svg.headers.get("Content-Type", "").startswith("image/svg+xml"):
        got = f"{svg.status_code} {svg.headers.get('Content-Type')}"
        findings.fail(f"/favicon.ico leidt niet naar een svg-icoon ({got})")
    expect_status(anonymous, "/static/bestaat-niet.css", 404, findings, "anoniem")
    # Without the proxy's header the app sends plain http to https; a probe's /healthz is exempt.
    plain = SiteClient(base_url)
    plain.session.headers.pop("X-Forwarded-Proto")
    redirect = expect_status(plain, "/", 301, findings, "http zonder proxy")
    if not redirect.headers.get("Location", "").startswith("https://"):
        findings.fail(f"http zonder proxy: / stuurt naar {redirect.headers.get('Location')!r} in plaats van https")
    expect_status(plain, "/healthz", 200, findings, "http zonder proxy")


def publish_report(client: SiteClient, findings: Findings) -> str:
    """Publish the latest quarter's report through the manager's form; return its path."""
    step("de programmamanager publiceert de laatste kwartaalrapportage via het formulier")
    quarters = sorted(
        {link for link in parse_page(client.get("/reports/").text).links if re.fullmatch(r"/reports/\d{4}/q\d/", link)}
    )
    if not quarters:
        raise SystemExit("FOUT: /reports/ toont de programmamanager geen kwartaal om te publiceren")
    path = quarters[-1]
    form = parse_page(client.get(path).text).form_with("publiceren")
    data = {**form.fields, "publiceren": "", "bevestigen": "1"}  # straight past the confirmation page
    data[form.textareas[0]] = "Smoketest: toelichting bij de gepubliceerde rapportage."
    response = client.post(form.action or path, data, allow_redirects=False)
    findings.requests += 1
    if response.status_code != 302 or "version=1" not in response.headers.get("Location", ""):
        raise SystemExit(f"FOUT: publiceren van {path} mislukte (status {response.status_code})")
    return path


def check_compression(client: SiteClient, findings: Findings) -> None:
    """/ travels gzipped and within HTML_LIMIT_BYTES."""
    response = client.get("/", headers={"Accept-Encoding": "gzip"}, stream=True)
    size = len(response.raw.read(decode_content=False))
    findings.requests += 1
    step(f"/ reist als {response.headers.get('Content-Encoding', 'ongecomprimeerd')} in {size / 1024:.1f} KB")
    if response.headers.get("Content-Encoding") != "gzip" or size > HTML_LIMIT_BYTES:
        findings.fail(f"/ reist in {size} bytes ({response.headers.get('Content-Encoding')}), max {HTML_LIMIT_BYTES}")


def check_console(base_url: str, clients: dict[str, SiteClient], paths: list[str], findings: Findings) -> None:
    """Open the pages in Chromium as each role; any console error or failed request is a problem."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for who, client in clients.items():
                context = browser.new_context(base_url=base_url, extra_http_headers=PROXY_HEADERS)
                context.add_cookies(client.cookies_for_browser())
                page = context.new_page()
                errors: list[str] = []
                page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                page.on("response", lambda r, e=errors: e.append(f"{r.status} {r.url}") if r.status >= 400 else None)
                for path in paths:
                    errors.clear()
                    response = page.goto(path, wait_until="load")
                    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=30_000)
                    page.wait_for_timeout(300)  # let late console messages (favicon, fonts) arrive
                    findings.requests += 1
                    if response is None or response.status != 200:
                        findings.fail(f"Chromium als {who}: {path} gaf {response and response.status}")
                    for error in errors:
                        findings.fail(f"Chromium als {who} op {path}: {error}")
                context.close()
        finally:
            browser.close()


def backup_and_restore(d: Deployment, pg_url: str, findings: Findings) -> None:
    """The README's backup: pg_dump in custom format, restored into an empty database, with the same rows."""
    dump = d.workdir / "werkmonitor.dump"
    d.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", d.database_url])
    with throwaway_database(pg_url, "restore") as restored:
        d.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)])
        count = "SELECT (SELECT count(*) FROM monitoring_caseloadfigure), (SELECT count(*) FROM auth_user)"
        original, copy = (_psql(url, count) for url in (d.database_url, restored))
        if original != copy:
            findings.fail(f"de teruggezette back-up verschilt: {copy} in plaats van {original} rijen")


def _psql(url: str, query: str) -> str:
    done = subprocess.run(["psql", "-XAtq", url, "-c", query], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return done.stdout.strip()


def check_role_limits(viewer: SiteClient, report: str, findings: Findings) -> None:
    """A reader gets a plain 403 on the editors' and managers' pages, never a 500."""
    for path in ["/entry/", "/entry/import/", f"{report}?version=concept"]:
        expect_status(viewer, path, 403, findings, "lezer")


def check_site(d: Deployment, base_url: str, second_url: str, findings: Findings) -> list[str]:
    """Every check against the first server, anonymous first, then each role and the superuser.

    The published report's PDF and the static files are asked of the second server: the
    worker's PDF and the first server's hashed names must be there too. Returns the
    secrets it made (an API token), which the server log must not hold.
    """
    check_anonymous(base_url, findings)
    clients = {}
    for username in ROLE_USERS:
        clients[username] = SiteClient(base_url)
        clients[username].login(username, d.demo_password)
    report = publish_report(clients["teamleider"], findings)
    reader_on_second = SiteClient(second_url)
    reader_on_second.login("lezer", d.demo_password)
    check_report_pdf(reader_on_second, report, findings)
    static = StaticFiles(SiteClient(second_url), findings)
    for username, client in clients.items():
        start = ["/", report, report.rstrip("/") + ".pdf"]
        visited = crawl(client, username, start, follows_app_link, static, findings)
        step(f"{username} ({ROLE_USERS[username]}): {len(visited)} pagina's en downloads")
    check_role_limits(clients["lezer"], report, findings)
    admin = SiteClient(base_url)
    admin.login(d.admin_username, d.admin_password)
    # The admin names every choice a field has (its filters offer "demo" as an origin): not checked for it.
    visited = crawl(admin, "superuser", ["/admin/"], follows_admin_link, static, findings, forbid_demo=False)
    step(f"superuser: {len(visited)} beheerpagina's")
    check_compression(clients["lezer"], findings)
    step("Chromium: console van /, /caseload/ en de rapportage, per rol")
    check_console(base_url, clients, [*BROWSER_PAGES, report], findings)
    step("lezer: API-sleutel maken, cijfers ophalen als JSON en CSV, sleutel intrekken")
    return [check_api(clients["lezer"], findings)]


def check_server_log(log: str, secrets: list[str], findings: Findings) -> None:
    """Fail on every error the app logged and on any password in the log; print the slowest requests."""
    for secret in secrets:
        if secret in log:
            findings.fail("een wachtwoord staat in de serverlog")
    timings = []
    for line in log.splitlines():
        if "level=error" in line or "level=critical" in line:
            findings.fail(f"serverlog: {line[:300]}")
        request = re.search(r"method=(\w+) path=(\S+) status=(\d+) ms=(\d+)", line)
        if request:
            timings.append((int(request.group(4)), request.group(1), request.group(2), request.group(3)))
    slowest = ", ".join(f"{path} {ms} ms" for ms, _, path, _ in sorted(timings, reverse=True)[:5])
    total = sum(t[0] for t in timings) / 1000
    step(f"serverlog: {len(timings)} verzoeken, samen {total:.0f} s servertijd; traagst: {slowest}")


def check_worker_log(log: str, secrets: list[str], findings: Findings) -> None:
    """Fail on an error or a password in the PDF worker's log; say how many PDFs it printed."""
    for secret in secrets:
        if secret in log:
            findings.fail("een wachtwoord staat in de log van de pdf-worker")
    for line in log.splitlines():
        if "level=error" in line or "level=critical" in line or "Traceback" in line:
            findings.fail(f"pdf-worker: {line[:300]}")
    step(f"pdf-worker: {log.count('Job OK')} pdf's gemaakt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", required=True, help="PostgreSQL server; the throwaway database is named after it")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--redis-url", required=True, help="Redis for the page cache and the PDF queue (own prefix)")
    args = parser.parse_args()
    # Stopped from outside (Ctrl+C, CI timeout): still stop gunicorn and drop the throwaway databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    findings = Findings()
    with deployment(args.pg_url, "smoke") as d:
        d.python = fresh_virtualenv(d.workdir)
        d.redis_url = args.redis_url
        d.install_production()
        d.manage("shell", "--no-imports", "-c", MAKE_USERS.format(users=ROLE_USERS))
        d.manage("collectstatic", "--noinput", "--clear", machine="b")  # the second server's own static files
        # Two workers each are enough for one client at a time; make loadtest uses gunicorn.conf.py's count.
        with (
            d.pdf_worker(),
            d.gunicorn(args.port or free_port(), workers=2) as base_url,
            d.gunicorn(free_port(), workers=2, machine="b") as second_url,
        ):
            made = check_site(d, base_url, second_url, findings)
            made.append(check_two_servers(base_url, second_url, d.demo_password, findings))
        step(f"Redis: {d.forget_redis_keys()} sleutels van deze smoketest verwijderd")
        SERVER_LOG.write_text(d.server_log)
        secrets = [d.demo_password, d.admin_password, *filter(None, made)]
        check_server_log(d.server_log, secrets, findings)
        check_worker_log(d.worker_log, secrets, findings)
        backup_and_restore(d, args.pg_url, findings)
    seconds = time.perf_counter() - started
    if findings.problems:
        print(f"\nSMOKE MISLUKT: {len(findings.problems)} problemen ({findings.requests} verzoeken, {seconds:.0f} s)")
        return 1
    print(f"\nSmoke geslaagd: {findings.requests} verzoeken zonder fouten in {seconds:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
