"""Small helpers the entry, import and period tests share."""

from monitoring.models import ReportingPeriod
from nprz_dashboard.periods import Month


def revision_of(month: Month) -> int:
    """Return the month's revision as a manager's approve form would carry it."""
    period = ReportingPeriod.objects.filter(month=month.first_day).first()
    return period.revision if period else 0
