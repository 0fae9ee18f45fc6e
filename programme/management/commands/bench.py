"""Measure the dashboard pages on large synthetic data sets, each in a database of its own.

`manage.py bench` starts one worker process per database and variant with
DATABASE_URL pointing at a fresh SQLite file under var/bench/ or a throwaway
PostgreSQL database `<PG_URL's name>_bench_<variant>` (created and dropped
here), so the development database is never touched. A worker migrates,
generates its data with the bulk loader, requests every page with Django's
test client and reports median and 95th-percentile server time, query count
and time spent in SQL.

Every variant is built first; the pages are then measured in rounds, the
variants taking turns (demo, scaled, scaled, demo, ...), so a machine whose
load changes during the run slows each variant alike. Each page larger than
demo size gets its growth: its median over its own median at demo size in the
same run (`groei`; `growth` and `sql_growth` in --json).

Variants:
  demo    the demo data of `seed_demo` (29 areas, December 2023 to last month)
  large   --years years (default 10) × every area × every caseload indicator
          and every recorded activity measure
  scaled  the same with --areas areas in total (default 500)
"""

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from activities.models import ActivityRecord
from activities.scale_data import generate_activity_records
from monitoring.models import Area, CaseloadFigure
from monitoring.setup.scale_data import add_neighbourhoods, generate_caseload
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import last_complete_month
from nprz_dashboard.roles import MANAGER

BENCH_DIR = Path(settings.BASE_DIR) / "var" / "bench"
VARIANTS = ["demo", "large", "scaled"]
DATABASES = ["sqlite", "postgres"]
BENCH_USER = "bench-programmamanager"  # a manager reaches every page, entry and concepts included


# --- measuring -----------------------------------------------------------------


def bench_urls(only: str = "") -> list[tuple[str, str]]:
    """Return the pages to measure as (name, url); `only`: comma-separated parts of a name or url to keep."""
    hood = Area.objects.neighbourhoods().focus().order_by("tree_order").first() or Area.objects.first()
    return [page for page in all_pages(hood) if wanted_page(page, only)]


def wanted_page(page: tuple[str, str], only: str) -> bool:
    """Whether a page (name, url) matches one of the comma-separated parts in `only` (every page when empty)."""
    parts = [part.strip() for part in only.split(",") if part.strip()]
    return not parts or any(part in page[0] or part in page[1] for part in parts)


def all_pages(hood: Area) -> list[tuple[str, str]]:
    """Return every page the bench knows as (name, url)."""
    return [
        ("overzicht", "/"),
        ("bijstandsbestand NPRZ", "/caseload/"),
        (f"bijstandsbestand {hood.name}", f"/caseload/?area={hood.code}"),
        ("cijfertabel", "/caseload/figures/"),
        ("cijfertabel gefilterd", f"/caseload/figures/?area={hood.code}&start=2024-01&status=definitief"),
        ("activiteiten", "/activities/"),
        ("activiteit huisbezoeken", "/activities/verzuimaanpak/"),
        ("activiteit wijkwerktafels (per wijk)", "/activities/wijkwerktafels/"),
        ("doelen", "/targets/"),
        ("kwartaalrapportages", "/reports/"),
        ("kwartaalrapportage kw. 1 2025 (concept)", "/reports/2025/q1/"),
        ("invoer: maanden", "/entry/"),
        ("invoer: maandformulier", f"/entry/{last_complete_month(clock.today()).key}/"),
        ("invoer: datakwaliteit", "/entry/quality/"),
        ("API: cijfers, pagina van 500 rijen", "/api/v1/caseload-figures/?page_size=500"),  # issue 15: ≤ 150 ms
    ]


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the values fall (linear interpolation)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class SqlTimer:
    """Count the queries of one request and the time spent executing them (a connection execute wrapper).

    On PostgreSQL execute() returns after the whole result has arrived; on SQLite
    it returns at the first row, so rows stepped through later are not counted.
    """

    def __init__(self):
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            self.seconds += time.perf_counter() - started


# The page cache is off: the bench measures what a page costs to build, as after a write.
@override_settings(CACHES={"default": {**settings.CACHES["default"], "TIMEOUT": 0}})
def measure(client: Client, urls: list[tuple[str, str]], repeat: int) -> list[dict]:
    """Request each page `repeat` times after one warm-up; return timings in ms, queries and SQL time.

    Each page also carries its raw timings (timings_ms, sql_timings_ms), so rounds can be merged.
    """
    results = []
    for name, url in urls:
        client.get(url)  # warm-up: template loading, first connection
        timings, sql_timings, queries, status = [], [], 0, 200
        for _ in range(repeat):
            timer = SqlTimer()
            with connection.execute_wrapper(timer):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            sql_timings.append(timer.seconds * 1000)
            queries, status = timer.queries, response.status_code
        results.append(
            {
                "page": name,
                "url": url,
                "status": status,
                "median_ms": statistics.median(timings),
                "p95_ms": percentile(timings, 0.95),
                "queries": queries,
                "sql_ms": statistics.median(sql_timings),
                "timings_ms": timings,
                "sql_timings_ms": sql_timings,
            }
        )
    return results


def merge_rounds(rounds: list[list[dict]]) -> list[dict]:
    """Merge the pages of several measuring rounds of one variant: medians and p95 over every request."""
    merged: dict[str, dict] = {}
    for pages in rounds:
        for page in pages:
            into = merged.setdefault(page["page"], {**page, "timings_ms": [], "sql_timings_ms": []})
            into["timings_ms"] += page["timings_ms"]
            into["sql_timings_ms"] += page["sql_timings_ms"]
            into["queries"], into["status"] = page["queries"], page["status"]
    results = []
    for page in merged.values():
        timings, sql_timings = page.pop("timings_ms"), page.pop("sql_timings_ms")
        page |= {
            "median_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95),
            "sql_ms": statistics.median(sql_timings),
            "requests": len(timings),
        }
        results.append(page)
    return results


def add_growth(report: dict, demo: dict | None) -> dict:
    """Give each page of a report its growth over the same page at demo size: median and SQL time, ratios."""
    if demo is None or report is demo:
        return report
    at_demo = {page["page"]: page for page in demo["pages"]}
    for page in report["pages"]:
        base = at_demo.get(page["page"])
        if base and base["median_ms"] > 0:
            page["growth"] = page["median_ms"] / base["median_ms"]
            page["sql_growth"] = page["sql_ms"] / base["sql_ms"] if base["sql_ms"] > 0 else None
    return report


def split(repeat: int, rounds: int) -> list[int]:
    """Return how many requests each round makes: `repeat` in all, as even as can be."""
    return [repeat // rounds + (1 if i < repeat % rounds else 0) for i in range(rounds)]


def serve_the_test_client():
    """Let Django's test client request the pages as a server is requested: its host allowed, nothing more.

    Not setup_test_environment(): that makes every template render send a signal the
    client answers by copying the context, which triples the time of a page of
    thousands of form widgets (the month form) and is no part of serving it.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def bench_client() -> Client:
    """Return a test client logged in as a manager (created when missing)."""
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.groups.add(Group.objects.get_or_create(name=MANAGER)[0])
    client = Client()
    client.force_login(user)
    return client


class Command(BaseCommand):
    help = "Meet mediaan- en p95-servertijd, queries en SQL-tijd per pagina op grote synthetische data."

    def add_arguments(self, parser):
        parser.add_argument("--variants", default=",".join(VARIANTS), help="komma-gescheiden: demo,large,scaled")
        parser.add_argument("--database", default="sqlite", help="komma-gescheiden: sqlite,postgres (PG_URL)")
        parser.add_argument("--years", type=int, default=10, help="jaren synthetische data (standaard 10)")
        parser.add_argument("--areas", type=int, default=500, help="gebieden in de geschaalde variant (standaard 500)")
        parser.add_argument("--repeat", type=int, default=20, help="metingen per pagina (standaard 20)")
        parser.add_argument(
            "--rounds",
            type=int,
            default=4,
            help="meetrondes waarin de varianten elkaar afwisselen (standaard 4), zodat een wisselende "
            "belasting van de machine elke variant gelijk treft",
        )
        parser.add_argument(
            "--pages",
            default="",
            help="komma-gescheiden delen van een paginanaam of URL: meet alleen die pagina's "
            "(bijv. /caseload/,/entry/)",
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="elk rapport als één JSON-regel")
        parser.add_argument("--worker", help="intern: bouw één variant in de database van DATABASE_URL")
        parser.add_argument(
            "--measure", action="store_true", dest="measure_only", help="intern: meet een gebouwde variant"
        )

    def handle(
        self, *args, variants, database, years, areas, repeat, rounds=4, pages="", as_json=False, worker=None, **options
    ):
        if repeat < 1 or years < 1 or rounds < 1:
            raise CommandError("--repeat, --rounds en --years moeten minstens 1 zijn")
        if worker:
            refuse_foreign_database(worker)
            if options.get("measure_only"):
                serve_the_test_client()
                self.stdout.write(json.dumps({"pages": measure(bench_client(), bench_urls(pages), repeat)}))
            else:
                self.stdout.write(json.dumps(self.build(worker, years, areas)))
            return
        wanted, databases = choose(variants, VARIANTS, "variant"), choose(database, DATABASES, "database")
        rounds = min(rounds, repeat)
        for database_kind in databases:
            with ExitStack() as databases_built:
                urls = {v: databases_built.enter_context(bench_database(database_kind, v)) for v in wanted}
                reports = self.spawn(urls, years, areas, repeat, rounds, pages)
            demo = reports.get("demo")
            for variant in wanted:
                report = add_growth(reports[variant], demo)
                if as_json:
                    self.stdout.write(json.dumps(report))
                else:
                    self.write_table(report)

    def spawn(self, urls: dict[str, str], years: int, areas: int, repeat: int, rounds: int, pages: str) -> dict:
        """Build each variant in a child process against its database, then measure them in turns; report each.

        A fresh process measures as a server process would: building a million
        rows leaves a Python heap that slows the heaviest page by half. The
        variants take turns round by round (the order reversed every other
        round), so each sees the machine's load alike and their ratio is fair.
        """
        reports, measured = {}, {variant: [] for variant in urls}
        for variant, url in urls.items():
            self.stderr.write(f"{variant}: data maken in {Path(urlsplit(url).path).name} ...")
            reports[variant] = self.child(url, variant, "--years", str(years), "--areas", str(areas))
        order = list(urls)
        for number, requests in enumerate(split(repeat, rounds)):
            self.stderr.write(f"meetronde {number + 1} van {rounds} ({requests} verzoeken per pagina) ...")
            for variant in order if number % 2 == 0 else reversed(order):
                arguments = ["--measure", "--repeat", str(requests), "--pages", pages]
                measured[variant].append(self.child(urls[variant], variant, *arguments)["pages"])
        return {variant: {**reports[variant], "pages": merge_rounds(measured[variant])} for variant in urls}

    def child(self, url: str, variant: str, *arguments: str) -> dict:
        """Run `bench --worker variant *arguments` against the database at `url`; return its JSON line."""
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--worker", variant]
        env = {**os.environ, "DATABASE_URL": url}
        done = subprocess.run([*command, *arguments], env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise CommandError(f"variant {variant} mislukt:\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def build(self, variant: str, years: int, areas: int) -> dict:
        """Migrate the empty database and load the variant's data; return its size and setup time."""
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        last = last_complete_month(clock.today())
        with transaction.atomic():
            call_command("seed_demo", until=last.key, no_users=True, stdout=StringIO())
            if variant in ("large", "scaled"):
                if variant == "scaled":
                    add_neighbourhoods(areas)
                first = last - (12 * years - 1)
                generate_caseload(first, last)
                generate_activity_records(first, last)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # what autovacuum does in production: planner statistics
                cursor.execute("VACUUM ANALYZE")
        return {
            "variant": variant,
            "database": connection.vendor,
            "areas": Area.objects.count(),
            "caseload_rows": CaseloadFigure.objects.count(),
            "activity_rows": ActivityRecord.objects.count(),
            "setup_s": time.perf_counter() - started,
        }

    def write_table(self, report: dict):
        self.stdout.write(
            f"\n{report['variant']} ({report.get('database', 'sqlite')}): {report['areas']} gebieden, "
            f"{format_number(report['caseload_rows'])} bijstandscijfers, "
            f"{format_number(report['activity_rows'])} activiteitcijfers (opbouw {format_number(report['setup_s'])} s)"
        )
        self.stdout.write(
            f"{'pagina':<42} {'mediaan ms':>11} {'p95 ms':>8} {'queries':>8} {'SQL ms':>8} {'groei':>7}  status"
        )
        for page in report["pages"]:
            median, p95 = format_number(page["median_ms"], 1), format_number(page["p95_ms"], 1)
            sql = format_number(page["sql_ms"], 1)
            growth = f"{format_number(page['growth'], 1)} ×" if page.get("growth") is not None else "–"
            self.stdout.write(
                f"{page['page']:<42} {median:>11} {p95:>8} {page['queries']:>8} {sql:>8} {growth:>7}  {page['status']}"
            )


# --- databases -------------------------------------------------------------------


def choose(given: str, known: list[str], what: str) -> list[str]:
    """Return the comma-separated choices, refusing unknown ones."""
    wanted = [v.strip() for v in given.split(",") if v.strip()]
    unknown = set(wanted) - set(known)
    if unknown:
        raise CommandError(f"onbekende {what}: {', '.join(sorted(unknown))}")
    return wanted


@contextmanager
def bench_database(kind: str, variant: str):
    """Yield the URL of a fresh database for one variant; a PostgreSQL one is dropped afterwards."""
    if kind == "sqlite":
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path = BENCH_DIR / f"{variant}.sqlite3"
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    server = urlsplit(os.environ.get("PG_URL") or "")
    if server.scheme not in ("postgres", "postgresql"):
        raise CommandError(
            "--database postgres heeft PG_URL nodig, bijv. postgres://postgres@127.0.0.1:5432/werkmonitor"
        )
    name = f"{server.path.strip('/') or 'werkmonitor'}_bench_{variant}"
    maintenance = urlunsplit(server._replace(path="/postgres"))
    _on_server(maintenance, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)  # left over from a broken run
    _on_server(maintenance, "CREATE DATABASE {}", name)
    try:
        yield urlunsplit(server._replace(path=f"/{name}"))
    finally:
        _on_server(maintenance, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def _on_server(url: str, statement: str, name: str):
    """Run CREATE/DROP DATABASE, which cannot run in a transaction, on the PostgreSQL server."""
    import psycopg2  # only needed with --database postgres
    from psycopg2 import sql

    try:
        admin = psycopg2.connect(url)
    except psycopg2.OperationalError as error:
        raise CommandError(f"geen PostgreSQL-server op PG_URL: {error}".strip()) from error
    try:
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))
    finally:
        admin.close()


def refuse_foreign_database(variant: str):
    """Stop a worker that would write anywhere but a database made for this bench variant."""
    name = str(settings.DATABASES["default"]["NAME"])
    if connection.vendor == "sqlite":
        if Path(name).parent.resolve() != BENCH_DIR.resolve():
            raise CommandError(f"bench schrijft alleen in {BENCH_DIR}, niet in {name}")
    elif not name.endswith(f"_bench_{variant}"):
        raise CommandError(f"bench schrijft alleen in een eigen database …_bench_{variant}, niet in {name}")
