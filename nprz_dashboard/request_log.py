"""One log line per request in logfmt (key=value), which log collectors (Loki, Vector, Fluent Bit) read as is.

The line holds the method, the path without its query string, the status, the
time in milliseconds and the user's id: never a form field, a password or a
figure, and no query string (filters may name areas or values).
"""

import logging
import time

logger = logging.getLogger("nprz_dashboard.requests")


class RequestLogMiddleware:
    """Log every response, static files and redirects included; placed first, so it times the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)  # absent for static files, served before authentication
        logger.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000),
                    "user": user.pk if user is not None and user.is_authenticated else "-",
                }
            },
        )
        return response


def _value(value) -> str:
    """Return a logfmt value: bare when it is one plain word, otherwise quoted with escapes."""
    text = str(value)
    if text and not any(c in text for c in ' ="\\\n\t'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


class LogfmtFormatter(logging.Formatter):
    """Format any record as `time=… level=… logger=…` followed by its fields, or by msg=… for plain messages."""

    def format(self, record: logging.LogRecord) -> str:
        fields = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields.update(getattr(record, "fields", None) or {"msg": record.getMessage()})
        if record.exc_info:
            fields["exc"] = self.formatException(record.exc_info)
        return " ".join(f"{key}={_value(value)}" for key, value in fields.items())
