"""Run the worker that prints report PDFs: django-rq's rqworker on this deployment's queue (settings.PDF_QUEUE)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Start de worker die de pdf's van kwartaalrapportages maakt (wachtrij in Redis; REDIS_URL is nodig)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="maak wat er in de wachtrij staat en stop dan")

    def handle(self, *args, burst=False, **options):
        if not settings.PDF_QUEUE:
            raise CommandError(
                "REDIS_URL is niet ingesteld: zonder Redis maakt de app de pdf's zelf en is er geen worker nodig."
            )
        call_command("rqworker", settings.PDF_QUEUE, burst=burst, verbosity=options["verbosity"])
