"""The verdict on a caseload target: met or missed once its deadline has passed, else on track or not.

One function (`judge`) for every page that judges a caseload stock target —
the overview (/), /caseload/, /targets/ and the quarterly report — so they can
never disagree. A verdict computed from demo (synthetic) values says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from nprz_dashboard.formatting import format_count, format_number
from nprz_dashboard.periods import TRACK_LABELS, Month, actual_pace, required_pace, stock_status

MET = "met"
MISSED = "missed"
LABELS = {**TRACK_LABELS, MET: "gehaald", MISSED: "niet gehaald"}
DEMO = "(demo)"
PACE_WINDOW = 12  # the pace achieved is the average monthly change over the last 12 months


@dataclass(frozen=True)
class Verdict:
    """How the caseload stands against one 'at most' target on one reference month."""

    deadline: Month
    target: float
    is_published: bool
    source: str = ""
    month: Month | None = None  # the month of the stand judged (at or before the deadline)
    value: int | None = None
    is_demo: bool = False  # the stand, or the pace behind the verdict, holds demo values
    is_official: bool = False  # the stand judged is an official (published) figure
    months_remaining: int | None = None
    required_pace: float | None = None
    actual_pace: float | None = None
    key: str | None = None  # met, missed, on_track, at_risk, off_track; None when not known

    @property
    def difference(self) -> float | None:
        """Return the stand minus the target: positive is above an 'at most' target."""
        return None if self.value is None else self.value - self.target

    @property
    def is_final(self) -> bool:
        """Return whether the deadline has come: the verdict is met or missed for good."""
        return self.key in (MET, MISSED)

    @property
    def projected(self) -> float | None:
        """Return where the stand ends at the deadline if the pace achieved holds (not a forecast)."""
        if self.is_final or self.actual_pace is None or self.value is None or self.months_remaining is None:
            return None
        return self.value + self.actual_pace * self.months_remaining

    @property
    def label(self) -> str:
        return LABELS.get(self.key, "nog niet bekend")

    @property
    def shown_label(self) -> str:
        """Return the verdict as a page shows it: '(demo)' beside one computed from demo values."""
        return f"{self.label} {DEMO}" if self.is_demo and self.key else self.label

    @property
    def pace(self) -> str:
        return pace_text(self)

    @property
    def projection(self) -> str:
        return projection_text(self)

    @property
    def result(self) -> str:
        return result_text(self)

    @property
    def status_class(self) -> str:
        """Return the status colour class: met reads as on track, missed as off track."""
        return {MET: "on_track", MISSED: "off_track"}.get(self.key, self.key or "none")


def judge(
    deadline: Month,
    target: float,
    series: Mapping[Month, int],
    as_of: Month,
    *,
    demo: Collection[Month] = (),
    official: Collection[Month] = (),
    is_published: bool = True,
    source: str = "",
) -> Verdict:
    """Return the verdict on an 'at most' stock target on the day `as_of` is the last complete month.

    Once the stand at the deadline is in, the target is met or missed. Before
    that, the pace achieved (average change over the last 12 months) is drawn
    on to the deadline (`periods.stock_status`). `demo` holds the months of
    `series` that are synthetic; a verdict that uses one says "(demo)".
    `official` holds the months whose stand is an official figure (marked ◆).
    """
    base = Verdict(deadline=deadline, target=float(target), is_published=is_published, source=source)
    months = [m for m in series if m <= min(as_of, deadline)]
    if not months:
        return base
    month = max(months)
    value = series[month]
    base = replace(base, is_official=month in official)
    if month == deadline:
        key = MET if value <= target else MISSED
        return replace(base, month=month, value=value, key=key, is_demo=month in demo, months_remaining=0)
    if as_of >= deadline:  # the deadline has passed but its stand is not in: no verdict yet
        return replace(base, month=month, value=value, is_demo=month in demo)
    remaining = deadline - month
    pace = actual_pace(series, month, PACE_WINDOW)
    uses_demo = month in demo or (pace is not None and month - PACE_WINDOW in demo)
    return replace(
        base,
        month=month,
        value=value,
        is_demo=uses_demo,
        months_remaining=remaining,
        required_pace=required_pace(target, value, remaining),
        actual_pace=pace,
        key=stock_status(value, target, pace, remaining),
    )


def _fewer(amount: float) -> str:
    """Return a monthly change in words: '35 minder per maand' or '12 meer per maand'."""
    rounded = round(abs(amount))
    return f"{format_number(rounded)} {'minder' if amount < 0 else 'meer'} per maand"


def pace_text(verdict: Verdict) -> str:
    """Return in words what the deadline still asks against the pace achieved; '' once it is met or missed.

    Worded for any time left: with one month to go it says how many benefits
    must still go, not a 'pace per month' over one month.
    """
    if verdict.value is None or verdict.is_final or verdict.months_remaining is None:
        return ""
    months = verdict.months_remaining
    to_go = verdict.target - verdict.value
    left = f"Nog {format_count(months, 'maand', 'maanden')} tot eind {verdict.deadline.label}"
    if to_go >= 0:
        needed = f"{left}: de stand is al {format_number(to_go)} onder het doel en moet daar blijven."
    elif months == 1:
        needed = f"{left}: er moeten nog {format_number(-to_go)} uitkeringen af."
    else:
        needed = (
            f"{left}: er moeten nog {format_number(-to_go)} uitkeringen af, gemiddeld {_fewer(verdict.required_pace)}."
        )
    if verdict.actual_pace is None:
        return f"{needed} Het tempo van de afgelopen 12 maanden is nog niet bekend."
    achieved = f"De afgelopen 12 maanden: gemiddeld {_fewer(verdict.actual_pace)}."
    if verdict.actual_pace == 0:
        achieved = "De afgelopen 12 maanden bleef de stand gelijk."
    return f"{needed} {achieved}"


def projection_text(verdict: Verdict) -> str:
    """Return where the pace achieved would end at the deadline, said as a projection ('' without one)."""
    projected = verdict.projected
    if projected is None:
        return ""
    return (
        f"Gaat het in dat tempo door, dan staat de stand eind {verdict.deadline.label} op "
        f"{format_number(projected)}: een doortrekking, geen prognose."
    )


def result_text(verdict: Verdict) -> str:
    """Return the stand against the target in words: '12.540 eind december 2025, 140 boven het doel'."""
    if verdict.value is None:
        return "nog geen stand"
    difference = verdict.difference
    where = (
        "precies op het doel"
        if difference == 0
        else f"{format_number(abs(difference))} {'boven' if difference > 0 else 'onder'} het doel"
    )
    return f"{format_number(verdict.value)} eind {verdict.month.label}, {where}"
