"""manage.py import_population: Zuid's inhabitants from the municipality's own count, kept by sync_cbs."""

import io

import pytest
from django.core.management import CommandError, call_command

from benchmarks.models import BenchmarkValue

pytestmark = pytest.mark.usefixtures("no_benchmarks")


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_population", *args, stdout=out)
    return out.getvalue()


def test_it_stores_the_population_as_an_own_import(viewer_client):
    output = run("NPRZ", "2025", "205500")

    zuid = BenchmarkValue.objects.get(region="NPRZ", measure="population", month="2025-01-01")
    assert (zuid.value, zuid.origin, zuid.denominator, zuid.status) == (205500, "imported", "import", "definitief")
    assert "Zuid (NPRZ-gebied), 1 januari 2025: 205500 inwoners (nieuw)." in output
    denominators = viewer_client.get("/caseload/g4/").content.decode().split("Inwoners waardoor", 1)[1]
    assert "eigen import" in denominators


def test_a_cbs_sync_keeps_the_own_import(cbs_feed):
    run("NPRZ", "2025", "205500")
    out = io.StringIO()

    call_command("sync_cbs", stdout=out)

    zuid = BenchmarkValue.objects.get(region="NPRZ", measure="population", month="2025-01-01")
    assert (zuid.value, zuid.origin) == (205500, "imported")
    assert "CBS-tabel 86165NED: 0 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 onderdrukt, 1 eigen import behouden" in (
        out.getvalue()
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (("Zuid", "2025", "205500"), "Onbekende regio 'Zuid'; kies uit NPRZ, GM0599"),
        (("NPRZ", "1899", "205500"), "Het jaar 1899 ligt niet tussen 2000 en 2100."),
        (("NPRZ", "2025", "0"), "Het aantal inwoners moet groter zijn dan 0."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_stores_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert BenchmarkValue.objects.count() == 0


def test_the_admin_shows_the_values_but_never_changes_them(client, demo_benchmarks):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("beheer", password="correct-horse-battery"))
    value = BenchmarkValue.objects.benefits().first()

    listing = client.get("/admin/benchmarks/benchmarkvalue/")
    change = client.post(f"/admin/benchmarks/benchmarkvalue/{value.pk}/change/", {"value": 1})

    assert listing.status_code == 200 and "vergelijkingscijfers" in listing.content.decode()
    assert change.status_code == 403
    assert BenchmarkValue.objects.get(pk=value.pk).value == value.value
