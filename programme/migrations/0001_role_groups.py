"""The role groups (viewer, editor, manager) and their admin permissions, on every database after `migrate`.

Permissions are normally made after the last migration (post_migrate); the
groups need them now, so they are made here first for the two data apps.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from monitoring.setup.roles import APPS, setup_roles


def create_role_groups(apps, schema_editor):
    for label in APPS:
        config = apps.get_app_config(label)
        models_module, config.models_module = getattr(config, "models_module", None), True  # else skipped
        create_permissions(config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        config.models_module = models_module
    setup_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("monitoring", "0008_caseload_month_counts"),
        ("activities", "0004_month_totals_and_record_indexes"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
