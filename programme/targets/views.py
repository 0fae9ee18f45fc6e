"""/targets/: every target with its revisions and status; managers add, revise and annotate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from activities.models import Measure
from activities.target_rows import activity_rows
from monitoring.caseload.progress import published_milestones
from monitoring.caseload.selectors import area_choice
from monitoring.models import AreaLevel, CaseloadIndicator, Source
from monitoring.targets import notes, selectors
from nprz_dashboard import clock
from nprz_dashboard.http_methods import form_page
from nprz_dashboard.judgement import unpublished_stretches
from nprz_dashboard.page_cache import cached_page
from nprz_dashboard.periods import last_complete_month
from nprz_dashboard.roles import MANAGER, VIEWER, has_role, role_required

from . import services
from .forms import AnnotationForm, RevisionForm, TargetForm

ACTIONS = ("add", "revise", "annotate")


def _edit_choices(measures: list) -> dict:
    """Return what the managers' forms choose from (2 queries)."""
    return {
        # Every area up to shortlist.AREA_SELECT_LIMIT; beyond, the forms take a typed name or code.
        "areas": area_choice(),
        "measures": measures,
        "sources": list(Source.objects.all()),
    }


def _find(rows: list[dict], key: str) -> dict | None:
    """Return the row of a target in force or of an original (the service refuses to revise those)."""
    every = [r for row in rows for r in (row, *row["originals"])]
    return next((row for row in every if row["key"] == key), None)


@role_required(VIEWER)
@form_page
@cached_page  # a manager's page holds forms and is never kept
def targets(request):
    can_manage = has_role(request.user, MANAGER)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied("Alleen programmamanagers kunnen doelen en notities vastleggen.")
    latest = last_complete_month(clock.today())
    caseload, caseload_checks = selectors.caseload_rows(latest)
    activity, activity_checks = activity_rows(latest)
    measures = Measure.objects.in_page_order()
    rows = [*caseload, *activity]
    shows_synthetic = any(row["is_synthetic"] for row in rows)
    forms = {}
    revising = None
    if can_manage:
        choices = _edit_choices(measures)
        action = request.POST.get("action") if request.method == "POST" else None
        data = request.POST if action else None
        revise_key = request.POST.get("target") if action == "revise" else request.GET.get("revise", "")
        revising = _find(rows, revise_key) if revise_key else None
        forms = {
            "add": TargetForm(data if action == "add" else None, prefix="doel", areas=choices["areas"],
                              measures=choices["measures"], sources=choices["sources"], demo=shows_synthetic),
            "annotate": AnnotationForm(data if action == "annotate" else None, prefix="notitie",
                                       areas=choices["areas"], measures=choices["measures"]),
        }  # fmt: skip
        if revising is not None:
            forms["revise"] = RevisionForm(
                data if action == "revise" else None, sources=choices["sources"], initial={"target": revising["key"]}
            )
        if action == "revise" and revising is None:
            messages.error(request, "Dit doel bestaat niet (meer); kies opnieuw een doel om te herzien.")
            return redirect("targets")
        if action in ACTIONS and forms[action].is_valid():
            done = _write(request, action, forms[action], revising)
            if done:
                return redirect("targets")
    status = 400 if request.method == "POST" else 200
    programme = [
        r["target"]
        for r in caseload
        if r["target"].area.level == AreaLevel.PROGRAMME and r["target"].indicator == CaseloadIndicator.CASELOAD
    ]
    context = {
        "page_title": "Doelen",
        "latest": latest,
        "caseload_rows": caseload,
        "activity_rows": activity,
        "split_checks": [*caseload_checks, *activity_checks],
        # The years between published milestones that have no target of their own get a derived path.
        "derived_stretches": unpublished_stretches(published_milestones(programme)),
        "has_published_milestones": any(t.is_published for t in programme),
        "annotations": notes.all_annotations({m.pk: f"{m.activity.name}: {m.name}" for m in measures}),
        "forms": forms,
        "revising": revising,
        "shows_synthetic": shows_synthetic,
    }
    return render(request, "programme/targets/targets.html", context, status=status)


def _write(request, action: str, form, revising) -> bool:
    """Apply a valid form through the services; report refusals next to the form."""
    try:
        if action == "add":
            target = services.add_target(**form.write_kwargs(), user=request.user)
            messages.success(request, f"Het doel is vastgelegd: {selectors.period_text(target)}.")
        elif action == "revise":
            data = form.cleaned_data
            services.revise_target(
                revising["target"],
                value=data["value"],
                reason=data["reason"],
                source=data.get("source"),
                new_source=services.NewSource(data["new_source_title"], data["new_source_date"])
                if data.get("new_source_title")
                else None,
                note=data.get("note", ""),
                user=request.user,
            )
            messages.success(request, "De herziening is vastgelegd; het oorspronkelijke doel blijft zichtbaar.")
        else:
            annotation = services.add_annotation(**form.write_kwargs(), user=request.user)
            messages.success(request, f"De notitie bij {annotation.period.label} is vastgelegd.")
    except services.TargetError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return False
    return True
