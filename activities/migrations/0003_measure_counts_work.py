"""Mark the measures that count people going to work, so the overview can set them beside the outflow to work."""

from django.db import migrations, models

# The letter's activities whose measure counts people into work (fixtures/activities.json says the same).
WORK_MEASURES = [
    ("jobhunters", "plaatsingen"),
    ("kind-en-werkgeluk", "aan-het-werk"),
    ("werkstation-op-zuid", "naar-werk"),
    ("regiodeal-dutch-fresh-port", "plaatsingen"),
]


def mark_work_measures(apps, schema_editor):
    Measure = apps.get_model("activities", "Measure")
    for activity, slug in WORK_MEASURES:
        Measure.objects.filter(activity__slug=activity, slug=slug).update(counts_work=True)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial_squashed_0002_target_monthly_profile"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="counts_work",
            field=models.BooleanField(
                default=False,
                help_text="De maat telt mensen die via de activiteit aan het werk gaan, zoals plaatsingen.",
                verbose_name="telt wie aan het werk gaat",
            ),
        ),
        migrations.RunPython(mark_work_measures, migrations.RunPython.noop),
    ]
