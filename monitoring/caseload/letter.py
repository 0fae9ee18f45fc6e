"""'De brief in cijfers': the published figures and targets the overview repeats, each with its source.

Pure: built from loaded official figures, published targets and the activities'
published totals, so the block shows exactly what is stored as official and
never a demo or derived value.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from monitoring.models import CaseloadIndicator, Target
from nprz_dashboard.formatting import format_number, format_percent, format_signed, format_value
from nprz_dashboard.judgement import MET, MISSED, is_met, verdict_label

from .selectors import MonthlyFigures

CASELOAD = CaseloadIndicator.CASELOAD


@dataclass(frozen=True)
class LetterFigure:
    """One figure of the letter in words, with its source and what the app assumed about it."""

    label: str
    text: str
    source: str
    note: str = ""


def _caseload_figures(figures: MonthlyFigures, targets: list[Target]) -> list[LetterFigure]:
    official = sorted(m for i, m in figures.official if i == CASELOAD)
    caseload = figures.series(CASELOAD)
    items = []
    year_ends = [m for m in official if m.month == 12]
    for start, end in pairwise(year_ends):
        if end - start == 12:
            change = format_signed(caseload[end] - caseload[start])
            items.append(
                LetterFigure(
                    f"Bijstandsuitkeringen in {end.year}",
                    f"van {format_number(caseload[start])} naar {format_number(caseload[end])} ({change})",
                    figures.official[(CASELOAD, end)],
                )
            )
    for target in targets:
        month = target.end_month
        if not target.is_published or (CASELOAD, month) not in figures.official:
            continue
        difference = caseload[month] - target.value
        met = is_met(caseload[month], target.value)
        items.append(
            LetterFigure(
                f"Doel eind {month.year}",
                f"hoogstens {format_number(target.value)}: {verdict_label(MET if met else MISSED)}, "
                f"{format_number(abs(difference))} {'onder' if met else 'boven'} het doel",
                str(target.source) if target.source else figures.official[(CASELOAD, month)],
            )
        )
    for month in official:
        if month.month == 12:
            continue
        items.append(
            LetterFigure(
                "Huidige stand volgens de brief",
                f"{format_number(caseload[month])}, opgeslagen bij {month.label}",
                figures.official[(CASELOAD, month)],
                figures.notes.get((CASELOAD, month), ""),
            )
        )
    return items


def _activity_figures(rows: list[dict]) -> list[LetterFigure]:
    items = []
    for row in rows:
        target = format_value(row["target"], row["unit"])
        if row["result"] is None:
            text = f"doel {target} {row['measure'].lower()}"
        else:
            result = format_value(row["result"], row["unit"])
            text = f"{result} tegenover een doel van {target} ({format_percent(row['share'])})"
        items.append(
            LetterFigure(f"{row['activity']}, {row['year']}", text, row["result_source"] or row["target_source"])
        )
    return items


def letter_figures(figures: MonthlyFigures, targets: list[Target], activity_rows: list[dict]) -> list[LetterFigure]:
    """Return the letter's figures: caseload changes, targets met or missed, the 'current' stand, activities.

    `activity_rows` are the activities' published targets with their results
    (activities.key_rows.overview()["letter"]). Published targets still to come
    are left out: the verdicts above the block state them.
    """
    return [*_caseload_figures(figures, targets), *_activity_figures(activity_rows)]
