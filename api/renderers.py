"""?format=csv: the rows of a page in the Dutch Excel dialect the exports use (nprz_dashboard/exports.py).

`;` between cells, UTF-8 with a byte order mark, decimal commas, and text that
starts with = + - @ neutralised. The columns are the JSON fields, in the same
order, a nested object's fields as `source.title`; an error is one `detail` row.
"""

from __future__ import annotations

import json

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

from nprz_dashboard.exports import dutch_csv


def columns_of(serializer, prefix: str = "") -> list[str]:
    """Return the CSV columns of a serializer: its fields, nested serializers flattened with a dot."""
    names = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer) and not isinstance(field, serializers.ListSerializer):
            names += columns_of(field, f"{prefix}{name}.")
        else:
            names.append(prefix + name)
    return names


def cell(row: dict, column: str):
    """Return the value of a (dotted) column in a row; a list or object that is left goes as JSON text."""
    value = row
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


class DutchCsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response, view = context.get("response"), context.get("view")
        if data is None:
            return b""
        if response is not None and response.status_code >= 400:
            rows, columns = [data], list(data)
        else:
            rows = data["results"] if isinstance(data, dict) and "results" in data else [data]
            columns = columns_of(view.get_serializer()) if hasattr(view, "get_serializer") else list(rows[0])
        if response is not None:
            name = getattr(view, "csv_name", "cijfers")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        text = "\ufeff" + dutch_csv(columns, ([cell(row, c) for c in columns] for row in rows))
        return text.encode(self.charset)
