"""Data out of the activity models, as plain rows."""

from nprz_dashboard.periods import Month


def overview_rows(year: int, until: Month) -> list[dict]:
    """Return one row per activity with its key measure's status for the overview.

    Placeholder until the activities pages exist: the overview shows an
    empty block. Keys per row: activity, measure, status, label, url.
    """
    return []
