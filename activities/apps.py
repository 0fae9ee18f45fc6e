from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Activiteiten"

    def ready(self):
        from . import signals  # noqa: F401 - registers the guard that keeps referenced measures
