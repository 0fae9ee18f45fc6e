"""Time a history import at size: `manage.py bench_import --scratch [--areas 500] [--years 10]`.

On the database DATABASE_URL points at (a scratch database of its own: it adds
synthetic areas and imports figures into it), it

1. adds neighbourhoods until there are --areas areas;
2. makes a history file of --years years up to the last month that can be entered:
   the synthetic caseload and activity generators fill the months inside a
   transaction that is rolled back, and the file is the monthly template's
   rows of every month (neighbourhoods and activity measures; totals follow);
3. previews it (services.start_import, bulk) and confirms it
   (services.apply_import, one reason for all warnings), as the history page does,
   printing seconds and peak memory of each step.

A second run on the same database imports the same file again: it measures a
re-import, which changes nothing.
"""

import csv
import io
import resource
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activities.scale_data import generate_activity_records
from monitoring.models import Area
from monitoring.setup.scale_data import add_neighbourhoods, generate_caseload
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import month_range
from nprz_dashboard.roles import EDITOR
from programme.entry import services
from programme.entry.catalogue import Catalogue
from programme.entry.history_import import month_counts
from programme.entry.importing import template_rows
from programme.entry.rules import SameReason
from programme.entry.selectors import last_entry_month, stored_values

BENCH_USER = "bench-beheerder"
HEADER = ["maand", "cijfer", "gebied", "waarde"]


class Rollback(Exception):
    """Undo the generated figures once the file is made."""


class Command(BaseCommand):
    help = "Time a history import (many months at once) on this database: preview and confirm, seconds and memory."

    def add_arguments(self, parser):
        parser.add_argument("--areas", type=int, default=500, help="areas in total (default 500)")
        parser.add_argument("--years", type=int, default=10, help="years of history (default 10)")
        parser.add_argument("--scratch", action="store_true", help="confirm this database may get synthetic data")
        parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")

    def handle(self, *args, areas, years, scratch, tracemalloc, **options):
        if not scratch:
            raise CommandError(
                "bench_import voegt synthetische gebieden en cijfers toe: draai het alleen op een eigen "
                "database en bevestig dat met --scratch."
            )
        added = add_neighbourhoods(areas)
        last = last_entry_month(clock.today())
        first = last - (12 * years - 1)
        content = history_file(first, last)
        rows = content.count(b"\n") - 1
        self.stdout.write(
            f"{format_number(Area.objects.count())} gebieden ({format_number(added)} toegevoegd), "
            f"{first.label} tot en met {last.label}: {format_number(rows)} regels, "
            f"{format_number(len(content) / 1024 / 1024, 1)} MB"
        )
        user = bench_user()
        if tracemalloc:
            _start_tracing()
        started = time.perf_counter()
        plan, batch = services.start_import(user=user, file_name="geschiedenis.csv", content=content, bulk=True)
        previewed = time.perf_counter()
        month_counts(plan)
        self._report("voorbeeld", previewed - started, tracemalloc)
        if batch is None:
            refused = [f"regel {r.line}: {' '.join(r.errors)}" for r in plan.refused_rows[:5]]
            raise CommandError("Het bestand is geweigerd: " + "; ".join(refused))
        self.stdout.write(
            f"  {format_number(plan.new_count)} nieuw, {format_number(plan.changed_count)} gewijzigd, "
            f"{format_number(plan.unchanged_count)} ongewijzigd, {format_number(len(plan.warnings))} waarschuwingen"
        )
        fingerprint = plan.fingerprint
        del plan
        started = time.perf_counter()
        _, event = services.apply_import(
            batch=batch,
            user=user,
            reason="Bench",
            fingerprint=fingerprint,
            overrides=SameReason("Historische reeks (bench)"),
            bulk=True,
        )
        self._report("bevestigen", time.perf_counter() - started, tracemalloc)
        self.stdout.write(f"  {event.summary if event else 'niets veranderd'}")

    def _report(self, step: str, seconds: float, traced: bool) -> None:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
        line = f"{step}: {format_number(seconds, 1)} s, piek RSS van het proces {format_number(rss)} MB"
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            line += f", piek Python-geheugen van deze stap {format_number(peak)} MB"
            tracemalloc.reset_peak()
        self.stdout.write(line)


def _start_tracing() -> None:
    tracemalloc.start()


def history_file(first, last) -> bytes:
    """Return a CSV of every enterable figure of the months, from the synthetic generators (rolled back)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    catalogue = Catalogue.load()
    try:
        with transaction.atomic():
            generate_caseload(first, last)
            generate_activity_records(first, last)
            for month in month_range(first, last):
                _, rows = template_rows(month, catalogue, stored_values([month]))
                for key, code, area, _name, _label, value in rows:
                    if value is not None:
                        writer.writerow([key, code, area, str(value).replace(".", ",")])
            raise Rollback
    except Rollback:
        pass
    return out.getvalue().encode("utf-8")


def bench_user():
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user
