"""Confirming an import: reasons and warnings first, a fresh preview, the locked month, once, and expiry."""

import datetime as dt
import io
from decimal import Decimal

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure, ChangeEvent, ImportBatch, ValueChange
from nprz_dashboard.periods import Month
from programme.entry import importing, services, workflow
from programme.entry.catalogue import Catalogue
from tests.helpers import revision_of

from .import_uploads import DAY, HOOD, confirm, csv_bytes, hood, states, upload


def test_changed_values_need_a_reason_on_confirm(editor_client):
    inflow = hood("inflow").value
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;instroom;{HOOD};{inflow + 1}"]))
    response = confirm(editor_client, preview, confirm_warnings="on")
    assert "Geef een reden" in response.content.decode()
    assert hood("inflow").value == inflow
    assert not ChangeEvent.objects.exists()


def test_warnings_need_confirmation_before_applying(editor_client):
    inflow = hood("inflow").value
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;instroom;{HOOD};{inflow * 3}"]))
    assert preview.context["plan"].warnings
    response = confirm(editor_client, preview, reason="test")
    assert "geef bij elke waarschuwing een reden" in response.content.decode()
    assert hood("inflow").value == inflow
    assert not ChangeEvent.objects.exists()


def test_a_changed_database_after_the_preview_needs_a_new_preview(editor_client):
    inflow = hood("inflow").value
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;instroom;{HOOD};{inflow + 1}"]))
    CaseloadFigure.objects.filter(pk=hood("inflow").pk).update(value=inflow + 7)  # someone else, meanwhile
    response = confirm(editor_client, preview, reason="test", confirm_warnings="on")
    assert "gewijzigd sinds het voorbeeld" in response.content.decode()
    assert hood("inflow").value == inflow + 7
    assert not ChangeEvent.objects.exists()


def test_a_month_locked_after_the_preview_stops_the_whole_import(editor_client, editor, manager):
    september = hood("inflow", "2026-09-01").value
    october = hood("inflow").value
    lines = [
        "maand;cijfer;gebied;waarde",
        f"2026-09;instroom;{HOOD};{september + 1}",
        f"2026-10;instroom;{HOOD};{october + 1}",
    ]
    preview = upload(editor_client, csv_bytes(lines))
    workflow.submit_period(Month(2026, 10), editor)
    workflow.approve_period(Month(2026, 10), manager, revision=revision_of(Month(2026, 10)))
    response = confirm(editor_client, preview, reason="test", confirm_warnings="on")
    html = response.content.decode()
    assert "vergrendeld door programmamanager" in html
    assert hood("inflow", "2026-09-01").value == september  # the open month is not half-imported
    assert not ValueChange.objects.exists()


def test_an_import_into_a_locked_month_shows_who_locked_it(editor_client, editor, manager):
    workflow.submit_period(Month(2026, 10), editor)
    workflow.approve_period(Month(2026, 10), manager, revision=revision_of(Month(2026, 10)))
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    assert states(preview) == ["error"]
    assert "goedgekeurd en vergrendeld door programmamanager op" in preview.content.decode()


def test_someone_elses_upload_cannot_be_confirmed(editor_client, manager):
    colleague = Client()
    colleague.force_login(manager)
    preview = upload(colleague, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    response = confirm(editor_client, preview, reason="x", confirm_warnings="on")
    assert response.status_code == 404
    assert not ChangeEvent.objects.exists()


def test_an_upload_is_applied_only_once(editor_client):
    ActivityRecord.objects.filter(measure__slug="huisbezoeken", month=DAY).delete()
    preview = upload(
        editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;verzuimaanpak/huisbezoeken;NPRZ;90"])
    )
    assert confirm(editor_client, preview).status_code == 302
    again = confirm(editor_client, preview)
    assert again.status_code == 302
    assert ChangeEvent.objects.count() == 1


def test_cancelling_keeps_nothing(editor_client):
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    batch = preview.context["confirm_form"]["batch"].value()
    editor_client.post("/entry/import/", {"step": "cancel", "batch": batch})
    assert ImportBatch.objects.get().state == "discarded"
    assert bytes(ImportBatch.objects.get().content) == b""


def age(batch_id, hours):
    ImportBatch.objects.filter(pk=batch_id).update(uploaded_at=timezone.now() - dt.timedelta(hours=hours))


def test_the_purge_command_wipes_expired_previews_and_keeps_fresh_ones(editor_client):
    old = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    fresh = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;6"]))
    old_id, fresh_id = (p.context["confirm_form"]["batch"].value() for p in (old, fresh))
    age(old_id, 3)
    out = io.StringIO()
    call_command("purge_import_previews", stdout=out)
    assert "1 importbestand(en) gewist" in out.getvalue()
    expired, kept = ImportBatch.objects.get(pk=old_id), ImportBatch.objects.get(pk=fresh_id)
    assert (expired.state, bytes(expired.content)) == ("discarded", b"")
    assert kept.state == "preview" and bytes(kept.content).startswith(b"\xef\xbb\xbfmaand")


def test_opening_the_import_page_wipes_expired_previews(editor_client):
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    batch_id = preview.context["confirm_form"]["batch"].value()
    age(batch_id, 3)
    editor_client.get("/entry/import/")
    assert bytes(ImportBatch.objects.get(pk=batch_id).content) == b""


def test_confirming_an_expired_preview_wipes_it(editor_client):
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    age(preview.context["confirm_form"]["batch"].value(), 3)
    response = confirm(editor_client, preview, reason="x", confirm_warnings="on")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.state, bytes(batch.content)) == ("discarded", b"")


def test_a_confirm_that_finds_errors_keeps_no_copy_of_the_file(editor_client, editor, manager):
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;5"]))
    workflow.submit_period(Month(2026, 10), editor)
    workflow.approve_period(Month(2026, 10), manager, revision=revision_of(Month(2026, 10)))
    response = confirm(editor_client, preview, reason="x", confirm_warnings="on")
    assert "vergrendeld door programmamanager" in response.content.decode()
    batch = ImportBatch.objects.get()
    assert (batch.state, bytes(batch.content)) == ("discarded", b"")


def test_a_save_between_checking_and_locking_on_confirm_makes_the_preview_stale(editor_client, editor, monkeypatch):
    inflow = hood("inflow").value
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;instroom;{HOOD};{inflow + 1}"]))
    real_build_plan = importing.build_plan

    def build_then_someone_saves(*args, **kwargs):
        plan = real_build_plan(*args, **kwargs)
        services.save_month(
            month=Month(2026, 10),
            user=editor,
            slots=Catalogue.load().slots(Month(2026, 10)),
            values={f"c-inflow-{HOOD}": Decimal(inflow + 7)},
            loaded_revision=revision_of(Month(2026, 10)),
            reason="CBS",
        )
        return plan

    monkeypatch.setattr(importing, "build_plan", build_then_someone_saves)
    response = confirm(editor_client, preview, reason="test", confirm_warnings="on")
    assert "gewijzigd sinds het voorbeeld" in response.content.decode()
    # In this one-thread stand-in the other save shares the refused transaction, so both roll back.
    assert hood("inflow").value == inflow
    assert ChangeEvent.objects.filter(kind="import").count() == 0
