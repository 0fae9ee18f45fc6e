"""Load the official figures, then demo data, roles and demo users, and mark the database a demo. Idempotent.

The last month is left open and partly filled, for a new user to complete and approve.
A database that is not a demo and holds entered or imported figures is refused
(programme/demo.py) unless --force-on-real-data is given; `purge_demo` undoes it.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activities.demo import seed_activities
from activities.official import load_activities, load_targets
from benchmarks.demo import seed as seed_benchmarks
from monitoring.setup.demo import seed_caseload
from monitoring.setup.official import load_official
from monitoring.setup.roles import setup_roles
from nprz_dashboard import clock
from nprz_dashboard.models import DemoState
from nprz_dashboard.periods import Month, last_complete_month
from programme.demo import DEMO_USERS, RealDataPresent, refuse_real_data


class Command(BaseCommand):
    help = "Laad de officiële cijfers uit de brief, synthetische demodata, de rollen en de demogebruikers."

    def add_arguments(self, parser):
        parser.add_argument("--until", help="laatste maand met demodata (JJJJ-MM); standaard de laatste volle maand")
        parser.add_argument("--no-users", action="store_true", help="maak geen demogebruikers aan")
        parser.add_argument(
            "--force-on-real-data",
            action="store_true",
            help="laad demodata ook in een database met ingevoerde of geïmporteerde cijfers (ze raken vermengd)",
        )

    def handle(self, *args, until=None, no_users=False, force_on_real_data=False, **options):
        try:
            last = Month.parse(until) if until else last_complete_month(clock.today())
        except ValueError as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            if not force_on_real_data:
                try:
                    refuse_real_data()
                except RealDataPresent as refused:
                    raise CommandError(str(refused)) from None
            DemoState.mark(True)
            official = load_official() + load_activities()
            caseload = seed_caseload(last)
            records = seed_activities(last)
            benchmark = seed_benchmarks(last)
            load_targets(synthetic=True)
            groups = setup_roles()
            users = [] if no_users else self.ensure_users(groups)
        self.stdout.write(
            f"Officiële gegevens: {official} nieuw; demodata tot en met {last.label}: {caseload} bijstandscijfers, "
            f"{records} activiteitcijfers en {benchmark.new} G4-vergelijkingscijfers nieuw."
        )
        self.stdout.write(
            f"{last.label} staat open en is deels ingevuld (uitstroom naar werk ontbreekt nog): "
            f"vul de maand in op /entry/{last.key}/, dien haar in en keur haar goed."
        )
        for line in users:
            self.stdout.write(line)
        if users:
            self.sign_off(last)

    def sign_off(self, last: Month) -> None:
        """Approve and lock the past demo months and publish the last complete quarter (programme/demo_sign_off.py)."""
        from programme.demo_sign_off import sign_off

        User = get_user_model()
        with transaction.atomic():
            approved, quarter = sign_off(
                last,
                editor=User.objects.get(username="beheerder"),
                manager=User.objects.get(username="programmamanager"),
            )
        self.stdout.write(
            f"{approved} maanden goedgekeurd en vergrendeld"
            + (f"; het {quarter.long_label} is gepubliceerd." if quarter else ".")
        )

    def ensure_users(self, groups) -> list[str]:
        """Create the demo users (again active after purge_demo); set the password only when new or asked for."""
        User = get_user_model()
        wanted = os.environ.get("DEMO_PASSWORD", "")
        generated = secrets.token_urlsafe(12)
        port = os.environ.get("PORT", "8000")  # the port `make run` serves on
        lines = [f"Demologins (http://127.0.0.1:{port}/accounts/login/):"]
        for username, role, first_name in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"first_name": first_name})
            switched_off = not user.is_active or not user.has_usable_password()
            password = wanted or (generated if created or switched_off else None)
            if password and (created or switched_off or not user.check_password(password)):
                user.set_password(password)
                user.is_active = True
                user.save(update_fields=["password", "is_active"])
            if not user.groups.filter(name=role).exists():
                user.groups.add(groups[role])
            shown = password or "(ongewijzigd; zet DEMO_PASSWORD om het te kiezen)"
            lines.append(f"  {username:<17} rol {role:<8} wachtwoord {shown}")
        return lines
