"""A database that already holds demo values (seeded before the flag existed) is marked as a demo."""

from django.db import migrations
from django.utils import timezone

SYNTHETIC = "synthetic"


def mark_existing_demo(apps, schema_editor):
    figures = apps.get_model("monitoring", "CaseloadFigure").objects.filter(origin=SYNTHETIC)
    records = apps.get_model("activities", "ActivityRecord").objects.filter(origin=SYNTHETIC)
    if figures.exists() or records.exists():
        apps.get_model("nprz_dashboard", "DemoState").objects.update_or_create(
            pk=1, defaults={"is_demo": True, "changed_at": timezone.now()}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_role_groups"),
        ("nprz_dashboard", "0002_demo_state"),
    ]

    operations = [migrations.RunPython(mark_existing_demo, migrations.RunPython.noop)]
