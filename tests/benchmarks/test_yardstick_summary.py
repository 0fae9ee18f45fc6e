"""benchmarks.summary.yardstick: the line the quarterly report freezes, the same as the page says."""

import json
import re

from benchmarks.summary import yardstick
from nprz_dashboard.periods import Month
from tests.conftest import LAST_MONTH


def test_it_gives_the_pages_sentence_and_its_numbers_as_plain_data(viewer_client, demo_benchmarks):
    line = yardstick(LAST_MONTH)

    page = viewer_client.get("/caseload/g4/").content.decode()
    assert line["sentence"] in page
    assert json.loads(json.dumps(line)) == line  # frozen in a report snapshot as it is
    assert (line["month"], line["demo"]) == ("2026-10", True)
    # The gap is rounded from the exact rates, so it may differ from the rounded rates' difference by 0,1.
    assert abs(line["gap"] - (line["nprz"] - line["g4"])) <= 0.1 + 1e-9
    assert re.search(r"in Zuid (\d+,\d) ", line["sentence"]).group(1) == f"{line['nprz']:.1f}".replace(".", ",")


def test_a_report_of_an_earlier_quarter_gets_that_quarters_line(demo_benchmarks):
    line = yardstick(Month(2025, 3))

    assert line["month"] == "2025-03"
    assert line["sentence"].startswith("Eind maart 2025: in Zuid ")


def test_without_benchmark_values_there_is_no_line(no_benchmarks):
    assert yardstick(LAST_MONTH) is None
