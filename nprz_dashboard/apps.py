from django.apps import AppConfig


class NprzDashboardConfig(AppConfig):
    name = "nprz_dashboard"
    verbose_name = "NPRZ Werkmonitor"

    def ready(self):
        from . import middleware  # noqa: F401 - connects the login signal that stamps a session's activity
