"""Load the areas and the letter's official figures from fixtures/.

Loading only creates what is missing, so it can run on every start without
touching figures that editors have since corrected.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from monitoring.models import (
    Area,
    AreaLevel,
    CaseloadFigure,
    CaseloadIndicator,
    FigureStatus,
    Origin,
    Provenance,
    Source,
    Target,
)
from nprz_dashboard.periods import Month

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def read_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def load_areas() -> int:
    """Create NPRZ, its districts and neighbourhoods; return how many were new."""
    data = read_fixture("areas.json")
    order = 0
    created = 0

    def ensure(code, **fields):
        nonlocal order, created
        order += 1
        area, was_created = Area.objects.get_or_create(code=code, defaults={**fields, "tree_order": order})
        created += was_created
        return area

    programme = ensure(data["programme"]["code"], name=data["programme"]["name"], level=AreaLevel.PROGRAMME)
    for district in data["districts"]:
        parent = ensure(district["code"], name=district["name"], level=AreaLevel.DISTRICT, parent=programme)
        for hood in district["neighbourhoods"]:
            ensure(
                hood["code"],
                name=hood["name"],
                level=AreaLevel.NEIGHBOURHOOD,
                parent=parent,
                is_focus=hood["focus"],
                population=hood["population"],
            )
    return created


def load_sources() -> dict[str, Source]:
    """Create the source documents; return them by fixture key."""
    sources = {}
    for item in read_fixture("official_figures.json")["sources"]:
        sources[item["key"]], _ = Source.objects.get_or_create(
            title=item["title"],
            defaults={
                "author": item["author"],
                "published_on": item["published_on"],
                "notes": item["notes"],
            },
        )
    return sources


def load_official_figures() -> int:
    """Create the letter's caseload figures and targets; return how many were new."""
    data = read_fixture("official_figures.json")
    sources = load_sources()
    nprz = Area.objects.programme().get()
    created = 0
    for item in data["caseload"]:
        _, was_created = CaseloadFigure.objects.get_or_create(
            indicator=CaseloadIndicator.CASELOAD,
            area=nprz,
            month=Month.parse(item["month"]).first_day,
            defaults={
                "value": item["value"],
                "status": FigureStatus(item["status"]),
                "origin": Origin.OFFICIAL,
                "source": sources[item["source"]],
                "note": item["note"],
            },
        )
        created += was_created
    for item in data["targets"]:
        _, was_created = Target.objects.get_or_create(
            indicator=item["indicator"],
            area=nprz,
            period_end=Month.parse(item["end"]).first_day,
            revises=None,
            defaults={
                "comparator": item["comparator"],
                "period_kind": item["period_kind"],
                "period_start": Month.parse(item["start"]).first_day,
                "value": item["value"],
                "provenance": Provenance.PUBLISHED,
                "source": sources[item["source"]],
                "note": item["note"],
            },
        )
        created += was_created
    return created


@transaction.atomic
def load_official() -> int:
    """Load areas, sources, official figures and targets."""
    return load_areas() + load_official_figures()
