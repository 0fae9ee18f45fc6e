"""The data version: the database replaces it on every write to the programme's data, in the write's transaction."""

import datetime as dt
import re

import pytest
from django.db import transaction

from monitoring.models import Area, CaseloadFigure, ReportingPeriod, Source
from nprz_dashboard import bulk, data_version
from nprz_dashboard.models import DataVersion

# Every table a page reads from, listed here so that a new model is a decision: follow it, or exempt it.
FOLLOWED = {
    "monitoring_area", "monitoring_source", "monitoring_caseloadfigure", "monitoring_target",
    "monitoring_annotation", "monitoring_changeevent", "monitoring_valuechange", "monitoring_gapexplanation",
    "monitoring_reportnarrative", "monitoring_reportversion",
    "monitoring_warningoverride", "monitoring_flagnote",  # the history and the data quality page show them
    "activities_project", "activities_activity", "activities_measure", "activities_activityrecord",
    "activities_activitytarget", "activities_publishedtotal",
    "benchmarks_benchmarkvalue",
}  # fmt: skip


def test_every_data_table_but_history_and_the_lock_anchors_carries_the_trigger(db):
    assert data_version.followed_tables() == FOLLOWED
    assert data_version.triggered_tables() == FOLLOWED


def test_an_insert_an_update_and_a_delete_each_replace_the_version(db):
    versions = [data_version.current()]
    source = Source.objects.create(title="Raadsbrief")
    versions.append(data_version.current())
    Source.objects.filter(pk=source.pk).update(title="Raadsbrief 2026")
    versions.append(data_version.current())
    source.delete()
    versions.append(data_version.current())
    assert len(set(versions)) == 4
    assert all(re.fullmatch(r"[0-9a-f]{32}", v) for v in versions)


def test_a_rolled_back_write_leaves_the_version_as_it_was(db):
    before = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Area.objects.filter(code="NPRZ").update(name="Ander gebied")
        assert data_version.current() != before  # inside the write's transaction it has moved
        raise RuntimeError("the write fails")
    assert data_version.current() == before
    assert Area.objects.get(code="NPRZ").name == "NPRZ-gebied"


def test_a_bulk_load_bumps_it_too(db):
    # COPY on PostgreSQL, multi-row INSERTs on SQLite: no model save(), the trigger still fires.
    before = data_version.current()
    bulk.insert_rows(Source, ["title", "reference", "author", "url", "notes"], [("Bulkbron", "", "", "", "")])
    assert data_version.current() != before


def test_a_lock_anchor_does_not_bump_it(db):
    # A write creates a month's period row to lock it before writing anything else (see DATA_VERSION_EXEMPT).
    before = data_version.current()
    ReportingPeriod.objects.get_or_create(month=dt.date(2031, 1, 1))
    assert data_version.current() == before


def test_a_version_row_removed_by_flush_is_made_again(db):
    DataVersion.objects.all().delete()
    token = data_version.current()
    assert DataVersion.objects.get().token == token
    assert data_version.current() == token  # stable until the next write


def test_installing_again_changes_nothing_and_takes_the_trigger_off_a_table_no_longer_followed(db, settings):
    data_version.install_triggers()
    assert data_version.triggered_tables() == FOLLOWED
    settings.DATA_VERSION_EXEMPT = [*settings.DATA_VERSION_EXEMPT, "monitoring.Source"]
    data_version.install_triggers()  # DDL inside the test's transaction: rolled back afterwards
    assert data_version.triggered_tables() == FOLLOWED - {"monitoring_source"}
    before = data_version.current()
    Source.objects.create(title="Niet gevolgd")
    assert data_version.current() == before
    CaseloadFigure.objects.filter(pk=CaseloadFigure.objects.first().pk).update(note="gevolgd")
    assert data_version.current() != before
