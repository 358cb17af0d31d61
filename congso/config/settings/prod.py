"""Production: refuses to start without its secrets and an explicit host list."""

from django.core.exceptions import ImproperlyConfigured

from congso.config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", required=True)
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
