"""The monitoring models, one module per concern; import them from here."""

from .areas import Area, AreaLevel, AreaQuerySet, Source
from .audit import ChangeEvent, ChangeKind, FlagNote, FlagStatus, GapExplanation, ValueChange, WarningOverride
from .base import user_field
from .figures import (
    FLOW_INDICATORS,
    INDICATOR_KIND,
    INDICATOR_NAMES,
    CaseloadFigure,
    CaseloadIndicator,
    FigureStatus,
    HasOrigin,
    MonthlyValue,
    MonthlyValueQuerySet,
    Origin,
    monthly_value_constraints,
)
from .imports import ImportBatch, ImportState
from .notes import Annotation
from .periods import PeriodLocked, PeriodState, ReportingPeriod, refuse_locked_months
from .reminders import ReminderKind, SentReminder
from .reports import QuarterlyReport, ReportNarrative, ReportPdf, ReportSection, ReportVersion
from .summaries import CaseloadMonthCount, caseload_counts, refresh_caseload_counts
from .targets import (
    Comparator,
    PeriodKind,
    Provenance,
    Target,
    TargetBase,
    TargetKind,
    TargetQuerySet,
    target_constraints,
)

__all__ = [
    "FLOW_INDICATORS",
    "INDICATOR_KIND",
    "INDICATOR_NAMES",
    "Annotation",
    "Area",
    "AreaLevel",
    "AreaQuerySet",
    "CaseloadFigure",
    "CaseloadIndicator",
    "CaseloadMonthCount",
    "ChangeEvent",
    "ChangeKind",
    "Comparator",
    "FigureStatus",
    "FlagNote",
    "FlagStatus",
    "GapExplanation",
    "HasOrigin",
    "ImportBatch",
    "ImportState",
    "MonthlyValue",
    "MonthlyValueQuerySet",
    "Origin",
    "PeriodKind",
    "PeriodLocked",
    "PeriodState",
    "Provenance",
    "QuarterlyReport",
    "ReminderKind",
    "ReportNarrative",
    "ReportPdf",
    "ReportSection",
    "ReportVersion",
    "ReportingPeriod",
    "SentReminder",
    "Source",
    "Target",
    "TargetBase",
    "TargetKind",
    "TargetQuerySet",
    "ValueChange",
    "WarningOverride",
    "caseload_counts",
    "monthly_value_constraints",
    "refresh_caseload_counts",
    "refuse_locked_months",
    "target_constraints",
    "user_field",
]
