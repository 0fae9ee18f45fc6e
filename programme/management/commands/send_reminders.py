"""Send the day's e-mail reminders, each once (run daily from cron or a systemd timer; see README)."""

from django.core.management.base import BaseCommand

from nprz_dashboard import clock
from programme.entry import reminders


class Command(BaseCommand):
    help = (
        "Stuur de herinneringen van vandaag per e-mail: maanden die over enkele dagen af moeten of te laat zijn "
        "(beheerders), maanden die op goedkeuring wachten (programmamanagers) en gepubliceerde rapportages "
        "(lezers). Elk bericht gaat één keer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="toon wat verstuurd zou worden, verstuur niets")

    def handle(self, *args, dry_run=False, **options):
        due = reminders.due_reminders(clock.today())
        outcome = reminders.send(due, dry_run=dry_run)
        if dry_run:
            for reminder in due:
                self.stdout.write(f"{reminder.kind}: {reminder.subject} → {reminder.user.email}")
            self.stdout.write(f"{len(due) - outcome.skipped} te versturen, {outcome.skipped} al eerder verstuurd.")
            return
        self.stdout.write(
            f"Herinneringen: {outcome.sent} verstuurd, {outcome.skipped} al eerder verstuurd, "
            f"{outcome.failed} mislukt (die worden de volgende keer opnieuw geprobeerd)."
        )
        if outcome.failed:
            raise SystemExit(1)
