"""Measure the dashboard pages on large synthetic data sets, each in its own SQLite file under var/bench/.

`manage.py bench` starts one worker process per variant with DATABASE_URL
pointing at a fresh file, so the development database is never touched. A
worker migrates, generates its data, requests every page with Django's test
client and reports median and 95th-percentile server time and query count.

Variants:
  demo    the demo data of `seed_demo` (29 areas, December 2023 to last month)
  large   --years years (default 10) × every area × every caseload indicator
          and every recorded activity measure
  scaled  the same with --areas areas in total (default 500)
"""

# ruff: noqa: S311 (deterministic demo numbers, not secrets)
import json
import os
import random
import statistics
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone

from monitoring.models import Area, AreaLevel, CaseloadFigure, CaseloadIndicator, FigureStatus, Origin
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Month, last_complete_month, month_range
from nprz_dashboard.roles import MANAGER

BENCH_DIR = Path(settings.BASE_DIR) / "var" / "bench"
VARIANTS = ["demo", "large", "scaled"]
BENCH_USER = "bench-programmamanager"  # a manager reaches every page, entry and concepts included
SEED = 20260101
INSERT_BATCH = 20_000


# --- data generation (also used by the tests to grow the data tenfold) ------


def add_neighbourhoods(total_areas: int) -> int:
    """Add synthetic neighbourhoods under the districts until there are `total_areas` areas; return how many."""
    districts = list(Area.objects.districts().order_by("tree_order"))
    missing = total_areas - Area.objects.count()
    if missing <= 0 or not districts:
        return 0
    order = Area.objects.order_by("-tree_order").values_list("tree_order", flat=True).first() or 0
    Area.objects.bulk_create(
        Area(
            code=f"BENCH{i:05d}",
            name=f"Testbuurt {i:03d}",
            level=AreaLevel.NEIGHBOURHOOD,
            parent=districts[i % len(districts)],
            population=random.Random(i).randint(800, 9000),
            tree_order=order + i + 1,
        )
        for i in range(missing)
    )
    return missing


def _insert(model, columns: list[str], rows: list[tuple]) -> int:
    """Insert plain rows in batches without history: bench data is not an audited write."""
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 (names from _meta)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH])
    return len(rows)


def generate_caseload(first: Month, last: Month) -> int:
    """Store synthetic figures for every area, indicator and month from first to last that are missing.

    Neighbourhood stocks follow a slow decline with noise; their flows close the
    stock-flow identity up to a small pension-age outflow; districts and NPRZ
    are the sums of their neighbourhoods, as in the real data.
    """
    rng = random.Random(SEED)
    areas = list(Area.objects.all())
    parent_of = {a.id: a.parent_id for a in areas}
    hoods = [a for a in areas if a.level == AreaLevel.NEIGHBOURHOOD]
    months = month_range(first, last)
    values: dict[tuple[str, int, Month], int] = {}
    for hood in hoods:
        level = (hood.population or 2000) * rng.uniform(0.04, 0.08)
        previous = round(level)
        for month in months:
            level = max(5.0, level * (1 - rng.uniform(0.0, 0.004)))
            stock = round(level)
            outflow = round(stock * rng.uniform(0.016, 0.019))
            pension = rng.randint(0, max(1, stock // 900))
            inflow = max(0, stock - previous + outflow + pension)
            for indicator, value in (
                (CaseloadIndicator.CASELOAD, stock),
                (CaseloadIndicator.INFLOW, inflow),
                (CaseloadIndicator.OUTFLOW, outflow),
                (CaseloadIndicator.OUTFLOW_TO_WORK, round(outflow * rng.uniform(0.45, 0.51))),
            ):
                area_id = hood.id
                while area_id is not None:  # the neighbourhood, its district and NPRZ
                    key = (indicator, area_id, month)
                    values[key] = values.get(key, 0) + value
                    area_id = parent_of[area_id]
            previous = stock
    existing = set(
        CaseloadFigure.objects.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
            "indicator", "area_id", "month"
        )
    )
    now = timezone.now()
    rows = [
        (indicator, area_id, month.first_day, value, _status(month, last), Origin.SYNTHETIC, "", now)
        for (indicator, area_id, month), value in values.items()
        if (indicator, area_id, month.first_day) not in existing
    ]
    columns = ["indicator", "area_id", "month", "value", "status", "origin", "note", "updated_at"]
    return _insert(CaseloadFigure, columns, rows)


def generate_activity_records(first: Month, last: Month) -> int:
    """Store a synthetic value for every recorded activity measure, area and month that is missing."""
    from activities import public as activities

    ActivityRecord = activities.record_model()
    rng = random.Random(SEED + 1)
    area_ids = list(Area.objects.values_list("id", flat=True))
    measure_ids = [measure.id for measure in activities.measures(recorded_only=True)]
    existing = set(
        ActivityRecord.objects.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
            "measure_id", "area_id", "month"
        )
    )
    now = timezone.now()
    rows = [
        (measure_id, area_id, month.first_day, rng.randint(0, 60), _status(month, last), Origin.SYNTHETIC, "", now)
        for measure_id in measure_ids
        for area_id in area_ids
        for month in month_range(first, last)
        if (measure_id, area_id, month.first_day) not in existing
    ]
    columns = ["measure_id", "area_id", "month", "value", "status", "origin", "note", "updated_at"]
    return _insert(ActivityRecord, columns, rows)


def _status(month: Month, last: Month) -> str:
    age = last - month
    if age < 3:
        return FigureStatus.PROVISIONAL
    return FigureStatus.FURTHER_PROVISIONAL if age < 6 else FigureStatus.FINAL


# --- measuring -----------------------------------------------------------------


def bench_urls() -> list[tuple[str, str]]:
    """Return the pages to measure as (name, url)."""
    hood = Area.objects.neighbourhoods().focus().order_by("tree_order").first() or Area.objects.first()
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


def measure(client: Client, urls: list[tuple[str, str]], repeat: int) -> list[dict]:
    """Request each page `repeat` times after one warm-up; return timings in ms and the query count."""
    results = []
    for name, url in urls:
        client.get(url)  # warm-up: template loading, first connection
        timings, queries, status = [], 0, 200
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            queries, status = len(captured), response.status_code
        results.append(
            {
                "page": name,
                "url": url,
                "status": status,
                "median_ms": statistics.median(timings),
                "p95_ms": percentile(timings, 0.95),
                "queries": queries,
            }
        )
    return results


def bench_client() -> Client:
    """Return a test client logged in as a manager (created when missing)."""
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.groups.add(Group.objects.get_or_create(name=MANAGER)[0])
    client = Client()
    client.force_login(user)
    return client


class Command(BaseCommand):
    help = "Meet mediaan- en p95-servertijd en het aantal queries per pagina op grote synthetische data."

    def add_arguments(self, parser):
        parser.add_argument("--variants", default=",".join(VARIANTS), help="komma-gescheiden: demo,large,scaled")
        parser.add_argument("--years", type=int, default=10, help="jaren synthetische data (standaard 10)")
        parser.add_argument("--areas", type=int, default=500, help="gebieden in de geschaalde variant (standaard 500)")
        parser.add_argument("--repeat", type=int, default=20, help="metingen per pagina (standaard 20)")
        parser.add_argument("--worker", help="intern: meet één variant in de database van DATABASE_URL")

    def handle(self, *args, variants, years, areas, repeat, worker=None, **options):
        if repeat < 1 or years < 1:
            raise CommandError("--repeat en --years moeten minstens 1 zijn")
        if worker:
            self.run_worker(worker, years, areas, repeat)
            return
        wanted = [v.strip() for v in variants.split(",") if v.strip()]
        unknown = set(wanted) - set(VARIANTS)
        if unknown:
            raise CommandError(f"onbekende variant: {', '.join(sorted(unknown))}")
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for variant in wanted:
            report = self.spawn(variant, years, areas, repeat)
            self.write_table(report)

    def spawn(self, variant: str, years: int, areas: int, repeat: int) -> dict:
        """Run one variant in a child process against a fresh SQLite file; return its report."""
        path = BENCH_DIR / f"{variant}.sqlite3"
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--worker", variant]
        command += ["--years", str(years), "--areas", str(areas), "--repeat", str(repeat)]
        self.stderr.write(f"{variant}: data maken en meten in {path} ...")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise CommandError(f"variant {variant} mislukt:\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def run_worker(self, variant: str, years: int, areas: int, repeat: int):
        name = Path(str(settings.DATABASES["default"]["NAME"]))
        if connection.vendor != "sqlite" or name.parent.resolve() != BENCH_DIR.resolve():
            raise CommandError(f"bench schrijft alleen in {BENCH_DIR}, niet in {name}")
        setup_test_environment()
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
        from activities import public as activities

        report = {
            "variant": variant,
            "areas": Area.objects.count(),
            "caseload_rows": CaseloadFigure.objects.count(),
            "activity_rows": activities.record_model().objects.count(),
            "setup_s": time.perf_counter() - started,
            "pages": measure(bench_client(), bench_urls(), repeat),
        }
        self.stdout.write(json.dumps(report))

    def write_table(self, report: dict):
        self.stdout.write(
            f"\n{report['variant']}: {report['areas']} gebieden, {format_number(report['caseload_rows'])} "
            f"bijstandscijfers, {format_number(report['activity_rows'])} activiteitcijfers "
            f"(opbouw {format_number(report['setup_s'])} s)"
        )
        self.stdout.write(f"{'pagina':<42} {'mediaan ms':>11} {'p95 ms':>8} {'queries':>8}  status")
        for page in report["pages"]:
            median, p95 = format_number(page["median_ms"], 1), format_number(page["p95_ms"], 1)
            self.stdout.write(f"{page['page']:<42} {median:>11} {p95:>8} {page['queries']:>8}  {page['status']}")
