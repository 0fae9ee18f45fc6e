"""/entry/quality/: completeness, timeliness and approval per month and area; flags closed with a reason."""

from decimal import Decimal

from monitoring.models import CaseloadFigure, FlagNote
from programme.entry.quality import robust_score

HOOD = "BU05991571"  # Tarwewijk
SEPTEMBER = "2026-09-01"


def figure(indicator, month=SEPTEMBER, code=HOOD):
    return CaseloadFigure.objects.get(indicator=indicator, area__code=code, month=month)


def triple_inflow():
    inflow = figure("inflow")
    CaseloadFigure.objects.filter(pk=inflow.pk).update(value=inflow.value * 3 + 30)
    return inflow.value * 3 + 30


def test_a_robust_score_ignores_one_outlier_in_the_reference():
    score, middle = robust_score(Decimal(60), [Decimal(v) for v in (20, 21, 19, 22, 20, 200)])
    assert middle == Decimal("20.5") and score > 3.5
    assert robust_score(Decimal(5), [Decimal(1), Decimal(2)]) is None


def test_the_page_shows_completeness_timeliness_and_approval_per_month_and_area(editor_client):
    html = editor_client.get("/entry/quality/").content.decode()
    assert "Compleetheid per maand en gebied" in html
    tarwewijk = html.split("Tarwewijk <span")[1].split("</tr>")[0]
    # October: outflow to work is still missing (7 of 8), and the month is past its due day.
    assert "7 van 8 · <strong>te laat</strong>" in tarwewijk
    assert "open, niet goedgekeurd" in html


def test_a_value_that_breaks_its_pattern_is_flagged_with_its_reason_and_a_link_to_its_cell(editor_client):
    value = triple_inflow()
    html = editor_client.get("/entry/quality/").content.decode()
    assert 'href="/entry/2026-09/#id_c-inflow-BU05991571">Instroom, Tarwewijk (wijk), september 2026</a>' in html
    assert f"Valt uit het patroon: {value} tegen een mediaan van" in html
    assert "robuuste score" in html


def test_an_open_consistency_warning_is_flagged(editor_client):
    outflow = figure("outflow")
    CaseloadFigure.objects.filter(pk=figure("outflow_to_work").pk).update(value=outflow.value + 50)
    html = editor_client.get("/entry/quality/").content.decode()
    assert "Samenhang: Uitstroom naar werk" in html and "is hoger dan uitstroom" in html


def test_a_flag_is_closed_with_a_reason_and_counted_as_handled(editor_client, editor):
    triple_inflow()
    page = editor_client.get("/entry/quality/")
    flag = next(f for f in page.context["quality"].open_flags if f.id == f"2026-09.patroon.c-inflow-{HOOD}")
    opened = len(page.context["quality"].open_flags)
    response = editor_client.post(
        "/entry/quality/", {"flag": flag.id, "status": "explained", "reason": "Nieuwbouw opgeleverd"}
    )
    assert response.status_code == 302
    note = FlagNote.objects.get()
    assert (note.flag, note.status, note.reason, note.user) == (flag.id, "explained", "Nieuwbouw opgeleverd", editor)
    after = editor_client.get("/entry/quality/")
    assert len(after.context["quality"].open_flags) == opened - 1
    assert "Nieuwbouw opgeleverd" in after.content.decode()


def test_closing_a_flag_without_a_reason_or_an_unknown_flag_stores_nothing(editor_client):
    triple_inflow()
    response = editor_client.post(
        "/entry/quality/", {"flag": f"2026-09.patroon.c-inflow-{HOOD}", "status": "explained", "reason": " "}
    )
    assert response.status_code == 400
    assert "Geef een reden" in response.content.decode()
    response = editor_client.post("/entry/quality/", {"flag": "2026-09.patroon.x", "status": "resolved", "reason": "x"})
    assert response.status_code == 400
    assert "staat niet (meer) op de pagina" in response.content.decode()
    assert not FlagNote.objects.exists()


def test_a_viewer_may_not_see_the_quality_page(viewer_client):
    assert viewer_client.get("/entry/quality/").status_code == 403


def test_the_page_uses_a_fixed_number_of_queries(editor_client, editor, django_assert_num_queries):
    # session, user, groups, areas, measures, periods, caseload values and records of the years compared (2),
    # last writes of caseload and records (2), overridden warnings, flag notes (with their users)
    with django_assert_num_queries(12):
        editor_client.get("/entry/quality/")
    triple_inflow()
    CaseloadFigure.objects.filter(pk=figure("outflow_to_work").pk).update(value=figure("outflow").value + 50)
    with django_assert_num_queries(12):
        response = editor_client.get("/entry/quality/")
    assert len(response.context["quality"].open_flags) >= 2
