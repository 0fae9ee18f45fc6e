"""Which version of a quarterly report a request shows: a published version (frozen) or the manager's concept.

Viewers and editors see published versions only; a manager also sees the live
concept. A refusal is an Unavailable with its Dutch explanation and status.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitoring.models import ChangeEvent, QuarterlyReport, ReportVersion
from nprz_dashboard import clock, disclosure
from nprz_dashboard.periods import Quarter

from . import content, services
from .live import LiveData, load_live, reportable_quarters

CONCEPT = "concept"


class Unavailable(Exception):
    """The reader may not (or cannot) see this report; carries the Dutch explanation and the status."""

    def __init__(self, message: str, status: int = 404):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Shown:
    """What one request shows: a published version (frozen) or the manager's live concept."""

    quarter: Quarter
    report: QuarterlyReport | None
    versions: list[ReportVersion]
    version: ReportVersion | None  # None for the concept
    snapshot: dict
    live: LiveData

    @property
    def is_concept(self) -> bool:
        return self.version is None

    @property
    def latest(self) -> ReportVersion | None:
        return self.versions[-1] if self.versions else None


def quarter_or_refuse(year: int, number: int) -> Quarter:
    """Return the quarter of the URL if it is over and has data; refuse anything else with a Dutch 404."""
    if not 1 <= number <= 4:
        raise Unavailable("Een jaar heeft vier kwartalen; dit kwartaal bestaat niet.")
    quarter = Quarter(year, number)
    if quarter not in reportable_quarters(clock.today()):
        raise Unavailable(
            f"Voor het {quarter.long_label} is er geen rapportage: "
            "het kwartaal is nog niet voorbij of er zijn geen cijfers."
        )
    return quarter


def resolve(year: int, number: int, asked: str, *, is_manager: bool) -> Shown:
    """Return the version a reader asked for (a number, "concept" or "" for the latest); raise Unavailable otherwise."""
    quarter = quarter_or_refuse(year, number)
    report = QuarterlyReport.objects.for_quarter(quarter.year, quarter.number).first()
    versions = list(report.versions.defer("snapshot").select_related("published_by")) if report else []
    live = load_live([quarter], clock.today())
    if asked == CONCEPT or (not asked and not versions):
        if not is_manager:
            if asked == CONCEPT:
                raise Unavailable(
                    "Het concept van een kwartaalrapportage is alleen zichtbaar voor programmamanagers. "
                    "Lezers zien de gepubliceerde versies.",
                    status=403,
                )
            raise Unavailable(
                f"De rapportage over het {quarter.long_label} is nog niet gepubliceerd. "
                "Zodra de programmamanager haar publiceert, staat ze hier."
            )
        narratives = services.narratives_of(report)
        return Shown(quarter, report, versions, None, content.build(quarter, live, narratives), live)
    if asked and not asked.isdigit():
        raise Unavailable("Kies een versie met een nummer, bijvoorbeeld ?version=1.")
    number_asked = int(asked) if asked else versions[-1].number
    version = next((v for v in versions if v.number == number_asked), None)
    if version is None:
        raise Unavailable(f"Versie {number_asked} van de rapportage over het {quarter.long_label} bestaat niet.")
    # Versions published before schema 3 kept the value behind a withheld figure; no page gets it.
    version.snapshot = disclosure.redact_snapshot(
        ReportVersion.objects.values_list("snapshot", flat=True).get(pk=version.pk)
    )
    return Shown(quarter, report, versions, version, version.snapshot, live)


def revision_reasons(quarter: Quarter, since) -> list[dict]:
    """Return why the quarter's figures changed after `since` (a publication): who, when and the reason (1 query)."""
    events = (
        ChangeEvent.objects.filter(changes__month__in=[m.first_day for m in quarter.months], created_at__gt=since)
        .select_related("user")
        .distinct()
        .order_by("created_at", "id")
    )
    return [
        {"who": (e.user.get_full_name() or e.user.username) if e.user else "onbekend", "when": e.created_at,
         "reason": e.reason or "geen reden opgegeven", "kind": e.get_kind_display()}
        for e in events
    ]  # fmt: skip
