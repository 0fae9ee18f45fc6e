"""The import tests' uploads and the figures they touch (tests/entry/test_import*.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure

DAY = "2026-10-01"


# Caseload is imported per neighbourhood: district and NPRZ totals follow from them.
HOOD = "BU05991571"  # Tarwewijk


def nprz(indicator, day=DAY):
    return CaseloadFigure.objects.get(indicator=indicator, area__code="NPRZ", month=day)


def hood(indicator, day=DAY):
    return CaseloadFigure.objects.get(indicator=indicator, area__code=HOOD, month=day)


def visits(day=DAY):
    return ActivityRecord.objects.get(measure__slug="huisbezoeken", area__code="NPRZ", month=day)


def everything():
    return (
        sorted(CaseloadFigure.objects.values_list("id", "value")),
        sorted(ActivityRecord.objects.values_list("id", "value")),
    )


def dutch(number) -> str:
    return f"{int(number):,}".replace(",", ".")


def csv_bytes(lines, encoding="utf-8-sig") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(client, content: bytes, name="invoer-oktober.csv"):
    return client.post(
        "/entry/import/", {"step": "preview", "file": SimpleUploadedFile(name, content, content_type="text/csv")}
    )


def confirm(client, preview, confirm_warnings="", **extra):
    """Confirm a previewed import; with confirm_warnings, give a reason for each warning the preview showed."""
    form = preview.context["confirm_form"]
    data = {"step": "confirm", "batch": form["batch"].value(), "fingerprint": form["fingerprint"].value(), **extra}
    if confirm_warnings:
        data.update({f"override-{row['id']}": "Gecontroleerd" for row in preview.context["override_rows"]})
    return client.post("/entry/import/", data)


def states(response) -> list[str]:
    return [row.state for row in response.context["plan"].rows]
