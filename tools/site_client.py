"""An HTTP client for a deployed instance, as a browser behind the TLS proxy sees it.

The proxy is simulated: every request carries X-Forwarded-Proto: https, and
the Origin/Referer a browser on https would send, so Django's https-only
cookies and CSRF checks work exactly as in production.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


class SiteClient:
    """A requests session logged in (or not) on one instance."""

    def __init__(self, base_url: str, timeout: float = 60):
        self.base_url = base_url.rstrip("/")
        self.https_origin = "https://" + urlsplit(self.base_url).netloc
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update(PROXY_HEADERS)

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path.lstrip("/"))

    def get(self, path: str, **kwargs) -> requests.Response:
        return self._send("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        headers = {"Origin": self.https_origin, "Referer": self.https_origin + path}
        return self._send("POST", path, data=data, headers=headers, **kwargs)

    def _send(self, method: str, path: str, **kwargs) -> requests.Response:
        response = self.session.request(method, self.url(path), timeout=self.timeout, **kwargs)
        # The app marks its cookies Secure (https only). The simulated proxy's last hop is
        # plain http, so the client drops the flag, as the proxy passes the cookies on.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def login(self, username: str, password: str) -> None:
        """Log in through the login form; stop with a clear message when it is refused."""
        form = parse_page(self.get("/accounts/login/").text).form_with("password")
        data = {**form.fields, "username": username, "password": password}
        response = self.post("/accounts/login/", data, allow_redirects=False)
        if response.status_code != 302:
            raise SystemExit(f"FOUT: inloggen als {username} mislukte (status {response.status_code})")

    def cookies_for_browser(self) -> list[dict]:
        """The session's cookies in Playwright's format, sent over the simulated proxy's plain http hop."""
        host = urlsplit(self.base_url).hostname
        return [{"name": c.name, "value": c.value, "domain": host, "path": "/"} for c in self.session.cookies]


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[str] = field(default_factory=list)
    textareas: list[str] = field(default_factory=list)


@dataclass
class Page:
    links: list[str] = field(default_factory=list)  # <a href>
    assets: list[str] = field(default_factory=list)  # <link href>, <script src>, <img src>
    forms: list[Form] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # <select name> → its option values

    def form_with(self, name: str) -> Form:
        """Return the first form with a field or button called `name`."""
        for form in self.forms:
            if name in form.fields or name in form.buttons:
                return form
        raise SystemExit(f"FOUT: geen formulier met een veld '{name}' op de pagina")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.page = Page()
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        elif (tag == "link" and a.get("href")) or (tag in ("script", "img") and a.get("src")):
            self.page.assets.append(a.get("href") or a["src"])
        elif tag == "form":
            self.page.forms.append(Form(action=a.get("action", "")))
        elif self.page.forms and tag in ("input", "button") and a.get("name"):
            form = self.page.forms[-1]
            if tag == "button" or a.get("type") == "submit":
                form.buttons.append(a["name"])
            elif a.get("type") not in ("checkbox", "radio") or "checked" in a:
                form.fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.page.options.setdefault(self._select, [])
        elif tag == "option" and self._select and "value" in a:
            self.page.options[self._select].append(a["value"])
        elif self.page.forms and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.page.forms[-1].fields[a["name"]] = ""
            self.page.forms[-1].textareas.append(a["name"])

    def handle_data(self, data):
        if self._textarea:
            self.page.forms[-1].fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            form = self.page.forms[-1]
            # Browsers drop the newline that follows <textarea>; so does the form we send.
            form.fields[self._textarea] = form.fields[self._textarea].removeprefix("\r").removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def parse_page(html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    return parser.page


def visible_text(html: str) -> str:
    """Return what a reader sees of a page: tags, scripts and styles out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def css_references(css: str) -> list[str]:
    """Return the url(...) references of a stylesheet that load files (not data: URIs or #fragments)."""
    return [ref for ref in CSS_URL.findall(css) if not ref.startswith(("data:", "#"))]
