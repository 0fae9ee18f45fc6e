"""Today's date in Amsterdam, in one place so tests can freeze it."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Return today's date in the project's time zone."""
    return timezone.localdate()
