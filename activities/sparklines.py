"""The small trend lines of the activities list: SVG points and the words a screen reader gets."""

from __future__ import annotations

from nprz_dashboard.periods import Month

from .chart_style import fmt, lower

SPARK_WIDTH, SPARK_HEIGHT = 120, 32


def sparkline_points(values, width: int = SPARK_WIDTH, height: int = SPARK_HEIGHT) -> str:
    """Return SVG polyline points for a small trend line ('' when fewer than two values)."""
    present = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if len(present) < 2:
        return ""
    low, high = min(v for _, v in present), max(v for _, v in present)
    spread = (high - low) or 1.0
    step = (width - 4) / max(1, len(values) - 1)
    return " ".join(f"{2 + i * step:.1f},{height - 2 - (v - low) / spread * (height - 4):.1f}" for i, v in present)


def sparkline_text(name: str, unit: str, months: list[Month], values) -> str:
    """Return the words a screen reader gets for a sparkline."""
    present = [(m, v) for m, v in zip(months, values, strict=False) if v is not None]
    if len(present) < 2:
        return f"Te weinig maanden voor een trend van {lower(name)}."
    (first_month, first), (last_month, last) = present[0], present[-1]
    return f"Trend {lower(name)}: {fmt(first, unit)} in {first_month.label}, {fmt(last, unit)} in {last_month.label}."
