"""The activities schema in one migration; it replaces the two written while the product was built."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [("activities", "0001_initial"), ("activities", "0002_target_monthly_profile")]

    dependencies = [
        ('monitoring', '0001_initial_squashed_0006_narrative_revision'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Activity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(unique=True, verbose_name='korte naam')),
                ('name', models.CharField(max_length=150, verbose_name='naam')),
                ('description', models.TextField(blank=True, verbose_name='omschrijving')),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='gestart op')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='loopt tot')),
                ('sort_order', models.PositiveIntegerField(default=0, verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'activiteit',
                'verbose_name_plural': 'activiteiten',
                'ordering': ['sort_order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Project',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(unique=True, verbose_name='korte naam')),
                ('name', models.CharField(max_length=150, verbose_name='naam')),
                ('description', models.TextField(blank=True, verbose_name='omschrijving')),
            ],
            options={
                'verbose_name': 'project',
                'verbose_name_plural': 'projecten',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ActivityTarget',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('comparator', models.CharField(choices=[('at_most', 'hoogstens'), ('at_least', 'minstens')], max_length=10, verbose_name='vergelijking')),
                ('period_kind', models.CharField(choices=[('year_end', 'stand aan het eind van de periode'), ('year_total', 'totaal over het jaar'), ('cumulative', 'totaal over meerdere jaren'), ('coverage', 'bereik binnen een termijn')], max_length=20, verbose_name='soort periode')),
                ('period_start', models.DateField(help_text='De eerste dag van de eerste maand.', verbose_name='begin periode')),
                ('period_end', models.DateField(help_text='De eerste dag van de laatste maand.', verbose_name='einde periode')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='doel')),
                ('provenance', models.CharField(choices=[('published', 'gepubliceerd'), ('derived', 'afgeleid'), ('synthetic', 'demo (fictief)')], max_length=10, verbose_name='herkomst')),
                ('revision_reason', models.TextField(blank=True, verbose_name='reden van herziening')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='toelichting')),
                ('monthly_profile', models.JSONField(blank=True, help_text='Twaalf gewichten, januari eerst; leeg is een rechte lijn.', null=True, verbose_name='verdeling over de maanden')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='vastgelegd op')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='activity_targets', to='monitoring.area', verbose_name='gebied')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('revises', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revised_by', to='activities.activitytarget', verbose_name='herziet')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='monitoring.source', verbose_name='bron')),
            ],
            options={
                'verbose_name': 'activiteitdoel',
                'verbose_name_plural': 'activiteitdoelen',
                'ordering': ['measure', 'period_end', 'created_at'],
            },
        ),
        migrations.CreateModel(
            name='Measure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(verbose_name='korte naam')),
                ('name', models.CharField(max_length=150, verbose_name='naam')),
                ('description', models.TextField(blank=True, verbose_name='omschrijving')),
                ('unit', models.CharField(choices=[('count', 'aantal'), ('persons', 'personen'), ('euro', 'euro'), ('percent', 'procent')], default='count', max_length=10, verbose_name='eenheid')),
                ('kind', models.CharField(choices=[('stock', 'stand aan het eind van de maand'), ('flow', 'aantal in de maand'), ('ratio', 'verhouding (berekend)')], default='flow', max_length=10, verbose_name='soort')),
                ('direction', models.CharField(choices=[('higher', 'hoger is beter'), ('lower', 'lager is beter')], default='higher', max_length=10, verbose_name='richting')),
                ('by_area', models.BooleanField(default=False, help_text='Vastgelegd per wijk; anders voor heel NPRZ.', verbose_name='per wijk')),
                ('is_key', models.BooleanField(default=False, verbose_name='kernmaat')),
                ('allows_decimals', models.BooleanField(default=False, verbose_name='decimalen toegestaan')),
                ('max_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='hoogste zinnige waarde')),
                ('sort_order', models.PositiveIntegerField(default=0, verbose_name='volgorde')),
                ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='measures', to='activities.activity', verbose_name='activiteit')),
                ('denominator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='activities.measure', verbose_name='noemer')),
                ('numerator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='activities.measure', verbose_name='teller')),
            ],
            options={
                'verbose_name': 'maat',
                'verbose_name_plural': 'maten',
                'ordering': ['activity__sort_order', 'sort_order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActivityTarget',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('comparator', models.CharField(choices=[('at_most', 'hoogstens'), ('at_least', 'minstens')], max_length=10, verbose_name='vergelijking')),
                ('period_kind', models.CharField(choices=[('year_end', 'stand aan het eind van de periode'), ('year_total', 'totaal over het jaar'), ('cumulative', 'totaal over meerdere jaren'), ('coverage', 'bereik binnen een termijn')], max_length=20, verbose_name='soort periode')),
                ('period_start', models.DateField(help_text='De eerste dag van de eerste maand.', verbose_name='begin periode')),
                ('period_end', models.DateField(help_text='De eerste dag van de laatste maand.', verbose_name='einde periode')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='doel')),
                ('provenance', models.CharField(choices=[('published', 'gepubliceerd'), ('derived', 'afgeleid'), ('synthetic', 'demo (fictief)')], max_length=10, verbose_name='herkomst')),
                ('revision_reason', models.TextField(blank=True, verbose_name='reden van herziening')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='toelichting')),
                ('monthly_profile', models.JSONField(blank=True, help_text='Twaalf gewichten, januari eerst; leeg is een rechte lijn.', null=True, verbose_name='verdeling over de maanden')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='vastgelegd op')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.area', verbose_name='gebied')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('revises', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.activitytarget', verbose_name='herziet')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.source', verbose_name='bron')),
                ('measure', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.measure', verbose_name='maat')),
            ],
            options={
                'verbose_name': 'wijziging activiteitdoel',
                'verbose_name_plural': 'historical activiteitdoelen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActivityRecord',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                ('status', models.CharField(choices=[('voorlopig', 'voorlopig'), ('nader_voorlopig', 'nader voorlopig'), ('definitief', 'definitief')], default='voorlopig', max_length=20, verbose_name='status')),
                ('origin', models.CharField(choices=[('official', 'officieel (gepubliceerd)'), ('registered', 'registratie'), ('synthetic', 'synthetisch (demo)')], default='registered', max_length=20, verbose_name='herkomst')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='opmerking')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='gewijzigd op')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='waarde')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.area', verbose_name='gebied')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.source', verbose_name='bron')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
                ('measure', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.measure', verbose_name='maat')),
            ],
            options={
                'verbose_name': 'wijziging activiteitcijfer',
                'verbose_name_plural': 'historical activiteitcijfers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='activitytarget',
            name='measure',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='targets', to='activities.measure', verbose_name='maat'),
        ),
        migrations.CreateModel(
            name='ActivityRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                ('status', models.CharField(choices=[('voorlopig', 'voorlopig'), ('nader_voorlopig', 'nader voorlopig'), ('definitief', 'definitief')], default='voorlopig', max_length=20, verbose_name='status')),
                ('origin', models.CharField(choices=[('official', 'officieel (gepubliceerd)'), ('registered', 'registratie'), ('synthetic', 'synthetisch (demo)')], default='registered', max_length=20, verbose_name='herkomst')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='opmerking')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='waarde')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='monitoring.area', verbose_name='gebied')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='monitoring.source', verbose_name='bron')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='records', to='activities.measure', verbose_name='maat')),
            ],
            options={
                'verbose_name': 'activiteitcijfer',
                'verbose_name_plural': 'activiteitcijfers',
                'ordering': ['measure', 'area__tree_order', 'month'],
            },
        ),
        migrations.AddField(
            model_name='activity',
            name='project',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='activities', to='activities.project', verbose_name='project'),
        ),
        migrations.CreateModel(
            name='PublishedTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveIntegerField(verbose_name='jaar')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='waarde')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='published_totals', to='activities.measure', verbose_name='maat')),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='monitoring.source', verbose_name='bron')),
            ],
            options={
                'verbose_name': 'gepubliceerd jaartotaal',
                'verbose_name_plural': 'gepubliceerde jaartotalen',
                'ordering': ['measure', 'year'],
            },
        ),
        migrations.AddConstraint(
            model_name='measure',
            constraint=models.UniqueConstraint(fields=('activity', 'slug'), name='measure_unique_slug_per_activity'),
        ),
        migrations.AddConstraint(
            model_name='measure',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'ratio'), _negated=True), models.Q(('denominator__isnull', False), ('numerator__isnull', False)), _connector='OR'), name='measure_ratio_has_parts'),
        ),
        migrations.AddConstraint(
            model_name='activitytarget',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='activity_target_value_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='activitytarget',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='activity_target_period_in_order'),
        ),
        migrations.AddConstraint(
            model_name='activitytarget',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('provenance', 'published'), _negated=True), ('source__isnull', False), _connector='OR'), name='activity_target_published_has_source'),
        ),
        migrations.AddConstraint(
            model_name='activitytarget',
            constraint=models.CheckConstraint(condition=models.Q(('revises__isnull', True), models.Q(('revision_reason', ''), _negated=True), _connector='OR'), name='activity_target_revision_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='activityrecord',
            constraint=models.UniqueConstraint(fields=('measure', 'area', 'month'), name='record_one_value_per_measure_area_month'),
        ),
        migrations.AddConstraint(
            model_name='activityrecord',
            constraint=models.CheckConstraint(condition=models.Q(('month__day', 1)), name='record_month_is_first_day'),
        ),
        migrations.AddConstraint(
            model_name='activityrecord',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('origin', 'official'), _negated=True), ('source__isnull', False), _connector='OR'), name='record_official_has_source'),
        ),
        migrations.AddConstraint(
            model_name='activityrecord',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='record_value_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='publishedtotal',
            constraint=models.UniqueConstraint(fields=('measure', 'year'), name='published_total_one_per_measure_year'),
        ),
        migrations.AddConstraint(
            model_name='publishedtotal',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='published_total_not_negative'),
        ),
    ]
