"""Table exports: CSV in the Dutch Excel dialect, XLSX with raw numbers.

Dutch Excel reads ';'-separated UTF-8 with a byte order mark and decimal
commas. In both formats text cells that start with = + - @ are prefixed with a
quote so a spreadsheet never runs them as a formula (CSV/formula injection);
numbers stay numbers.

Every export carries its marks (`marks.Marks`: title, data date, source and
"demo"): a CSV as its first line, before the header; an XLSX on a second sheet
"Toelichting" and in the file's properties, so the data sheet keeps its header
in row 1 and Power BI or Excel read it as a table without skipping rows.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django_tables2.export.export import TableExport
from django_tables2.export.views import ExportMixin
from django_tables2.paginators import LazyPaginator

from . import clock
from .marks import Marks

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """Return one value as a Dutch Excel CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float | Decimal):
        return str(value).replace(".", ",")  # raw number, decimal comma, no separators
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def xlsx_cell(value):
    """Return one value for an XLSX cell: numbers, dates and empty cells as they are, risky text quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def dutch_csv(headers, rows, marks: Marks | None = None) -> str:
    """Return rows as Dutch Excel CSV text (without the byte order mark), after a first line with the marks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if marks is not None:
        writer.writerow([csv_cell(marks.line())])
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def csv_response(filename: str, headers, rows, marks: Marks | None = None) -> HttpResponse:
    """Return a Dutch Excel CSV download (its first line the marks, when given)."""
    response = HttpResponse("\ufeff" + dutch_csv(headers, rows, marks), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


NOTE_SHEET = "Toelichting"


def xlsx_bytes(headers, rows, sheet: str = "invoer", marks: Marks | None = None) -> bytes:
    """Return an XLSX workbook: the data sheet first (header in row 1), then the marks on sheet 'Toelichting'."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append([xlsx_cell(h) for h in headers])
    for row in rows:
        worksheet.append([xlsx_cell(v) for v in row])
    if marks is not None:
        notes = workbook.create_sheet(NOTE_SHEET)
        for line in marks.lines():
            notes.append([xlsx_cell(line)])
        workbook.properties.title = marks.title
        workbook.properties.description = marks.line()
        workbook.properties.keywords = "demo" if marks.demo else ""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers, rows, sheet: str = "invoer", marks: Marks | None = None) -> HttpResponse:
    """Return an XLSX download of one sheet with raw values; text that looks like a formula stays text."""
    response = HttpResponse(xlsx_bytes(headers, rows, sheet, marks), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DutchTableExport(TableExport):
    """django-tables2 export with the Dutch CSV dialect and the export's marks."""

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None, marks: Marks | None = None):
        super().__init__(export_format, table, exclude_columns, dataset_kwargs)
        self.table = table
        self.exclude_columns = exclude_columns or ()
        self.marks = marks

    def export(self):
        headers = self.dataset.headers or []
        if self.format == "csv":
            return "\ufeff" + dutch_csv(headers, self.dataset, self.marks)
        return xlsx_bytes(headers, self.dataset, sheet=self.dataset.title or "cijfers", marks=self.marks)


# A page of a table holds at most this many rows, whatever ?per_page= asks.
MAX_PER_PAGE = 200


def bounded_paging(query, field: str = "per_page"):
    """Return the query with its page size clamped to 1..MAX_PER_PAGE (unchanged when it has none)."""
    try:
        asked = int(query[field])
    except (KeyError, ValueError):
        return query
    bounded = query.copy()
    bounded[field] = str(min(max(asked, 1), MAX_PER_PAGE))
    return bounded


class DutchExportMixin(ExportMixin):
    """Export mixin for list views: every filtered, sorted row, CSV or XLSX.

    Only the documented formats are served: any other ?_export= gets a 400 with a
    Dutch message (tablib knows more formats, some of which need libraries we do
    not install). The page size of the table is clamped as well.

    A page of the table reads its own rows and one more (LazyPaginator), never a
    count of every row: these tables span all of history and every area, so a
    count would cost what is stored, not what is shown. The pager says "Pagina 3"
    and whether another follows, not how many there are.
    """

    export_class = DutchTableExport
    paginator_class = LazyPaginator
    export_formats = ("csv", "xlsx")
    export_name = "export"

    def dispatch(self, request, *args, **kwargs):
        asked = request.GET.get(self.export_trigger_param, "")
        if asked and asked not in self.export_formats:
            message = (
                f"Exporteren als ‘{asked[:20]}’ kan niet: de werkmonitor exporteert als CSV (_export=csv) "
                "of Excel (_export=xlsx)."
            )
            return render(request, "400.html", {"message": message}, status=400)
        request.GET = bounded_paging(request.GET)
        return super().dispatch(request, *args, **kwargs)

    def export_marks(self) -> Marks:
        """Return the marks of this table's exports; views add the data date and whether demo values are in it."""
        return Marks(title=self.export_name, data_date="", made_on=clock.today())

    def create_export(self, export_format):
        exporter = self.export_class(
            export_format=export_format,
            table=self.get_table(**self.get_table_kwargs()),
            exclude_columns=self.exclude_columns,
            dataset_kwargs=self.get_dataset_kwargs(),
            marks=self.export_marks(),
        )
        return exporter.response(filename=self.get_export_filename(export_format))

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get(self.export_trigger_param) in self.export_formats:
            return self.create_export(self.request.GET[self.export_trigger_param])
        return super(ExportMixin, self).render_to_response(context, **kwargs)
