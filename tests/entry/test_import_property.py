"""Property: whatever bytes are posted as an import, the answer is a page with a Dutch message, never a 500.

Hypothesis generates random bytes, CSV-like text in several encodings and line
endings, and valid XLSX files with bytes of their sheet XML or of the archive
itself changed. The Django test client raises any exception a view lets escape,
so a 500 fails the test with the smallest input that causes it.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.entry.test_import_hostile import stored
from tests.hostile_files import HEADER, good_rows, sheet_xml, xlsx

TEMPLATE_XLSX = xlsx()
TEMPLATE_SHEET = sheet_xml(good_rows())


def _splice(data: bytes, position: int, replacement: bytes) -> bytes:
    position %= len(data)
    return data[:position] + replacement + data[position + len(replacement) :]


cells = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
csv_text = st.builds(
    lambda rows, separator, end, encoding: (
        "vorm.csv",
        end.join(separator.join(row) for row in [HEADER, *rows]).encode(encoding, errors="replace"),
    ),
    st.lists(st.lists(cells, min_size=1, max_size=6), max_size=6),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["\r\n", "\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
mutated_sheet = st.builds(
    lambda position, replacement: ("blad.xlsx", xlsx(_splice(TEMPLATE_SHEET, position, replacement))),
    st.integers(min_value=0),
    st.binary(min_size=1, max_size=8),
)
mutated_archive = st.builds(
    lambda position, replacement: ("archief.xlsx", _splice(TEMPLATE_XLSX, position, replacement)),
    st.integers(min_value=0),
    st.binary(min_size=1, max_size=8),
)
random_bytes = st.tuples(st.sampled_from(["bytes.csv", "bytes.xlsx", "bytes.txt"]), st.binary(max_size=2048))
uploads = st.one_of(random_bytes, csv_text, mutated_sheet, mutated_archive)


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(upload=uploads)
def test_any_bytes_posted_as_an_import_get_a_dutch_answer_and_change_nothing(editor_client, upload):
    name, content = upload
    before = stored()
    response = editor_client.post(
        "/entry/import/", {"step": "preview", "file": SimpleUploadedFile(name, content, "application/octet-stream")}
    )
    assert response.status_code == 200
    refused = response.context["refused"] or " ".join(response.context["upload_form"].errors.get("file", []))
    plan = response.context["plan"]
    assert refused or plan is not None
    if plan is not None:
        assert all(row.errors for row in plan.rows if row.state == "error")
    assert stored() == before
