"""URL converters shared by the apps."""

from django.urls import register_converter


class MonthConverter:
    """A month in a URL, as YYYY-MM."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


def register_month_converter():
    register_converter(MonthConverter, "month")
