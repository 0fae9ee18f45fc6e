"""Monthly data entry for editors: the month list, the month form with its workflow, and its history.

Views parse the request, ask selectors and services, and render; every write
goes through services.py (figures) or workflow.py (submit, approve, reopen).
Imports are in import_views.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from monitoring.models import Area, FlagStatus, PeriodLocked, PeriodState, ValueChange
from nprz_dashboard import clock, shortlist
from nprz_dashboard.exports import csv_response
from nprz_dashboard.http_methods import form_page, read_only_page
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, MANAGER, has_role, role_required

from . import layout, quality, selectors, services, totals, workflow
from .catalogue import Catalogue, history_url
from .errors import EntryConflict, OfficialFigureChange, ReasonRequired, ServiceError
from .forms import ApproveForm, MonthEntryForm, ReopenForm, SendBackForm, loaded_figures, read_figures
from .planning import review_month
from .rules import RULE_NAMES
from .validation import as_input

# The month list shows the newest two years unless every month is asked for (?maanden=alle).
MONTHS_SHOWN = 24
MONTHS_PARAMETER = "maanden"


class NotOpenYet(Exception):
    """A month of the URL that opens for entry later (it has not ended yet)."""

    def __init__(self, month: Month):
        self.month = month


def month_or_404(text: str) -> Month:
    """Return the month of the URL if it can be entered; NotOpenYet for a later month; a Dutch 404 otherwise."""
    try:
        month = Month.parse(text)
    except ValueError:
        raise Http404("Onbekende maand") from None
    if month < selectors.FIRST_ENTRY_MONTH:
        raise Http404("Deze maand ligt voor de start van het programma")
    if month > selectors.last_entry_month(clock.today()):
        raise NotOpenYet(month)
    return month


def _not_open(request, month: Month):
    """Say when a month opens for entry and which months are open now (GET; nothing can be posted to it)."""
    if request.method == "POST":
        raise Http404("Deze maand is nog niet open voor invoer")
    context = {
        "page_title": f"{month.label} is nog niet open",
        "month": month,
        "opens_on": selectors.opens_on(month),
        "due_date": selectors.due_date(month),
        "open_now": selectors.open_months(clock.today()),
    }
    return render(request, "programme/entry/not_open.html", context)


@role_required(EDITOR)
@read_only_page
def entry_index(request):
    rows = selectors.month_rows(clock.today())
    # The table lists the newest months; a month that needs attention is named above it whatever its age.
    every = request.GET.get(MONTHS_PARAMETER) == shortlist.ALL_VALUE
    context = {
        "page_title": "Invoer",
        "rows": rows,
        "table_rows": rows if every else rows[:MONTHS_SHOWN],
        "all_months_url": f"?{MONTHS_PARAMETER}={shortlist.ALL_VALUE}",
        "late": [row for row in rows if row["is_late"]],
        "waiting": [row for row in rows if row["state"] == PeriodState.SUBMITTED],
        "returned": [row for row in rows if row["state"] == PeriodState.RETURNED],
    }
    return render(request, "programme/entry/index.html", context)


@role_required(EDITOR)
@form_page
def entry_month(request, month):
    try:
        month = month_or_404(month)
    except NotOpenYet as not_open:
        return _not_open(request, not_open.month)
    slots = Catalogue.load().slots(month)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in ("submit", "approve", "reopen", "send_back"):
            return _period_step(request, month, slots, action)
        return _save_month(request, month, slots)
    return _render_month(request, month, slots)


def _render_month(
    request,
    month,
    slots,
    *,
    form=None,
    figures=None,
    review=None,
    conflicts=(),
    reopen_form=None,
    send_back_form=None,
    stored=None,
):
    """Render the month form with everything a submit found: errors, warnings, reasons and explanations."""
    scope = selectors.Scope.of(slots)
    stored = selectors.month_values(month, scope) if stored is None else stored
    period = selectors.period_of(month)
    locked = bool(period and period.is_locked)
    revision = period.revision if period else 0
    form = form or MonthEntryForm(initial={"revision": revision})
    figures = figures or loaded_figures(slots, stored)
    previous = selectors.recent_values(month, 1, scope)
    corrected = set(ValueChange.objects.in_month(month).values_list("indicator", "measure_id", "area__code").distinct())
    values = {key: value.value for key, value in stored.items()} | figures.values
    official = {key for key, value in stored.items() if value.is_official}
    derived = totals.derive(totals.parts_of(slots), values, official)
    warnings = review.warnings if review else []
    if review is not None:
        for key, found in review.errors.items():  # broken rules, shown at the field they concern
            figures.errors.setdefault(key, []).extend(m for m in found if m not in figures.errors.get(key, []))
    data = layout.MonthData(
        slots=slots,
        texts=figures.texts,
        errors=figures.errors,
        stored=stored,
        previous={key: series.get(month - 1) for key, series in previous.items()},
        corrected=corrected,
        history_url=lambda slot: slot.history_url(month),
        totals=derived,
        warnings=warnings,
        locked=locked,
    )
    groups, activities = layout.month_groups(data)
    gaps = _gap_rows(month, slots, derived, figures, review)
    state = period.state if period else PeriodState.OPEN
    is_manager = has_role(request.user, MANAGER)
    can_approve = is_manager and state == PeriodState.SUBMITTED
    by_key = {slot.key: slot for slot in slots}
    filled = sum(g.filled for g in groups + activities)
    expected = sum(g.expected for g in groups + activities)
    missing = selectors.missing_slots(slots, stored)
    context = {
        "page_title": f"Invoer {month.label}",
        "month": month,
        "period": period,
        "state": state,
        "state_label": PeriodState(state).label,
        "locked": locked,
        "lock_message": period.lock_message() if locked else "",
        "form": form,
        "groups": groups,
        "activities": activities,
        "gaps": gaps,
        "warnings": warnings,
        "warning_rows": layout.row_notes(slots, warnings),
        "override_rows": _override_rows(warnings, figures, review),
        "review": review,
        "conflicts": conflicts,
        "error_count": figures.error_count,
        "problems": _problems(by_key, figures, review, gaps),
        "filled": filled,
        "expected": expected,
        "stored_count": len(stored),
        "missing": missing,
        "missing_count": sum(len(item["areas"]) for item in missing),
        "can_submit": not locked and state in selectors.WAITING_STATES and bool(stored),
        "can_approve": can_approve,
        "can_reopen": is_manager and state in (PeriodState.SUBMITTED, PeriodState.APPROVED),
        "approve_form": ApproveForm(initial={"revision": revision}),
        "reopen_form": reopen_form or ReopenForm(),
        "send_back_form": send_back_form or SendBackForm(),
        "approval": selectors.approval_summary(month, derived) if can_approve else None,
        "previous_month": month - 1 if month - 1 >= selectors.FIRST_ENTRY_MONTH else None,
        "next_month": month + 1 if month + 1 <= selectors.last_entry_month(clock.today()) else None,
        "history_url": history_url(month),
        "published": selectors.published_versions([month]).get(month),
        "shows_synthetic": any(value.is_synthetic for value in stored.values()),
    }
    return render(request, "programme/entry/month.html", context)


def _gap_rows(month, slots, derived, figures, review) -> list[dict]:
    """Return the official totals that differ from their parts, with the explanation given or still needed."""
    if not derived.gaps:
        return []
    by_key = {slot.key: slot for slot in slots}
    earlier = selectors.gap_explanations(month)
    rows = []
    for key, gap in derived.gaps.items():
        before = earlier.get(key)
        explained = (
            review.explained.get(key, "")
            if review
            else (before.text if before and before.parts_sum == gap.summed else "")
        )
        rows.append(
            {
                "key": key,
                "slot": by_key[key],
                "gap": gap,
                "text": figures.explanations.get(key, explained),
                "needed": bool(review and key in review.unexplained),
            }
        )
    return rows


def _problems(by_key, figures, review, gaps) -> list[dict]:
    """Return everything that keeps a submit from saving, in one list, in form order: {'href', 'text'}."""
    problems = [
        {"href": f"#id_{key}", "text": f"{slot.label}: {' '.join(figures.errors[key])}"}
        for key, slot in by_key.items()
        if key in figures.errors
    ]
    if review is None:
        return problems
    if review.needs_reason:
        problems.append({"href": "#id_reason", "text": str(ReasonRequired())})
    for row in gaps:
        if row["needed"]:
            problems.append(
                {
                    "href": f"#explain-{row['key']}",
                    "text": f"{row['slot'].label}: licht het verschil met de som van de gebieden toe.",
                }
            )
    for warning in review.unreasoned:
        label = by_key[warning.keys[0]].label if warning.keys[0] in by_key else warning.month.label
        text = f"{label}: geef een reden bij de waarschuwing ‘{RULE_NAMES[warning.rule]}’, of verbeter het cijfer."
        problems.append({"href": f"#override-{warning.id}", "text": text})
    return problems


def _override_rows(warnings, figures, review) -> list[dict]:
    """Return each warning with the reason typed for it, and whether that reason is still needed."""
    missing = {w.id for w in review.unreasoned} if review else set()
    return [
        {"warning": w, "id": w.id, "reason": figures.overrides.get(w.id, ""), "needed": w.id in missing}
        for w in warnings
    ]


def _save_month(request, month, slots):
    stored = selectors.month_values(month, selectors.Scope.of(slots))
    period = selectors.period_of(month)
    if period and period.is_locked:
        messages.error(request, period.lock_message())
        return redirect("entry-month", month=month.key)
    form = MonthEntryForm(request.POST)
    figures = read_figures(request.POST, slots, stored)
    if not form.is_valid():
        messages.error(
            request, "Er is niets opgeslagen: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
        return _render_month(request, month, slots, form=form, figures=figures, stored=stored)
    data = form.cleaned_data
    try:
        review = review_month(
            month,
            slots,
            figures.values,
            loaded_revision=data["revision"],
            reason=data["reason"],
            overrides=figures.overrides,
            explanations=figures.explanations,
        )
    except OfficialFigureChange as error:
        messages.error(request, str(error))
        return _render_month(request, month, slots, form=form, figures=figures, stored=stored)
    if review.plan.conflicts:
        return _conflict(request, month, slots, stored, review.plan)
    if review.plan.changed_keys and not data["reason"].strip() and selectors.published_versions([month]):
        review.needs_reason = True  # a month in a published report: the report will say why it was revised
    if review.nothing_changed and not figures.errors:
        messages.info(request, "Er was niets gewijzigd; er is niets opgeslagen.")
        return redirect("entry-month", month=month.key)
    if figures.errors or not review.can_save:
        form = _bound_again(form, review)
        messages.error(request, "Er is nog niets opgeslagen: hieronder staat alles wat nog nodig is, in één keer.")
        return _render_month(request, month, slots, form=form, figures=figures, review=review, stored=stored)
    try:
        plan, _ = services.save_month(
            month=month,
            user=request.user,
            slots=slots,
            values=figures.values,
            loaded_revision=data["revision"],
            reason=data["reason"],
            explanations=figures.explanations,
            overrides=figures.overrides,
        )
    except PeriodLocked as error:
        messages.error(request, str(error))
        return redirect("entry-month", month=month.key)
    except EntryConflict as error:
        return _conflict(request, month, slots, selectors.month_values(month), error.plan)
    except ServiceError as error:
        messages.error(request, str(error))
        return _render_month(request, month, slots, form=form, figures=figures, review=review, stored=stored)
    created, corrected = len(plan.creates), len(plan.corrections)
    computed = len(plan.total_changes)
    messages.success(
        request,
        f"Opgeslagen: {created} nieuwe waarde{'n' if created != 1 else ''} en "
        f"{corrected} correctie{'s' if corrected != 1 else ''} voor {month.label}"
        + (f"; {computed} {'totaal' if computed == 1 else 'totalen'} bijgewerkt uit de delen." if computed else "."),
    )
    return redirect("entry-month", month=month.key)


def _bound_again(form: MonthEntryForm, review) -> MonthEntryForm:
    """Return the form bound again, with the missing reason at its field."""
    bound = MonthEntryForm(form.data)
    bound.is_valid()
    if review.needs_reason:
        bound.add_error("reason", str(ReasonRequired()))
    return bound


def _conflict(request, month, slots, stored, plan):
    """Show both values of each conflicting field; take over others' values in fields you left alone."""
    by_key = {slot.key: slot for slot in slots}
    data = request.POST.copy()
    for key, value in plan.refreshed.items():
        data[key] = as_input(value, by_key[key].allows_decimals)
    data["revision"] = str(plan.revision)
    form = MonthEntryForm(data)
    form.is_valid()
    figures = read_figures(data, slots, stored)
    messages.error(
        request,
        "Iemand anders heeft deze maand gewijzigd nadat je het formulier opende. Er is niets opgeslagen: "
        "vergelijk de waarden hieronder en sla opnieuw op.",
    )
    return _render_month(request, month, slots, form=form, figures=figures, conflicts=plan.conflicts, stored=stored)


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
        elif action == "send_back":
            form = SendBackForm(request.POST)
            if not form.is_valid():
                messages.error(request, "De maand is niet teruggestuurd: geef een reden.")
                return _render_month(request, month, slots, send_back_form=form)
            workflow.send_back(month, request.user, form.cleaned_data["send_back_reason"])
            messages.success(request, f"{month.label} is teruggestuurd naar de invoerder, met je reden per e-mail.")
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
@read_only_page
def entry_history(request, month):
    try:
        month = month_or_404(month)
    except NotOpenYet as not_open:
        return _not_open(request, not_open.month)
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
    if figure is None and request.GET.get("_export") == "csv":
        header, table = selectors.audit_export(month)
        return csv_response(f"werkmonitor-wijzigingen-{month.key}.csv", header, table)
    overrides = selectors.override_rows(month)
    if figure is not None:
        overrides = [o for o in overrides if o["field_key"] == figure["slot"].key]
    context = {
        "page_title": f"Wijzigingen {month.label}",
        "month": month,
        "figure": figure,
        "rows": rows,
        "overrides": overrides,
    }
    return render(request, "programme/entry/history.html", context)


@role_required(EDITOR)
@form_page
def entry_quality(request):
    """Data quality for editors and managers: completeness, timeliness, approval, and flags to close with a reason."""
    error, posted = "", {}
    if request.method == "POST":
        posted = {k: request.POST.get(k, "") for k in ("flag", "status", "reason")}
        try:
            quality.close_flag(user=request.user, **posted)
        except ServiceError as refused:
            error = str(refused)
        else:
            messages.success(request, "Het signaal is afgehandeld; de reden is bewaard.")
            return redirect("entry-quality")
    data = quality.build(clock.today())
    context = {
        "page_title": "Datakwaliteit",
        "quality": data,
        "error": error,
        "posted": posted,
        "statuses": FlagStatus.choices,
    }
    return render(request, "programme/entry/quality.html", context, status=400 if error else 200)
