"""What every resource of the API shares: origin and source of a value, disclosure markers, the base view.

Every value the API gives carries its status, its origin and, for an official
value, its source. Origins are told in four words: `official` (published in a
source), `entered` (typed in the entry form or the admin), `imported` (from an
import file) and `demo` (synthetic). The database keeps `registered` for the
middle two; the figure's latest audited change says which it was.
"""

from __future__ import annotations

from django.db.models import Case, CharField, OuterRef, Subquery, Value, When
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, generics, serializers

from monitoring.models import AreaLevel, ChangeKind, FigureStatus, Origin, ValueChange
from nprz_dashboard import disclosure

OFFICIAL, ENTERED, IMPORTED, DEMO = "official", "entered", "imported", "demo"
ORIGINS = [OFFICIAL, ENTERED, IMPORTED, DEMO]
ORIGIN_HELP = (
    "Herkomst: official (gepubliceerd, met bron), entered (ingevoerd), imported (geïmporteerd), demo (synthetisch) / "
    "Origin: official (published, with its source), entered (typed in), imported (from a file), demo (synthetic)"
)
SOURCE_HELP = "Bron van een officieel cijfer, anders leeg / Source of an official figure, else empty"
STATUS_HELP = "Status van het cijfer (CBS-begrippen) / How final the figure is (CBS terms)"
WITHHELD_HELP = (
    "Afgeschermd voor lezers: '<10' (klein aantal) of 'x' (zodat een verborgen aantal niet te herleiden is); "
    "de waarde is dan leeg / Withheld from readers: '<10' (a small count) or 'x' (so a hidden count cannot be "
    "worked out); the value is then empty"
)
# The years the app knows (periods.YEARS, 2000–2100), as the month converter and MonthField hold them.
MONTH_PATTERN = r"^(20\d{2}|2100)-(0[1-9]|1[0-2])$"
# The value sets the schema names once (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
STATUSES = FigureStatus.values
LEVELS = AreaLevel.values


def latest_change_kind(*, indicator: str | None = None, measure: str | None = None) -> Case:
    """Return, for a registered figure, the kind of its latest audited change (an SQL subquery); else NULL.

    Pass the name of the figure's indicator field (caseload) or measure field
    (activity records). Only registered figures run the subquery.
    """
    changes = ValueChange.objects.filter(month=OuterRef("month"), area_id=OuterRef("area_id"))
    if indicator is not None:
        changes = changes.filter(indicator=OuterRef(indicator), measure_id__isnull=True)
    else:
        changes = changes.filter(indicator="", measure_id=OuterRef(measure))
    latest = Subquery(changes.order_by("-id").values("event__kind")[:1], output_field=CharField())
    return Case(When(origin=Origin.REGISTERED, then=latest), default=Value(None), output_field=CharField())


def filter_origin(queryset, origin: str):
    """Return the figures of one API origin (the queryset is annotated with `change_kind`)."""
    if origin == OFFICIAL:
        return queryset.filter(origin=Origin.OFFICIAL)
    if origin == DEMO:
        return queryset.filter(origin=Origin.SYNTHETIC)
    registered = queryset.filter(origin=Origin.REGISTERED)
    if origin == IMPORTED:
        return registered.filter(change_kind=ChangeKind.IMPORT)
    return registered.exclude(change_kind=ChangeKind.IMPORT)


def api_origin(stored: str, latest_kind: str | None) -> str:
    """Return the API origin of a stored origin and the kind of the latest change."""
    if stored == Origin.OFFICIAL:
        return OFFICIAL
    if stored == Origin.SYNTHETIC:
        return DEMO
    return IMPORTED if latest_kind == ChangeKind.IMPORT else ENTERED


def number(value):
    """Return a stored decimal as the API gives it: whole numbers as integers (1086, not 1086.0)."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


class SourceSerializer(serializers.Serializer):
    """The published document an official value comes from."""

    title = serializers.CharField(help_text="Titel van het brondocument / Title of the source document")
    reference = serializers.CharField(help_text="Kenmerk, mogelijk leeg / Reference number, possibly empty")
    published_on = serializers.DateField(
        allow_null=True, help_text="Datum van het document / Date of the document (YYYY-MM-DD)"
    )
    author = serializers.CharField(help_text="Afzender / Author")
    url = serializers.CharField(help_text="Adres van het document, mogelijk leeg / Address of the document, if any")


@extend_schema_field({"type": "number"})
class NumberField(serializers.Field):
    """A stored decimal as a JSON number: whole numbers without decimals (1086), others as they are (12.5)."""

    def to_representation(self, value):
        return number(value)


class StatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=STATUSES, help_text=STATUS_HELP, **kwargs)


class OriginField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ORIGINS, help_text=ORIGIN_HELP, **kwargs)


class WithheldField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=["<10", "x"], allow_null=True, help_text=WITHHELD_HELP, **kwargs)


def source_of(source) -> dict | None:
    """Return a Source as the API shows it, or None."""
    if source is None:
        return None
    return {
        "title": source.title,
        "reference": source.reference,
        "published_on": source.published_on,
        "author": source.author,
        "url": source.url,
    }


def provenance(item, value, reason: str | None) -> dict:
    """Return what every figure and record carries: its value (or why it is withheld), status, origin, source.

    `item` is a CaseloadFigure or ActivityRecord annotated with `change_kind`;
    `reason` is the disclosure reason a reader's value is withheld for, or None.
    """
    return {
        "value": None if reason else value,
        "withheld": disclosure.marker(reason),
        "status": item.status,
        "origin": api_origin(item.origin, item.change_kind),
        "source": source_of(item.source) if item.is_official else None,
    }


class Counted:
    """A queryset whose number of rows is already known (from a summary table): the paginator asks it, not COUNT(*)."""

    ordered = True

    def __init__(self, queryset, count: int):
        self.queryset, self.known = queryset, count

    def count(self) -> int:
        return self.known

    def __len__(self) -> int:
        return self.known

    def __getitem__(self, index):
        return self.queryset[index]


def keyed_page(view, queryset, *related, count: int | None = None) -> list:
    """Return the page of a large ordered queryset: its ids paged first, then only those rows with their joins.

    A deep page (OFFSET 200.000) then skips index entries, not joined rows; the
    order stays the queryset's, which must end in the primary key. `count`, when
    known (an unfiltered list, from its summary table), saves counting every row.
    """
    ids = queryset.values_list("pk", flat=True)
    ids = view.paginate_queryset(ids if count is None else Counted(ids, count))
    rows = {row.pk: row for row in queryset.select_related(*related).filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


def parameter_errors(query) -> dict[str, list[str]]:
    """Return what is wrong with the query parameters as such: given twice, empty, or with a NUL character."""
    errors = {}
    for name, values in query.lists():
        if len(values) > 1:
            errors[name] = [f"Geef ‘{name[:30]}’ één keer."]
        elif values[0] == "":
            errors[name] = [f"Laat ‘{name[:30]}’ weg of geef een waarde; leeg kan niet."]
        elif "\x00" in values[0]:  # PostgreSQL cannot compare text holding one
            errors[name] = ["Een parameter kan geen NUL-teken bevatten."]
    return errors


class StrictParameters:
    """Refuse a parameter given twice, empty or with a NUL character (400): a parameter is left out or valid."""

    http_method_names = ["get", "head"]  # read-only: any other method is 405

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permission and rate limit first
        if errors := parameter_errors(request.query_params):
            raise exceptions.ValidationError(errors)


class ReadOnlyList(StrictParameters, generics.ListAPIView):
    """A paged, read-only list."""
