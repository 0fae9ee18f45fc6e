"""The committed OpenAPI schema (docs/openapi.yaml) is the code's: served as is, and every field explained twice."""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def test_the_committed_schema_is_what_the_code_generates(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", file=str(generated))
    assert generated.read_text() == COMMITTED.read_text(), "docs/openapi.yaml is out of date: run `make schema`"


def test_the_schema_endpoint_serves_it(viewer_api):
    response = viewer_api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.decode() == COMMITTED.read_text()
    assert viewer_api.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")


def described(text: str | None) -> bool:
    """Return whether a description has a Dutch and an English part: 'Dutch / English'."""
    return bool(text) and " / " in text


def test_every_field_and_parameter_has_a_dutch_and_an_english_description():
    schema = yaml.safe_load(COMMITTED.read_text())
    missing = []
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            text = spec.get("description") or next(
                (part.get("description") for part in spec.get("allOf", []) + spec.get("oneOf", [])), None
            )
            if not described(text):
                missing.append(f"{name}.{field}")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["name"] != "format" and not described(parameter.get("description")):
                    missing.append(f"{method} {path} ?{parameter['name']}")
    assert missing == []


def test_only_get_is_documented_and_every_operation_documents_its_errors():
    schema = yaml.safe_load(COMMITTED.read_text())
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        assert {"200", "400", "401", "403", "404", "429"} <= set(operations["get"]["responses"]), path
