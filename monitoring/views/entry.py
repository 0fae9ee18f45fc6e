"""Monthly data entry for editors: the month list, the month form, its history and imports.

Views parse the request, ask selectors and services, and render; every write
goes through monitoring.services.
"""

import io
import os
import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nprz_dashboard import clock
from nprz_dashboard.exports import csv_response, xlsx_cell
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, MANAGER, has_role, role_required

from .. import entry_selectors as selectors
from .. import services
from ..forms import ApproveForm, ImportConfirmForm, ImportUploadForm, MonthEntryForm, ReopenForm
from ..importing import COLUMNS, ImportRefused, build_plan, template_rows
from ..models import Area, ImportBatch, ImportState, PeriodLocked, PeriodState, ValueChange
from ..validation import as_input, check_plausibility, signature


def _month_or_404(text: str) -> Month:
    try:
        month = Month.parse(text)
    except ValueError:
        raise Http404("Onbekende maand") from None
    if not selectors.FIRST_ENTRY_MONTH <= month <= selectors.last_entry_month(clock.today()):
        raise Http404("Deze maand kan niet worden ingevoerd")
    return month


@role_required(EDITOR)
def entry_index(request):
    rows = selectors.month_rows(clock.today())
    context = {
        "page_title": "Invoer",
        "rows": rows,
        "late": [row for row in rows if row["is_late"]],
        "waiting": [row for row in rows if row["state"] == PeriodState.SUBMITTED],
    }
    return render(request, "monitoring/entry_index.html", context)


@role_required(EDITOR)
@require_http_methods(["GET", "POST"])
def entry_month(request, month):
    month = _month_or_404(month)
    slots = selectors.Catalogue.load().slots(month)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in ("submit", "approve", "reopen"):
            return _period_step(request, month, slots, action)
        return _save_month(request, month, slots)
    return _render_month(request, month, slots)


def _render_month(request, month, slots, *, form=None, warnings=(), conflicts=(), reopen_form=None, stored=None):
    stored = selectors.month_values(month) if stored is None else stored
    period = selectors.period_of(month)
    locked = bool(period and period.is_locked)
    if form is None:
        form = MonthEntryForm(slots=slots, stored=stored, revision=period.revision if period else 0, locked=locked)
    previous = selectors.recent_values(month, 1)
    corrected = {
        (indicator, measure_id, code)
        for indicator, measure_id, code in ValueChange.objects.in_month(month)
        .values_list("indicator", "measure_id", "area__code")
        .distinct()
    }
    notes = _field_notes(warnings)
    cells = {
        slot.key: {
            "slot": slot,
            "field": form[slot.key],
            "previous": previous.get(slot.key, {}).get(month - 1),
            "stored": stored.get(slot.key),
            "notes": notes.get(slot.key, []),
            "history_url": slot.history_url(month)
            if (slot.indicator, slot.measure_id, slot.area_code) in corrected
            else "",
        }
        for slot in slots
    }
    state = period.state if period else PeriodState.OPEN
    context = {
        "page_title": f"Invoer {month.label}",
        "month": month,
        "period": period,
        "state": state,
        "state_label": PeriodState(state).label,
        "locked": locked,
        "lock_message": period.lock_message() if locked else "",
        "form": form,
        "caseload": _caseload_table(slots, cells),
        "activities": _activity_tables(slots, cells),
        "warnings": warnings,
        "conflicts": conflicts,
        "errors": [(slot, form[slot.key].errors) for slot in slots if form.is_bound and form[slot.key].errors],
        "missing": selectors.missing_slots(slots, stored),
        "filled": sum(1 for slot in slots if slot.key in stored),
        "expected": len(slots),
        "can_submit": not locked and state in (PeriodState.OPEN, PeriodState.REOPENED) and bool(stored),
        "can_approve": has_role(request.user, MANAGER) and state == PeriodState.SUBMITTED,
        "can_reopen": has_role(request.user, MANAGER) and state in (PeriodState.SUBMITTED, PeriodState.APPROVED),
        "approve_form": ApproveForm(initial={"revision": period.revision if period else 0}),
        "reopen_form": reopen_form or ReopenForm(),
        "previous_month": month - 1 if month - 1 >= selectors.FIRST_ENTRY_MONTH else None,
        "next_month": month + 1 if month + 1 <= selectors.last_entry_month(clock.today()) else None,
        "history_url": selectors.history_url(month),
        "shows_synthetic": any(value.is_synthetic for value in stored.values()),
    }
    return render(request, "monitoring/entry_month.html", context)


def _field_notes(warnings) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for warning in warnings:
        for key in warning.keys:
            notes.setdefault(key, []).append(warning.message)
    return notes


def _caseload_table(slots, cells) -> dict:
    columns = list(selectors.INDICATOR_NAMES.values())
    rows: dict[str, dict] = {}
    for slot in slots:
        if slot.is_caseload:
            row = rows.setdefault(slot.area_code, {"area": slot.area_name, "level": slot.area_level, "cells": []})
            row["cells"].append(cells[slot.key])
    return {"columns": columns, "rows": list(rows.values())}


def _activity_tables(slots, cells) -> list[dict]:
    """Group activity fields: one table per activity; measures per neighbourhood get a row per neighbourhood."""
    tables: dict[str, dict] = {}
    for slot in slots:
        if slot.is_caseload:
            continue
        table = tables.setdefault(
            slot.group_slug, {"name": slot.group, "slug": slot.group_slug, "by_area": False, "columns": [], "rows": {}}
        )
        if slot.area_level == "neighbourhood":
            table["by_area"] = True
            if slot.name not in table["columns"]:
                table["columns"].append(slot.name)
            table["rows"].setdefault(slot.area_code, {"label": slot.area_name, "cells": []})["cells"].append(
                cells[slot.key]
            )
        else:
            table["rows"][slot.key] = {"label": slot.name, "cells": [cells[slot.key]]}
    for table in tables.values():
        table["rows"] = list(table["rows"].values())
    return list(tables.values())


def _rebound(request, slots, stored, revision: int, changes: dict):
    data = request.POST.copy()
    for key, value in changes.items():
        data[key] = value
    data["revision"] = str(revision)
    form = MonthEntryForm(data, slots=slots, stored=stored, revision=revision)
    form.is_valid()
    return form


def _save_month(request, month, slots):
    stored = selectors.month_values(month)
    period = selectors.period_of(month)
    if period and period.is_locked:
        messages.error(request, period.lock_message())
        return redirect("entry-month", month=month.key)
    form = MonthEntryForm(request.POST, slots=slots, stored=stored, revision=period.revision if period else 0)
    if not form.is_valid():
        messages.error(request, "Er is niets opgeslagen: verbeter de gemarkeerde velden.")
        return _render_month(request, month, slots, form=form, stored=stored)
    try:
        plan = services.plan_month(month, slots, form.values, form.cleaned_data["revision"])
    except services.OfficialFigureChange as error:
        messages.error(request, str(error))
        return _render_month(request, month, slots, form=form, stored=stored)
    if plan.conflicts:
        return _conflict(request, month, slots, stored, plan)
    if not plan.changed_keys:
        messages.info(request, "Er was niets gewijzigd; er is niets opgeslagen.")
        return redirect("entry-month", month=month.key)
    reason = form.cleaned_data["reason"]
    if plan.needs_reason and not reason.strip():
        form.add_error("reason", str(services.ReasonRequired()))
        messages.error(request, "Er is niets opgeslagen: geef een reden voor de correctie.")
        return _render_month(request, month, slots, form=form, stored=stored)
    warnings = check_plausibility(slots, plan.effective, plan.changed_keys, selectors.recent_values(month), month)
    expected = signature(warnings)
    confirmed = form.cleaned_data["confirm_warnings"] and form.cleaned_data["warnings_signature"] == expected
    if warnings and not confirmed:
        messages.warning(
            request, "Er is nog niets opgeslagen: controleer de waarschuwingen en bevestig dat de cijfers kloppen."
        )
        data = request.POST.copy()
        data["warnings_signature"] = expected
        data.pop("confirm_warnings", None)
        form = MonthEntryForm(data, slots=slots, stored=stored, revision=form.cleaned_data["revision"])
        form.is_valid()
        return _render_month(request, month, slots, form=form, warnings=warnings, stored=stored)
    try:
        plan, _ = services.save_month(
            month=month,
            user=request.user,
            slots=slots,
            values=form.values,
            loaded_revision=form.cleaned_data["revision"],
            reason=reason,
        )
    except PeriodLocked as error:
        messages.error(request, str(error))
        return redirect("entry-month", month=month.key)
    except services.EntryConflict as error:
        return _conflict(request, month, slots, selectors.month_values(month), error.plan)
    except services.ServiceError as error:
        messages.error(request, str(error))
        return _render_month(request, month, slots, form=form, stored=stored)
    created, corrected = len(plan.creates), len(plan.corrections)
    messages.success(
        request,
        f"Opgeslagen: {created} nieuwe waarde{'n' if created != 1 else ''} en "
        f"{corrected} correctie{'s' if corrected != 1 else ''} voor {month.label}.",
    )
    return redirect("entry-month", month=month.key)


def _conflict(request, month, slots, stored, plan):
    """Show both values of each conflicting field; take over others' values in fields you left alone."""
    by_key = {slot.key: slot for slot in slots}
    refreshed = {key: as_input(value, by_key[key].allows_decimals) for key, value in plan.refreshed.items()}
    form = _rebound(request, slots, stored, plan.revision, refreshed)
    messages.error(
        request,
        "Iemand anders heeft deze maand gewijzigd nadat je het formulier opende. Er is niets opgeslagen: "
        "vergelijk de waarden hieronder en sla opnieuw op.",
    )
    return _render_month(request, month, slots, form=form, conflicts=plan.conflicts, stored=stored)


def _period_step(request, month, slots, action):
    if action != "submit" and not has_role(request.user, MANAGER):
        raise PermissionDenied("Alleen een programmamanager keurt maanden goed of heropent ze.")
    try:
        if action == "submit":
            services.submit_period(month, request.user)
            messages.success(request, f"{month.label} is ingediend ter goedkeuring.")
        elif action == "approve":
            form = ApproveForm(request.POST)
            if not form.is_valid():
                messages.error(
                    request, f"{month.label} is niet goedgekeurd: laad de pagina opnieuw en probeer het nog eens."
                )
                return redirect("entry-month", month=month.key)
            services.approve_period(
                month,
                request.user,
                revision=form.cleaned_data["revision"],
                final_caseload=form.cleaned_data["final_caseload"],
                final_activities=form.cleaned_data["final_activities"],
            )
            messages.success(request, f"{month.label} is goedgekeurd en vergrendeld.")
        else:
            form = ReopenForm(request.POST)
            if not form.is_valid():
                messages.error(request, "De maand is niet heropend: geef een reden.")
                return _render_month(request, month, slots, reopen_form=form)
            services.reopen_period(month, request.user, form.cleaned_data["reopen_reason"])
            messages.success(request, f"{month.label} is heropend.")
    except (services.ServiceError, PeriodLocked) as error:
        messages.error(request, str(error))
    return redirect("entry-month", month=month.key)


@role_required(EDITOR)
def entry_history(request, month):
    month = _month_or_404(month)
    area = None
    figure = None
    indicator = request.GET.get("indicator", "")
    measure = request.GET.get("measure", "")
    if request.GET.get("area"):
        area = get_object_or_404(Area, code=request.GET["area"])
        slot = next(
            (
                s
                for s in selectors.Catalogue.load().slots(month)
                if s.area_id == area.id
                and (s.indicator == indicator if indicator else str(s.measure_id) == measure and not s.indicator)
            ),
            None,
        )
        if slot is None:
            raise Http404("Onbekend cijfer")
        figure = {
            "slot": slot,
            "stored": selectors.month_values(month).get(slot.key),
            "versions": selectors.figure_versions(month, slot),
        }
    rows = selectors.history_rows(
        month,
        area=area,
        indicator=figure["slot"].indicator if figure else "",
        measure_id=figure["slot"].measure_id if figure else None,
    )
    context = {
        "page_title": f"Wijzigingen {month.label}",
        "month": month,
        "figure": figure,
        "rows": rows,
    }
    return render(request, "monitoring/entry_history.html", context)


@role_required(EDITOR)
@require_http_methods(["GET", "POST"])
def entry_import(request):
    if request.method == "GET" and request.GET.get("sjabloon"):
        return _import_template(request)
    if request.method == "POST":
        step = request.POST.get("step", "preview")
        if step == "confirm":
            return _import_confirm(request)
        if step == "cancel":
            return _import_cancel(request)
        return _import_preview(request)
    services.purge_import_previews()  # also run by `manage.py purge_import_previews`
    return _render_import(request, ImportUploadForm())


def _render_import(request, upload_form, *, plan=None, confirm_form=None, refused=""):
    last = selectors.last_entry_month(clock.today())
    context = {
        "page_title": "Importeren",
        "upload_form": upload_form,
        "plan": plan,
        "confirm_form": confirm_form,
        "refused": refused,
        "columns": COLUMNS,
        "template_month": last,
        "max_kb": settings.IMPORT_MAX_BYTES // 1024,
    }
    return render(request, "monitoring/entry_import.html", context)


def _clean_name(name: str) -> str:
    name = os.path.basename(name.replace("\\", "/"))
    return re.sub(r"[\x00-\x1f\x7f]", "", name)[:200] or "bestand"


def _import_preview(request):
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import(request, form)
    upload = form.cleaned_data["file"]
    name = _clean_name(upload.name)
    content = upload.read(settings.IMPORT_MAX_BYTES + 1)
    try:
        plan = build_plan(name, content)
    except ImportRefused as error:
        form.add_error("file", str(error))
        return _render_import(request, form, refused=str(error))
    confirm = None
    if not plan.error_count:
        services.purge_import_previews()
        batch = ImportBatch.objects.create(
            uploaded_by=request.user, file_name=name, content=content, sha256=_sha256(content)
        )
        confirm = ImportConfirmForm(initial={"batch": batch.pk, "fingerprint": plan.fingerprint})
    return _render_import(request, ImportUploadForm(), plan=plan, confirm_form=confirm)


def _sha256(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


def _import_confirm(request):
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Het importformulier is onvolledig; upload het bestand opnieuw.")
        return redirect("entry-import")
    batch = get_object_or_404(ImportBatch, pk=form.cleaned_data["batch"], uploaded_by=request.user)
    if batch.state != ImportState.PREVIEW or batch.uploaded_at < timezone.now() - services.IMPORT_PREVIEW_MAX_AGE:
        services.discard_import(batch, request.user)
        messages.error(request, "Dit voorbeeld is verlopen of al verwerkt; upload het bestand opnieuw.")
        return redirect("entry-import")
    try:
        plan, event = services.apply_import(
            batch=batch,
            user=request.user,
            reason=form.cleaned_data["reason"],
            fingerprint=form.cleaned_data["fingerprint"],
            warnings_confirmed=form.cleaned_data["confirm_warnings"],
        )
    except services.ServiceError as error:
        messages.error(request, str(error))
        rejected = isinstance(error, services.ImportRejected)
        plan = error.plan if rejected else build_plan(batch.file_name, bytes(batch.content))
        if plan.error_count:  # nothing can be confirmed any more: keep no copy of the file
            services.discard_import(batch, request.user)
        data = request.POST.copy()
        data["fingerprint"] = plan.fingerprint
        if isinstance(error, services.StalePreview):
            data.pop("confirm_warnings", None)
        confirm = ImportConfirmForm(data)
        confirm.is_valid()
        if isinstance(error, services.ReasonRequired):
            confirm.add_error("reason", str(error))
        return _render_import(
            request, ImportUploadForm(), plan=plan, confirm_form=None if plan.error_count else confirm
        )
    except PeriodLocked as error:
        messages.error(request, str(error))
        return redirect("entry-import")
    if event is None:
        messages.info(request, f"‘{batch.file_name}’ bevat geen nieuwe of gewijzigde waarden; er is niets veranderd.")
        return redirect("entry-import")
    messages.success(
        request,
        f"Import ‘{batch.file_name}’ verwerkt: {plan.new_count} nieuw, {plan.changed_count} gewijzigd, "
        f"{plan.unchanged_count} ongewijzigd.",
    )
    if len(plan.months) == 1:
        return redirect(selectors.history_url(plan.months[0]))
    return redirect("entry")


def _import_cancel(request):
    number = request.POST.get("batch", "")
    batch = None
    if re.fullmatch(r"[0-9]{1,18}", number):  # anything else is no batch of ours (and no database error)
        batch = ImportBatch.objects.filter(pk=int(number), uploaded_by=request.user).first()
    if batch is not None:
        services.discard_import(batch, request.user)
    messages.info(request, "De import is afgebroken; er is niets veranderd.")
    return redirect("entry-import")


def _import_template(request):
    try:
        month = Month.parse(request.GET.get("maand", ""))
    except ValueError:
        month = selectors.last_entry_month(clock.today())
    catalogue = selectors.Catalogue.load()
    header, rows = template_rows(month, catalogue, selectors.stored_values([month]))
    name = f"werkmonitor-invoer-{month.key}"
    if request.GET["sjabloon"] == "xlsx":
        return _xlsx_response(f"{name}.xlsx", header, rows)
    return csv_response(f"{name}.csv", header, rows)


def _xlsx_response(filename: str, header, rows) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("invoer")
    sheet.append([xlsx_cell(h) for h in header])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
