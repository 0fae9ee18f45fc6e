"""The report freezes the forecast's chance of each coming target and Zuid's gap to the G4 beside its verdicts."""

from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter, text_of


def test_the_concept_says_the_chance_of_the_2031_target_and_the_g4_gap(manager_client):
    text = text_of(manager_client.get("/reports/2026/q3/?version=concept"))
    assert "Vooruitblik en vergelijking" in text
    assert "Kans dat het doel van 10.000 eind 2031 wordt gehaald:" in text and "(demo)" in text
    assert "Zuid naast de G4: Eind september 2026: in Zuid" in text
    assert "G4-gemiddelde" in text


def test_a_published_version_keeps_its_outlook_as_it_was(manager):
    approve_quarter(Quarter(2026, 3))
    version = report_services.publish(Quarter(2026, 3), manager)
    outlook = version.snapshot["sections"]["caseload"]["outlook"]
    assert [s.split(":")[0] for s in outlook["chances"]] == ["Kans dat het doel van 10.000 eind 2031 wordt gehaald"]
    assert outlook["benchmark"].startswith("Eind september 2026: in Zuid")


def test_a_quarter_after_the_last_deadline_has_no_chance_to_tell(manager_client):
    # The end-2025 target's deadline is this quarter's end: its verdict is final, so no chance is given for it.
    text = text_of(manager_client.get("/reports/2025/q4/?version=concept"))
    assert "Kans dat het doel van 12.400 eind 2025" not in text
    assert "Kans dat het doel van 10.000 eind 2031 wordt gehaald:" in text
