"""Gunicorn settings; gunicorn reads this file from the directory it starts in (the repository root).

Hardening (issue 12): which peers may set X-Forwarded-* headers (the scheme, and so
whether Django treats a request as https). Only our own TLS proxy on this machine,
and only when DJANGO_BEHIND_TLS_PROXY says there is one; otherwise nobody, so a
client (or another local process) can't make a plain http request look like https.
Other settings (workers, logging, ...) may be added around this block.
"""

import os

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_proxy = os.environ.get("DJANGO_BEHIND_TLS_PROXY", "").strip().lower()
if _proxy not in _TRUE | _FALSE:
    # The same rule as nprz_dashboard.settings.env_bool: a typo stops the server at start.
    raise ValueError(f"DJANGO_BEHIND_TLS_PROXY must be a boolean (1/0, true/false), got {_proxy!r}")

# The proxy reaches gunicorn over loopback: IPv4 or, when it resolves "localhost" so, IPv6.
forwarded_allow_ips = "127.0.0.1,::1" if _proxy in _TRUE else ""
