"""Production: refuses to start without its secrets and an explicit host list."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from congso.config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", required=True)
try:
    Fernet(FIELD_ENCRYPTION_KEY or "")
except ValueError as exc:  # also binascii.Error: not base64, or not 32 bytes
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEY không phải khóa Fernet hợp lệ (32 byte, base64 an toàn cho URL); "
        "tạo khóa bằng: python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())' "
        "(FIELD_ENCRYPTION_KEY is not a valid Fernet key)."
    ) from exc
CONGSO_AUDIT_KEY = env_str("CONGSO_AUDIT_KEY", required=True)
if len(CONGSO_AUDIT_KEY or "") < 32:
    raise ImproperlyConfigured(
        "CONGSO_AUDIT_KEY phải dài ít nhất 32 ký tự (must be ≥ 32 characters); tạo bằng: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Biến môi trường ALLOWED_HOSTS là bắt buộc trong môi trường production "
        "(environment variable ALLOWED_HOSTS is required in production)."
    )
if len(SECRET_KEY or "") < 40:
    raise ImproperlyConfigured("SECRET_KEY phải dài ít nhất 40 ký tự (must be ≥ 40 characters).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = 31536000 if env_bool("SECURE_HSTS", True) else 0
