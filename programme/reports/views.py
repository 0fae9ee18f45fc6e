"""Quarterly reports: the list (/reports/), one report (/reports/2025/q1/) and its PDF (/reports/2025/q1.pdf).

A published version renders only from its frozen snapshot; the live build is
used to tell readers what has been corrected since (herzien). Which version a
request may see is decided in versions.py; the PDF is printed off the request (pdf_jobs.py) and
kept in pdf.py: a request for one that is not printed yet answers at once that it is being prepared.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from monitoring.models import QuarterlyReport, ReportSection, ReportVersion
from nprz_dashboard import clock
from nprz_dashboard.http_methods import form_page, read_only_page
from nprz_dashboard.page_cache import cached_page
from nprz_dashboard.roles import MANAGER, VIEWER, has_role, role_required

from . import content, pdf_jobs, printing, services, versions
from .forms import NarrativeForm, PublishForm
from .live import load_live, reportable_quarters


def _shown(request, year: int, number: int) -> versions.Shown:
    """Return what the request may see (?version=N or ?version=concept); raise versions.Unavailable otherwise."""
    asked = request.GET.get("version", "")
    return versions.resolve(year, number, asked, is_manager=has_role(request.user, MANAGER))


def _unavailable(request, error: versions.Unavailable):
    return render(
        request,
        "programme/reports/unavailable.html",
        {"page_title": "Kwartaalrapportage niet beschikbaar", "message": error.message},
        status=error.status,
    )


def _context(shown: versions.Shown, request) -> dict:
    return printing.context(shown, can_manage=has_role(request.user, MANAGER))


PREPARING_REFRESH = 5  # seconds before the preparing page asks again


@role_required(VIEWER)
@read_only_page
@cached_page
def report_list(request):
    today = clock.today()
    quarters = reportable_quarters(today)
    versions_by_quarter: dict[tuple[int, int], list[ReportVersion]] = {}
    for version in ReportVersion.objects.defer("snapshot").select_related("report", "published_by"):
        versions_by_quarter.setdefault((version.report.year, version.report.quarter), []).append(version)
    latest = {key: kept[-1] for key, kept in versions_by_quarter.items()}
    frozen = dict(
        ReportVersion.objects.filter(pk__in=[v.pk for v in latest.values()]).values_list("pk", "snapshot__figures")
    )
    published = [q for q in quarters if (q.year, q.number) in latest]
    live = load_live(published, today) if published else None
    can_manage = has_role(request.user, MANAGER)
    rows = []
    for quarter in quarters:
        version = latest.get((quarter.year, quarter.number))
        if version is None and not can_manage:
            continue
        changed = []
        if version is not None:
            changed = content.changes(frozen[version.pk], content.report_figures(quarter, live))
        rows.append({"quarter": quarter, "version": version, "changes": len(changed)})
    context = {"page_title": "Kwartaalrapportages", "rows": rows, "can_manage": can_manage}
    return render(request, "programme/reports/list.html", context)


@role_required(VIEWER)
@form_page
@cached_page  # GET only; a concept with its forms is never kept
def report_detail(request, year, quarter):
    if request.method == "POST":
        return _edit(request, year, quarter)
    try:
        shown = _shown(request, year, quarter)
    except versions.Unavailable as error:
        return _unavailable(request, error)
    context = _context(shown, request)
    if request.GET.get("view") == "print":
        return render(request, "programme/reports/print.html", context)
    if shown.is_concept:
        context["form"] = NarrativeForm(
            initial=shown.snapshot["narratives"], revisions=services.revisions_of(shown.report)
        )
        context["publish_form"] = PublishForm(has_version=bool(shown.versions))
        context["unapproved"] = services.unapproved_months(shown.quarter)
    return render(request, "programme/reports/detail.html", context)


@role_required(MANAGER)
def _edit(request, year, number):
    """Save the narratives; publish after a confirmation that shows what will be frozen.

    "Publiceren" first shows the confirmation (nothing is written; a colleague's
    newer text is shown at once); its "Ja, publiceer" publishes, its "Terug"
    returns to the form with the texts as typed. Errors go back next to their fields.
    """
    try:
        quarter = versions.quarter_or_refuse(year, number)
    except versions.Unavailable as error:
        return _unavailable(request, error)
    report = QuarterlyReport.objects.for_quarter(quarter.year, quarter.number).first()
    has_version = bool(report and report.versions.exists())
    form = NarrativeForm(request.POST)
    publish_form = PublishForm(request.POST, has_version=has_version)
    publishing = "publiceren" in request.POST
    template, status = "programme/reports/detail.html", 400
    if form.is_valid() and (not publishing or publish_form.is_valid()):
        asking = publishing and "bevestigen" not in request.POST
        conflicts = services.conflicts_of(report, form.texts(), form.revisions()) if asking else []
        if conflicts:
            form.show_conflicts(conflicts)  # told before the confirmation, not after it
            status = 409
        elif asking:
            confirming = "terug" not in request.POST
            template, status = ("programme/reports/confirm.html" if confirming else template), 200
        else:
            try:
                if publishing:
                    version = services.save_and_publish(
                        quarter, form.texts(), request.user, publish_form.cleaned_data["note"], form.revisions()
                    )
                    messages.success(request, f"Het {quarter.long_label} is gepubliceerd als versie {version.number}.")
                    return redirect(f"{request.path}?version={version.number}")
                services.save_narratives(quarter, form.texts(), request.user, form.revisions())
                messages.success(request, "De toelichtingen zijn opgeslagen.")
                return redirect(f"{request.path}?version={versions.CONCEPT}")
            except services.PublishError as error:
                publish_form.add_error("note", str(error))
            except services.NarrativesChanged as changed:
                form.show_conflicts(changed.conflicts)
                status = 409
    live = load_live([quarter], clock.today())
    kept = list(report.versions.defer("snapshot")) if report else []
    snapshot = content.build(quarter, live, {s.value: form.data.get(s.value, "") for s in ReportSection})
    shown = versions.Shown(quarter, report, kept, None, snapshot, live)
    context = {
        **_context(shown, request),
        "form": form,
        "publish_form": publish_form,
        "next_version": len(kept) + 1,
        "unapproved": services.unapproved_months(quarter),
    }
    return render(request, template, context, status=status)


@role_required(VIEWER)
@read_only_page
def report_pdf(request, year, quarter):
    """Send the PDF when it is printed; else answer at once that it is being prepared (pdf_jobs.py)."""
    try:
        shown = _shown(request, year, quarter)
    except versions.Unavailable as error:
        return _unavailable(request, error)
    document = printing.printed(shown)
    answer = pdf_jobs.ask(document)
    if answer.content is not None:
        response = HttpResponse(answer.content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{document.download_name}"'
        response["Server-Timing"] = answer.timing
        return response
    context = _context(shown, request)
    print_url = f"/reports/{year}/q{quarter}/?view=print&version={context['version_param']}"
    if answer.preparing:
        response = render(
            request,
            "programme/reports/pdf_preparing.html",
            {**context, "page_title": "Pdf wordt voorbereid", "print_url": print_url, "seconds": PREPARING_REFRESH},
            status=202,
        )
        response["Retry-After"] = str(PREPARING_REFRESH)
        return response
    title = "Pdf even niet beschikbaar" if answer.busy else "Pdf niet beschikbaar"
    response = render(
        request,
        "programme/reports/pdf_missing.html",
        {**context, "page_title": title, "reason": answer.busy or answer.unavailable, "print_url": print_url},
        status=503,
    )
    if answer.busy:
        response["Retry-After"] = "10"
    return response
