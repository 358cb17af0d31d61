"""Settings shared by every environment. Values from outside come through `config.env`."""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from congso.config.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # .../congso
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("CONGSO_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
# Key for field encryption of reporters' contact details (Fernet, urlsafe base64, 32 bytes).
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "")
# Key of the audit chain (HMAC-SHA256) and, optionally, a second key for signing its anchors
# (common/audit.py, common/audit_anchor.py). Held in the environment, never in the database.
CONGSO_AUDIT_KEY = env_str("CONGSO_AUDIT_KEY", "")
CONGSO_AUDIT_ANCHOR_KEY = env_str("CONGSO_AUDIT_ANCHOR_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "congso.common",
    "congso.org",
    "congso.accounts",
    "congso.conduct",
    "congso.surveys",
    "congso.cases",
    "congso.dissemination",
    "congso.inspections",
    "congso.evaluation",
    "congso.emulation",
    "congso.reports",
    "congso.portal",
]

# What every response needs; the last entry runs STAFF_MIDDLEWARE except on the citizen survey
# paths (congso/common/lanes.py, docs/surveys.md "The citizen lane"). Site-wide headers go here.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "congso.common.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "congso.common.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "congso.common.lanes.StaffLane",
]
# Sessions, users and everything built on them: staff pages and the rest of the API only.
STAFF_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "congso.accounts.middleware.ActorMiddleware",
    "congso.accounts.middleware.RequireSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]
# django-axes and `check --deploy` look for their middleware in MIDDLEWARE only; they run in
# STAFF_MIDDLEWARE, on every path but the citizen survey ones (no login, no session, no CSRF
# cookie). congso.common.lanes.staff_lane_check checks them there instead; tests check both.
SILENCED_SYSTEM_CHECKS = ["axes.W002", "security.W003"]

ROOT_URLCONF = "congso.config.urls"
WSGI_APPLICATION = "congso.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congso.common.context_processors.layout",
            ],
        },
    }
]


def database_from_url(url: str) -> dict:
    """Parse DATABASE_URL and apply our per-engine options (see design.md §3)."""
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL + IMMEDIATE transactions + a busy timeout: concurrent writers queue instead of
        # failing with "database is locked"; persistent connections keep throughput up.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        }
    return config


DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'congso.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL or "")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "common:my_tasks"
LOGOUT_REDIRECT_URL = "accounts:login"

# The client's address (login lock-out, survey and receipt limits): congso.common.http.
# Proxy headers (X-Real-IP, X-Forwarded-For) are believed only from these addresses or networks;
# behind the documented nginx on the same host that is loopback (docs/operations.md).
CONGSO_TRUSTED_PROXIES = env_list("CONGSO_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
for _proxy in CONGSO_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"CONGSO_TRUSTED_PROXIES: {_proxy!r} không phải địa chỉ IP hay mạng "
            f"(not an IP address or network)."
        ) from _exc

# django-axes: lock a user name from one address after repeated failures (the pair, so one
# person's mistakes or an attacker's guesses never lock every user out at once).
AXES_CLIENT_IP_CALLABLE = "congso.common.http.client_address"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Công Sở"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "congso_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["congso.config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Uploads: refuse oversized bodies before they are read whole.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
STAFF_IMPORT_MAX_BYTES = env_int("STAFF_IMPORT_MAX_BYTES", 20 * 1024 * 1024)

# Mail (dissemination reminders): SMTP when EMAIL_HOST is set, otherwise one file per message
# under var/mail (the demo and development read them there).
EMAIL_HOST = env_str("EMAIL_HOST", "") or ""
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "congso@localhost") or "congso@localhost"
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The province this installation serves (its root org unit is created by the demo/import).
CONGSO_PROVINCE_NAME = env_str("CONGSO_PROVINCE_NAME", "Tỉnh Lào Cai")
