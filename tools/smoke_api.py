"""`make smoke`, the API part: a reader makes a token on the profile page and reads the figures with it.

Through gunicorn and the simulated TLS proxy, as Power BI would: JSON and the
Dutch CSV with the token alone (no session), no-store on the answers, 401
without a token and after revoking it. Returns the token so the server log can
be checked for it.
"""

import re

import requests

from tools.site_client import PROXY_HEADERS, SiteClient, parse_page

FIGURES = "/api/v1/caseload-figures/?page_size=5"


def make_token(viewer: SiteClient, name: str, findings) -> str:
    """Make an API token on the profile page, as a reader does; return it ("" when that fails)."""
    form = parse_page(viewer.get("/profile/").text).form_with("name")
    response = viewer.post(form.action, {**form.fields, "name": name, "days": "30"})
    match = re.search(r'id="new-token"[^>]*value="([^"]+)"', response.text)
    findings.requests += 2
    if response.status_code != 200 or not match:
        findings.fail(f"lezer: een API-sleutel maken op /profile/ gaf {response.status_code} zonder sleutel")
        return ""
    return match.group(1)


def token_session(token: str) -> requests.Session:
    """A client with the token alone, as a BI tool sends it: no session cookie."""
    api = requests.Session()
    api.headers.update({**PROXY_HEADERS, "Authorization": f"Bearer {token}"})
    return api


def check_api(viewer: SiteClient, findings) -> str:
    """Make, use and revoke a token as the reader; record what is wrong; return the token."""
    token = make_token(viewer, "smoketest", findings)
    if not token:
        return ""
    api = token_session(token)
    figures = api.get(viewer.url(FIGURES), timeout=60)
    csv = api.get(viewer.url(FIGURES + "&format=csv"), timeout=60)
    anonymous = requests.get(viewer.url(FIGURES), headers=PROXY_HEADERS, timeout=60)
    findings.requests += 3
    body = figures.json() if figures.status_code == 200 else {}
    if not body.get("count") or len(body.get("results", [])) != min(5, body["count"]):
        findings.fail(f"API met sleutel: {FIGURES} gaf {figures.status_code}")
    if csv.status_code != 200 or not csv.content.startswith(b"\xef\xbb\xbfarea_code;"):
        findings.fail(f"API met sleutel: de CSV gaf {csv.status_code} {csv.headers.get('Content-Type')}")
    for response in (figures, csv, anonymous):
        if "no-store" not in response.headers.get("Cache-Control", ""):
            findings.fail(f"API: {response.url} zonder Cache-Control: no-store")
    if anonymous.status_code != 401:
        findings.fail(f"API zonder sleutel gaf {anonymous.status_code}, verwacht 401")
    revoke = [f for f in parse_page(viewer.get("/profile/").text).forms if f.action.endswith("/revoke/")]
    if not revoke:
        findings.fail("lezer: /profile/ toont geen knop om de API-sleutel in te trekken")
        return token
    viewer.post(revoke[0].action, revoke[0].fields)
    after = api.get(viewer.url(FIGURES), timeout=60)
    findings.requests += 4
    if after.status_code != 401:
        findings.fail(f"API met een ingetrokken sleutel gaf {after.status_code}, verwacht 401")
    return token
