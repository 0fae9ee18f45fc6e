"""Load the activities, their measures, published totals and targets from fixtures/.

The fixture's targets marked "synthetic" are demo targets (the letter gives no
number): `load_activities` leaves them out, `load_targets(synthetic=True)` is for
the demo seed.
"""

from django.db import transaction

from monitoring.models import Area, Provenance
from monitoring.setup.official import load_sources, read_fixture
from nprz_dashboard.periods import Month

from .models import Activity, ActivityTarget, Measure, Project, PublishedTotal, Unit


def _month_or_none(text):
    return Month.parse(text).first_day if text else None


@transaction.atomic
def load_activities() -> int:
    """Create what is missing of the activity fixture but its demo targets; return how many rows were new."""
    data = read_fixture("activities.json")
    sources = load_sources()
    created = 0
    projects = {}
    for item in data["projects"]:
        projects[item["slug"]], was_created = Project.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "description": item["description"]}
        )
        created += was_created
    for order, item in enumerate(data["activities"], start=1):
        activity, was_created = Activity.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "project": projects.get(item["project"]),
                "starts_on": _month_or_none(item.get("starts_on")),
                "ends_on": _month_or_none(item.get("ends_on")),
                "sort_order": order,
            },
        )
        created += was_created
        measures = {}
        for m_order, spec in enumerate(item["measures"], start=1):
            measures[spec["slug"]], was_created = Measure.objects.get_or_create(
                activity=activity,
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "unit": spec["unit"],
                    "kind": spec["kind"],
                    "by_area": spec.get("by_area", False),
                    "is_key": spec.get("key", False),
                    "counts_work": spec.get("counts_work", False),
                    "allows_decimals": spec.get("decimals", False) or spec["unit"] == Unit.EURO,
                    "numerator": measures.get(spec.get("numerator")),
                    "denominator": measures.get(spec.get("denominator")),
                    "sort_order": m_order,
                },
            )
            created += was_created
        for total in item.get("published_totals", []):
            _, was_created = PublishedTotal.objects.get_or_create(
                measure=measures[total["measure"]],
                year=total["year"],
                defaults={"value": total["value"], "source": sources[total["source"]]},
            )
            created += was_created
    return created + load_targets(synthetic=False)


def load_targets(*, synthetic: bool) -> int:
    """Create the fixture's published targets (or, with synthetic, its demo targets) that are missing."""
    data = read_fixture("activities.json")
    sources = load_sources()
    nprz = Area.objects.programme().get()
    measures = {(m.activity.slug, m.slug): m for m in Measure.objects.select_related("activity")}
    created = 0
    for item in data["activities"]:
        for target in item.get("targets", []):
            if (target["provenance"] == Provenance.SYNTHETIC) != synthetic:
                continue
            _, was_created = ActivityTarget.objects.get_or_create(
                measure=measures[(item["slug"], target["measure"])],
                area=nprz,
                period_start=Month.parse(target["start"]).first_day,
                period_end=Month.parse(target["end"]).first_day,
                revises=None,
                defaults={
                    "comparator": target["comparator"],
                    "period_kind": target["period_kind"],
                    "value": target["value"],
                    "provenance": Provenance(target["provenance"]),
                    "source": sources.get(target.get("source")),
                    "note": target.get("note", ""),
                },
            )
            created += was_created
    return created
