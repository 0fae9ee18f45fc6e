"""Totals that follow from their parts: a district from its neighbourhoods, NPRZ from its districts.

Pure functions on slot keys and values, used by the form (to show the totals
beside the fields), by the checks (official totals that differ from their parts)
and by the write path (to store the totals with their parts, so stored figures
add up). A total is computed only when every part has a value. A total that
comes from its own source, the letter's official NPRZ figures, is never computed:
it stands, and its difference from the sum of the parts is shown and explained.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from monitoring.models import AreaLevel

# Districts first: NPRZ is the sum of its districts.
LEVELS = (AreaLevel.DISTRICT, AreaLevel.PROGRAMME)


@dataclass(frozen=True)
class Gap:
    """An official total that differs from the sum of its parts."""

    key: str
    official: Decimal
    summed: Decimal

    @property
    def difference(self) -> Decimal:
        return self.official - self.summed


@dataclass
class Totals:
    """What the parts make of the totals of one month."""

    values: dict[str, Decimal] = field(default_factory=dict)  # computed totals (complete parts, not official)
    sums: dict[str, Decimal] = field(default_factory=dict)  # sum of the parts of every total with complete parts
    filled: dict[str, tuple[int, int]] = field(default_factory=dict)  # per total: parts with a value, parts
    gaps: dict[str, Gap] = field(default_factory=dict)  # official totals that differ from their parts


def parts_of(slots) -> dict[str, list]:
    """Return each caseload total's key with the slots of its direct parts, districts before NPRZ."""
    by_id = {(s.indicator, s.area_id): s for s in slots if s.is_caseload}
    parts: dict[str, list] = defaultdict(list)
    for slot in by_id.values():
        parent = by_id.get((slot.indicator, slot.area_parent_id))
        if parent is not None:
            parts[parent.key].append(slot)
    totals = [s for s in by_id.values() if s.is_total and s.key in parts]
    totals.sort(key=lambda s: LEVELS.index(s.area_level))
    return {s.key: parts[s.key] for s in totals}


def derive(parts: dict[str, list], values: dict[str, Decimal], official: set[str]) -> Totals:
    """Compute every total from the values of its parts (a computed district counts as a part of NPRZ).

    `values` are the month's values by key (stored and entered); `official` the keys
    of totals that come from their own source and are never replaced.
    """
    result = Totals()
    known = dict(values)
    for key, slots in parts.items():
        part_values = [known.get(s.key) for s in slots]
        present = [v for v in part_values if v is not None]
        result.filled[key] = (len(present), len(part_values))
        if len(present) < len(part_values):
            continue  # a stored total stands until its parts are complete (it came from elsewhere)
        summed = sum(present, Decimal(0))
        result.sums[key] = summed
        if key in official:
            if values.get(key) is not None and values[key] != summed:
                result.gaps[key] = Gap(key, values[key], summed)
            continue
        result.values[key] = summed
        known[key] = summed
    return result
