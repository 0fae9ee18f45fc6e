"""The NPRZ total per measure and month as a summary table, and the indexes of the activity pages.

MonthTotal is filled here from the stored records; from then on every write of
records keeps it current (activities/totals.py).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q, Sum


def fill_totals(apps, schema_editor):
    records = apps.get_model("activities", "ActivityRecord")
    totals = apps.get_model("activities", "MonthTotal")
    rows = (
        records.objects.filter(
            Q(measure__by_area=True, area__level="neighbourhood") | Q(measure__by_area=False, area__level="programme")
        )
        .order_by()
        .values("measure_id", "month")
        .annotate(total=Sum("value"), records=Count("id"), synthetic=Count("id", filter=Q(origin="synthetic")))
    )
    totals.objects.bulk_create(totals(**row) for row in rows)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_measure_counts_work"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(verbose_name="maand")),
                ("total", models.DecimalField(decimal_places=2, max_digits=18, verbose_name="totaal")),
                ("records", models.PositiveIntegerField(verbose_name="cijfers")),
                ("synthetic", models.PositiveIntegerField(verbose_name="waarvan synthetisch")),
                (
                    "measure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="activities.measure",
                        verbose_name="maat",
                    ),
                ),
            ],
            options={"verbose_name": "maandtotaal NPRZ", "verbose_name_plural": "maandtotalen NPRZ"},
        ),
        # Every page with activities (/, /activities/, /targets/, reports) reads its measures' months in order.
        migrations.AddConstraint(
            model_name="monthtotal",
            constraint=models.UniqueConstraint(fields=("measure", "month"), name="month_total_one_per_measure_month"),
        ),
        # An activity page's records table (/activities/<slug>/), newest month first; the month form's values.
        migrations.AddIndex(
            model_name="activityrecord",
            index=models.Index(fields=["month", "measure"], name="record_month_measure_idx"),
        ),
        # The activity pages recorded per neighbourhood (/activities/<slug>/): the records of the year shown.
        migrations.AddIndex(
            model_name="activityrecord",
            index=models.Index(fields=["measure", "month"], name="record_measure_month_idx"),
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
    ]
