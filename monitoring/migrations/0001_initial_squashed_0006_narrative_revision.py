"""The monitoring schema in one migration, without a dependency on activities.

It replaces the six migrations written while the product was built, one of which
depended on activities (a foreign key from Annotation to activities.Measure,
now the plain id Annotation.measure_id; see docs/architecture.md). A database
made with those six is taken as migrated; its annotation.measure_id column keeps
the old foreign-key constraint, which is harmless: activities refuses to delete
a measure that notes point at.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("monitoring", "0001_initial"),
        ("monitoring", "0002_figures_table_index"),
        ("monitoring", "0003_entry_audit_and_locking"),
        ("monitoring", "0004_target_profile_and_annotations"),
        ("monitoring", "0005_quarterly_reports"),
        ("monitoring", "0006_narrative_revision"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='titel')),
                ('reference', models.CharField(blank=True, max_length=50, verbose_name='kenmerk')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='datum')),
                ('author', models.CharField(blank=True, max_length=200, verbose_name='afzender')),
                ('url', models.URLField(blank=True, verbose_name='adres')),
                ('notes', models.TextField(blank=True, verbose_name='toelichting')),
            ],
            options={
                'verbose_name': 'bron',
                'verbose_name_plural': 'bronnen',
                'ordering': ['-published_on', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Area',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='CBS-code, bv. BU05991086', max_length=20, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=100, verbose_name='naam')),
                ('level', models.CharField(choices=[('programme', 'programmagebied'), ('district', 'gebied'), ('neighbourhood', 'wijk')], max_length=20, verbose_name='niveau')),
                ('is_focus', models.BooleanField(default=False, verbose_name='focuswijk')),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='inwoners (indicatief)')),
                ('tree_order', models.PositiveIntegerField(default=0, verbose_name='volgorde')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='monitoring.area', verbose_name='valt onder')),
            ],
            options={
                'verbose_name': 'gebied',
                'verbose_name_plural': 'gebieden',
                'ordering': ['tree_order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Annotation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                ('text', models.CharField(max_length=300, verbose_name='notitie')),
                ('indicator', models.CharField(blank=True, choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], max_length=20, verbose_name='indicator')),
                ('measure_id', models.PositiveIntegerField(blank=True, null=True, verbose_name='activiteitmaat')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='vastgelegd op')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='annotations', to='monitoring.area', verbose_name='gebied')),
            ],
            options={
                'verbose_name': 'notitie bij grafiek',
                'verbose_name_plural': 'notities bij grafieken',
                'ordering': ['month', 'created_at'],
            },
        ),
        migrations.CreateModel(
            name='ChangeEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('entry', 'invoerformulier'), ('import', 'import'), ('admin', 'beheer (admin)'), ('submit', 'ingediend'), ('approve', 'goedgekeurd en vergrendeld'), ('reopen', 'heropend')], max_length=10, verbose_name='soort')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='op')),
                ('month', models.DateField(blank=True, help_text='Leeg bij een import over meerdere maanden.', null=True, verbose_name='maand')),
                ('reason', models.TextField(blank=True, verbose_name='reden')),
                ('file_name', models.CharField(blank=True, max_length=255, verbose_name='bestand')),
                ('summary', models.CharField(blank=True, max_length=300, verbose_name='samenvatting')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='door')),
            ],
            options={
                'verbose_name': 'wijziging',
                'verbose_name_plural': 'wijzigingen',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAnnotation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                ('text', models.CharField(max_length=300, verbose_name='notitie')),
                ('indicator', models.CharField(blank=True, choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], max_length=20, verbose_name='indicator')),
                ('measure_id', models.PositiveIntegerField(blank=True, null=True, verbose_name='activiteitmaat')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='vastgelegd op')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.area', verbose_name='gebied')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'wijziging notitie',
                'verbose_name_plural': 'historical notities bij grafieken',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalReportingPeriod',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('month', models.DateField(db_index=True, verbose_name='maand')),
                ('state', models.CharField(choices=[('open', 'open'), ('submitted', 'ingediend'), ('approved', 'goedgekeurd en vergrendeld'), ('reopened', 'heropend')], default='open', max_length=20, verbose_name='status')),
                ('changed_at', models.DateTimeField(blank=True, null=True, verbose_name='status gewijzigd op')),
                ('reason', models.TextField(blank=True, verbose_name='reden')),
                ('revision', models.PositiveIntegerField(default=0, verbose_name='versie')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('changed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='status gewijzigd door')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'statuswijziging maand',
                'verbose_name_plural': 'historical verslagmaanden',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='geüpload op')),
                ('file_name', models.CharField(max_length=255, verbose_name='bestand')),
                ('content', models.BinaryField(verbose_name='inhoud')),
                ('sha256', models.CharField(max_length=64, verbose_name='controlegetal')),
                ('state', models.CharField(choices=[('preview', 'voorbeeld getoond'), ('applied', 'verwerkt'), ('discarded', 'afgebroken')], default='preview', max_length=10, verbose_name='status')),
                ('event', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='batch', to='monitoring.changeevent', verbose_name='wijziging')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='geüpload door')),
            ],
            options={
                'verbose_name': 'importbestand',
                'verbose_name_plural': 'importbestanden',
                'ordering': ['-uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='QuarterlyReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='jaar')),
                ('quarter', models.PositiveSmallIntegerField(verbose_name='kwartaal')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
            ],
            options={
                'verbose_name': 'kwartaalrapportage',
                'verbose_name_plural': 'kwartaalrapportages',
                'ordering': ['-year', '-quarter'],
                'constraints': [models.UniqueConstraint(fields=('year', 'quarter'), name='report_one_per_quarter'), models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='report_quarter_1_to_4')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalReportNarrative',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('section', models.CharField(choices=[('caseload', 'Bijstandsbestand en doel'), ('flows', 'Instroom en uitstroom'), ('activities', 'Activiteiten'), ('comparison', 'Vergelijking met eerdere kwartalen'), ('neighbourhoods', 'Wijken')], max_length=20, verbose_name='onderdeel')),
                ('text', models.TextField(blank=True, verbose_name='toelichting')),
                ('revision', models.PositiveIntegerField(default=0, verbose_name='revisie')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='gewijzigd op')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
                ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.quarterlyreport', verbose_name='rapportage')),
            ],
            options={
                'verbose_name': 'wijziging toelichting',
                'verbose_name_plural': 'historical toelichtingen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ReportingPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(unique=True, verbose_name='maand')),
                ('state', models.CharField(choices=[('open', 'open'), ('submitted', 'ingediend'), ('approved', 'goedgekeurd en vergrendeld'), ('reopened', 'heropend')], default='open', max_length=20, verbose_name='status')),
                ('changed_at', models.DateTimeField(blank=True, null=True, verbose_name='status gewijzigd op')),
                ('reason', models.TextField(blank=True, verbose_name='reden')),
                ('revision', models.PositiveIntegerField(default=0, verbose_name='versie')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='status gewijzigd door')),
            ],
            options={
                'verbose_name': 'verslagmaand',
                'verbose_name_plural': 'verslagmaanden',
                'ordering': ['-month'],
            },
        ),
        migrations.CreateModel(
            name='ReportNarrative',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('section', models.CharField(choices=[('caseload', 'Bijstandsbestand en doel'), ('flows', 'Instroom en uitstroom'), ('activities', 'Activiteiten'), ('comparison', 'Vergelijking met eerdere kwartalen'), ('neighbourhoods', 'Wijken')], max_length=20, verbose_name='onderdeel')),
                ('text', models.TextField(blank=True, verbose_name='toelichting')),
                ('revision', models.PositiveIntegerField(default=0, verbose_name='revisie')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='narratives', to='monitoring.quarterlyreport', verbose_name='rapportage')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
            ],
            options={
                'verbose_name': 'toelichting',
                'verbose_name_plural': 'toelichtingen',
            },
        ),
        migrations.CreateModel(
            name='ReportVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='versie')),
                ('snapshot', models.JSONField(verbose_name='vastgelegde inhoud')),
                ('note', models.TextField(blank=True, verbose_name='reden van de nieuwe versie')),
                ('published_at', models.DateTimeField(verbose_name='gepubliceerd op')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gepubliceerd door')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='monitoring.quarterlyreport', verbose_name='rapportage')),
            ],
            options={
                'verbose_name': 'gepubliceerde versie',
                'verbose_name_plural': 'gepubliceerde versies',
                'ordering': ['report', 'number'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCaseloadFigure',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                ('status', models.CharField(choices=[('voorlopig', 'voorlopig'), ('nader_voorlopig', 'nader voorlopig'), ('definitief', 'definitief')], default='voorlopig', max_length=20, verbose_name='status')),
                ('origin', models.CharField(choices=[('official', 'officieel (gepubliceerd)'), ('registered', 'registratie'), ('synthetic', 'synthetisch (demo)')], default='registered', max_length=20, verbose_name='herkomst')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='opmerking')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='gewijzigd op')),
                ('indicator', models.CharField(choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], max_length=20, verbose_name='indicator')),
                ('value', models.PositiveIntegerField(verbose_name='waarde')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.area', verbose_name='gebied')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.source', verbose_name='bron')),
            ],
            options={
                'verbose_name': 'wijziging bijstandscijfer',
                'verbose_name_plural': 'historical bijstandscijfers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='CaseloadFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                ('status', models.CharField(choices=[('voorlopig', 'voorlopig'), ('nader_voorlopig', 'nader voorlopig'), ('definitief', 'definitief')], default='voorlopig', max_length=20, verbose_name='status')),
                ('origin', models.CharField(choices=[('official', 'officieel (gepubliceerd)'), ('registered', 'registratie'), ('synthetic', 'synthetisch (demo)')], default='registered', max_length=20, verbose_name='herkomst')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='opmerking')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                ('indicator', models.CharField(choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], max_length=20, verbose_name='indicator')),
                ('value', models.PositiveIntegerField(verbose_name='waarde')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='monitoring.area', verbose_name='gebied')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='monitoring.source', verbose_name='bron')),
            ],
            options={
                'verbose_name': 'bijstandscijfer',
                'verbose_name_plural': 'bijstandscijfers',
                'ordering': ['area__tree_order', 'month', 'indicator'],
            },
        ),
        migrations.CreateModel(
            name='Target',
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
                ('indicator', models.CharField(choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], default='caseload', max_length=20, verbose_name='indicator')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='targets', to='monitoring.area', verbose_name='gebied')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('revises', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revised_by', to='monitoring.target', verbose_name='herziet')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='monitoring.source', verbose_name='bron')),
            ],
            options={
                'verbose_name': 'doel',
                'verbose_name_plural': 'doelen',
                'ordering': ['indicator', 'period_end', 'created_at'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalTarget',
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
                ('indicator', models.CharField(choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], default='caseload', max_length=20, verbose_name='indicator')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.area', verbose_name='gebied')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vastgelegd door')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.source', verbose_name='bron')),
                ('revises', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.target', verbose_name='herziet')),
            ],
            options={
                'verbose_name': 'wijziging doel',
                'verbose_name_plural': 'historical doelen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ValueChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(verbose_name='maand')),
                ('indicator', models.CharField(blank=True, choices=[('caseload', 'bijstandsuitkeringen'), ('inflow', 'instroom'), ('outflow', 'uitstroom'), ('outflow_to_work', 'uitstroom naar werk')], max_length=20, verbose_name='indicator')),
                ('measure_id', models.PositiveIntegerField(blank=True, null=True, verbose_name='maat')),
                ('label', models.CharField(max_length=300, verbose_name='cijfer')),
                ('unit', models.CharField(default='count', max_length=10, verbose_name='eenheid')),
                ('old_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='oude waarde')),
                ('new_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='nieuwe waarde')),
                ('revision', models.PositiveIntegerField(verbose_name='versie van de maand na deze wijziging')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='monitoring.area', verbose_name='gebied')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='monitoring.changeevent', verbose_name='wijziging')),
            ],
            options={
                'verbose_name': 'gewijzigde waarde',
                'verbose_name_plural': 'gewijzigde waarden',
                'ordering': ['month', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='area',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('level', 'programme'), ('parent__isnull', True)), models.Q(models.Q(('level', 'programme'), _negated=True), ('parent__isnull', False)), _connector='OR'), name='area_only_programme_has_no_parent'),
        ),
        migrations.AddConstraint(
            model_name='area',
            constraint=models.CheckConstraint(condition=models.Q(('is_focus', False), ('level', 'neighbourhood'), _connector='OR'), name='area_focus_only_neighbourhoods'),
        ),
        migrations.AddConstraint(
            model_name='annotation',
            constraint=models.CheckConstraint(condition=models.Q(('month__day', 1)), name='annotation_month_is_first_day'),
        ),
        migrations.AddConstraint(
            model_name='annotation',
            constraint=models.CheckConstraint(condition=models.Q(('indicator', ''), ('measure_id__isnull', True), _connector='OR'), name='annotation_indicator_or_measure'),
        ),
        migrations.AddConstraint(
            model_name='changeevent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'import'), _negated=True), models.Q(('file_name', ''), _negated=True), _connector='OR'), name='change_event_import_has_file'),
        ),
        migrations.AddConstraint(
            model_name='changeevent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'reopen'), _negated=True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='change_event_reopen_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='reportingperiod',
            constraint=models.CheckConstraint(condition=models.Q(('month__day', 1)), name='period_month_is_first_day'),
        ),
        migrations.AddConstraint(
            model_name='reportnarrative',
            constraint=models.UniqueConstraint(fields=('report', 'section'), name='narrative_one_per_section'),
        ),
        migrations.AddConstraint(
            model_name='reportversion',
            constraint=models.UniqueConstraint(fields=('report', 'number'), name='report_version_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='reportversion',
            constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='report_version_number_positive'),
        ),
        migrations.AddIndex(
            model_name='caseloadfigure',
            index=models.Index(fields=['month', 'area'], name='caseload_month_area_idx'),
        ),
        migrations.AddConstraint(
            model_name='caseloadfigure',
            constraint=models.UniqueConstraint(fields=('indicator', 'area', 'month'), name='caseload_one_value_per_area_month'),
        ),
        migrations.AddConstraint(
            model_name='caseloadfigure',
            constraint=models.CheckConstraint(condition=models.Q(('month__day', 1)), name='caseload_month_is_first_day'),
        ),
        migrations.AddConstraint(
            model_name='caseloadfigure',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('origin', 'official'), _negated=True), ('source__isnull', False), _connector='OR'), name='caseload_official_has_source'),
        ),
        migrations.AddConstraint(
            model_name='caseloadfigure',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='caseload_value_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='target_value_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='target_period_in_order'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('provenance', 'published'), _negated=True), ('source__isnull', False), _connector='OR'), name='target_published_has_source'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('revises__isnull', True), models.Q(('revision_reason', ''), _negated=True), _connector='OR'), name='target_revision_has_reason'),
        ),
        migrations.AddIndex(
            model_name='valuechange',
            index=models.Index(fields=['month', 'indicator', 'measure_id', 'area'], name='value_change_by_figure'),
        ),
        migrations.AddConstraint(
            model_name='valuechange',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(models.Q(('indicator', ''), _negated=True), ('measure_id__isnull', True)), models.Q(('indicator', ''), ('measure_id__isnull', False)), _connector='OR'), name='value_change_caseload_or_measure'),
        ),
        migrations.AddConstraint(
            model_name='valuechange',
            constraint=models.CheckConstraint(condition=models.Q(('month__day', 1)), name='value_change_month_is_first_day'),
        ),
    ]
