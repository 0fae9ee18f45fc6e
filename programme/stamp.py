"""The "Bijgewerkt op … door …" stamp: the last change to the data a page shows, from the audit trail.

simple-history keeps a row for every write to figures, targets, notes and
month states, whatever the path (form, import, admin, seed). The stamp takes
the newest of those rows over the tables a page reads, in one query: per
table the rows at its latest history_date (an index lookup), united, newest
first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Subquery

from activities.models import ActivityRecord, ActivityTarget
from monitoring.models import Annotation, CaseloadFigure, ReportingPeriod, Target
from nprz_dashboard.periods import Month


def _history(name: str):
    """Return the historical model of one kind of data."""
    models = {
        "caseload": CaseloadFigure,
        "targets": Target,
        "notes": Annotation,
        "periods": ReportingPeriod,
        "activity_records": ActivityRecord,
        "activity_targets": ActivityTarget,
    }
    return models[name].history.model


# The data each page shows, by URL name. A published report carries its own stamp (published on … by …).
PAGE_SOURCES = {
    "overview": ("caseload", "targets", "activity_records", "activity_targets"),
    "caseload": ("caseload", "targets", "notes"),
    "caseload-figures": ("caseload",),
    "activity-list": ("activity_records", "activity_targets"),
    "activity-detail": ("activity_records", "activity_targets", "notes"),
    "targets": ("targets", "activity_targets", "notes"),
    "entry": ("caseload", "activity_records", "periods"),
    "entry-month": ("caseload", "activity_records", "periods"),
    "report-detail": ("caseload", "targets", "activity_records", "activity_targets"),
}
MONTHLY = {"caseload", "activity_records", "periods"}  # tables a month's page narrows to that month


@dataclass(frozen=True)
class Stamp:
    at: dt.datetime
    by: str  # the user's name; "" for data loaded without a user (the seed, a migration)


def last_change(sources, month: Month | None = None) -> Stamp | None:
    """Return when and by whom the data of these sources last changed (of one month, if given), in one query."""
    branches = []
    for name in sources:
        rows = _history(name).objects.all()
        if month is not None and name in MONTHLY:
            rows = rows.filter(month=month.first_day)
        newest = rows.order_by("-history_date").values("history_date")[:1]
        branches.append(
            rows.filter(history_date=Subquery(newest))
            .order_by()
            .values("history_date", "history_user__username", "history_user__first_name", "history_user__last_name")
        )
    if not branches:
        return None
    first, *others = branches
    row = first.union(*others).order_by("-history_date").first()
    if row is None:
        return None
    names = (row["history_user__first_name"], row["history_user__last_name"])
    full_name = " ".join(name for name in names if name)
    return Stamp(at=row["history_date"], by=full_name or row["history_user__username"] or "")
