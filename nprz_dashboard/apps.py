from django.apps import AppConfig


class NprzDashboardConfig(AppConfig):
    name = "nprz_dashboard"
    verbose_name = "NPRZ Werkmonitor"
