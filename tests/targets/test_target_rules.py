"""Each rule of the target forms and services, on its own: the message a manager reads, and nothing stored."""

import datetime as dt
from decimal import Decimal

import pytest

from monitoring.caseload.selectors import area_choice
from monitoring.models import Area, Source, Target
from nprz_dashboard.periods import Month
from programme.targets import services as target_services
from programme.targets.forms import RevisionForm, TargetForm, parse_profile


def errors_of(form) -> dict[str, list[str]]:
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def target_form(db_sources=(), **fields):
    data = {
        "subject": "caseload:caseload", "area": "NPRZ", "comparator": "at_most", "period_kind": "end_of_period",
        "start": "2027-01", "end": "2027-12", "value": "12.000", "provenance": "published", **fields,
    }  # fmt: skip
    return TargetForm(data, areas=area_choice(), measures=[], sources=db_sources)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("-1; 1; 1; 1; 1; 1; 1; 1; 1; 1; 1; 4", "Gebruik alleen getallen van 0 of meer, gescheiden door puntkomma's."),
        ("0; 0; 0; 0; 0; 0; 0; 0; 0; 0; 0; 0", "De gewichten kunnen niet allemaal 0 zijn."),
    ],
    ids=["a negative weight", "all weights 0"],
)
def test_a_profile_needs_weights_of_zero_or_more_that_are_not_all_zero(weights, message):
    from django import forms

    with pytest.raises(forms.ValidationError) as refused:
        parse_profile(weights)
    assert refused.value.messages == [message]


def test_an_empty_value_is_called_required_not_a_bad_number(db):
    assert errors_of(target_form(value=""))["value"] == ["Dit veld is vereist."]


def test_a_new_source_with_a_date_needs_its_title(db):
    errors = errors_of(target_form(new_source_date="1-11-2026"))
    assert errors["new_source_title"] == ["Geef de titel van het brondocument."]


def test_an_existing_source_and_a_new_one_together_are_refused(db):
    source = Source.objects.create(title="Begroting 2027", published_on=dt.date(2026, 11, 1))
    form = target_form(
        db_sources=[source], source=str(source.pk), new_source_title="Nog een bron", new_source_date="2-11-2026"
    )
    assert errors_of(form)["new_source_title"] == ["Kies een bestaande bron of vul een nieuwe in, niet allebei."]


def test_a_revision_form_with_only_a_new_source_date_names_the_missing_title(db):
    target = Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2025-12-01")
    form = RevisionForm({"target": f"caseload-{target.pk}", "value": "12.500", "reason": "x",
                         "new_source_date": "15-6-2025"})  # fmt: skip
    assert errors_of(form)["new_source_title"] == ["Geef de titel van het brondocument."]


def test_the_service_refuses_a_published_target_without_a_source(db):
    before = Target.objects.count()
    with pytest.raises(target_services.TargetError, match=r"Een gepubliceerd doel heeft een brondocument nodig\."):
        target_services.add_target(
            kind="caseload", subject="caseload", area=Area.objects.get(code="NPRZ"), comparator="at_most",
            period_kind="end_of_period", start=Month(2027, 1), end=Month(2027, 12), value=Decimal(12_000),
            provenance="published",
        )  # fmt: skip
    assert Target.objects.count() == before


def test_the_service_refuses_a_revision_with_a_blank_reason(db):
    target = Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2025-12-01")
    source = Source.objects.create(title="Raadsbesluit", published_on="2025-06-15")
    before = Target.objects.count()
    with pytest.raises(target_services.TargetError, match=r"Geef de reden van de herziening\."):
        target_services.revise_target(target, value=Decimal(12_500), reason="   ", source=source)
    assert Target.objects.count() == before
