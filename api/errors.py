"""Every error of the API has one shape: {"detail": "<Dutch message>", "errors": {field: [messages]}}."""

from rest_framework.views import exception_handler

INVALID = "Een of meer parameters zijn ongeldig; zie ‘errors’."


def api_exception_handler(exc, context):
    """Return DRF's response with its data in the one error shape (field errors under 'errors')."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        response.data = {"detail": str(data["detail"])}
    else:
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": INVALID, "errors": errors}
    return response
