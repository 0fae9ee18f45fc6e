from django.apps import AppConfig


class NprzDashboardConfig(AppConfig):
    name = "nprz_dashboard"
    verbose_name = "NPRZ Werkmonitor"

    def ready(self):
        from django.db.models.signals import post_migrate

        # middleware connects the login signal that stamps a session's activity; page_cache is loaded
        # here, in gunicorn's master (preload_app), so that its workers share its start token.
        from . import middleware, page_cache, role_cache  # noqa: F401
        from .data_version import install_triggers

        role_cache.connect()  # a role change forgets the roles kept in Redis (roles.py)

        # After every migrate (and flush), once: triggers on the data tables, the version row.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="data_version_triggers")
