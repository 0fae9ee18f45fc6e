"""Load what production starts from: the letter's figures and targets, each with its source. Idempotent.

Areas, sources, the official caseload figures and targets (monitoring/setup/official.py),
and the activities with their measures, published yearly totals and published
targets (activities/official.py). No demo values and no demo targets; what is
already there is left as it is, so a figure corrected since keeps its correction.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from activities.models import ActivityTarget, PublishedTotal
from activities.official import load_activities
from monitoring.models import CaseloadFigure, Target
from monitoring.setup.official import load_official


class Command(BaseCommand):
    help = "Laad de officiële cijfers en doelen uit de brief van de wethouder, met hun bron; geen demodata."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_official() + load_activities()
        figures = CaseloadFigure.objects.official().count()
        targets = Target.objects.published().count() + ActivityTarget.objects.published().count()
        totals = PublishedTotal.objects.count()
        news = f"{created} nieuw" if created else "niets nieuw, alles stond er al"
        totals_text = "gepubliceerd jaartotaal" if totals == 1 else "gepubliceerde jaartotalen"
        self.stdout.write(
            f"Officiële gegevens uit de brief: {news}. In de database: {figures} officiële bijstandscijfers, "
            f"{targets} gepubliceerde doelen en {totals} {totals_text}, elk met zijn bron."
        )
