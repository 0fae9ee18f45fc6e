"""Grow the database of DATABASE_URL to `manage.py bench`'s scaled size (500 areas, 10 years).

Used by `make loadtest` for its "bench" size, after seed_demo, with the bench's own
generators and bulk loader.
"""

import argparse
import os
import sys
import time

import django

BENCH_AREAS = 500  # as `manage.py bench --variants scaled`
BENCH_YEARS = 10


def build(areas: int, years: int) -> None:
    """Add neighbourhoods up to `areas`, then synthetic figures and activity records for `years` years."""
    from django.db import transaction

    from activities.scale_data import generate_activity_records
    from monitoring.setup.scale_data import add_neighbourhoods, generate_caseload
    from nprz_dashboard import clock
    from nprz_dashboard.periods import last_complete_month

    last = last_complete_month(clock.today())
    first = last - (12 * years - 1)
    with transaction.atomic():
        add_neighbourhoods(areas)
        generate_caseload(first, last)
        generate_activity_records(first, last)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=BENCH_AREAS)
    parser.add_argument("--years", type=int, default=BENCH_YEARS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nprz_dashboard.settings")
    django.setup()
    started = time.perf_counter()
    build(args.areas, args.years)
    print(f"bench-data: {args.areas} gebieden, {args.years} jaar in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
