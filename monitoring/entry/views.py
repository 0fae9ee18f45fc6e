"""Monthly data entry for editors: the month list, the month form with its workflow, and its history.

Views parse the request, ask selectors and services, and render; every write
goes through services.py (figures) or workflow.py (submit, approve, reopen).
Imports are in import_views.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from monitoring.models import Area, PeriodLocked, PeriodState, ValueChange
from nprz_dashboard import clock
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, MANAGER, has_role, role_required

from . import layout, selectors, services, workflow
from .catalogue import Catalogue, history_url
from .errors import EntryConflict, OfficialFigureChange, ReasonRequired, ServiceError
from .forms import ApproveForm, MonthEntryForm, ReopenForm
from .planning import review_month
from .validation import as_input


def month_or_404(text: str) -> Month:
    """Return the month of the URL if it can be entered; a Dutch 404 otherwise."""
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
    return render(request, "monitoring/entry/index.html", context)


@role_required(EDITOR)
@require_http_methods(["GET", "POST"])
def entry_month(request, month):
    month = month_or_404(month)
    slots = Catalogue.load().slots(month)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in ("submit", "approve", "reopen"):
            return _period_step(request, month, slots, action)
        return _save_month(request, month, slots)
    return _render_month(request, month, slots)


def _cells(month: Month, slots, form, stored, warnings) -> dict:
    """Return per field what the form shows beside it: last month, the stored value, warnings, its history."""
    previous = selectors.recent_values(month, 1)
    corrected = set(ValueChange.objects.in_month(month).values_list("indicator", "measure_id", "area__code").distinct())
    notes = layout.field_notes(warnings)
    return {
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


def _render_month(request, month, slots, *, form=None, warnings=(), conflicts=(), reopen_form=None, stored=None):
    stored = selectors.month_values(month) if stored is None else stored
    period = selectors.period_of(month)
    locked = bool(period and period.is_locked)
    revision = period.revision if period else 0
    if form is None:
        form = MonthEntryForm(slots=slots, stored=stored, revision=revision, locked=locked)
    cells = _cells(month, slots, form, stored, warnings)
    state = period.state if period else PeriodState.OPEN
    is_manager = has_role(request.user, MANAGER)
    context = {
        "page_title": f"Invoer {month.label}",
        "month": month,
        "period": period,
        "state": state,
        "state_label": PeriodState(state).label,
        "locked": locked,
        "lock_message": period.lock_message() if locked else "",
        "form": form,
        "caseload": layout.caseload_table(slots, cells),
        "activities": layout.activity_tables(slots, cells),
        "warnings": warnings,
        "conflicts": conflicts,
        "errors": [(slot, form[slot.key].errors) for slot in slots if form.is_bound and form[slot.key].errors],
        "missing": selectors.missing_slots(slots, stored),
        "filled": sum(1 for slot in slots if slot.key in stored),
        "expected": len(slots),
        "can_submit": not locked and state in (PeriodState.OPEN, PeriodState.REOPENED) and bool(stored),
        "can_approve": is_manager and state == PeriodState.SUBMITTED,
        "can_reopen": is_manager and state in (PeriodState.SUBMITTED, PeriodState.APPROVED),
        "approve_form": ApproveForm(initial={"revision": revision}),
        "reopen_form": reopen_form or ReopenForm(),
        "previous_month": month - 1 if month - 1 >= selectors.FIRST_ENTRY_MONTH else None,
        "next_month": month + 1 if month + 1 <= selectors.last_entry_month(clock.today()) else None,
        "history_url": history_url(month),
        "shows_synthetic": any(value.is_synthetic for value in stored.values()),
    }
    return render(request, "monitoring/entry/month.html", context)


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
    data = form.cleaned_data
    try:
        review = review_month(
            month,
            slots,
            form.values,
            loaded_revision=data["revision"],
            reason=data["reason"],
            confirmed_signature=data["warnings_signature"] if data["confirm_warnings"] else None,
        )
    except OfficialFigureChange as error:
        messages.error(request, str(error))
        return _render_month(request, month, slots, form=form, stored=stored)
    if review.plan.conflicts:
        return _conflict(request, month, slots, stored, review.plan)
    if review.nothing_changed:
        messages.info(request, "Er was niets gewijzigd; er is niets opgeslagen.")
        return redirect("entry-month", month=month.key)
    if review.needs_reason:
        form.add_error("reason", str(ReasonRequired()))
        messages.error(request, "Er is niets opgeslagen: geef een reden voor de correctie.")
        return _render_month(request, month, slots, form=form, stored=stored)
    if review.unconfirmed:
        messages.warning(
            request, "Er is nog niets opgeslagen: controleer de waarschuwingen en bevestig dat de cijfers kloppen."
        )
        form = form.with_warnings_to_confirm(review.signature)
        return _render_month(request, month, slots, form=form, warnings=review.warnings, stored=stored)
    try:
        plan, _ = services.save_month(
            month=month,
            user=request.user,
            slots=slots,
            values=form.values,
            loaded_revision=data["revision"],
            reason=data["reason"],
        )
    except PeriodLocked as error:
        messages.error(request, str(error))
        return redirect("entry-month", month=month.key)
    except EntryConflict as error:
        return _conflict(request, month, slots, selectors.month_values(month), error.plan)
    except ServiceError as error:
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
    form = MonthEntryForm.rebound(request.POST, slots=slots, stored=stored, revision=plan.revision, changes=refreshed)
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
            workflow.submit_period(month, request.user)
            messages.success(request, f"{month.label} is ingediend ter goedkeuring.")
        elif action == "approve":
            form = ApproveForm(request.POST)
            if not form.is_valid():
                messages.error(
                    request, f"{month.label} is niet goedgekeurd: laad de pagina opnieuw en probeer het nog eens."
                )
                return redirect("entry-month", month=month.key)
            workflow.approve_period(month, request.user, **form.cleaned_data)
            messages.success(request, f"{month.label} is goedgekeurd en vergrendeld.")
        else:
            form = ReopenForm(request.POST)
            if not form.is_valid():
                messages.error(request, "De maand is niet heropend: geef een reden.")
                return _render_month(request, month, slots, reopen_form=form)
            workflow.reopen_period(month, request.user, form.cleaned_data["reopen_reason"])
            messages.success(request, f"{month.label} is heropend.")
    except (ServiceError, PeriodLocked) as error:
        messages.error(request, str(error))
    return redirect("entry-month", month=month.key)


@role_required(EDITOR)
def entry_history(request, month):
    month = month_or_404(month)
    figure = None
    if request.GET.get("area"):
        area = get_object_or_404(Area, code=request.GET["area"])
        slot = selectors.slot_in(month, area, request.GET.get("indicator", ""), request.GET.get("measure", ""))
        if slot is None:
            raise Http404("Onbekend cijfer")
        figure = {
            "slot": slot,
            "stored": selectors.month_values(month).get(slot.key),
            "versions": selectors.figure_versions(month, slot),
        }
    rows = selectors.history_rows(
        month,
        area=area if figure else None,
        indicator=figure["slot"].indicator if figure else "",
        measure_id=figure["slot"].measure_id if figure else None,
    )
    context = {"page_title": f"Wijzigingen {month.label}", "month": month, "figure": figure, "rows": rows}
    return render(request, "monitoring/entry/history.html", context)
