"""Settings for the NPRZ Werkmonitor, driven by environment variables.

Every variable is read through a small helper (environment.py) that refuses bad
values, so a typo in production configuration stops the app at start instead of
silently falling back to a default.
"""

import os
import re
from pathlib import Path

import dj_database_url
import drf_spectacular_sidecar
from django.core.exceptions import ImproperlyConfigured

from nprz_dashboard.environment import (
    email_settings,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_url,
    oidc_form_targets,
    oidc_settings,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's own widget templates for the project's form renderer
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "nprz_dashboard",
    "accounts",
    "monitoring",
    "activities",
    "programme",
    "benchmarks",  # Zuid against the G4 (issue 22): CBS benchmark values and /caseload/g4/
    # The open data API (issue 15): Django REST framework with drf-spectacular for the OpenAPI schema.
    "rest_framework",
    "drf_spectacular",
    "api",
    "django_rq",  # the report PDFs' worker: manage.py pdf_worker
]

MIDDLEWARE = [
    # First, so its one log line per request covers every response and the whole time.
    "nprz_dashboard.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML: after WhiteNoise, which serves its own pre-compressed static
    # files, and before every middleware that reads or changes the response body.
    "django.middleware.gzip.GZipMiddleware",
    "nprz_dashboard.legacy_urls.LegacyParametersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A city account is checked with the city again every OIDC_RECHECK_MINUTES (nothing without OIDC).
    "accounts.oidc.middleware.RecheckCityAccount",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # hardening (issue 12): Cache-Control: no-store on every response; sessions end after idle hours
    "nprz_dashboard.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nprz_dashboard.urls"
WSGI_APPLICATION = "nprz_dashboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nprz_dashboard.context_processors.roles",
            ],
        },
    },
]

# Every form renders with the NL Design System (Utrecht) components.
FORM_RENDERER = "nprz_dashboard.form_renderer.UtrechtFormRenderer"

VAR_DIR = BASE_DIR / "var"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'werkmonitor.sqlite3'}",
        # Kept between requests when debug is off: a new PostgreSQL connection costs a page served
        # from the page cache more than the page itself (make loadtest: 42 -> 66 req/s). The dev
        # server's thread per request can't reuse one. Checked before reuse, so a restarted
        # database costs one retry, not an error.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL")
# --- SQLite under concurrent writes (hardening, issue 12) -------------------------------
# Every transaction takes SQLite's write lock when it begins (BEGIN IMMEDIATE) and waits
# up to SQLITE_BUSY_TIMEOUT seconds for it, instead of failing with "database is locked"
# when it later tries to write; the services' conflict checks then run one after another,
# as PostgreSQL's row locks make them. WAL lets pages be read while a write is going on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# --- end of SQLite ---
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Page cache (issue 10; nprz_dashboard/page_cache.py, data_version.py) ------------------
# Read pages are kept under the data version, which a trigger on every table of these apps
# replaces with each write. Redis when REDIS_URL is set (shared by every worker and server),
# else each process's memory. PAGE_CACHE_SECONDS=0 turns the cache off (debug does by default,
# so an edited template shows at once).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 24 * 60 * 60)
CACHES = {
    "default": {
        "BACKEND": "nprz_dashboard.redis_cache.RedisCache"  # Django's, one client per pool (redis_cache.py)
        if REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": REDIS_URL or "werkmonitor-pages",
        # Everything this deployment keeps starts with it: others on the same Redis choose their own.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "werkmonitor"),
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1} if REDIS_URL else {"MAX_ENTRIES": 1000},
    }
}
DATA_VERSION_APPS = ["monitoring", "activities", "benchmarks"]
# Tables a write creates a row in to lock it before it writes anything else: a trigger there
# would take the version row's lock first, and two such writes could deadlock on PostgreSQL.
# Their changes come with an audited row (a ChangeEvent, a narrative, a version) that bumps.
# Import previews wait for confirmation, and the log of sent reminders is claimed row by row
# while mail goes out; neither shows on a cached page.
DATA_VERSION_EXEMPT = [
    "monitoring.ReportingPeriod",
    "monitoring.QuarterlyReport",
    "monitoring.ImportBatch",
    "monitoring.SentReminder",
    # Printed report PDFs: a copy of what a page shows, which no page shows.
    "monitoring.ReportPdf",
    # Summary tables: recomputed from their figures inside the figures' own write, which bumps already.
    "monitoring.CaseloadMonthCount",
    "activities.MonthTotal",
]
# --- end of page cache ---

# --- Sign-in (issue 20; accounts/oidc/, accounts/break_glass.py; README "Inloggen met de gemeente") ---
# With OIDC_RP_CLIENT_ID set, staff sign in with the city's account over OpenID Connect and their
# role follows the city's groups at every sign-in and every OIDC_RECHECK_MINUTES. LOCAL_LOGIN=0
# refuses passwords to all but superusers: the technical administrator's break-glass login,
# throttled by axes like any other. Without OIDC variables only local passwords exist, as before.
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", True)
OIDC = oidc_settings()
globals().update(OIDC)
if not LOCAL_LOGIN and not OIDC["OIDC_ENABLED"]:
    raise ImproperlyConfigured("LOCAL_LOGIN=0 leaves only superusers a way in: set the OIDC_* variables too")
OIDC_ACCESS_CONTACT = os.environ.get("OIDC_ACCESS_CONTACT", "").strip()
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend" if LOCAL_LOGIN else "accounts.break_glass.BreakGlassBackend",
    "accounts.oidc.backend.CityAccountBackend",  # does nothing while OIDC_ENABLED is False
]
# --- end of sign-in ---
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview"
LOGOUT_REDIRECT_URL = "login"

# --- Login throttling (hardening, issue 12; see nprz_dashboard/login_throttle.py) ---
# Per username across addresses: 5 wrong passwords lock the username for an hour,
# from every address (a manager lifts it at /accounts/blokkades/). Per address
# across usernames: 20 failures in 10 minutes throttle the address (spraying).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_HANDLER = "nprz_dashboard.login_throttle.LoginThrottleHandler"
AXES_LOCKOUT_CALLABLE = "nprz_dashboard.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "nprz_dashboard.login_throttle.client_address"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_ADDRESS_WINDOW_MINUTES = env_int("LOGIN_ADDRESS_WINDOW_MINUTES", 10)
# Behind our TLS proxy the client's address is the last X-Forwarded-For entry (set by the proxy).
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
# axes warns when "ip_address" is no lockout parameter; the address rule is LoginThrottleHandler's
# (its own limit and window, across usernames and browsers), as axes' would share the username's 5.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# --- end of login throttling ---

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Never turn on USE_THOUSAND_SEPARATOR: years would print as 2.025. Figures
# are formatted explicitly by nprz_dashboard.formatting.

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]

# --- Vendor files -------------------------------------------------
# Front-end libraries come from npm. Only the files the templates load are
# exposed, one by one, by VendorFileFinder: whole dist/ folders hold files that
# collectstatic's manifest storage cannot process. A template that needs another
# vendor file adds it here.
NODE_MODULES = BASE_DIR / "node_modules"
SWAGGER_UI = Path(drf_spectacular_sidecar.__file__).parent / "static" / "drf_spectacular_sidecar" / "swagger-ui-dist"
VENDOR_FILES = {
    "vendor/plotly/plotly-basic.min.js": NODE_MODULES / "plotly.js-basic-dist-min/plotly-basic.min.js",
    "vendor/plotly-locales/nl.js": NODE_MODULES / "plotly.js-locales/nl.js",
    "vendor/utrecht-css/index.css": NODE_MODULES / "@utrecht/component-library-css/dist/index.css",
    "vendor/utrecht-tokens/index.css": NODE_MODULES / "@utrecht/design-tokens/dist/index.css",
    # Swagger UI for the API's documentation page, from pip (drf-spectacular-sidecar), not npm.
    **{
        f"vendor/swagger-ui/{name}": SWAGGER_UI / name
        for name in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui.css.map")
    },
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "nprz_dashboard.vendor_files.VendorFileFinder",
]
# collectstatic writes here; the smoke test points it at a throwaway folder.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles"))
# --- end vendor files ---------------------------------------------------------
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads: imports are small monthly files; anything bigger is refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 2 * 1024 * 1024)
# A history file (/entry/import/history/: many months at once) has its own, larger bounds:
# 10 years × 500 areas with today's activities is about 312.000 rows and 12 MB of CSV.
IMPORT_BULK_MAX_BYTES = env_int("IMPORT_BULK_MAX_BYTES", 32 * 1024 * 1024)
IMPORT_BULK_MAX_ROWS = env_int("IMPORT_BULK_MAX_ROWS", 400_000)
IMPORT_BULK_MAX_SECONDS = env_float("IMPORT_BULK_MAX_SECONDS", 60.0)

# Data entry checks (DHIS2-style): a change of more than this share against the
# previous month, or outside the last 12 months' range widened by the tolerance,
# needs an explicit confirmation; values above the maxima are refused.
ENTRY_CHANGE_WARNING_SHARE = {
    "stock": env_float("ENTRY_CHANGE_WARNING_SHARE_STOCK", 0.10),
    "flow": env_float("ENTRY_CHANGE_WARNING_SHARE_FLOW", 0.50),
}
ENTRY_CHANGE_WARNING_MIN = env_int("ENTRY_CHANGE_WARNING_MIN", 10)
ENTRY_RANGE_TOLERANCE = env_float("ENTRY_RANGE_TOLERANCE", 0.10)
ENTRY_IDENTITY_TOLERANCE = env_float("ENTRY_IDENTITY_TOLERANCE", 0.005)
ENTRY_IDENTITY_MIN = env_int("ENTRY_IDENTITY_MIN", 30)
ENTRY_MAX_COUNT = env_int("ENTRY_MAX_COUNT", 100_000)
ENTRY_MAX_EURO = env_int("ENTRY_MAX_EURO", 10_000_000)
ENTRY_DUE_DAY = env_int("ENTRY_DUE_DAY", 15)

# --- E-mail and reminders (issue 14) -------------------------------------------
# EMAIL_URL picks the backend in one variable: smtp://user:password@host:587 (STARTTLS),
# smtps://user:password@host:465 (TLS from the start), smtp://host:25 (plain, e.g. a local
# relay), console:// (print), locmem:// (tests) or dummy:// (drop). Without it Django's
# usual EMAIL_* variables apply. SITE_URL is where the links in the messages point.


EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if os.environ.get("EMAIL_URL"):
    globals().update(email_settings(os.environ["EMAIL_URL"]))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "NPRZ Werkmonitor <werkmonitor@localhost>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Editors hear this many days before a month's figures are due (ENTRY_DUE_DAY).
ENTRY_REMINDER_DAYS = env_int("ENTRY_REMINDER_DAYS", 3)
# --- end of e-mail and reminders -------------------------------------------------

# Disclosure control: counts from 1 up to this threshold are hidden as "<10".
DISCLOSURE_THRESHOLD = env_int("DISCLOSURE_THRESHOLD", 10)

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Printed report PDFs are kept in the database (monitoring.ReportPdf), so every server serves them.
# This machine's own folder holds only the render locks (at most two Chromiums at once per machine).
PDF_LOCK_DIR = Path(os.environ.get("PDF_LOCK_DIR", VAR_DIR / "pdf-locks"))
# Report PDFs are printed off the request by a worker (`manage.py pdf_worker`, django-rq) on this
# queue in REDIS_URL's Redis; without REDIS_URL (empty queue name) they are printed in-process.
PDF_QUEUE = f"{os.environ.get('CACHE_KEY_PREFIX', 'werkmonitor')}-pdf" if REDIS_URL else ""
RQ_QUEUES = {PDF_QUEUE: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 180}} if PDF_QUEUE else {}
RQ = {"COMMIT_MODE": "auto"}  # we enqueue from transaction.on_commit ourselves
RQ_SHOW_ADMIN_LINK = False  # no queue dashboard (nor its token-authenticated stats URLs) in the admin

# Security headers. The CSP allows scripts from our own origin only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # plotly.js sets inline styles
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *oidc_form_targets(OIDC)],  # logging out ends the provider's session too
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# --- Sessions (hardening, issue 12) ----------------------------------------------------
# A session ends 8 hours after the last activity (nprz_dashboard/middleware.py keeps
# it alive while in use) and its cookie when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# With Redis a session is read from there (issue 23: no session query per request): cached_db
# writes each session to the database and to Redis, with the same expiry, and reads the database
# when Redis has lost it. Without Redis the cache is each worker's own memory, where a logout in
# one worker would not reach the others: then the database alone.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
# The same for a user's roles (nprz_dashboard/roles.py): kept in Redis, forgotten at every change.
ROLES_IN_CACHE = bool(REDIS_URL)
# --- end of sessions ---
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Trust X-Forwarded-Proto only behind a TLS proxy that sets it and strips it from
# clients; otherwise any client could claim https.
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Health checks: load balancers and probes ask /healthz over plain http
# on the app's own port; it answers there instead of redirecting to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

DJANGO_TABLES2_TEMPLATE = "partials/table.html"

# --- The open data API (/api/v1/, issue 15; api/) ------------------------------------------
# Read-only: token (Bearer) or session authentication, every role may read, a rate limit per
# token, JSON or the exports' Dutch CSV (?format=csv), pages of up to 1.000 rows.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/min")

# CBS StatLine's OData feed, read by `manage.py sync_cbs` (benchmarks/cbs.py); tests point it at a local server.
CBS_ODATA_URL = env_url("CBS_ODATA_URL", "https://opendata.cbs.nl")
CBS_TIMEOUT_SECONDS = env_int("CBS_TIMEOUT_SECONDS", 60)
if not re.fullmatch(r"[1-9]\d*/(s|sec|m|min|h|hour|d|day)", API_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"API_RATE_LIMIT must look like 120/min (per s, min, hour or day), got {API_RATE_LIMIT!r}"
    )
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # CSRF on unsafe methods (all 405 here)
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasRole"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": API_RATE_LIMIT},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.renderers.DutchCsvRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.FormatNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NPRZ Werkmonitor: open-data-API",
    "DESCRIPTION": (
        "De cijfers van Samen voor Zuid (NPRZ, pijler Werk), alleen-lezen, als JSON of als CSV (?format=csv, "
        "Nederlandse Excel-variant). Lezers krijgen dezelfde afscherming van kleine aantallen als op de pagina's. "
        "Elk cijfer heeft een status, een herkomst (official, entered, imported, demo) en bij officiële cijfers de "
        "bron; afgeleide getallen staan alleen onder derived/. / The figures of Samen voor Zuid, read-only, as JSON "
        "or CSV (Dutch Excel dialect). Readers get the pages' disclosure control; derived numbers only under derived/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.permissions.HasRole"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "FigureStatusEnum": "api.common.STATUSES",
        "AreaLevelEnum": "api.common.LEVELS",
        "TrackStatusEnum": "api.derived.TRACK_STATUSES",
    },
}
# --- end of the API ---

# --- Logging ---------------------------------------------------------
# Everything goes to stderr in logfmt (key=value), one line per event, which log
# collectors read without parsing rules; RequestLogMiddleware adds one line per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"logfmt": {"()": "nprz_dashboard.request_log.LogfmtFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "logfmt"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# --- end logging ------------------------------------------------------------------
