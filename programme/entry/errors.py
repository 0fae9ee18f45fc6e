"""The refusals of the entry services, each with its Dutch message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nprz_dashboard.periods import Month

if TYPE_CHECKING:
    from .planning import MonthPlan


class ServiceError(Exception):
    """A write that was refused, with the Dutch message for the user."""


class ReasonRequired(ServiceError):
    def __init__(self):
        super().__init__("Geef een reden: je wijzigt een waarde die eerder is opgeslagen.")


class GapUnexplained(ServiceError):
    def __init__(self):
        super().__init__(
            "Het officiële totaal wijkt af van de som van de onderliggende gebieden: licht het verschil toe."
        )


class InvalidTransition(ServiceError):
    pass


class OfficialFigureChange(ServiceError):
    pass


class StaleApproval(ServiceError):
    def __init__(self, month: Month):
        super().__init__(
            f"{month.label} is niet goedgekeurd: de cijfers zijn gewijzigd nadat je de pagina opende. "
            "Bekijk de huidige cijfers en keur de maand daarna opnieuw goed."
        )


class EntryConflict(ServiceError):
    def __init__(self, plan: MonthPlan):
        self.plan = plan
        super().__init__(
            "Iemand anders heeft deze maand gewijzigd nadat je het formulier opende. Er is niets opgeslagen: "
            "vergelijk de waarden en sla opnieuw op."
        )


class StalePreview(ServiceError):
    def __init__(self):
        super().__init__(
            "De opgeslagen cijfers zijn gewijzigd sinds het voorbeeld. Er is niets verwerkt: bekijk het nieuwe "
            "voorbeeld en bevestig opnieuw."
        )


class ImportRejected(ServiceError):
    def __init__(self, plan):
        self.plan = plan
        super().__init__(f"Het bestand bevat {plan.error_count} regel(s) met fouten; er is niets verwerkt.")


class RulesBroken(ServiceError):
    """Figures that break a consistency rule marked as an error (rules.py); nothing was stored."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            "Er is niets opgeslagen: "
            + " ".join(f"{f.month.label}: {f.message}" for f in findings[:5])
            + (f" En nog {len(findings) - 5} fouten." if len(findings) > 5 else "")
        )


class WarningsNotOverridden(ServiceError):
    """Warnings saved past without a reason for each; nothing was stored."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            "Er is niets opgeslagen: geef bij elke waarschuwing een reden om toch op te slaan. "
            + " ".join(f"{f.month.label}: {f.message}" for f in findings[:5])
        )


class PublishedMonthChange(ServiceError):
    """A change without a reason to a month whose quarter has a published report."""

    def __init__(self, published: dict):
        months = ", ".join(m.label for m in sorted(published))
        super().__init__(
            f"{months} staat in een gepubliceerde kwartaalrapportage: geef een reden. De rapportage wordt "
            "dan als herzien gemarkeerd, met je reden. Er is niets opgeslagen."
        )
