"""What saving a month's form would do: new values, corrections and conflicts with colleagues' saves.

Read-only: the plan is made before the write and again inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from monitoring.models import ReportingPeriod, ValueChange
from nprz_dashboard.periods import Month

from . import rules, totals
from .catalogue import Slot, caseload_key, measure_key
from .errors import OfficialFigureChange
from .selectors import Scope, gap_explanations, month_values, recent_values, user_name


@dataclass(frozen=True)
class Conflict:
    """A figure both you and someone else changed since you opened the form."""

    key: str
    label: str
    unit: str
    at_load: Decimal | None
    theirs: Decimal
    mine: Decimal
    who: str
    when: object


@dataclass
class MonthPlan:
    """What saving a month's form would do, given what is stored now."""

    month: Month
    revision: int
    creates: dict[str, Decimal] = field(default_factory=dict)
    corrections: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    refreshed: dict[str, Decimal] = field(default_factory=dict)  # others' values of fields you left alone
    effective: dict[str, Decimal] = field(default_factory=dict)  # the month's values after the save
    totals: totals.Totals = field(default_factory=totals.Totals)  # the totals after the save
    total_changes: dict[str, tuple[Decimal | None, Decimal]] = field(default_factory=dict)  # (old, new)

    @property
    def changed_keys(self) -> set[str]:
        return set(self.creates) | set(self.corrections) | set(self.total_changes)

    @property
    def needs_reason(self) -> bool:
        return bool(self.corrections) or any(old is not None for old, _ in self.total_changes.values())


def plan_month(month: Month, slots: list[Slot], values: dict[str, Decimal], loaded_revision: int) -> MonthPlan:
    """Compare the entered values with what is stored and with what others saved since the form was loaded.

    A field someone else changed after loading is kept at their value when you left
    it alone, and is a conflict when you changed it too. Queries: period, values (2),
    and the value changes since loading when there are any.
    """
    period = ReportingPeriod.objects.filter(month=month.first_day).first()
    revision = period.revision if period else 0
    stored = month_values(month, Scope.of(slots))
    plan = MonthPlan(month=month, revision=revision, effective={k: s.value for k, s in stored.items()})
    since = _changes_since(month, loaded_revision) if loaded_revision < revision else {}
    by_key = {slot.key: slot for slot in slots}
    for key, mine in values.items():
        slot, current = by_key[key], stored.get(key)
        if key in since:
            at_load, change = since[key]
            theirs = current.value if current else None
            if mine == at_load:
                if theirs is not None:
                    plan.refreshed[key] = theirs
                continue
            if theirs is not None and mine != theirs:
                plan.conflicts.append(
                    Conflict(
                        key,
                        slot.label,
                        slot.unit,
                        at_load,
                        theirs,
                        mine,
                        user_name(change.event.user),
                        change.event.created_at,
                    )
                )
                continue
        if current is None:
            plan.creates[key] = mine
        elif current.value != mine:
            if current.is_official:
                raise OfficialFigureChange(
                    f"{slot.label} is een officieel gepubliceerd cijfer en wordt hier niet gewijzigd."
                )
            plan.corrections[key] = (current.value, mine)
        else:
            continue
        plan.effective[key] = mine
    _add_totals(plan, slots, stored)
    return plan


def _add_totals(plan: MonthPlan, slots: list[Slot], stored: dict) -> None:
    """Work out the district and NPRZ totals the month's parts make after the save."""
    official = {key for key, value in stored.items() if value.is_official}
    plan.totals = totals.derive(totals.parts_of(slots), plan.effective, official)
    for key, value in plan.totals.values.items():
        old = plan.effective.get(key)
        if old != value:
            plan.total_changes[key] = (old, value)
            plan.effective[key] = value


def _changes_since(month: Month, revision: int) -> dict[str, tuple[Decimal | None, ValueChange]]:
    """Return per figure its value at `revision` and the latest change after it."""
    since: dict[str, tuple[Decimal | None, ValueChange]] = {}
    changes = ValueChange.objects.in_month(month).filter(revision__gt=revision).select_related("event__user", "area")
    for change in changes.order_by("revision", "id"):
        key = (
            caseload_key(change.indicator, change.area.code)
            if change.indicator
            else measure_key(change.measure_id, change.area.code)
        )
        at_load = since[key][0] if key in since else change.old_value
        since[key] = (at_load, change)
    return since


def explain_gaps(plan: MonthPlan, explanations: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Return the explanation of each official total that differs from its parts, and the ones still needed.

    An explanation typed now counts, and so does an earlier one of the same
    difference. One is needed when the save changes figures of that indicator.
    """
    gaps = plan.totals.gaps
    given = {key: text.strip() for key, text in explanations.items() if key in gaps and text.strip()}
    earlier = gap_explanations(plan.month) if gaps else {}
    explained = {
        key: given.get(key) or earlier[key].text
        for key, gap in gaps.items()
        if given.get(key) or (key in earlier and earlier[key].parts_sum == gap.summed)
    }
    changed = {key.split("-")[1] for key in plan.changed_keys if key.startswith("c-")}
    return explained, [key for key in gaps if key not in explained and key.split("-")[1] in changed]


@dataclass
class Review:
    """Everything a submitted month form still needs before it can be saved, found in one pass."""

    plan: MonthPlan
    warnings: list[rules.Finding]  # each needs its own reason to be saved past
    errors: dict[str, list[str]]  # broken rules that refuse the save, by the field they are shown at
    needs_reason: bool  # corrections without a reason
    unreasoned: list[rules.Finding]  # warnings without a reason yet
    gaps: dict[str, totals.Gap] = field(default_factory=dict)  # official totals that differ from their parts
    explained: dict[str, str] = field(default_factory=dict)  # gap key: its explanation (given now or before)
    unexplained: list[str] = field(default_factory=list)  # gap keys that still need an explanation

    @property
    def nothing_changed(self) -> bool:
        return not self.plan.changed_keys and not self.plan.conflicts

    @property
    def can_save(self) -> bool:
        return not (
            self.plan.conflicts
            or self.needs_reason
            or self.unreasoned
            or self.errors
            or self.nothing_changed
            or self.unexplained
        )


def review_month(
    month: Month,
    slots: list[Slot],
    values: dict[str, Decimal],
    *,
    loaded_revision: int,
    reason: str,
    overrides: dict[str, str] | None = None,
    explanations: dict[str, str] | None = None,
) -> Review:
    """Check a month's entered values against what is stored, all in one pass.

    Finds conflicts, a missing reason, plausibility warnings and official totals whose
    difference from their parts is not explained, and runs the consistency rules
    (rules.py): their errors refuse the save, and each warning needs its own reason
    in `overrides` (finding id: reason). `explanations` are the ones typed now, by
    total key. Raises OfficialFigureChange when an official figure would change.
    """
    plan = plan_month(month, slots, values, loaded_revision)
    previous = recent_values(month, scope=Scope.of(slots))
    findings = rules.check_month(rules.MonthFacts(month, slots, plan.effective, previous), plan.changed_keys)
    warnings = [f for f in findings if not f.is_error]
    explained, unexplained = explain_gaps(plan, explanations or {})
    return Review(
        plan=plan,
        warnings=warnings,
        errors=rules.errors_by_key(findings),
        needs_reason=plan.needs_reason and not reason.strip(),
        unreasoned=rules.missing_reasons(warnings, overrides or {}),
        gaps=plan.totals.gaps,
        explained=explained,
        unexplained=unexplained,
    )
