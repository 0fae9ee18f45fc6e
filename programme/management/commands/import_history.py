"""Import a programme's history from a file on the server: `manage.py import_history FILE --user NAME`.

The same read, checks, preview per month and audited confirm as /entry/import/history/
(services.start_import and apply_import with bulk=True), without the web request's
time limit: a file of 10 years × 500 areas takes longer than gunicorn's 60 s.
Without --confirm it only previews: one line per month (new, changed, unchanged,
refused, warnings), and each lock message once.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from monitoring.models import PeriodLocked
from nprz_dashboard.formatting import format_number
from programme.entry import services
from programme.entry.errors import ReasonRequired, ServiceError, WarningsNotOverridden
from programme.entry.history_import import month_counts
from programme.entry.importing import ImportRefused
from programme.entry.rules import SameReason


class Command(BaseCommand):
    help = "Import many months of figures from a CSV or XLSX file (preview; with --confirm, store in one go)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX with the columns maand, cijfer, gebied, waarde")
        parser.add_argument("--user", required=True, help="the editor the import is recorded under")
        parser.add_argument("--confirm", action="store_true", help="store the figures (else only the preview)")
        parser.add_argument("--reason", default="", help="reason for the values the file changes")
        parser.add_argument("--warnings-reason", default="", help="one reason for all warnings of the file")

    def handle(self, *args, file, user, confirm, reason, warnings_reason, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand {file} niet gevonden.")
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(f"Gebruiker {user} bestaat niet of is niet actief.")
        try:
            plan, batch = services.start_import(user=account, file_name=path.name, content=path.read_bytes(), bulk=True)
        except (ImportRefused, PermissionDenied) as error:
            raise CommandError(str(error)) from None
        for row in month_counts(plan):
            self.stdout.write(
                f"{row.month.key}: {row.new} nieuw, {row.changed} gewijzigd, {row.unchanged} ongewijzigd, "
                f"{row.refused} geweigerd, {row.warnings} waarschuwingen"
            )
        for month, message in plan.locked.items():
            self.stdout.write(f"{month.label}: {message} Geen enkele regel van die maand wordt verwerkt.")
        if batch is None:
            for row in plan.refused_rows[:100]:
                month = f", {row.month.label}" if row.month else ""
                self.stderr.write(f"Regel {row.line}{month}: {' '.join(row.errors)}")
            raise CommandError(
                f"Dit bestand kan niet worden verwerkt: {format_number(plan.error_count)} regels geweigerd. "
                "Er is niets opgeslagen."
            )
        if not confirm:
            services.discard_import(batch, account)
            self.stdout.write("Alleen een voorbeeld: er is niets opgeslagen. Bevestig met --confirm.")
            return
        try:
            plan, event = services.apply_import(
                batch=batch,
                user=account,
                reason=reason,
                fingerprint=plan.fingerprint,
                overrides=SameReason(warnings_reason),
                bulk=True,
            )
        except (ServiceError, PeriodLocked) as error:
            services.discard_import(batch, account)
            if isinstance(error, WarningsNotOverridden):
                count = format_number(len(plan.warnings))
                error = f"Het bestand geeft {count} waarschuwingen: geef één reden met --warnings-reason."
            elif isinstance(error, ReasonRequired):
                error = "Het bestand wijzigt opgeslagen waarden: geef een reden met --reason."
            raise CommandError(f"{error} Er is niets opgeslagen.") from None
        self.stdout.write(event.summary if event else "Het bestand bevat geen nieuwe of gewijzigde waarden.")
