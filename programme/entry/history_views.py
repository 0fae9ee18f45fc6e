"""/entry/import/history/: a programme's history (many months) from one CSV or XLSX file.

Upload → a preview counted per month (history_import.month_counts) → confirm, in
one transaction with one reason for all warnings, or cancel. Reading and checking
are importing.build_plan(bulk=True); keeping and applying are services.py's.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render

from monitoring.models import PeriodLocked
from nprz_dashboard.formatting import format_number
from nprz_dashboard.http_methods import form_page
from nprz_dashboard.roles import EDITOR, role_required

from . import services
from .errors import ImportRejected, ReasonRequired, ServiceError, WarningsNotOverridden
from .forms import HistoryConfirmForm, HistoryUploadForm
from .history_import import month_counts
from .import_views import cancel, open_batch
from .importing import ImportRefused, build_plan
from .rules import SameReason

PAGE = "entry-import-history"
SHOWN_ERRORS = 100
SHOWN_WARNINGS = 50


@role_required(EDITOR)
@form_page
def import_history(request):
    if request.method == "POST":
        step = request.POST.get("step", "preview")
        if step == "confirm":
            return _confirm(request)
        if step == "cancel":
            return cancel(request, PAGE)
        return _preview(request)
    return _render(request, HistoryUploadForm())


def _render(request, upload_form, *, plan=None, confirm_form=None, refused=""):
    context = {
        "page_title": "Geschiedenis importeren",
        "upload_form": upload_form,
        "plan": plan,
        "months": month_counts(plan) if plan is not None else [],
        "refused_rows": plan.refused_rows[:SHOWN_ERRORS] if plan is not None else [],
        "shown_warnings": plan.warnings[:SHOWN_WARNINGS] if plan is not None else [],
        "confirm_form": confirm_form,
        "refused": refused,
        "max_mb": format_number(settings.IMPORT_BULK_MAX_BYTES / 1024 / 1024),
        "max_rows": format_number(settings.IMPORT_BULK_MAX_ROWS),
    }
    return render(request, "programme/entry/import_history.html", context)


def _preview(request):
    form = HistoryUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form)
    upload = form.cleaned_data["file"]
    try:
        plan, batch = services.start_import(
            user=request.user,
            file_name=upload.name,
            content=upload.read(settings.IMPORT_BULK_MAX_BYTES + 1),
            bulk=True,
        )
    except ImportRefused as error:
        form.add_error("file", str(error))
        return _render(request, form, refused=str(error))
    confirm = None
    if batch is not None:
        confirm = HistoryConfirmForm(initial={"batch": batch.pk, "fingerprint": plan.fingerprint})
    return _render(request, HistoryUploadForm(), plan=plan, confirm_form=confirm)


def _confirm(request):
    form = HistoryConfirmForm(request.POST)
    batch, gone = open_batch(request, form, PAGE)
    if gone:
        return gone
    try:
        plan, event = services.apply_import(
            batch=batch,
            user=request.user,
            reason=form.cleaned_data["reason"],
            fingerprint=form.cleaned_data["fingerprint"],
            overrides=SameReason(form.cleaned_data["warnings_reason"]),
            bulk=True,
        )
    except (ServiceError, PeriodLocked) as error:
        messages.error(request, str(error))
        if isinstance(error, PeriodLocked):
            return redirect(PAGE)
        plan = (
            error.plan
            if isinstance(error, ImportRejected)
            else build_plan(batch.file_name, bytes(batch.content), bulk=True)
        )
        if plan.error_count:  # nothing can be confirmed any more: keep no copy of the file
            services.discard_import(batch, request.user)
        data = request.POST.copy()
        data["fingerprint"] = plan.fingerprint
        confirm = HistoryConfirmForm(data)
        confirm.is_valid()
        if isinstance(error, ReasonRequired):
            confirm.add_error("reason", str(error))
        if isinstance(error, WarningsNotOverridden):
            confirm.add_error("warnings_reason", "Geef één reden voor alle waarschuwingen, of verbeter het bestand.")
        return _render(request, HistoryUploadForm(), plan=plan, confirm_form=None if plan.error_count else confirm)
    if event is None:
        messages.info(request, f"‘{batch.file_name}’ bevat geen nieuwe of gewijzigde waarden; er is niets veranderd.")
        return redirect(PAGE)
    messages.success(
        request,
        f"Import ‘{batch.file_name}’ verwerkt: {format_number(plan.new_count)} nieuw, "
        f"{format_number(plan.changed_count)} gewijzigd, {format_number(plan.unchanged_count)} ongewijzigd, "
        f"over {format_number(len(plan.months) - len(plan.locked))} maanden.",
    )
    return redirect("entry")
