"""`make smoke`, two servers as one: two gunicorns over one PostgreSQL and one Redis, as behind a load balancer.

The second server runs as on a machine of its own (its own static files and PDF render
locks: Deployment.on_machine); the two share DJANGO_SECRET_KEY, the database and Redis,
as the README's "More app servers" says. With real requests, now to one, now to the other:

- a login made on one is valid on the other, and logging out on the other ends it on both;
- wrong passwords spread over both lock the username at the AXES_FAILURE_LIMIT-th, on both;
- a month's figure an editor saves on one shows on the other's next request, though that
  server had the page in its cache;
- the API's rate limit counts the requests to both: exactly API_RATE_LIMIT get through.

smoke.py checks the rest across the two: the PDF the worker prints at publication is
fetched from the second server, and every static file a page of the first names is
fetched from the second (built by its own collectstatic).
"""

import re
import secrets
import time

from tools.deployment import step
from tools.site_client import SiteClient, parse_page, visible_text
from tools.smoke_api import make_token, token_session

ACTIVITY_PAGE = "/activities/verzuimaanpak/"  # a cached page that shows the month's home visits
MEASURE_LABEL = "Verzuimaanpak: huisbezoeken: Huisbezoeken uitgevoerd"  # its field in the month's form
NEW_VALUE, NEW_VALUE_SHOWN = "4321", "4.321"
CACHE_HIT, CACHE_MISS = 'page;desc="hit"', 'page;desc="miss"'
FAILURE_LIMIT = 5  # AXES_FAILURE_LIMIT's default, which the smoke keeps
RATE_LIMIT = 120  # API_RATE_LIMIT's default (120/min), which the smoke keeps
RATE_WINDOW = 60
RATE_URL = "/api/v1/caseload-figures/?page_size=1"


def check_two_servers(first: str, second: str, password: str, findings) -> str:
    """Every check across the two servers; return the API token it made (the server log must not hold it)."""
    step(f"twee servers als één: {first} en {second}")
    editor = SiteClient(first)
    editor.login("invoerder", password)
    editor_on_second = SiteClient(second)
    editor_on_second.session.cookies.update(editor.session.cookies)  # the load balancer sends it to the other
    check_session(editor_on_second, findings)
    check_write(editor, editor_on_second, findings)
    check_logout(editor_on_second, editor, findings)
    check_lockout(first, second, findings)
    reader = SiteClient(first)
    reader.login("lezer", password)
    return check_rate_limit(reader, second, findings)


def check_session(editor_on_second: SiteClient, findings) -> None:
    """The session cookie from the first server's login opens the second's pages."""
    response = editor_on_second.get("/", allow_redirects=False)
    findings.requests += 1
    if response.status_code != 200 or "Ingelogd als invoerder" not in visible_text(response.text):
        findings.fail(f"ingelogd op de ene server, maar de andere gaf {response.status_code} op /")
    else:
        step("ingelogd op de ene server: de andere kent de sessie")


def check_write(editor: SiteClient, editor_on_second: SiteClient, findings) -> None:
    """A figure saved on the first server shows on the second's next request, though it had the page cached."""
    links = parse_page(editor.get("/entry/").text).links
    months = [link for link in links if re.fullmatch(r"/entry/\d{4}-\d{2}/", link)]
    if not months:
        findings.fail("invoerder: /entry/ toont geen maand om in te vullen")
        return
    month = months[0]
    html = editor.get(month).text
    field = re.search(rf'for="id_(m-\d+-NPRZ)">{re.escape(MEASURE_LABEL)}<', html)
    findings.requests += 2
    if not field:
        findings.fail(f"invoerder: {month} heeft geen veld '{MEASURE_LABEL}'")
        return
    editor_on_second.get(ACTIVITY_PAGE)
    before = editor_on_second.get(ACTIVITY_PAGE)
    findings.requests += 2
    kept = before.headers.get("Server-Timing")
    if kept != CACHE_HIT or NEW_VALUE_SHOWN in visible_text(before.text):
        findings.fail(f"de andere server hield {ACTIVITY_PAGE} niet in de cache ({kept})")
    form = parse_page(html).form_with(field.group(1))
    saved = editor.post(form.action or month, {**form.fields, field.group(1): NEW_VALUE}, allow_redirects=False)
    after = editor_on_second.get(ACTIVITY_PAGE)
    findings.requests += 2
    if saved.status_code != 302:
        findings.fail(f"invoerder: opslaan van {month} gaf {saved.status_code} in plaats van 302")
    elif after.headers.get("Server-Timing") != CACHE_MISS or NEW_VALUE_SHOWN not in visible_text(after.text):
        findings.fail(f"opgeslagen op de ene server, maar {ACTIVITY_PAGE} op de andere toont {NEW_VALUE_SHOWN} niet")
    else:
        step(f"{month} opgeslagen op de ene server: {ACTIVITY_PAGE} op de andere toont {NEW_VALUE_SHOWN} meteen")


def check_logout(editor_on_second: SiteClient, editor: SiteClient, findings) -> None:
    """Logging out on the second server ends the session on the first too."""
    logout = next(f for f in parse_page(editor_on_second.get("/").text).forms if f.action.endswith("/logout/"))
    editor_on_second.post(logout.action, logout.fields, allow_redirects=False)
    response = editor.get("/", allow_redirects=False)
    findings.requests += 3
    if response.status_code != 302 or "/accounts/login/" not in response.headers.get("Location", ""):
        findings.fail(f"uitgelogd op de ene server, maar de andere gaf {response.status_code} op /")


def check_lockout(first: str, second: str, findings) -> None:
    """Wrong passwords on both servers count together: the FAILURE_LIMIT-th locks the username on both."""
    username, wrong = f"smoketest-{secrets.token_hex(4)}", secrets.token_urlsafe(12)
    statuses = []
    for attempt in range(FAILURE_LIMIT + 1):
        client = SiteClient(first if attempt % 2 == 0 else second)
        form = parse_page(client.get("/accounts/login/").text).form_with("password")
        response = client.post("/accounts/login/", {**form.fields, "username": username, "password": wrong})
        statuses.append(response.status_code)
        findings.requests += 2
    expected = [200] * (FAILURE_LIMIT - 1) + [429, 429]
    if statuses != expected:
        findings.fail(f"foute wachtwoorden om en om op beide servers gaven {statuses}, verwacht {expected}")
    else:
        step(f"{FAILURE_LIMIT} foute wachtwoorden verdeeld over beide servers: de naam is op beide geblokkeerd")


def check_rate_limit(reader: SiteClient, second: str, findings) -> str:
    """RATE_LIMIT requests with one token, now to one server, now to the other, get through; the next gets 429."""
    token = make_token(reader, "smoketest-twee-servers", findings)
    if not token:
        return ""
    left = RATE_WINDOW - time.time() % RATE_WINDOW
    if left < 30:  # the count starts again each minute: all requests go in one
        time.sleep(left + 0.1)
    api = token_session(token)
    servers = [reader.base_url, second.rstrip("/")]
    statuses = [api.get(servers[i % 2] + RATE_URL, timeout=60) for i in range(RATE_LIMIT + 1)]
    findings.requests += len(statuses)
    got = [response.status_code for response in statuses]
    through = got.index(429) if 429 in got else len(got)
    retry_after = int(statuses[-1].headers.get("Retry-After", "0"))
    if got != [200] * RATE_LIMIT + [429] or not 0 < retry_after <= RATE_WINDOW:
        findings.fail(f"API-limiet over twee servers: {through} verzoeken door, verwacht {RATE_LIMIT}; {set(got)}")
    else:
        step(f"API-limiet: {RATE_LIMIT} verzoeken om en om over beide servers door, het volgende 429")
    for revoke in [f for f in parse_page(reader.get("/profile/").text).forms if f.action.endswith("/revoke/")]:
        reader.post(revoke.action, revoke.fields)
        findings.requests += 1
    return token
