"""Importing a month's figures from CSV or XLSX: upload, preview, confirm or cancel; and the template.

Views parse the request and render; reading and checking the file is in
importing.py, keeping and applying it in services.py.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from monitoring.models import ImportBatch, PeriodLocked
from nprz_dashboard import clock
from nprz_dashboard.exports import csv_response, xlsx_response
from nprz_dashboard.http_methods import form_page
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, role_required

from . import selectors, services
from .catalogue import Catalogue, history_url
from .errors import ImportRejected, ReasonRequired, ServiceError, WarningsNotOverridden
from .forms import ImportConfirmForm, ImportUploadForm, read_overrides
from .importing import COLUMNS, ImportRefused, build_plan, template_rows


@role_required(EDITOR)
@form_page
def entry_import(request):
    if request.method != "POST" and request.GET.get("template"):
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


def _render_import(
    request, upload_form, *, plan=None, confirm_form=None, refused="", overrides=None, check_overrides=False
):
    overrides = overrides or {}
    shown = plan.shown_warnings if plan is not None and not plan.hidden_warning_count else []
    context = {
        "override_rows": [
            {
                "warning": w,
                "id": w.id,
                "reason": overrides.get(w.id, ""),
                "needed": check_overrides and not overrides.get(w.id),
            }
            for w in shown
        ],
        "page_title": "Importeren",
        "upload_form": upload_form,
        "plan": plan,
        "confirm_form": confirm_form,
        "refused": refused,
        "published": selectors.published_versions(plan.months) if plan is not None else {},
        "columns": COLUMNS,
        "open_months": selectors.open_months(clock.today()),
        "max_kb": settings.IMPORT_MAX_BYTES // 1024,
    }
    return render(request, "programme/entry/import.html", context)


def _import_preview(request):
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import(request, form)
    upload = form.cleaned_data["file"]
    try:
        plan, batch = services.start_import(
            user=request.user, file_name=upload.name, content=upload.read(settings.IMPORT_MAX_BYTES + 1)
        )
    except ImportRefused as error:
        form.add_error("file", str(error))
        return _render_import(request, form, refused=str(error))
    confirm = None
    if batch is not None:
        confirm = ImportConfirmForm(initial={"batch": batch.pk, "fingerprint": plan.fingerprint})
    return _render_import(request, ImportUploadForm(), plan=plan, confirm_form=confirm)


def _import_confirm(request):
    form = ImportConfirmForm(request.POST)
    batch, gone = open_batch(request, form, "entry-import")
    if gone:
        return gone
    try:
        plan, event = services.apply_import(
            batch=batch,
            user=request.user,
            reason=form.cleaned_data["reason"],
            fingerprint=form.cleaned_data["fingerprint"],
            overrides=read_overrides(request.POST),
        )
    except ServiceError as error:
        messages.error(request, str(error))
        try:
            plan = (
                error.plan if isinstance(error, ImportRejected) else build_plan(batch.file_name, bytes(batch.content))
            )
        except ImportRefused:  # a history file (/entry/import/history/) sent here: beyond the monthly bounds
            services.discard_import(batch, request.user)
            return redirect("entry-import")
        if plan.error_count:  # nothing can be confirmed any more: keep no copy of the file
            services.discard_import(batch, request.user)
        data = request.POST.copy()
        data["fingerprint"] = plan.fingerprint
        confirm = ImportConfirmForm(data)
        confirm.is_valid()
        if isinstance(error, ReasonRequired):
            confirm.add_error("reason", str(error))
        return _render_import(
            request,
            ImportUploadForm(),
            plan=plan,
            confirm_form=None if plan.error_count else confirm,
            overrides=read_overrides(request.POST),
            check_overrides=isinstance(error, WarningsNotOverridden),
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
        return redirect(history_url(plan.months[0]))
    return redirect("entry")


def _import_cancel(request):
    return cancel(request, "entry-import")


def cancel(request, page: str):
    """Drop the user's previewed upload named in the form (the monthly and the history import) and go back."""
    number = request.POST.get("batch", "")
    batch = None
    if re.fullmatch(r"[0-9]{1,18}", number):  # anything else is no batch of ours (and no database error)
        batch = ImportBatch.objects.filter(pk=int(number), uploaded_by=request.user).first()
    if batch is not None:
        services.discard_import(batch, request.user)
    messages.info(request, "De import is afgebroken; er is niets veranderd.")
    return redirect(page)


def open_batch(request, form, page: str):
    """Return (the user's previewed upload the form names, None), or (None, a redirect) when it can't be confirmed."""
    if not form.is_valid():
        messages.error(request, "Het importformulier is onvolledig; upload het bestand opnieuw.")
        return None, redirect(page)
    batch = get_object_or_404(ImportBatch, pk=form.cleaned_data["batch"], uploaded_by=request.user)
    if not services.import_is_open(batch, request.user):
        messages.error(request, "Dit voorbeeld is verlopen of al verwerkt; upload het bestand opnieuw.")
        return None, redirect(page)
    return batch, None


def _import_template(request):
    """Download the layout filled with a month's figures: any month that can be entered (the last one by default)."""
    last = selectors.last_entry_month(clock.today())
    try:
        month = Month.parse(request.GET["month"]) if request.GET.get("month") else last
    except ValueError:
        raise Http404("Onbekende maand: gebruik JJJJ-MM, bijvoorbeeld 2026-10.") from None
    if not selectors.FIRST_ENTRY_MONTH <= month <= last:
        raise Http404(f"Voor {month.label} is er nog geen sjabloon: die maand is nog niet open voor invoer.")
    header, rows = template_rows(month, Catalogue.load(), selectors.stored_values([month]))
    name = f"werkmonitor-invoer-{month.key}"
    if request.GET["template"] == "xlsx":
        return xlsx_response(f"{name}.xlsx", header, rows)
    return csv_response(f"{name}.csv", header, rows)
