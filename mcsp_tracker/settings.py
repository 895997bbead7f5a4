"""MCSP Tracker settings: everything that differs between machines comes from the environment.

See README.md ("Configuration") for the variables. With none set, the app runs on a SQLite
file under var/, runs Celery tasks in-process and writes emails to files under var/mail.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from mcsp_tracker.env import (
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_secret,
    env_str,
    env_url,
    mailers_from_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

# Management commands that only inspect code or files never sign anything, so they may run
# without the production secret (e.g. `manage.py check` in a pre-commit hook).
OFFLINE_COMMANDS = {
    "check",
    "makemigrations",
    "makemessages",
    "compilemessages",
    "showmigrations",
    "sqlmigrate",
}
SECRET_KEY = env_secret("SECRET_KEY")
if (
    not SECRET_KEY
    and sys.argv[0].endswith("manage.py")
    and sys.argv[1:2]
    and (sys.argv[1] in OFFLINE_COMMANDS)
):
    SECRET_KEY = "unused-by-offline-management-commands"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random "
            "string, or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes={"http", "https"}).rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "sheets",  # workbook imports: preview/apply, plan storage (sheets/__init__.py)
    "regions",
    "documents",
    "reports",
    "accounts",  # sign-in throttling (accounts/throttle.py)
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from gunicorn, before sessions or any database work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mcsp_tracker.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mcsp_tracker.middleware.PrivatePagesMiddleware",  # NUL paths 404; private no-store
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mcsp_tracker.middleware.HtmxLoginRedirectMiddleware",  # expired session in a panel
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into the lockout page
]

ROOT_URLCONF = "mcsp_tracker.urls"
WSGI_APPLICATION = "mcsp_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mcsp_tracker.context_processors.shell",
            ],
        },
    },
]

# SQLite file by default so a laptop needs nothing but Python; PostgreSQL in production and CI.
if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)  # var/ is not in git; a fresh clone must still start
DATABASES = {
    "default": dj_database_url.parse(
        env_url(
            "DATABASE_URL",
            f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
            schemes={"sqlite", "postgres", "postgresql", "pgsql"},
        ),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
# An optional streaming replica of the same database: the dashboards, exports, public weekly
# pages and digests read from it, everything else and every write uses default
# (mcsp_tracker.db_router). The test suite does not connect to it: it mirrors default.
DATABASE_REPLICA_URL = env_url(
    "DATABASE_REPLICA_URL", "", schemes={"postgres", "postgresql", "pgsql"}
)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["mcsp_tracker.db_router.ReplicaRouter"]
# A stalled database must not hang the workers: connecting gives up after DB_CONNECT_TIMEOUT
# seconds (also against a server that accepts TCP and never answers), and PostgreSQL cancels a
# runaway statement after DB_STATEMENT_TIMEOUT seconds (0: never, e.g. for a long backfill).
# Either way the page is a clean 503 (mcsp_tracker.views.server_error), /healthz too.
# JIT compilation is off: it pays off for analytical queries of many seconds, while here it fired
# on the recap's document list (27,300 rows, costed ~590,000 for its per-document subqueries)
# and compiled for 1-1.5 s (4 s of CPU) around a query of 0.3 s (issue 16).
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 3, minimum=1)
DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 30, minimum=0)
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {}).update(
            connect_timeout=DB_CONNECT_TIMEOUT,
            options=f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000} -c jit=off",
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is never on the request path: sessions live in the database, and the cache
# swallows Redis errors (mcsp_tracker.cache) so pages keep working when Redis is down.
REDIS_URL = env_url("REDIS_URL", "", schemes={"redis", "rediss", "unix"})
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 10, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "mcsp_tracker.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The dashboard's figures are rendered once per state of a province's data and kept this long
# (reports.views._figures_body); the state covers documents, scores and the checklist, and
# this bounds what it does not (government names, week-old snapshots rebuilt by a backfill).
FIGURES_CACHE_SECONDS = env_int("FIGURES_CACHE_SECONDS", 600, minimum=0)
FIGURES_CACHE_PREFIX = ""  # tests give each test its own (tests/conftest.py)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it ran, and re-delivered when its worker dies mid-task; the
# Delivery row's lock and status make the second run a no-op (reports/deliveries.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Emails: retry backoff base (doubles per attempt, capped at 30 min) and the notice batch.
EMAIL_RETRY_SECONDS = env_int("EMAIL_RETRY_SECONDS", 60, minimum=1)
NOTICE_BATCH_MINUTES = env_int("NOTICE_BATCH_MINUTES", 5, minimum=1)
# A pending email whose task went missing (its worker died) is re-queued by the next tick
# after this long, well before Redis would re-deliver the task (visibility timeout).
EMAIL_STALE_SECONDS = env_int("EMAIL_STALE_SECONDS", 120, minimum=1)
# Redis re-delivers an unacknowledged task after the visibility timeout, and a worker holds a
# task with a countdown unacknowledged until it runs: the timeout must outlast every countdown
# (retry backoff, notice batch), or a waiting task would be delivered twice.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
_LONGEST_COUNTDOWN = max(min(EMAIL_RETRY_SECONDS * 2**4, 1800), NOTICE_BATCH_MINUTES * 60 + 30)
if CELERY_VISIBILITY_TIMEOUT <= _LONGEST_COUNTDOWN:
    raise ImproperlyConfigured(
        f"CELERY_VISIBILITY_TIMEOUT must exceed the longest task countdown "
        f"({_LONGEST_COUNTDOWN} s); got {CELERY_VISIBILITY_TIMEOUT}"
    )
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
# One tick asks the database what is due (reports/outbox.py); missed or doubled fires are
# harmless. Crontab times are in CELERY_TIMEZONE (WIB).
CELERY_BEAT_SCHEDULE = {
    "tick": {"task": "reports.tasks.tick", "schedule": crontab(minute="*/15")},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes, counted in the database): after LOGIN_FAILURE_LIMIT wrong
# passwords one username is locked for one client address until LOGIN_LOCKOUT_MINUTES pass
# without another try. Colleagues behind the same office NAT, and the same person elsewhere,
# can still sign in. The client address comes from the proxy (mcsp_tracker.clientip).
AUTHENTICATION_BACKENDS = [
    "accounts.throttle.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mcsp_tracker.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
# Password-reset mails per typed address and per client address, each an hour.
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 3, minimum=1)
PASSWORD_RESETS_PER_CLIENT = env_int("PASSWORD_RESETS_PER_CLIENT", 10, minimum=1)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# gunicorn serves the static files itself, through WhiteNoise. Where they are served for real
# (the image sets STATIC_HASHED=1 and runs collectstatic), names carry a content hash and are
# precompressed, so browsers keep them for a year. Elsewhere (`make run`, the test suite) files
# keep their own names and come straight from static/: nothing needs collectstatic.
STATIC_HASHED = env_bool("STATIC_HASHED", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_HASHED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Evidence files are private: MEDIA_ROOT is never served by a static server, only through
# permission-checked download views, so there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

MAILERS = mailers_from_url(env_secret("EMAIL_URL"), VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MCSP Tracker <mcsp@localhost>")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Behind the TLS-terminating proxy (docker-compose.yml, deploy/Caddyfile). Only a peer in
# FORWARDED_ALLOW_IPS (the proxy) is believed about the client: gunicorn reads the same variable
# and takes X-Forwarded-Proto from it alone, then tells Django the request was https, so Django
# trusts no such header itself (no SECURE_PROXY_SSL_HEADER); the login throttle takes the
# client address from X-Forwarded-For the same way (mcsp_tracker.clientip).
FORWARDED_ALLOW_IPS = env_networks("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
if SITE_URL.startswith("https://"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes inside the stack speak plain http
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is the owner of the parent domain's decision (kalteng.go.id), not this app's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
