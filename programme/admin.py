"""Admin for technical administrators: areas, sources, and the figures of caseload and activities.

Figures are saved through the same service as the entry form: locked months are
refused, a correction needs a reason, and every change is recorded. Figures are
corrected, never deleted; period steps happen on the entry pages. Origin and
source follow from the service (a corrected official or demo value becomes a
registered one), so they can't be set by hand. Targets are added and revised on
/targets/, which keeps the original with a reason and source; here only their
note can be changed.
"""

import copy

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from activities.models import ActivityRecord, ActivityTarget
from monitoring.models import (
    Area,
    CaseloadFigure,
    ChangeEvent,
    FlagNote,
    PeriodLocked,
    ReportingPeriod,
    Source,
    Target,
    ValueChange,
    WarningOverride,
    refuse_locked_months,
)
from nprz_dashboard.admin import ReadOnlyAdmin

from .entry import services
from .entry.errors import ReasonRequired


class FigureAdminForm(forms.ModelForm):
    """A figure form that refuses locked months and asks a reason for corrections."""

    change_reason = forms.CharField(
        label="Reden van de wijziging",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als je een opgeslagen waarde wijzigt.",
    )

    def clean(self):
        cleaned = super().clean()
        months = [cleaned.get("month"), getattr(self.instance, "_loaded_month", None)]
        if self.instance.pk:
            months.append(
                type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("month", flat=True).first()
            )
        try:
            refuse_locked_months(months)
        except PeriodLocked as error:
            raise forms.ValidationError(str(error)) from None
        if self.instance.pk and "value" in self.changed_data and not cleaned.get("change_reason", "").strip():
            self.add_error("change_reason", str(ReasonRequired()))
        self._refuse_a_contradicted_total(cleaned)
        return cleaned

    def _refuse_a_contradicted_total(self, cleaned) -> None:
        """Refuse a district or NPRZ value that its complete neighbourhoods contradict, as the write path would."""
        if "value" not in self.changed_data or cleaned.get("value") is None:
            return
        candidate = copy.copy(self.instance)
        for name in ("area", "month", "indicator", "measure"):
            if cleaned.get(name) is not None:
                setattr(candidate, name, cleaned[name])
        if getattr(candidate, "area_id", None) is None or candidate.month is None:
            return
        refusal = services.total_refusal(candidate, cleaned["value"])
        if refusal:
            self.add_error("value", refusal)
            return
        self._apply_the_rules(candidate, cleaned)

    def _apply_the_rules(self, candidate, cleaned) -> None:
        """Refuse what breaks a consistency rule; ask a reason for its warnings (kept once per warning)."""
        findings = services.rule_findings(candidate, cleaned["value"])
        for finding in findings:
            if finding.is_error:
                self.add_error("value", finding.message)
        warnings = [f.message for f in findings if not f.is_error]
        if warnings and not cleaned.get("change_reason", "").strip() and "change_reason" not in self.errors:
            self.add_error(
                "change_reason",
                "Geef een reden om deze waarschuwing"
                + ("en" if len(warnings) > 1 else "")
                + " te negeren: "
                + " ".join(warnings),
            )


class LockedFigureAdmin(SimpleHistoryAdmin):
    """Shared admin behaviour for monthly figures (caseload figures and activity records)."""

    form = FigureAdminForm
    readonly_fields = ["origin", "source", "updated_at", "updated_by"]
    identity_fields: list[str] = []  # which figure it is: fixed once stored, a correction changes its value

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, *(self.identity_fields if obj is not None else [])]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.save_from_admin(
            obj, user=request.user, reason=data.get("change_reason", ""), status=obj.status, note=obj.note
        )

    def has_change_permission(self, request, obj=None):
        if obj is not None and ReportingPeriod.objects.locked().filter(month=obj.month).exists():
            return False  # shown read-only; a manager must reopen the month first
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # figures are corrected with a reason, never silently removed


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent", "is_focus", "population"]
    list_filter = ["level", "is_focus", "parent"]
    search_fields = ["name", "code"]
    ordering = ["tree_order"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "published_on", "author"]
    search_fields = ["title", "reference", "author"]
    # A typed address without scheme means https (Django 6's default; 5.2 warns without it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(CaseloadFigure)
class CaseloadFigureAdmin(LockedFigureAdmin):
    identity_fields = ["area", "month", "indicator"]
    list_display = ["area", "month", "indicator", "value", "status", "origin", "updated_at"]
    list_filter = ["indicator", "status", "origin", "area__level", "area"]
    search_fields = ["area__name", "area__code", "note"]
    date_hierarchy = "month"
    list_select_related = ["area"]


class TargetAdminBase(SimpleHistoryAdmin):
    """Targets are read-only here but for their note: /targets/ adds and revises them with reason and source."""

    editable_fields = ["note"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.editable and f.name not in self.editable_fields] + [
            "created_at"
        ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # what was promised stays visible; a revision points at it

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":  # reverting would write an old value past the read-only fields
            raise PermissionDenied("Herstel een doel via /targets/ met een reden.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Target)
class TargetAdmin(TargetAdminBase):
    list_display = ["indicator", "area", "period_end", "comparator", "value", "provenance", "revises"]
    list_filter = ["indicator", "provenance", "period_kind", "area"]
    search_fields = ["note", "revision_reason", "source__title"]
    list_select_related = ["area", "revises", "source"]


@admin.register(ActivityRecord)
class ActivityRecordAdmin(LockedFigureAdmin):
    identity_fields = ["measure", "area", "month"]
    list_display = ["measure", "area", "month", "value", "status", "origin", "updated_at"]
    list_filter = ["measure__activity", "status", "origin", "area__level"]
    search_fields = ["measure__name", "area__name", "note"]
    date_hierarchy = "month"
    list_select_related = ["measure__activity", "area"]


@admin.register(ActivityTarget)
class ActivityTargetAdmin(TargetAdminBase):
    list_display = ["measure", "area", "period_start", "period_end", "comparator", "value", "provenance"]
    list_filter = ["provenance", "period_kind", "measure__activity"]
    search_fields = ["measure__name", "note"]
    list_select_related = ["measure__activity", "area"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Period steps (submit, approve, reopen) happen on /entry/<month>/ so they are checked and recorded."""

    list_display = ["month", "state", "changed_by", "changed_at", "revision"]
    list_filter = ["state"]
    date_hierarchy = "month"


class ValueChangeInline(admin.TabularInline):
    model = ValueChange
    fields = ["month", "label", "old_value", "new_value"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class WarningOverrideInline(admin.TabularInline):
    model = WarningOverride
    fields = ["month", "rule", "message", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FlagNote)
class FlagNoteAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "month", "flag", "status", "user"]
    list_filter = ["status"]
    list_select_related = ["user"]


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "user", "month", "file_name", "summary"]
    list_filter = ["kind"]
    search_fields = ["reason", "file_name"]
    list_select_related = ["user"]
    inlines = [ValueChangeInline, WarningOverrideInline]
