"""A revision keeps the original, moves the target line and the derived glide path, and shows the reason."""

from decimal import Decimal

from activities import analytics as activity_analytics
from activities.models import ActivityTarget
from monitoring.caseload.progress import published_milestones
from monitoring.models import Source, Target
from nprz_dashboard.judgement import derived_path, yardstick_for_year
from nprz_dashboard.periods import Month
from programme.targets import services as target_services
from tests.helpers import chart_data, traces


def target_2025():
    return Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2025-12-01")


def revise_2025(manager, value=12_500):
    source = Source.objects.create(title="Raadsbesluit doelen 2025", published_on="2025-06-15")
    return target_services.revise_target(
        target_2025(), value=Decimal(value), reason="tegenvallende uitstroom", source=source, user=manager
    )


def test_revising_the_2025_target_shows_both_lines_on_caseload_with_the_reason(viewer_client, manager):
    revise_2025(manager)
    response = viewer_client.get("/caseload/?span=goal")
    drawn = traces(response, "trend")
    assert drawn["gepubliceerd doel (hoogstens)"]["y"] == [12750, 12500, 10000]
    original = drawn["oorspronkelijk doel (herzien)"]
    assert 12400 in original["y"] and original["opacity"] < 1
    html = response.content.decode()
    assert (
        "Het doel voor eind december 2025 is herzien van hoogstens 12.400 naar hoogstens 12.500. "
        "Reden: tegenvallende uitstroom. Bron: Raadsbesluit doelen 2025, 15-6-2025."
    ) in html


def test_the_derived_glide_path_follows_the_revised_milestone(viewer_client, manager):
    before = traces(viewer_client.get("/caseload/?span=goal"), "trend")["afgeleid pad (geen gepubliceerd doel)"]
    assert before["y"][0] == 12400
    revise_2025(manager, 12_600)
    after = traces(viewer_client.get("/caseload/?span=goal"), "trend")["afgeleid pad (geen gepubliceerd doel)"]
    assert (after["x"][0], after["y"][0], after["y"][-1]) == ("2025-12-01", 12600, 10000)
    assert after["y"][12] == 12600 - (12600 - 10000) / 6  # end of 2026: one sixth of the way


def test_a_stored_derived_target_is_never_used_as_a_published_milestone():
    published = [
        Target(period_start=Month(y, 1).first_day, period_end=Month(y, 12).first_day, value=Decimal(v),
               provenance="published", comparator="at_most", period_kind="year_end")
        for y, v in ((2024, 12_750), (2025, 12_400), (2031, 10_000))
    ]  # fmt: skip
    derived = Target(
        period_start=Month(2028, 1).first_day, period_end=Month(2028, 12).first_day,
        value=Decimal(9_000), provenance="derived", comparator="at_most", period_kind="year_end",
    )  # fmt: skip
    milestones = published_milestones([*published, derived])
    assert [m.value for m in milestones] == [12_750, 12_400, 10_000]
    glide = derived_path(milestones)
    year_2028 = yardstick_for_year(2028, milestones, glide)
    assert year_2028.value == 12_400 - 3 * 400 and not year_2028.is_published


def test_the_revision_chain_is_stored_and_audited(manager):
    first = revise_2025(manager, 12_500)
    source = Source.objects.first()
    second = target_services.revise_target(first, value=Decimal(12_450), reason="nieuw akkoord", source=source,
                                           user=manager)  # fmt: skip
    assert Target.objects.filter(period_end="2025-12-01", area__code="NPRZ").count() == 3
    assert list(Target.objects.current().filter(period_end="2025-12-01").values_list("value", flat=True)) == [12_450]
    assert second.revises == first and first.revises == target_2025().revises.revises
    history = Target.history.filter(id=second.pk).first()
    assert history.history_change_reason == "Herziening: nieuw akkoord"


def test_a_yearly_flow_target_with_a_profile_is_compared_with_its_seasonal_share():
    profile = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]  # busy January, nothing planned in December
    target = ActivityTarget(period_start=Month(2025, 1).first_day, period_end=Month(2025, 12).first_day,
                            value=Decimal(1_200), monthly_profile=profile)  # fmt: skip
    straight = ActivityTarget(period_start=Month(2025, 1).first_day, period_end=Month(2025, 12).first_day,
                              value=Decimal(1_200))  # fmt: skip
    series = {Month(2025, m): 100 for m in range(1, 13)}
    seasonal = activity_analytics.measure_progress(
        kind="flow", unit="count", series=series, targets=[target], year=2025, latest=Month(2025, 1)
    )
    linear = activity_analytics.measure_progress(
        kind="flow", unit="count", series=series, targets=[straight], year=2025, latest=Month(2025, 1)
    )
    assert linear.due == 100  # 1/12 of 1.200
    assert seasonal.due == 200  # 2/12 of the weights fall in January
    assert (linear.status, seasonal.status) == ("on_track", "off_track")


def test_revising_an_activity_target_keeps_the_original_line_on_the_activity_page(viewer_client, manager):
    original = ActivityTarget.objects.current().get(measure__slug="huisbezoeken", period_end="2025-12-01")
    source = Source.objects.create(title="Besluit bijstelling verzuimaanpak", published_on="2025-07-01")
    target_services.revise_target(
        original, value=Decimal(1000), reason="minder huisbezoekers beschikbaar", source=source, user=manager
    )
    response = viewer_client.get("/activities/verzuimaanpak/?year=2025")
    data = chart_data(response, "opgeteld-huisbezoeken")
    drawn = {trace["name"]: trace for trace in data["data"]}
    assert drawn["doel naar rato"]["y"][-1] == 1000
    assert drawn["oorspronkelijk doel 1.200 (herzien)"]["y"][-1] == 1200
    html = response.content.decode()
    assert "Het doel is herzien van 1.200 naar 1.000 (bron: Besluit bijstelling verzuimaanpak)" in html
    assert "minder huisbezoekers beschikbaar" in html


def test_two_published_targets_in_force_for_the_same_month_do_not_break_the_pages(viewer_client):
    goal = Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2031-12-01")
    Target.objects.create(
        indicator="caseload", area=goal.area, comparator="at_most", period_kind="year_end",
        period_start=goal.period_start, period_end=goal.period_end, value=9_900,
        provenance="published", source=goal.source,
    )  # fmt: skip
    for url in ("/", "/caseload/"):
        response = viewer_client.get(url)
        assert response.status_code == 200
        assert "hoogstens 9.900" in response.content.decode()  # the newest target of the month counts
