"""Query budgets per endpoint: a fixed number of queries, also when the data grows several times over.

Every request with a token starts with the same three queries: 1 the login
block of the address (one aggregate), 2 the token (with its user), 3 the user's
role groups. The last-used stamp (an UPDATE) is written at most
once a minute, so the warm-up request takes it. The rest is per endpoint.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import ActivityRecord
from activities.scale_data import generate_activity_records
from monitoring.models import Area, CaseloadFigure, QuarterlyReport, ReportVersion
from monitoring.setup.scale_data import add_neighbourhoods, generate_caseload
from nprz_dashboard.periods import Month
from tests.api.conftest import token_client

START = 3  # address block, token, role groups
BUDGETS = [
    ("/api/v1/", START),
    # 4 count, 5 the page of areas with their parents
    ("/api/v1/areas/", START + 2),
    # 4 count, 5 the page's ids, 6 those figures (area and source joined, the latest change's kind as a
    # subquery), 7 and 8 disclosure for a reader: the area tree, and every area's figures of the page's months
    ("/api/v1/caseload-figures/?page_size=500", START + 5),
    ("/api/v1/caseload-figures/?page_size=500&level=neighbourhood&origin=demo&start=2024-01", START + 5),
    # 4 count, 5 the page of activities with their project
    ("/api/v1/activities/", START + 2),
    # 4 count, 5 the page of measures with their activity
    ("/api/v1/measures/", START + 2),
    # 4 count, 5 the page of totals with measure, activity and source
    ("/api/v1/published-totals/", START + 2),
    # 4 count, 5 the page's ids, 6 those records (measure, activity, area, source, the latest change's kind),
    # 7 and 8 disclosure for a reader: every record and the targets of the page's protected measures
    ("/api/v1/activity-records/?page_size=500", START + 5),
    ("/api/v1/activity-records/?page_size=500&activity=wijkwerktafels&start=2025-01", START + 5),
    # 4 count, 5 the page of targets with area, source and revision
    ("/api/v1/targets/", START + 2),
    ("/api/v1/activity-targets/", START + 2),
    # 4 count, 5 the page of versions with their report (the snapshots left out)
    ("/api/v1/reports/", START + 2),
    # 4 the version with its report and snapshot
    ("/api/v1/reports/2026/q1/versions/1/", START + 1),
    # 4 the area, 5 its figures (sources joined), 6 and 7 disclosure for a reader (the area tree of its
    # district, their figures), 8 its targets
    ("/api/v1/derived/glide-path/?area=BU05991593", START + 5),
    ("/api/v1/derived/caseload-pace/?area=BU05991593", START + 5),
    # 4 NPRZ, 5 its figures, 6 its targets (NPRZ as a whole needs no disclosure control)
    ("/api/v1/derived/caseload-pace/", START + 3),
]


@pytest.fixture
def published(db):
    report = QuarterlyReport.objects.create(year=2026, quarter=1)
    ReportVersion.objects.create(report=report, number=1, snapshot={"schema": 1}, published_at=timezone.now())


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def grow():
    """Add neighbourhoods and ten more years of figures and records: several times the data."""
    before = (Area.objects.count(), CaseloadFigure.objects.count(), ActivityRecord.objects.count())
    add_neighbourhoods(80)
    generate_caseload(Month(2014, 1), Month(2026, 10))
    generate_activity_records(Month(2022, 1), Month(2026, 10))
    after = (Area.objects.count(), CaseloadFigure.objects.count(), ActivityRecord.objects.count())
    assert all(new >= 3 * old for old, new in zip(before, after, strict=True)), (before, after)


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_every_endpoint_keeps_its_budget_as_the_data_grows(request, db, published, role):
    client = token_client(request.getfixturevalue(role))
    client.get("/api/v1/")  # stamps the token's last use
    reader_only = 2  # the disclosure queries a manager does not make
    expected = {
        url: budget - (reader_only if role == "manager" and ("figures" in url or "records" in url or "area=" in url)
                       else 0)
        for url, budget in BUDGETS
    }  # fmt: skip
    assert {url: queries(client, url) for url, _ in BUDGETS} == expected
    grow()
    assert {url: queries(client, url) for url, _ in BUDGETS} == expected
