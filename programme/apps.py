from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """The workflows that span caseload and activities: entry, reports, the targets page, the overview.

    No models of its own: it writes monitoring's and activities' tables through its services.
    """

    name = "programme"
    verbose_name = "Programma Samen voor Zuid"
