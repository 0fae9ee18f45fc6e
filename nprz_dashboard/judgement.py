"""Every rule that judges a figure against its target, and the words for each verdict.

One home for the judgement, used by every page, the quarterly report and its PDF,
the API's derived endpoints and the letter box (docs/architecture.md):

- flows ("higher is better", activities): year-to-date against the pro-rata share
  of the target (`flow_status`);
- stocks ("at most", the caseload): the pace achieved drawn on to the deadline
  (`stock_status`), and once the deadline's stand is in, met or missed (`judge`);
- the derived path: one straight line between consecutive *published* milestones
  over the years without a published target (`derived_path`). A point on it is a
  yardstick, never a target: it is named "afgeleid pad" wherever it is shown;
- the words: "op koers", "risico", "niet op koers", "gehaald", "niet gehaald",
  with "(demo)" beside a verdict computed from demo values.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from .formatting import format_count, format_number
from .periods import Month, Number, month_range

# --- pro rata -----------------------------------------------------------------


def pro_rata_share(months_elapsed: int, profile: Sequence[Number] | None = None) -> float:
    """Return the share of a yearly flow target due after `months_elapsed` months.

    Straight-line by default; a profile gives 12 monthly weights (a seasonal
    pattern), normalised so they add up to the whole year.
    """
    months_elapsed = max(0, min(12, months_elapsed))
    if profile is None:
        return months_elapsed / 12
    if len(profile) != 12 or any(w < 0 for w in profile) or not sum(profile):
        raise ValueError("a profile has 12 non-negative weights that are not all zero")
    return float(sum(profile[:months_elapsed])) / float(sum(profile))


def pro_rata_target(year_target: Number, months_elapsed: int, profile: Sequence[Number] | None = None) -> float:
    """Return the part of a yearly flow target due after `months_elapsed` months."""
    return float(year_target) * pro_rata_share(months_elapsed, profile)


def window_months(start: Month, end: Month, as_of: Month) -> tuple[int, int]:
    """Return (months elapsed by `as_of`, months in the window start..end)."""
    span = end - start + 1
    return max(0, min(span, as_of - start + 1)), span


def due_by(target_value: float, elapsed: int, span: int, profile=None) -> float:
    """Return the pro-rata share of a target after `elapsed` of `span` months.

    A yearly target follows its monthly profile when it has one (seasonal),
    otherwise a straight line; longer windows are always straight.
    """
    if span == 12:
        return pro_rata_target(target_value, elapsed, profile)
    return float(target_value) * elapsed / span


def target_due(target, as_of: Month) -> tuple[float, int, int]:
    """Return what a target asks by the end of `as_of` (pro rata, by its profile), with months elapsed and span."""
    elapsed, span = window_months(target.start_month, target.end_month, as_of)
    return due_by(float(target.value), elapsed, span, profile_of(target)), elapsed, span


def last_month_with_value(series: Mapping[Month, Number], start: Month, end: Month) -> Month | None:
    """Return the last month in start..end that has a value.

    Figures for a month are due halfway through the next one, so the month
    just passed is often still empty: a year-to-date share must stop where the
    figures stop, or a measure exactly on target looks behind.
    """
    months = [m for m in series if start <= m <= end]
    return max(months) if months else None


def profile_of(target) -> list[float] | None:
    """Return a target's twelve monthly weights, or None for a straight line."""
    return getattr(target, "profile", None)


def required_pace(target: Number, latest: Number, months_remaining: int) -> float | None:
    """Return the monthly change still needed to reach a stock target.

    Negative when the stock has to fall. None when the deadline has passed.
    """
    if months_remaining <= 0:
        return None
    return (float(target) - float(latest)) / months_remaining


def actual_pace(series: Mapping[Month, Number], latest: Month, window: int = 12) -> float | None:
    """Return the average monthly change over the last `window` months."""
    earlier = latest - window
    if latest not in series or earlier not in series:
        return None
    return (float(series[latest]) - float(series[earlier])) / window


def project(latest_value: Number, latest: Month, pace: float, until: Month) -> dict[Month, float]:
    """Return a straight projection from the latest value at a monthly pace."""
    return {m: float(latest_value) + pace * (m - latest) for m in month_range(latest, until)}


def glide_path(milestones: Iterable[tuple[Month, Number]]) -> dict[Month, float]:
    """Return a straight monthly path through consecutive milestones.

    The result is a *derived* series: no monthly value on it is a published
    target, only the milestones themselves are. Of two milestones in the same
    month the later one given counts (a path cannot step within a month).
    """
    points = sorted(dict(milestones).items())
    path: dict[Month, float] = {}
    for (start, start_value), (end, end_value) in pairwise(points):
        span = end - start
        for step in range(span + 1):
            path[start + step] = float(start_value) + (float(end_value) - float(start_value)) * step / span
    if len(points) == 1:
        path[points[0][0]] = float(points[0][1])
    return path


# --- the derived path -------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    """A year-end value to compare with: a published target or a derived point on the glide path."""

    month: Month
    value: float
    is_published: bool
    source: str = ""

    @property
    def provenance_label(self) -> str:
        return "gepubliceerd" if self.is_published else "afgeleid"

    @property
    def name(self) -> str:
        """Return what the point is called: 'doel eind 2025' when published, 'afgeleid pad eind 2027' when not."""
        return f"{'doel' if self.is_published else 'afgeleid pad'} eind {self.month.year}"


def unpublished_stretches(milestones: list[Milestone]) -> list[tuple[Milestone, Milestone]]:
    """Return each pair of consecutive published milestones with a year end between them that has no target.

    Only these stretches get a derived path: e.g. 2026-2030 between 12.400 at
    the end of 2025 and 10.000 at the end of 2031. Consecutive year targets
    need no path between them.
    """
    published = [m for m in milestones if m.is_published]
    return [
        (start, end)
        for start, end in pairwise(published)
        if Month(start.month.year, 12) + (12 if start.month.month == 12 else 0) < end.month
    ]


def derived_path(milestones: list[Milestone]) -> dict[Month, float]:
    """Return the straight path through the published milestones, over the stretches without year targets.

    Every published milestone counts, in deadline order: a published 2028
    target splits 2025-2031 into two stretches. Milestones that are not
    published are ignored.
    """
    path: dict[Month, float] = {}
    for start, end in unpublished_stretches(milestones):
        path.update(glide_path([(start.month, start.value), (end.month, end.value)]))
    return path


def yardstick_for_year(year: int, milestones: list[Milestone], path: dict[Month, float]) -> Milestone | None:
    """Return what the end of `year` is measured against: its published target, else the derived path's point.

    A derived point comes back with `is_published` False: show it as "afgeleid pad", never as a target.
    """
    deadline = Month(year, 12)
    for milestone in milestones:
        if milestone.month == deadline:
            return milestone
    if deadline in path:
        return Milestone(deadline, round(path[deadline]), is_published=False)
    return None


# --- status -------------------------------------------------------------------

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
# How a figure is doing against its target ("on track"); not the status of a figure (voorlopig, definitief).
TRACK_LABELS = {ON_TRACK: "op koers", AT_RISK: "risico", OFF_TRACK: "niet op koers"}

# Business rule: within 10% of what is due still counts as "at risk", not "off track".
AT_RISK_MARGIN = 0.10


def flow_status(year_to_date: Number, due: Number) -> str | None:
    """Status of a 'higher is better' flow: year-to-date against the pro-rata target."""
    if due is None or float(due) <= 0:
        return None
    share = float(year_to_date) / float(due)
    if share >= 1:
        return ON_TRACK
    return AT_RISK if share >= 1 - AT_RISK_MARGIN else OFF_TRACK


def stock_status(latest: Number, target: Number, pace: float | None, months_remaining: int) -> str | None:
    """Status of a 'lower is better' stock against an 'at most' target.

    On track when the projection at the actual pace reaches the target by its
    deadline; at risk when it misses by no more than 10% of the distance still
    to go; off track otherwise.
    """
    if pace is None or months_remaining < 0:
        return None
    projected = float(latest) + pace * months_remaining
    if projected <= float(target):
        return ON_TRACK
    distance = max(float(latest) - float(target), 1.0)
    return AT_RISK if projected - float(target) <= AT_RISK_MARGIN * distance else OFF_TRACK


# --- verdicts -------------------------------------------------------------------

MET = "met"
MISSED = "missed"
# The words of every verdict, on every page, in the report and the API's labels.
LABELS = {**TRACK_LABELS, MET: "gehaald", MISSED: "niet gehaald"}
UNKNOWN_LABEL = "nog niet bekend"


def is_met(value: Number, target: Number, *, at_most: bool = True) -> bool:
    """Return whether a final value meets its target: at most it ('lower is better') or at least it."""
    return float(value) <= float(target) if at_most else float(value) >= float(target)


def verdict_label(key: str | None, is_demo: bool = False) -> str:
    """Return a verdict's words, with '(demo)' when it was computed from demo values; '' without a verdict."""
    label = LABELS.get(key, "") if key else ""
    return f"{label} {DEMO}" if label and is_demo else label


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
        return LABELS.get(self.key, UNKNOWN_LABEL)

    @property
    def shown_label(self) -> str:
        """Return the verdict as a page shows it: '(demo)' beside one computed from demo values."""
        return verdict_label(self.key, self.is_demo) or self.label

    @property
    def sentence(self) -> str:
        return verdict_sentence(self)

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
    on to the deadline (`stock_status`). `demo` holds the months of
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
        key = MET if is_met(value, target) else MISSED
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


def verdict_sentence(verdict: Verdict) -> str:
    """Return the verdict in one sentence, as the report and the overview say it.

    'Het doel voor 2025 (12.400) is niet gehaald: eind 2025 stonden er 12.540 uitkeringen.'
    """
    target = f"Het doel voor {verdict.deadline.year} (hoogstens {format_number(verdict.target)})"
    demo = f" {DEMO}" if verdict.is_demo else ""
    if verdict.value is None:
        return f"{target}: nog geen stand bekend."
    stand = f"{format_number(verdict.value)} {'uitkering' if verdict.value == 1 else 'uitkeringen'}"
    if verdict.is_final:
        return f"{target} is {verdict.label}{demo}: eind {verdict.deadline.year} stonden er {stand}."
    if verdict.key is None:
        return f"{target}: nog geen oordeel; eind {verdict.month.label} stonden er {stand}."
    return f"{target} is {verdict.label}{demo}: eind {verdict.month.label} stonden er {stand}."
