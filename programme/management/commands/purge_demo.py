"""Remove every demo value from the database, audited; official and real figures stay (programme/demo.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from nprz_dashboard.formatting import format_number
from programme import demo


class Command(BaseCommand):
    help = (
        "Verwijder alle demodata: synthetische bijstands- en activiteitcijfers, demodoelen en rapportversies "
        "met demowaarden. Officiële en ingevoerde cijfers blijven staan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="gebruikersnaam van wie dit doet (staat in het logboek)")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive", help="niet vragen")

    def handle(self, *args, user=None, interactive=True, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Er is geen gebruiker ‘{user}’. Er is niets verwijderd.")
        counts = demo.synthetic_counts()
        self.stdout.write(
            f"Te verwijderen: {format_number(counts['caseload'])} bijstandscijfers, "
            f"{format_number(counts['records'])} activiteitcijfers, {counts['targets']} demodoelen en "
            f"{counts['versions']} rapportversies met demowaarden. Officiële en ingevoerde cijfers blijven staan."
        )
        if interactive and input("Typ ‘ja’ om door te gaan: ").strip().lower() != "ja":
            raise CommandError("Afgebroken; er is niets verwijderd.")
        purged = demo.purge(actor)
        self.stdout.write(f"{purged.summary[0].upper()}{purged.summary[1:]}.")
        if purged.reopened:
            months = ", ".join(month.label for month in purged.reopened)
            self.stdout.write(f"Heropend (hun goedkeuring gold demowaarden): {months}.")
        if purged.users:
            self.stdout.write(f"{purged.users} demogebruikers uitgeschakeld.")
        self.stdout.write("De database is geen demodatabase meer.")
