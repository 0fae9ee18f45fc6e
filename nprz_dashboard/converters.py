"""Path converters: a URL that names an impossible value is a 404 before any view runs."""

from .periods import YEARS, Month


class MonthConverter:
    """`<month:month>`: a month as jjjj-mm within YEARS; passed on as that text (the views parse it)."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        month = Month.parse(value)  # ValueError for month 00 or 13: Django answers 404
        if month.year not in YEARS:
            raise ValueError(f"year outside {YEARS.start}..{YEARS.stop - 1}: {value}")
        return value

    def to_url(self, value) -> str:
        return str(value)
