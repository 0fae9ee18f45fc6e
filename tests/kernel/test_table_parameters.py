"""Bad table parameters get a page or a Dutch 400, never a 500: page sizes are clamped, unknown formats refused."""

import re

import pytest

TABLE_PAGES = ["/caseload/figures/", "/activities/wijkwerktafels/"]


def body_rows(html: str) -> int:
    return len(re.findall(r'<tr class="(?:even|odd)', html))


@pytest.mark.parametrize("url", TABLE_PAGES)
@pytest.mark.parametrize("per_page", ["-1", "0", "abc", "1e9"])
def test_a_nonsense_page_size_shows_the_table(viewer_client, url, per_page):
    response = viewer_client.get(f"{url}?per_page={per_page}")
    assert response.status_code == 200
    assert body_rows(response.content.decode()) >= 1


@pytest.mark.parametrize("url", TABLE_PAGES)
def test_a_negative_page_size_shows_one_row_a_page(viewer_client, url):
    response = viewer_client.get(f"{url}?per_page=-1")
    assert body_rows(response.content.decode()) == 1


@pytest.mark.parametrize("url", TABLE_PAGES)
def test_a_huge_page_size_is_clamped_to_200_rows(viewer_client, url):
    response = viewer_client.get(f"{url}?per_page=1000000000")
    assert response.status_code == 200
    assert body_rows(response.content.decode()) == 200
    assert "per_page=200" in response.content.decode()  # page links carry the clamped size


@pytest.mark.parametrize("url", TABLE_PAGES)
@pytest.mark.parametrize("export", ["xls", "ods", "yaml", "json", "tsv", "latex", "html", "CSV", "csv%00"])
def test_an_undocumented_export_format_gets_a_dutch_400(viewer_client, url, export):
    response = viewer_client.get(f"{url}?_export={export}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ongeldig verzoek" in html
    assert "de werkmonitor exporteert als CSV (_export=csv) of Excel (_export=xlsx)" in html
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", TABLE_PAGES)
@pytest.mark.parametrize(
    ("export", "content_type"),
    [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
)
def test_the_documented_formats_are_served(viewer_client, url, export, content_type):
    response = viewer_client.get(f"{url}?_export={export}&per_page=-1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_an_empty_export_parameter_shows_the_page(viewer_client):
    assert viewer_client.get("/caseload/figures/?_export=").status_code == 200
