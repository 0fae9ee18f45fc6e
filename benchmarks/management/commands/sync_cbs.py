"""manage.py sync_cbs: read the G4 benchmark figures from CBS StatLine (daily, from cron)."""

from django.core.management.base import BaseCommand, CommandError

from benchmarks.cbs import CbsUnavailable
from benchmarks.sync import TableChanged, sync_all


class Command(BaseCommand):
    help = "Haal uitkeringen en inwoners van de G4 en Zuid op bij CBS StatLine en bewaar wat nieuw of herzien is."

    def handle(self, *args, **options):
        try:
            results = sync_all()
        except (CbsUnavailable, TableChanged) as error:
            raise CommandError(str(error)) from error
        for result in results:
            self.stdout.write(result.line())
            for change in result.stored.changes:
                self.stdout.write(f"  herzien: {change}")
            for cell in result.suppressed:
                self.stdout.write(f"  onderdrukt (niet bewaard): {cell}")
