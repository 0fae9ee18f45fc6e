"""The CBS StatLine tables `sync_cbs` reads, and what it takes from each.

Table ids, topic keys and the "total" keys of the other dimensions are CBS's
own names; when CBS renames a topic the sync stops with a message that lists
the topics the table has (check with cbsodata.get_meta(table, "DataProperties")).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import G4, Denominator, Measure


@dataclass(frozen=True)
class CbsTable:
    """One table: its id, the topic read, its region and period dimensions, and the totals of the others."""

    id: str
    topic: str
    measure: str
    region_dimension: str = "RegioS"
    period_dimension: str | None = "Perioden"  # None: one year per table (the year is `year`)
    period_kind: str = "MM"  # CBS period keys: 2026MM10 (a month), 2026JJ00 (a year)
    fixed: dict[str, str] = field(default_factory=dict)  # other dimensions -> the key of their total
    denominator: str = ""
    year: int | None = None

    @property
    def name(self) -> str:
        return f"CBS-tabel {self.id}"


G4_CODES = tuple(region.value for region in G4)

# Bijstandsuitkeringen per gemeente per maand (households with a benefit; the last months provisional).
BENEFITS = CbsTable(id="82015NED", topic="Bijstandsuitkeringen_1", measure=Measure.BENEFITS)

# Bevolking op 1 januari per gemeente: every age, sex and marital status (their totals).
MUNICIPAL_POPULATION = CbsTable(
    id="03759ned",
    topic="BevolkingOp1Januari_1",
    measure=Measure.POPULATION,
    period_kind="JJ",
    fixed={"Geslacht": "T001038", "Leeftijd": "10000", "BurgerlijkeStaat": "T001019"},
    denominator=Denominator.MUNICIPAL,
)

# Kerncijfers wijken en buurten, one table a year: inhabitants on 1 January per CBS wijk. Zuid is the sum of
# its three districts (Feijenoord, Charlois, IJsselmonde; their codes are the monitor's districts).
NEIGHBOURHOOD_TABLES = {2023: "85618NED", 2024: "85984NED", 2025: "86165NED"}


def neighbourhood_table(year: int, table_id: str) -> CbsTable:
    return CbsTable(
        id=table_id,
        topic="AantalInwoners_5",
        measure=Measure.POPULATION,
        region_dimension="WijkenEnBuurten",
        period_dimension=None,
        denominator=Denominator.NEIGHBOURHOODS,
        year=year,
    )
