"""Dutch number and date formatting: 12.794; 5,3%; € 1.250; 1-1-2025.

One helper for every figure in the UI, so Django's global thousand separator
stays off (it would print years as 2.025).
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .periods import Month
from .units import Unit

MINUS = "\u2212"  # a real minus sign: screen readers say "min", not "streepje"
EMPTY = "–"


def _rounded(value, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value, decimals: int = 0) -> str:
    """Return 12794 as '12.794' and -22.58 (1 decimal) as '−22,6'; a withheld value shows its marker."""
    from .disclosure import Withheld

    if value is None:
        return EMPTY
    if isinstance(value, Withheld):
        return value.marker
    number = _rounded(value, decimals)
    sign = MINUS if number < 0 else ""
    whole, _, fraction = f"{abs(number):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups)
    return sign + (f"{text},{fraction}" if fraction else text)


def format_signed(value, decimals: int = 0) -> str:
    """Return a change with its sign: '+44', '−271', '0'."""
    if value is None:
        return EMPTY
    text = format_number(value, decimals)
    return f"+{text}" if _rounded(value, decimals) > 0 else text


def format_percent(value, decimals: int = 0) -> str:
    """Return a percentage (already ×100): 5.3 → '5,3%'."""
    if value is None:
        return EMPTY
    return f"{format_number(value, decimals)}%"


def format_euro(value, decimals: int = 0) -> str:
    """Return an amount in euros: 1250 → '€ 1.250'."""
    if value is None:
        return EMPTY
    text = format_number(value, decimals)
    return f"{MINUS}€ {text[1:]}" if text.startswith(MINUS) else f"€ {text}"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """Return a date as '1-1-2025'."""
    if value is None:
        return EMPTY
    return f"{value.day}-{value.month}-{value.year}"


def format_datetime(value: dt.datetime | None) -> str:
    """Return a moment as '1-1-2025 14:05' in the current time zone."""
    if value is None:
        return EMPTY
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local)} {local:%H:%M}"


def format_month(value: Month | dt.date | None) -> str:
    """Return a month as 'januari 2025'."""
    if value is None:
        return EMPTY
    month = value if isinstance(value, Month) else Month.of(value)
    return month.label


def format_value(value, unit: str, decimals: int | None = None) -> str:
    """Format a measure's value by its unit ('euro', 'percent' or a count); a withheld value shows its marker."""
    from .disclosure import Withheld

    if isinstance(value, Withheld):
        return value.marker
    if unit == Unit.EURO:
        return format_euro(value, 0 if decimals is None else decimals)
    if unit == Unit.PERCENT:
        return format_percent(value, 1 if decimals is None else decimals)
    return format_number(value, 0 if decimals is None else decimals)


def format_count(count: int, singular: str, plural: str) -> str:
    """Return a count with its noun in the right number: '1 maand', '61 maanden'."""
    return f"{format_number(count)} {singular if count == 1 else plural}"
