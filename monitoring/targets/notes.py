"""Annotations out of the database: dated notes for the charts and the exports, as plain rows."""

from django.db.models import Subquery
from django.db.models.functions import Coalesce

from monitoring.caseload.chart_parts import Note
from monitoring.models import Annotation, Area
from nprz_dashboard.periods import Month


def caseload_notes(area: Area) -> list[Note]:
    """Return the notes on the caseload charts of an area, by month (one query)."""
    rows = Annotation.objects.for_caseload(area).in_month_order().values_list("month", "text", "indicator")
    return [Note(Month.of(month), text, indicator) for month, text, indicator in rows]


def measure_notes(measure_ids) -> dict[int, list[Note]]:
    """Return the notes per activity measure, by month (one query)."""
    notes: dict[int, list[Note]] = {}
    rows = Annotation.objects.for_measures(measure_ids).in_month_order().values_list("measure_id", "month", "text")
    for measure_id, month, text in rows:
        notes.setdefault(measure_id, []).append(Note(Month.of(month), text, ""))
    return notes


def export_notes() -> dict[tuple[str, Month], str]:
    """Return the caseload notes by (area code, month) for the figures export; no area means NPRZ (one query).

    Several notes in one month are joined with " | ".
    """
    programme = Subquery(Area.objects.programme().values("code")[:1])
    rows = (
        Annotation.objects.filter(measure_id__isnull=True)
        .in_month_order()
        .values_list(Coalesce("area__code", programme), "month", "text")
    )
    notes: dict[tuple[str, Month], list[str]] = {}
    for code, month, text in rows:
        notes.setdefault((code, Month.of(month)), []).append(text)
    return {key: " | ".join(texts) for key, texts in notes.items()}


def all_annotations(measure_labels: dict[int, str]) -> list[Annotation]:
    """Return every annotation with its area and author, newest month first (one query).

    Each gets `chart`: the measure's label from `measure_labels` (id -> "Activiteit: maat"),
    its indicator, or the caseload.
    """
    annotations = list(Annotation.objects.select_related("area", "created_by").order_by("-month", "-created_at"))
    for annotation in annotations:
        if annotation.measure_id is not None:
            annotation.chart = measure_labels.get(annotation.measure_id, "activiteitmaat (verwijderd)")
        else:
            annotation.chart = annotation.get_indicator_display() if annotation.indicator else "bijstandsuitkeringen"
    return annotations
