"""Caseload figures per month and indicator as a summary table, and the index of the by-area activity pages.

CaseloadMonthCount is filled here from the stored figures; from then on every
write of figures keeps it current (monitoring/models/summaries.py).
"""

from django.db import migrations, models
from django.db.models import Count, Q


def fill_counts(apps, schema_editor):
    figures = apps.get_model("monitoring", "CaseloadFigure")
    counts = apps.get_model("monitoring", "CaseloadMonthCount")
    rows = (
        figures.objects.order_by()
        .values("month", "indicator")
        .annotate(figures=Count("id"), synthetic=Count("id", filter=Q(origin="synthetic")))
    )
    counts.objects.bulk_create(counts(**row) for row in rows)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0007_gap_explanations_and_sent_reminders"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseloadMonthCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(verbose_name="maand")),
                (
                    "indicator",
                    models.CharField(
                        choices=[
                            ("caseload", "bijstandsuitkeringen"),
                            ("inflow", "instroom"),
                            ("outflow", "uitstroom"),
                            ("outflow_to_work", "uitstroom naar werk"),
                        ],
                        max_length=20,
                        verbose_name="indicator",
                    ),
                ),
                ("figures", models.PositiveIntegerField(verbose_name="cijfers")),
                ("synthetic", models.PositiveIntegerField(verbose_name="waarvan synthetisch")),
            ],
            options={
                "verbose_name": "telling bijstandscijfers per maand",
                "verbose_name_plural": "tellingen bijstandscijfers per maand",
            },
        ),
        # The entry list (/entry/) reads every month's counts in month order.
        migrations.AddConstraint(
            model_name="caseloadmonthcount",
            constraint=models.UniqueConstraint(
                fields=("month", "indicator"), name="caseload_count_one_per_month_indicator"
            ),
        ),
        # The activity pages recorded per neighbourhood (/activities/<slug>/): outflow to work per
        # neighbourhood in the year shown; the caseload page (/caseload/): each neighbourhood at two months.
        migrations.AddIndex(
            model_name="caseloadfigure",
            index=models.Index(fields=["indicator", "month"], name="caseload_indicator_month_idx"),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]
