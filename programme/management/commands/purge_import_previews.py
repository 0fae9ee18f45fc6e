"""Wipe uploaded import files that were never confirmed in time."""

from django.core.management.base import BaseCommand

from programme.entry import services


class Command(BaseCommand):
    help = (
        "Verwijder importbestanden waarvan het voorbeeld is verlopen (ouder dan 2 uur) en de inhoud van "
        "verwerkte of afgebroken imports. Draai dit bijvoorbeeld elk uur."
    )

    def handle(self, *args, **options):
        wiped = services.purge_import_previews()
        self.stdout.write(f"{wiped} importbestand(en) gewist.")
