"""`make loadtest`: bounded load on loopback against the app as deployed; a table per data size.

For each size it sets up a throwaway instance like `make smoke` does
(PostgreSQL, collectstatic, gunicorn with gunicorn.conf.py, debug off, behind a
simulated TLS proxy), publishes a report as the manager, and runs locust
headless against 127.0.0.1 only: logged-in viewers and managers reading /,
/caseload/?area=…, /activities/, an activity page and the published report,
with a fixed number of users for a fixed time (`--mix overview`: / alone). Sizes:

  demo   seed_demo's data: NPRZ, its districts and neighbourhoods, December 2023 to last month
  bench  `manage.py bench`'s scaled variant: 500 areas, 10 years (tools/bench_data.py)
"""

import argparse
import csv
import os
import re
import runpy
import signal
import statistics
import subprocess
import sys
import time

from tools.deployment import ROOT, deployment, free_port, step
from tools.site_client import SiteClient, parse_page
from tools.smoke import Findings, publish_report

SIZES = ["demo", "bench"]
MIXES = {"pages": ["Viewer", "Manager"], "overview": ["OverviewViewer", "OverviewManager"]}  # tools/locustfile.py
MAX_USERS = 50
MAX_SECONDS = 600
PAGES = ["/", "/caseload/?area=…", "/activities/", "/activities/<slug>/", "gepubliceerde rapportage"]
MAX_AREAS = 1000  # the API's largest page


def seconds(run_time: str) -> int:
    """Parse locust's --run-time as this tool allows it: 90, 90s or 2m, at most MAX_SECONDS."""
    match = re.fullmatch(r"(\d+)([sm]?)", run_time)
    if not match:
        raise argparse.ArgumentTypeError(f"looptijd als 60s of 2m, niet {run_time!r}")
    value = int(match.group(1)) * (60 if match.group(2) == "m" else 1)
    if not 1 <= value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"looptijd tussen 1 en {MAX_SECONDS} seconden")
    return value


def users(raw: str) -> int:
    value = int(raw)
    if not 1 <= value <= MAX_USERS:
        raise argparse.ArgumentTypeError(f"tussen 1 en {MAX_USERS} gebruikers")
    return value


def discover(client: SiteClient) -> dict[str, str]:
    """The pages of the mix, read from the site itself: every area (from the API: beyond 60 areas the
    picker of /caseload/ lists the main ones and searches the others) and every activity."""
    response = client.get(f"/api/v1/areas/?page_size={MAX_AREAS}")
    areas = [row["code"] for row in response.json()["results"]] if response.status_code == 200 else []
    links = parse_page(client.get("/activities/").text).links
    activities = sorted({link for link in links if re.fullmatch(r"/activities/[\w-]+/", link)})
    if not areas or not activities:
        raise SystemExit("FOUT: geen gebieden of activiteiten gevonden om te belasten")
    return {"LOADTEST_AREAS": ",".join(areas), "LOADTEST_ACTIVITIES": ",".join(activities)}


def published_report(client: SiteClient) -> str:
    """Return the path of the latest quarter's published report: seed_demo publishes it; else publish it now."""
    quarters = sorted(
        link for link in parse_page(client.get("/reports/").text).links if re.fullmatch(r"/reports/\d{4}/q\d/", link)
    )
    if quarters and 'class="report-meta">Versie ' in client.get(quarters[-1], allow_redirects=False).text:
        return quarters[-1]
    return publish_report(client, Findings())


def warm_up(client: SiteClient, pages: dict[str, str], rounds: int = 10) -> None:
    """Let every worker load its templates and code before the measurement."""
    first_activity = pages["LOADTEST_ACTIVITIES"].split(",")[0]
    for _ in range(rounds):
        for path in ["/", "/caseload/", "/activities/", first_activity, pages["LOADTEST_REPORT"]]:
            client.get(path)


def run_locust(base_url: str, env: dict[str, str], workdir, args) -> list[dict]:
    """Run locust headless against base_url; return its per-page statistics rows."""
    prefix = workdir / "locust"
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "tools" / "locustfile.py"), "--headless"]
    command += ["--users", str(args.users), "--spawn-rate", str(args.users), "--run-time", f"{args.run_time}s"]
    command += ["--host", base_url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    command += MIXES[args.mix]
    step(f"locust: {args.users} gebruikers, {args.run_time} s, mix '{args.mix}'")
    with (workdir / "locust.log").open("w") as log:
        subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=log, check=False)  # noqa: S603
    stats = prefix.with_name("locust_stats.csv")
    if not stats.exists():
        raise SystemExit(f"FOUT: locust gaf geen statistiek:\n{(workdir / 'locust.log').read_text()}")
    failures = prefix.with_name("locust_failures.csv")
    if failures.exists():
        for row in csv.DictReader(failures.open()):
            print(f"  fout: {row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}")
    with stats.open() as file:
        return list(csv.DictReader(file))


COLUMNS = ["verzoeken", "req/s", "p50 ms", "p95 ms", "p99 ms", "fouten", "server p50 ms"]


def server_times(log: str, report: str) -> dict[str, list[int]]:
    """The app's own time per page of the mix, from its request log: what is left of p50 is waiting."""
    times: dict[str, list[int]] = {}
    for path, ms in re.findall(r"method=GET path=(\S+) status=200 ms=(\d+)", log):
        if path == report:
            name = "gepubliceerde rapportage"
        elif path == "/caseload/":
            name = "/caseload/?area=…"
        elif path in ("/", "/activities/"):
            name = path
        elif re.fullmatch(r"/activities/[\w-]+/", path):
            name = "/activities/<slug>/"
        else:
            continue
        times.setdefault(name, []).append(int(ms))
    return times


def print_table(title: str, rows: list[dict], server: dict[str, list[int]]) -> int:
    """Print req/s, p50/p95/p99, errors and server time per page as a Markdown table; return the errors."""
    by_name = {row["Name"]: row for row in rows}
    print(f"\n{title}\n")
    print("| pagina | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    for name in [*PAGES, "Aggregated"]:
        row = by_name.get(name)
        if row is None:
            continue
        label = "alles (met inloggen)" if name == "Aggregated" else name
        own = server.get(name) if name != "Aggregated" else [t for times in server.values() for t in times]
        cells = [row["Request Count"], f"{float(row['Requests/s']):.1f}", row["50%"], row["95%"], row["99%"]]
        cells += [row["Failure Count"], str(round(statistics.median(own))) if own else "–"]
        print(f"| {label} | " + " | ".join(cells) + " |")
    return int(by_name.get("Aggregated", {}).get("Failure Count", 0) or 0)


def load_size(size: str, args) -> int:
    """Set up one data size, run the load against it and print its table; return the number of errors."""
    started = time.perf_counter()
    load = os.getloadavg()[0]
    with deployment(args.pg_url, f"load{size}") as d:
        d.install()
        if size == "bench":
            d.run([sys.executable, "-m", "tools.bench_data"])
        # Planner statistics for the fresh rows, as autovacuum would gather them in a while.
        d.run(["psql", "-XAtq", d.database_url, "-c", "ANALYZE"])
        with d.gunicorn(args.port or free_port()) as base_url:
            manager = SiteClient(base_url)
            manager.login("programmamanager", d.demo_password)
            pages = {**discover(manager), "LOADTEST_REPORT": published_report(manager)}
            warm_up(manager, pages)
            measured_from = len(d.server_log)
            env = {**os.environ, **pages, "LOADTEST_PASSWORD": d.demo_password}
            rows = run_locust(base_url, env, d.workdir, args)
        log = d.server_log
        (ROOT / "var" / f"loadtest-{size}-gunicorn.log").write_text(log)
    areas = len(pages["LOADTEST_AREAS"].split(","))
    workers = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    title = (
        f"Belasting '{size}' ({areas} gebieden in de keuzelijst), mix '{args.mix}': {args.users} gebruikers, "
        f"{args.run_time} s, "
        f"gunicorn met {workers} workers, PostgreSQL; belasting van de machine vooraf {load:.1f} "
        f"(opbouw en meting {time.perf_counter() - started:.0f} s)"
    )
    return print_table(title, rows, server_times(log[measured_from:], pages["LOADTEST_REPORT"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", required=True, help="PostgreSQL server; the throwaway database is named after it")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: demo,bench")
    parser.add_argument("--users", type=users, default=8, help=f"concurrent users, at most {MAX_USERS}")
    parser.add_argument("--mix", choices=sorted(MIXES), default="pages", help="pages: the mix; overview: / alone")
    parser.add_argument("--run-time", type=seconds, default=60, help=f"60s or 2m, at most {MAX_SECONDS} s")
    args = parser.parse_args()
    # Stopped from outside: still stop gunicorn and drop the throwaway databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if not sizes or set(sizes) - set(SIZES):
        parser.error(f"--sizes kent alleen {', '.join(SIZES)}")
    errors = sum(load_size(size, args) for size in sizes)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
