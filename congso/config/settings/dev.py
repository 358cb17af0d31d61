"""Local development and `congso demo`: DEBUG on, a fixed non-secret key if none is given."""

from congso.config.env import env_str

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
# Dev key only; production refuses to start without FIELD_ENCRYPTION_KEY (see prod.py).
FIELD_ENCRYPTION_KEY = env_str(
    "FIELD_ENCRYPTION_KEY", "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE="
)
# Dev key only; production refuses to start without CONGSO_AUDIT_KEY (see prod.py).
CONGSO_AUDIT_KEY = env_str("CONGSO_AUDIT_KEY", "dev-only-audit-key-not-secret-" + "z" * 20)
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
