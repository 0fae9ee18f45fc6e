"""Gunicorn settings for the NPRZ Werkmonitor: `gunicorn -c gunicorn.conf.py nprz_dashboard.wsgi`.

Command-line options override these (`make smoke` and `make loadtest` pass --bind).

Which peers may set X-Forwarded-* (the scheme, and so whether Django treats a request
as https): only our own TLS proxy on this machine, and only when DJANGO_BEHIND_TLS_PROXY
says there is one; otherwise nobody, so a client (or another local process) can't make a
plain http request look like https.
"""

import os

# Listen on loopback only: the TLS proxy in front of the app connects here.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Pages are CPU-bound Python, so processes, not threads: gunicorn's rule of two
# per core plus one (5 on 2 cores). WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"

# A quarterly-report PDF takes Chromium 2-4 s, 30 s at most; anything longer is stuck.
timeout = 60
graceful_timeout = 30
keepalive = 5  # the proxy reuses connections

# Load the app once in the master and fork the workers from it: they share its
# memory, start in milliseconds, and a broken configuration stops gunicorn at once.
preload_app = True

# Replace each worker after about 20.000 requests, to bound slow memory growth.
max_requests = 20000
max_requests_jitter = 2000

# The app logs one logfmt line per request itself (method, path, status, ms,
# user id), so gunicorn's access log is off. Turned on with --access-logfile -,
# it writes the same key=value style.
accesslog = None
access_log_format = 'method=%(m)s path="%(U)s" status=%(s)s ms=%(M)s bytes=%(B)s remote=%(h)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# No control socket (gunicornc): its default path in $HOME would be shared by every
# gunicorn of the same user on the host, and the app is managed by its service manager.
control_socket_disable = True

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_proxy = os.environ.get("DJANGO_BEHIND_TLS_PROXY", "").strip().lower()
if _proxy not in _TRUE | _FALSE:
    # The same rule as nprz_dashboard.environment.env_bool: a typo stops the server at start.
    raise ValueError(f"DJANGO_BEHIND_TLS_PROXY must be a boolean (1/0, true/false), got {_proxy!r}")

# The proxy reaches gunicorn over loopback: IPv4 or, when it resolves "localhost" so, IPv6.
forwarded_allow_ips = "127.0.0.1,::1" if _proxy in _TRUE else ""
