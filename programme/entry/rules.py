"""The consistency rules between a month's figures, as data: one list, each with its Dutch message and severity.

Every write of figures applies them (writes.write_figures: the form, an import and
the admin all end there). An error refuses the write, shown at the field it
concerns. A warning may be overridden, each with its own reason; the write path
stores one WarningOverride per overridden warning (who, when, which, why).
Only findings about values a write changes count for that write: an old
inconsistency does not block a colleague who corrects something else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from monitoring.models import CaseloadIndicator
from nprz_dashboard.formatting import format_number, format_percent, format_value
from nprz_dashboard.periods import Month, month_range

from .catalogue import INDICATOR_CODES, Slot

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One broken rule in one month: its fields (the first is where it is shown) and the Dutch message."""

    month: Month
    rule: str
    severity: str
    keys: tuple[str, ...]
    message: str

    @property
    def id(self) -> str:
        """Identify the finding within a write: its month, rule and field (an override names it)."""
        return f"{self.month.key}.{self.rule}.{self.keys[0]}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class MonthFacts:
    """What the rules look at: a month's slots, its values after the write, and each slot's values by month.

    `series` may hold more months than the twelve before this one (a history file's
    rules read one series for all its months); only those twelve count.
    """

    month: Month
    slots: list[Slot]
    values: dict[str, Decimal]
    series: dict[str, dict[Month, Decimal]]

    def __post_init__(self):
        self.by_code = {(s.code, s.area_code): s for s in self.slots}
        self.last_month = self.month - 1
        self.year_before = month_range(self.month - 12, self.last_month)

    def value(self, slot: Slot | None) -> Decimal | None:
        return None if slot is None else self.values.get(slot.key)

    def before(self, slot: Slot | None) -> Decimal | None:
        return None if slot is None else self.series.get(slot.key, {}).get(self.last_month)

    def previous(self, slot: Slot) -> list[Decimal]:
        """Return the slot's values in the twelve months before this one."""
        values = self.series.get(slot.key)
        if not values:
            return []
        found = values.get
        return [value for m in self.year_before if (value := found(m)) is not None]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    description: str  # Dutch: what the rule demands, for the pages that list the rules
    check: Callable[[MonthFacts, Rule], Iterator[Finding]]

    def finding(self, facts: MonthFacts, keys, message: str) -> Finding:
        return Finding(facts.month, self.code, self.severity, tuple(keys), message)


def at_most(lesser: str, greater: str, because: str) -> Callable[[MonthFacts, Rule], Iterator[Finding]]:
    """Return a check that, per area, the figure `lesser` is not above `greater` (import codes)."""

    def check(facts: MonthFacts, rule: Rule) -> Iterator[Finding]:
        for (code, area), part in facts.by_code.items():
            if code != lesser:
                continue
            whole = facts.by_code.get((greater, area))
            low, high = facts.value(part), facts.value(whole)
            if low is None or high is None or low <= high:
                continue
            what = "" if part.is_caseload else f"{part.group}: "
            yield rule.finding(
                facts,
                (part.key, whole.key),
                f"{what}{part.name} ({format_value(low, part.unit)}) is hoger dan {whole.name.lower()} "
                f"({format_value(high, whole.unit)}) in {part.area_label}: {because}",
            )

    return check


def not_negative(facts: MonthFacts, rule: Rule) -> Iterator[Finding]:
    for slot in facts.slots:
        value = facts.value(slot)
        if value is not None and value < 0:
            yield rule.finding(facts, (slot.key,), f"{slot.label}: een negatieve waarde kan niet.")


def stock_and_flows(facts: MonthFacts, rule: Rule) -> Iterator[Finding]:
    """stock(t) ≈ stock(t−1) + inflow − outflow, per area, within ENTRY_IDENTITY_TOLERANCE (at least _MIN).

    CBS flows leave out people reaching pension age, so a small gap is normal.
    """
    share = Decimal(str(settings.ENTRY_IDENTITY_TOLERANCE))
    minimum = Decimal(settings.ENTRY_IDENTITY_MIN)
    code = INDICATOR_CODES
    for (figure, area), stock_slot in facts.by_code.items():
        if figure != code[CaseloadIndicator.CASELOAD]:
            continue
        inflow_slot = facts.by_code.get((code[CaseloadIndicator.INFLOW], area))
        outflow_slot = facts.by_code.get((code[CaseloadIndicator.OUTFLOW], area))
        stock, before = facts.value(stock_slot), facts.before(stock_slot)
        inflow, outflow = facts.value(inflow_slot), facts.value(outflow_slot)
        if None in (stock, before, inflow, outflow):
            continue
        expected = before + inflow - outflow
        gap = stock - expected
        if abs(gap) <= max(abs(expected) * share, minimum):
            continue
        yield rule.finding(
            facts,
            (stock_slot.key, inflow_slot.key, outflow_slot.key),
            f"Bestand en stromen sluiten niet aan in {stock_slot.area_label}: vorige maand {format_number(before)} "
            f"+ instroom {format_number(inflow)} − uitstroom {format_number(outflow)} = {format_number(expected)}, "
            f"maar ingevuld is {format_number(stock)} (verschil {format_number(gap)}; een klein verschil door "
            "uitstroom op AOW-leeftijd is normaal).",
        )


def jump(facts: MonthFacts, rule: Rule) -> Iterator[Finding]:
    """A large change against last month (stocks move slowly; flows of small activities swing more)."""
    shares = settings.ENTRY_CHANGE_WARNING_SHARE
    share_of = {kind: Decimal(str(share)) for kind, share in shares.items()}
    minimum = Decimal(str(settings.ENTRY_CHANGE_WARNING_MIN))
    for slot in facts.slots:
        value, last = facts.value(slot), facts.before(slot)
        if value is None or last is None or last <= 0 or abs(value - last) < minimum:
            continue
        share = share_of.get(slot.kind, share_of["flow"])
        if abs(value - last) / last > share:
            change = (value - last) / last * 100
            yield rule.finding(
                facts,
                (slot.key,),
                f"{slot.label}: {format_value(value, slot.unit)} is {format_percent(abs(change))} "
                f"{'hoger' if change > 0 else 'lager'} dan vorige maand ({format_value(last, slot.unit)}).",
            )


def out_of_range(facts: MonthFacts, rule: Rule) -> Iterator[Finding]:
    """A value outside the last twelve months' range plus a margin (needs three months of history)."""
    tolerance = Decimal(str(settings.ENTRY_RANGE_TOLERANCE))
    minimum = Decimal(str(settings.ENTRY_CHANGE_WARNING_MIN))
    for slot in facts.slots:
        value = facts.value(slot)
        if value is None:
            continue
        history = facts.previous(slot)
        if len(history) < 3:
            continue
        low, high = min(history), max(history)
        margin = max(high * tolerance, minimum)
        if value < low - margin or value > high + margin:
            yield rule.finding(
                facts,
                (slot.key,),
                f"{slot.label}: {format_value(value, slot.unit)} valt buiten wat de afgelopen 12 maanden voorkwam "
                f"({format_value(low, slot.unit)} tot {format_value(high, slot.unit)}).",
            )


# The rules, in the order their findings are listed. Errors first: they refuse a write.
RULES: list[Rule] = [
    Rule(
        "niet-negatief",
        ERROR,
        "Geen negatieve aantallen of bedragen.",
        not_negative,
    ),
    Rule(
        "werk-binnen-uitstroom",
        ERROR,
        "Uitstroom naar werk is niet hoger dan de totale uitstroom, per gebied.",
        at_most("uitstroom_naar_werk", "uitstroom", "uitstroom naar werk is een deel van de uitstroom."),
    ),
    Rule(
        "matches-binnen-werkzoekenden",
        WARNING,
        "Wijkwerktafels: niet meer matches dan werkzoekenden aanwezig, per wijk.",
        at_most("wijkwerktafels/matches", "wijkwerktafels/werkzoekenden", "een match is een werkzoekende."),
    ),
    Rule(
        "werk-binnen-deelnemers-kind-en-werkgeluk",
        WARNING,
        "Kind en Werkgeluk: niet meer moeders aan het werk dan deelnemers gestart in de maand.",
        at_most(
            "kind-en-werkgeluk/aan-het-werk",
            "kind-en-werkgeluk/deelnemers-gestart",
            "klopt dit? Wie eerder startte kan nu aan het werk gaan; licht het toe.",
        ),
    ),
    Rule(
        "werk-binnen-intakes-werkstation",
        WARNING,
        "Werkstation op Zuid: niet meer mensen naar werk dan intakes in de maand.",
        at_most(
            "werkstation-op-zuid/naar-werk",
            "werkstation-op-zuid/intakes",
            "klopt dit? Wie eerder een intake had kan nu aan het werk gaan; licht het toe.",
        ),
    ),
    Rule(
        "bestand-en-stromen",
        WARNING,
        "Bestand = bestand vorige maand + instroom − uitstroom, per gebied, op een kleine marge na.",
        stock_and_flows,
    ),
    Rule(
        "sprong",
        WARNING,
        "Geen grote sprong ten opzichte van vorige maand.",
        jump,
    ),
    Rule(
        "buiten-bereik",
        WARNING,
        "Binnen wat de afgelopen 12 maanden voorkwam, met een marge.",
        out_of_range,
    ),
]
RULE_NAMES = {rule.code: rule.description for rule in RULES}


def check_month(facts: MonthFacts, changed: set[str], skip: set[str] = frozenset()) -> list[Finding]:
    """Return the findings about the changed values of a month: errors first, each field once per rule.

    A value that jumps against last month is not also reported as out of range.
    Rules whose code is in `skip` are not run.
    """
    found: list[Finding] = []
    jumped: set[str] = set()
    for rule in RULES:
        if rule.code in skip:
            continue
        for finding in rule.check(facts, rule):
            if not changed & set(finding.keys):
                continue
            if rule.code == "buiten-bereik" and finding.keys[0] in jumped:
                continue
            if rule.code == "sprong":
                jumped.add(finding.keys[0])
            found.append(finding)
    return found


def errors_by_key(findings: list[Finding]) -> dict[str, list[str]]:
    """Return the errors' messages by the field each is shown at (its first field)."""
    errors: dict[str, list[str]] = {}
    for finding in findings:
        if finding.is_error:
            errors.setdefault(finding.keys[0], []).append(finding.message)
    return errors


def missing_reasons(findings: list[Finding], overrides) -> list[Finding]:
    """Return the warnings that have no reason to override them."""
    return [f for f in findings if not f.is_error and not str(overrides.get(f.id, "") or "").strip()]


class SameReason(dict):
    """Overrides that give one reason for every warning (the admin's single reason field)."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason.strip()

    def get(self, key, default=None):
        return self.reason or default
