"""The OpenAPI schema's shared parts: the token scheme, and the error responses every operation can give."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

ERRORS = {
    "400": "Ongeldige parameter / Invalid parameter",
    "401": "Geen of een ongeldige API-sleutel / No or an invalid API token",
    "403": "Geen rol in de werkmonitor / No role in the Werkmonitor",
    "404": "Bestaat niet (of een pagina voorbij de laatste) / Does not exist (or a page past the last)",
    "406": "Vraag JSON of CSV (Accept of ?format=) / Ask for JSON or CSV",
    "429": "Te veel verzoeken of aanmelden geblokkeerd; zie Retry-After / Too many requests or login blocked",
}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Wat er mis is, in het Nederlands / What is wrong, in Dutch")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per parameter de fouten / The errors per parameter",
    )


CSV_SCHEMA = {
    "type": "string",
    "description": (
        "Dezelfde rijen als CSV: `;`, UTF-8 met BOM, decimale komma; kolommen zijn de JSON-velden, een genest veld "
        "als `source.title` / The same rows as CSV in the Dutch Excel dialect; the columns are the JSON fields"
    ),
}


class ApiSchema(AutoSchema):
    """drf-spectacular's schema with the error responses of every operation, and CSV described as text."""

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if "text/csv" in response.get("content", {}):
            response["content"]["text/csv"] = {"schema": CSV_SCHEMA}
        return response

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Persoonlijke API-sleutel van je profielpagina (/profile/): `Authorization: Bearer wm_…` / "
                "Personal API token from your profile page"
            ),
        }


class FilterDescriptions(DjangoFilterExtension):
    """django-filter parameters with their help text also where the filter sets its own schema (months, codes)."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        for parameter in parameters:
            parameter.setdefault("description", filter_field.extra.get("help_text", ""))
        return parameters
