"""manage.py import_population: a region's inhabitants on 1 January from the municipality's own count.

For Zuid when CBS's wijk- en buurtcijfers are not (yet) published or the
municipality's own count is preferred; marked 'eigen import' on the page, and
kept by sync_cbs.
"""

from django.core.management.base import BaseCommand, CommandError

from benchmarks.models import BenchmarkOrigin, Denominator, Measure, Region
from benchmarks.services import Incoming, store_values
from monitoring.models import FigureStatus
from nprz_dashboard.periods import Month

REASON = "Eigen import (import_population)"


class Command(BaseCommand):
    help = "Leg het aantal inwoners van een regio op 1 januari vast uit een eigen telling (noemer: eigen import)."

    def add_arguments(self, parser):
        parser.add_argument("region", help=f"regio: {', '.join(Region.values)}")
        parser.add_argument("year", type=int, help="jaar (inwoners op 1 januari)")
        parser.add_argument("inhabitants", type=int, help="aantal inwoners")

    def handle(self, *args, region, year, inhabitants, **options):
        if region not in Region.values:
            raise CommandError(f"Onbekende regio {region!r}; kies uit {', '.join(Region.values)}.")
        if not 2000 <= year <= 2100:
            raise CommandError(f"Het jaar {year} ligt niet tussen 2000 en 2100.")
        if inhabitants <= 0:
            raise CommandError("Het aantal inwoners moet groter zijn dan 0.")
        value = Incoming(
            region=region,
            measure=Measure.POPULATION,
            month=Month(year, 1),
            value=inhabitants,
            status=FigureStatus.FINAL,
            origin=BenchmarkOrigin.IMPORTED,
            denominator=Denominator.IMPORT,
        )
        result = store_values([value], REASON)
        what = "nieuw" if result.new else ("gewijzigd" if result.changed else "ongewijzigd")
        self.stdout.write(f"{Region(region).label}, 1 januari {year}: {inhabitants} inwoners ({what}).")
