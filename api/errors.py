"""Every error of the API has one shape: {"detail": "<Dutch message>", "errors": {field: [messages]}}."""

import math

from rest_framework import exceptions
from rest_framework.views import exception_handler

INVALID = "Een of meer parameters zijn ongeldig; zie ‘errors’."


PERIODS = {"s": "seconde", "m": "minuut", "h": "uur", "d": "dag"}


def rate_text() -> str:
    """Return the rate limit in Dutch words: '120 per minuut'."""
    from .throttling import PerTokenThrottle

    number, period = PerTokenThrottle.THROTTLE_RATES["api"].split("/")
    return f"{number} per {PERIODS[period[0]]}"


def api_exception_handler(exc, context):
    """Return DRF's response with its data in the one error shape (field errors under 'errors')."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled) and not getattr(exc, "is_login_block", False):
        response.data = {
            "detail": f"Te veel verzoeken: hoogstens {rate_text()}. Probeer het over {math.ceil(exc.wait or 1)} "
            "seconden opnieuw."
        }
        return response
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        response.data = {"detail": str(data["detail"])}
    else:
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": INVALID, "errors": errors}
    return response
