"""The caseload's progress towards its targets: milestones, the derived glide path, pace and status.

Pure computations on plain series. Selectors fetch the numbers; these apply the
programme's rules (docs/domain.md, "Targets") and return fixed shapes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from monitoring.models import CaseloadIndicator, Target
from nprz_dashboard.formatting import format_date
from nprz_dashboard.judgement import (
    TRACK_LABELS,
    Milestone,
    Verdict,
    actual_pace,
    derived_path,
    judge,
    project,
    required_pace,
    yardstick_for_year,
)
from nprz_dashboard.periods import Month


@dataclass(frozen=True)
class RevisedMilestone:
    """A target that was revised: what was promised, what it became, and why."""

    month: Month
    original: float
    current: float
    reason: str
    source: str
    source_date: str  # Dutch date of the revising source, or ""


@dataclass(frozen=True)
class Progress:
    """The caseload of one area against its targets on one day; every key is always present."""

    year: int
    latest: Month | None = None
    latest_value: int | None = None
    latest_status: str = ""
    latest_source: str | None = None  # set when the latest value is official
    latest_note: str = ""  # the official figure's note, e.g. that its month is assumed
    start_of_year: Month | None = None
    start_value: int | None = None
    change_since_start: int | None = None
    year_target: Milestone | None = None
    distance_to_year_target: float | None = None
    months_remaining: int | None = None
    required_pace: float | None = None
    actual_pace: float | None = None
    goal: Milestone | None = None
    distance_to_goal: float | None = None
    status: str | None = None
    projection: dict[Month, float] = field(default_factory=dict)
    glide: dict[Month, float] = field(default_factory=dict)
    targets: list[Milestone] = field(default_factory=list)
    revised: list[RevisedMilestone] = field(default_factory=list)
    # One verdict per published target, in deadline order (judgement.judge): the page's answer.
    verdicts: list[Verdict] = field(default_factory=list)
    is_demo: bool = False  # the latest stand is demo data

    @property
    def status_label(self) -> str:
        return TRACK_LABELS.get(self.status, "onbekend")

    @property
    def next_verdict(self) -> Verdict | None:
        """Return the verdict on the first published target still to come (its deadline not yet reached)."""
        return next((v for v in self.verdicts if self.latest is None or v.deadline > self.latest), None)

    @property
    def headline(self) -> list[Verdict]:
        """Return what the first screen answers: the last published target that passed, and every one to come."""
        passed = [v for v in self.verdicts if self.latest is not None and v.deadline <= self.latest]
        coming = [v for v in self.verdicts if self.latest is None or v.deadline > self.latest]
        return [*passed[-1:], *coming]

    @property
    def interim(self) -> list[Milestone]:
        """Return the derived year-end points on the glide path (no published target), in order."""
        published = {t.month for t in self.targets}
        return [
            Milestone(m, round(v), is_published=False)
            for m, v in sorted(self.glide.items())
            if m.month == 12 and m not in published
        ]

    @property
    def projected_value(self) -> float | None:
        return self.projection[max(self.projection)] if self.projection else None


def published_milestones(targets: list[Target]) -> list[Milestone]:
    """Return the published caseload targets in force as milestones at their deadlines, one per month.

    Stored derived or demo targets are left out: the glide path and the year
    targets are built from published milestones only, so a derived value never
    passes for a published one. Pass current targets (revised ones left out),
    so a revision moves the milestone and the glide path follows. Should two
    be in force for the same month, the newest one counts.
    """
    by_month: dict[Month, Milestone] = {}
    for t in sorted(targets, key=lambda t: (t.period_end, t.pk or 0)):
        if t.is_published:
            by_month[t.end_month] = Milestone(t.end_month, float(t.value), True, str(t.source) if t.source else "")
    return [by_month[m] for m in sorted(by_month)]


def revised_milestones(current: list[Target], superseded: list[Target]) -> list[RevisedMilestone]:
    """Return each revised target with the value it became and the reason, from loaded targets.

    `superseded` are the originals (each has a revision among `current` or
    `superseded`); a chain of revisions is followed to the target in force.
    """
    by_revised = {t.revises_id: t for t in [*current, *superseded] if t.revises_id}
    result = []
    for original in sorted(superseded, key=lambda t: (t.period_end, t.pk or 0)):
        revision = by_revised.get(original.pk)
        if revision is None:
            continue
        latest = revision
        while latest.pk in by_revised:
            latest = by_revised[latest.pk]
        source = revision.source
        result.append(
            RevisedMilestone(
                month=original.end_month,
                original=float(original.value),
                current=float(latest.value),
                reason=revision.revision_reason,
                source=str(source) if source else "",
                source_date=format_date(source.published_on) if source and source.published_on else "",
            )
        )
    return result


def progress_at(
    caseload: dict[Month, int],
    targets: list[Target],
    until: Month,
    statuses: dict[Month, str] | None = None,
    official: dict[tuple[str, Month], str] | None = None,
    superseded: list[Target] | None = None,
    notes: dict[tuple[str, Month], str] | None = None,
    demo: Collection[Month] = (),
) -> Progress:
    """Return the caseload's progress on the day `until` is the last complete month.

    The year is the year of the day after `until` (today's year): on 27-11-2026
    the last complete month is October 2026 and the year is 2026. `demo` holds
    the months whose stand is demo data; verdicts that use them say so.
    """
    year = (until + 1).year
    milestones = published_milestones(targets)
    glide = derived_path(milestones)
    goal = milestones[-1] if milestones else None
    year_target = yardstick_for_year(year, milestones, glide)
    revised = revised_milestones(targets, superseded or [])
    official_months = {m for i, m in (official or {}) if i == CaseloadIndicator.CASELOAD}
    verdicts = [
        judge(m.month, m.value, caseload, until, demo=demo, official=official_months, source=m.source)
        for m in milestones
    ]
    months = [m for m in caseload if m <= until]
    if not months:
        return Progress(
            year=year, goal=goal, year_target=year_target, glide=glide, targets=milestones, revised=revised,
            verdicts=verdicts,
        )  # fmt: skip

    latest = max(months)
    value = caseload[latest]
    start = Month(year - 1, 12)
    pace = actual_pace(caseload, latest)
    remaining = year_target.month - latest if year_target else None
    deadline = year_target.month if year_target else Month(year, 12)
    return Progress(
        year=year,
        latest=latest,
        latest_value=value,
        latest_status=(statuses or {}).get(latest, ""),
        latest_source=(official or {}).get((CaseloadIndicator.CASELOAD, latest)),
        latest_note=(notes or {}).get((CaseloadIndicator.CASELOAD, latest), ""),
        start_of_year=start,
        start_value=caseload.get(start),
        change_since_start=value - caseload[start] if start in caseload and start != latest else None,
        year_target=year_target,
        distance_to_year_target=value - year_target.value if year_target else None,
        months_remaining=remaining,
        required_pace=required_pace(year_target.value, value, remaining) if year_target else None,
        actual_pace=pace,
        goal=goal,
        distance_to_goal=value - goal.value if goal else None,
        # The status is the verdict on the next published target, never on a derived point.
        status=next((v.key for v in verdicts if v.deadline > latest), None),
        projection=project(value, latest, pace, deadline) if pace is not None and deadline > latest else {},
        glide=glide,
        targets=milestones,
        revised=revised,
        verdicts=verdicts,
        is_demo=latest in demo,
    )
