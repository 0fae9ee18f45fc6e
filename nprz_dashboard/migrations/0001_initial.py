import secrets

from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("nprz_dashboard", "DataVersion").objects.create(pk=1, token=secrets.token_hex(16))


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32, verbose_name="versie")),
            ],
            options={
                "verbose_name": "gegevensversie",
                "verbose_name_plural": "gegevensversie",
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="data_version_one_row")],
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
